"""The :class:`KnowledgeGraph`: one object for SPARQL, lookups and the researcher's questions.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> kg.drug("Lioresal").label
'baclofen'
>>> kg.info()["drugs"] > 10
True
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from . import answers
from . import store as st
from .answers import ALL_EFFECTS, DEFAULT_EFFECT
from .context import GraphContext
from .defaults import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, MAX_LITERAL_CHARS
from .errors import QueryError, ReasonerError, StoreError
from .inputs import MAX_FILE_BYTES
from .namespaces import compress_iri
from .records import Combination, Drug, Effect, RegimenCheck, Results, Withdrawal
from .signals import SignalRows
from .sparql.backend import Backend, remote_store
from .store import preload

if TYPE_CHECKING:
    import networkx as nx

def load(path: str | os.PathLike[str] | None = None, *, data: list[str | os.PathLike[str]] | tuple[()] = (),
         rebuild: bool = False, check: bool = True, max_file_size: int = MAX_FILE_BYTES,
         max_literal: int = MAX_LITERAL_CHARS, timeout: float = DEFAULT_TIMEOUT,
         max_rows: int = DEFAULT_MAX_ROWS, signals: SignalRows | None = None) -> KnowledgeGraph:
    """Load the curated knowledge graph, with its OWL inferences, into an embedded Oxigraph store.

    Parameters
    ----------
    path : str or PathLike, optional
        Directory of an on-disk store. Missing or built from other content: it is (re)built
        atomically under a lock. Built from the same content: opened read-only, with no work (any
        number of processes, or the same one twice, can read it at once). Default: in memory.
    data : list of str or PathLike, optional
        Extra RDF files (``.ttl``, ``.nt``, ``.nq``, ``.rdf``/``.owl``, ``.jsonld``) to add to the
        curated data. Their inferences are computed once with HermiT and cached.
    rebuild : bool, default False
        Rebuild the on-disk store from its sources even if it looks current (repairs a damaged one).
    check : bool, default True
        Refuse data files that contradict the ontology (see :mod:`drugkg.store.checks`).
    max_file_size, max_literal : int
        Largest data file in bytes and longest literal in characters.
    timeout, max_rows : float, int
        Default limits of :meth:`~drugkg.context.GraphContext.sparql` queries.
    signals : SignalRows, optional
        Signal rows held by another engine, such as Spark SQL
        (:class:`~drugkg.signals.spark.SparkSignalTable`), answered instead of the store's own
        signal files (:mod:`drugkg.signals`).

    Returns
    -------
    KnowledgeGraph
        Also a context manager: ``with drugkg.load(path) as kg:`` closes it on exit.

    Raises
    ------
    DataError
        If a data file is missing, not a regular file, too large, malformed or contradicts the ontology.
    StoreError
        If ``path`` cannot hold a store, or holds a damaged one.

    Examples
    --------
    >>> kg = load()
    >>> kg.ask("ASK { dkgr:drug-clozapine a dkg:D2ReceptorAntagonist }")
    True
    """
    files = list(data) if isinstance(data, (list, tuple)) else data
    sources = st.shipped_sources() + st.user_sources(files, max_file_size=max_file_size, max_literal=max_literal)
    try:
        # in memory: the store the command line started filling in the background, if it did
        store = (preload.take(sources, check=check) if path is None else None) or st.open_store(
            path, sources, rebuild=rebuild, check=check)
    except ReasonerError as exc:
        if any(s.user for s in sources):
            names = ", ".join(s.name for s in sources if s.user)
            raise ReasonerError(f"{names}: {exc} (the data added to the ontology)") from None
        raise
    kg = KnowledgeGraph(store, path=Path(path) if path is not None else None, signals=signals)
    kg.timeout, kg.max_rows = timeout, max_rows
    return kg


def connect(url: str, *, timeout: float = 60.0, signals: SignalRows | None = None) -> KnowledgeGraph:
    """The knowledge graph held by a SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, Fuseki...).

    Every question (``risky_combinations``, ``explain``, ``effects``, ``withdrawal``, ``query``,
    ``sparql``, ``to_networkx``, ``export``) runs there unchanged. The endpoint must hold drugkg's
    graph (``drugkg publish``, or ``drugkg dump`` and the server's bulk loader) and answer queries
    over the union of its graphs (see docs/server.md). drugkg only talks to ``url``. Signal
    rows a store kept as columns are not in the endpoint: hand them as ``signals`` (the same
    rows in Spark SQL, :class:`~drugkg.signals.spark.SparkSignalTable`, or a store's
    :class:`~drugkg.signals.SignalTable`).

    Raises
    ------
    StoreError
        The URL is not http(s), the endpoint cannot be reached, or it holds no drugkg graph.

    Examples
    --------
    >>> connect("ftp://example.org/sparql")
    Traceback (most recent call last):
    ...
    drugkg.errors.StoreError: not an http(s) SPARQL endpoint URL: 'ftp://example.org/sparql'
    """
    kg = KnowledgeGraph(remote_store(url, timeout=timeout), signals=signals)
    try:
        found = kg.ask("ASK { ?d a dkg:Drug }")
    except QueryError as exc:
        raise StoreError(f"{url}: not a SPARQL 1.1 query endpoint: {exc}") from None
    if not found:
        raise StoreError(f"{url}: the endpoint holds no drugkg graph (no dkg:Drug); load it with 'drugkg publish' "
                         "and make sure the endpoint queries the union of its graphs")
    return kg


class KnowledgeGraph(GraphContext):
    """The drug-effect knowledge graph over an embedded Oxigraph store.

    Use :func:`load` to get one. SPARQL, names and evidence come from
    :class:`~drugkg.context.GraphContext`; the questions are answered in :mod:`drugkg.answers`.
    Every name argument (drug, effect, route, context) accepts a label, a synonym or a CURIE,
    case-insensitively.
    """

    def __init__(self, store: Backend, *, path: Path | None = None, signals: SignalRows | None = None) -> None:
        super().__init__(store, path=path, signals=signals)
        self._nx: Any = None

    def __repr__(self) -> str:
        where = self.store.url if not isinstance(self.store, ox.Store) else str(self.path) if self.path else "in memory"
        return f"<KnowledgeGraph {where}: {len(self.store)} triples>"

    def _repr_html_(self) -> str:
        return "<p><b>drugkg KnowledgeGraph</b></p>" + Results([self.info()])._repr_html_()

    def drug(self, name: str) -> Drug:
        """The drug named ``name`` (label, synonym, brand or CURIE, any case).

        Raises
        ------
        DrugNotFound
            With close matches when the name is unknown.

        Examples
        --------
        >>> d = load().drug("DRUGBANK:DB00181")
        >>> d.label, "CHEBI:2972" in d.identifiers
        ('baclofen', True)
        """
        iri = self.resolve(name, "drug")
        fields: dict[str, list[str]] = defaultdict(list)
        for row in self.rows("drug-profile", drug=iri):
            fields[row["field"]].append(row["valueLabel"] or row["value"])
        return Drug(
            iri=iri,
            curie=compress_iri(iri),
            label=fields["label"][0] if fields["label"] else compress_iri(iri),
            synonyms=tuple(fields["synonym"]),
            identifiers=tuple(fields["identifier"]),
            classes=tuple(sorted(set(fields["class"]))),
        )

    def drugs(self) -> Results[Drug]:
        """Every drug, sorted by label regardless of case (then by IRI).

        Examples
        --------
        >>> labels = [d.label for d in load().drugs()]
        >>> labels == sorted(labels, key=str.casefold) and "St John's wort" in labels
        True
        """
        return Results(sorted((self.drug(iri) for iri in self.names.nodes("drug")), key=lambda d: (d.label.casefold(), d.iri)))

    def info(self) -> dict[str, int]:
        """Counts: triples, drugs, effects, assertions, interactions, withdrawals, mechanisms,
        evidence, sources.

        Examples
        --------
        >>> info = load().info()
        >>> info["sources"] > 0 and info["triples"] > info["assertions"]
        True
        """
        row = self.rows("graph-summary")[0]
        return {k: int(v) for k, v in row.items()}

    # -- questions ------------------------------------------------------------------------------

    def effects(self, drug: str, *, context: str | None = None, route: str | None = None, effect: str | None = None) -> Results[Effect]:
        """Effects of a drug, with qualifiers and evidence (see :func:`drugkg.answers.effects`).

        Examples
        --------
        >>> kg = load()
        >>> [e.effect_label for e in kg.effects("baclofen", context="dose increase", effect="dystonia")]
        ['Dystonia']
        """
        return answers.effects(self, drug, context=context, route=route, effect=effect)

    def withdrawal(self, drug: str, *, route: str | None = None) -> Results[Withdrawal]:
        """Withdrawal syndromes of a drug, optionally for one route, with manifestations by stage.

        Examples
        --------
        >>> w = load().withdrawal("baclofen", route="intrathecal")[0]
        >>> w.route, "status dystonicus" in [m.effect_label for m in w.manifestations]
        ('intrathecal', True)
        """
        return answers.withdrawal(self, drug, route=route)

    def risky_combinations(self, effect: str = DEFAULT_EFFECT, *, drugs: list[str] | tuple[str, ...] | None = None) -> Results[Combination]:
        """Pairs of drugs whose combination raises the risk of an effect class, ranked.

        Parameters
        ----------
        effect : str, default "movement disorder"
            Effect class (label, synonym or CURIE such as ``HP:0001332``).
        drugs : list of str, optional
            Keep pairs involving any of these drugs.

        Returns
        -------
        Results of Combination
            Best first. Each carries ``basis`` ("recorded" or "inferred"), a ``score`` (see
            :mod:`drugkg.risk`), the outcomes in the class, explanation paths and evidence.

        Examples
        --------
        >>> top = load().risky_combinations(drugs=["baclofen"])[0]
        >>> top.basis, "baclofen" in top.drugs
        ('recorded', True)
        """
        return answers.combinations(self, effect=effect, drugs=drugs)

    def explain(self, a: str, b: str, *, effect: str | None = None) -> Combination | None:
        """Why drugs ``a`` and ``b`` together raise the risk of an effect class (None if they don't).

        Parameters
        ----------
        a, b : str
            The two drugs.
        effect : str, optional
            Effect class; default: every effect class.

        Examples
        --------
        >>> c = load().explain("baclofen", "clozapine", effect="movement disorder")
        >>> c.basis, sorted({e.rule for e in c.explanation})
        ('recorded', ['convergence', 'recorded', 'shared-effect'])
        >>> mechanism = [e for e in c.explanation if e.rule == "convergence"][0]
        >>> [step.label for step in mechanism.path][:3]
        ['baclofen', 'baclofen agonist of GABBR1', 'baclofen nigrostriatal dopamine']
        >>> any("hypothesis" in caveat for caveat in mechanism.caveats)
        True
        """
        ia, ib = self.resolve(a, "drug"), self.resolve(b, "drug")
        if ia == ib:
            raise QueryError(f"explain needs two different drugs, got {a!r} twice")
        found = answers.combinations(self, effect=effect or ALL_EFFECTS, drugs=[ia, ib], within=True)
        return found[0] if found else None

    def check(self, drugs: list[str] | tuple[str, ...], *, effect: str | None = None) -> RegimenCheck:
        """Check a regimen: every pair within ``drugs`` (and only those), for every effect class.

        Parameters
        ----------
        drugs : list of str
            Two or more drugs; an item may be a comma-separated list (``"baclofen,clozapine"``).
        effect : str, optional
            Keep one effect class; default: every effect class.

        Returns
        -------
        RegimenCheck
            ``pairs``: the risky pairs within the list, ranked like :meth:`risky_combinations`;
            ``no_known_risk``: the other pairs; ``groups``: three or more drugs converging on one
            mechanism or sharing one effect (cumulative burden).

        Raises
        ------
        QueryError
            Fewer than two different drugs.
        DrugNotFound
            An unknown drug name.

        Examples
        --------
        >>> report = load().check(["baclofen,clozapine", "lithium", "levodopa"])
        >>> len(report.pairs) + len(report.no_known_risk)
        6
        """
        return answers.check(self, drugs, effect=effect)

    def risk_graph(self, effect: str = DEFAULT_EFFECT) -> nx.Graph:
        """Drugs as nodes, risky combinations as weighted edges (see :mod:`drugkg.answers.riskgraph`).

        Examples
        --------
        >>> g = load().risk_graph("movement disorder")
        >>> g.number_of_nodes() > 5 and all(d["weight"] > 0 for _, _, d in g.edges(data=True))
        True
        """
        return answers.risk_graph(self, effect=effect)

    # -- graph views ----------------------------------------------------------------------------

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a typed NetworkX MultiDiGraph (see :mod:`drugkg.traversal`).

        Examples
        --------
        >>> g = load().to_networkx()
        >>> g.nodes["dkgr:drug-baclofen"]["type"]
        'drug'
        """
        if self._nx is None:
            from .traversal.projection import project

            self._nx = project(self)
        return self._nx

    def export(self, path: str | os.PathLike[str], *, format: str | None = None, focus: str | None = None, depth: int = 1,
               explain: tuple[str, str] | None = None, effect: str | None = None, drugs: list[str] | None = None,
               view: str = "summary") -> Path:
        """Write the graph, or a selected subgraph, to ``path`` (see :mod:`drugkg.export`)."""
        from .export import export

        return export(self, path, format=format, focus=focus, depth=depth, explain=explain, effect=effect, drugs=drugs, view=view)

    def validate(self, *, reasoner: bool = True) -> Any:
        """SHACL shapes, HermiT consistency and unsatisfiable classes (see :mod:`drugkg.validate`)."""
        from .reasoning.validate import validate_store

        store = self.store
        if not isinstance(store, ox.Store):
            raise StoreError(f"validate runs on the embedded store, not on {store.url}; use 'drugkg validate' before publishing")
        return validate_store(store, reasoner=reasoner)





__all__ = ["DEFAULT_EFFECT", "KnowledgeGraph", "connect", "load"]
