"""What a context knows about claims: their evidence, grade, qualifiers and links, fetched in
batches and kept (:class:`ClaimFacts`, a part of :class:`~drugkg.context.GraphContext`).

Evidence of the rows a store keeps as columns (:mod:`drugkg.signals`) comes from the signal
files and their file's node in RDF; links and qualifiers are only asked of the RDF.

Examples
--------
>>> import drugkg
>>> ctx = drugkg.load()
>>> ctx.claim_level("https://w3id.org/drugkg/resource/interaction-baclofen-lithium")
(4, 'drug label')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import sparql as q
from .claims import ClaimCache, batches, evidence_from, links_from, qualifiers_from
from .errors import NotFound, QueryError
from .namespaces import compress_iri
from .records import EvidenceRef, Qualifiers, Results, level_name
from .signals import SignalRows, SignalTable
from .sparql.terms import to_iri


class ClaimFacts:
    """The claim caches of a context (see the module docstring)."""

    path: Path | None
    _evidence: ClaimCache[list[EvidenceRef]] | None
    _claim_links: ClaimCache[dict[str, list[tuple[str, str]]]] | None
    _qualifiers: ClaimCache[dict[str, list[str]]] | None
    _signals: list[SignalRows | None]

    if TYPE_CHECKING:  # given by GraphContext
        def _run(self, text: str, bindings: Any = None, *, isolated: bool | None = None,
                 values: tuple[str, list[str]] | None = None) -> Any: ...
        def ask(self, query: str, *, params: dict[str, str] | None = None, isolated: bool | None = None) -> bool: ...
        def label(self, iri: str) -> str: ...

    @property
    def evidence_by_claim(self) -> ClaimCache[list[EvidenceRef]]:
        """claim IRI -> its evidence, fetched for a batch of claims on first use (an imported store has millions)."""
        if self._evidence is None:
            self._evidence = ClaimCache(self._evidence_of)
        return self._evidence

    @property
    def signals(self) -> SignalRows | None:
        """The signal rows an on-disk store keeps as columns (:mod:`drugkg.signals`), or those
        given to :func:`drugkg.load` or :func:`drugkg.connect` (``signals=``), or None."""
        if not self._signals:
            self._signals.append(SignalTable.of(self.path) if self.path is not None else None)
        return self._signals[0]

    def _evidence_of(self, claims: list[str] | None) -> dict[str, list[EvidenceRef]]:
        table = self.signals
        rows = [c for c in claims if table.owns(c)] if table is not None and claims is not None else []
        kept = set(rows)
        rest = [c for c in claims if c not in kept] if claims is not None and rows else claims
        out = evidence_from(self._run_for(q.load_query("assertion-evidence").text, "claim", rest),
                            self._run_for(q.load_query("claim-statistics").text, "claim", rest)) if rest != [] else {}
        if rows and table is not None:  # rows kept as columns: their file's evidence, with their statistics
            out.update(table.evidence(rows, self.node_evidence))
        return out

    def node_evidence(self, nodes: list[str]) -> dict[str, list[EvidenceRef]]:
        """The evidence of RDF nodes (IRIs), read from the RDF side even where the signal files own
        the IRIs' namespace (the file node whose evidence a file's rows share)."""
        return evidence_from(self._run_for(q.load_query("assertion-evidence").text, "claim", nodes), [])

    def _run_for(self, text: str, var: str, iris: list[str] | None) -> Iterator[dict[str, Any]]:
        """Solutions (variable -> term, None when unbound) of a shipped query with ``?var`` bound to
        each of ``iris`` (a batch at a time, as a ``VALUES`` block: :func:`drugkg.sparql.with_values`),
        or left open (``None``)."""
        for batch in batches(iris):
            # a shipped query with IRIs found by an earlier query: in-process, like the query itself
            result = self._run(text, isolated=False, values=None if batch is None else (var, batch))
            names = [v.value for v in result.variables]
            for sol in result:  # read in order: six times cheaper than looking each value up by name
                yield dict(zip(names, sol, strict=True))

    def prefetch(self, claims: Iterable[str]) -> None:
        """Fetch the evidence, links and qualifiers of many claims (IRIs) in a few queries."""
        wanted = list(dict.fromkeys(claims))
        self.evidence_by_claim.prefetch(wanted)
        self.links().prefetch(wanted)
        self._qualifier_cache().prefetch(wanted)

    def evidence(self, claim: str) -> Results[EvidenceRef]:
        """Evidence behind a claim (assertion, interaction, mechanism, withdrawal...), best first.

        Parameters
        ----------
        claim : str
            IRI or CURIE of the claim, e.g. ``dkgr:interaction-baclofen-lithium``.

        Examples
        --------
        >>> from drugkg import load
        >>> ev = load().evidence("dkgr:interaction-baclofen-lithium")
        >>> ev[0].level
        'drug label'
        """
        if not isinstance(claim, str):
            raise QueryError(f"evidence() needs a claim IRI or CURIE, got {claim!r}")
        iri = to_iri(claim).value
        if iri not in self.evidence_by_claim and not self.ask("ASK { ?c ?p ?o }", params={"c": f"<{iri}>"}, isolated=False):
            raise NotFound("claim", claim)
        return Results(self.evidence_by_claim.get(iri, []))

    def claim_level(self, claim: str) -> tuple[int, str]:
        """Grade of a claim: the best effective rank of its supporting evidence, and its name.

        Evidence whose source is unverified or not located counts as a hypothesis (rank 1);
        evidence that qualifies or contradicts does not raise the grade.
        """
        refs = self.evidence_by_claim.get(claim, [])
        rank = max((e.effective_rank for e in refs), default=0)
        return rank, level_name(rank, refs)

    def qualifiers(self, claim: str) -> Qualifiers:
        """What limits a claim: routes, contexts, population or condition, dose, curator notes.

        Examples
        --------
        >>> from drugkg import load
        >>> load().qualifiers("https://w3id.org/drugkg/resource/interaction-baclofen-lithium").contexts
        ('co-administration',)
        """
        fields = self._qualifier_cache().get(claim)
        return Qualifiers(claim=compress_iri(claim), label=self.label(claim), **{k: tuple(v) for k, v in (fields or {}).items()})

    def _qualifier_cache(self) -> ClaimCache[dict[str, list[str]]]:
        if self._qualifiers is None:
            self._qualifiers = ClaimCache(self._qualifiers_of)
        return self._qualifiers

    def _qualifiers_of(self, claims: list[str] | None) -> dict[str, dict[str, list[str]]]:
        return qualifiers_from(self._run_for(q.load_query("claim-qualifiers").text, "claim", self._in_rdf(claims)))

    def _in_rdf(self, claims: list[str] | None) -> list[str] | None:
        """The claims the RDF can hold: those not rows of a signal file (which have neither links
        nor qualifiers, and are never triples). ``None`` (every claim) stays ``None``."""
        table = self.signals
        if table is None or claims is None:
            return claims
        return [c for c in claims if not table.owns(c)]

    def link_labels(self) -> ClaimCache[dict[str, list[str]]]:
        """claim IRI -> relation -> labels of the linked nodes."""
        links = self.links()

        def fetch(claims: list[str] | None) -> dict[str, dict[str, list[str]]]:
            if claims is None:
                links.fill()
                claims = links.known()
            links.prefetch(claims)
            return {c: {r: [label for _, label in nodes] for r, nodes in links[c].items()} for c in claims if c in links}

        return ClaimCache(fetch)

    def links(self) -> ClaimCache[dict[str, list[tuple[str, str]]]]:
        """claim IRI -> relation -> ``(node IRI, label)`` of its qualifier links (``claim-links`` query, per claim)."""
        if self._claim_links is None:
            self._claim_links = ClaimCache(self._links_of)
        return self._claim_links

    def _links_of(self, claims: list[str] | None) -> dict[str, dict[str, list[tuple[str, str]]]]:
        return links_from(self._run_for(q.load_query("claim-links").text, "claim", self._in_rdf(claims)))
