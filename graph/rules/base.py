"""What every interaction rule shares: the :class:`Rule` record and the :class:`Explainer` that
turns rows into explanations (the traversal index over the NetworkX projection is
:mod:`drugkg.rules.index`).

A rule answers twice from the same data: by its SPARQL query (``queries/rule-NAME.rq``, with the
effect class and an optional drug bound as parameters) and by a traversal of the typed NetworkX
projection. Both return *rows*: dicts of CURIEs (plus ranks and labels where the rule has them)
with at least ``drugA``, ``drugB``, ``claimA`` and ``outcome``. ``Rule.key`` names the columns
that identify a row (the test suite checks that the two ways return the same keys), and
``Rule.group`` the columns that identify one *reason* (rows of one reason differ only in outcome
or in the assertions used).

Grading
-------
A claim's level is the best effective rank of its supporting evidence (label 4, primary 3,
secondary 2, hypothesis 1; unverified or not-located sources count as a hypothesis); a claim with
evidence that *qualifies* it, when it is a mechanism (e.g. low receptor occupancy), loses one level,
down to 1; qualifying evidence on any claim is shown as a caveat. A reason
built from several claims has the lowest of their levels: a chain is as strong as its weakest
link.

Examples
--------
>>> ranks = [KIND_RANKS[k] for k in ("interaction", "pharmacodynamic", "mechanism", "risk-factor", "shared-effect")]
>>> ranks == sorted(ranks, reverse=True)
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from ..namespaces import compress_iri
from ..records import EvidenceRef, Explanation, PathStep, Qualifiers, level_name, unique
from ..sparql.named import ANY
from ..sparql.terms import full_iri
from .index import Index, Row

if TYPE_CHECKING:
    import networkx as nx

    from ..context import GraphContext

#: Kind of reason -> rank in the ordering: a recorded interaction first; then the same mechanism
#: twice or reciprocal antagonism on one signal (``pharmacodynamic``); then different mechanisms
#: converging, or pharmacokinetics (``mechanism``); then a risk factor; a shared effect last.
KIND_RANKS = {"interaction": 5, "pharmacodynamic": 4, "mechanism": 3, "risk-factor": 2, "shared-effect": 1}

#: The grade of a secondary claim (a review, or a database listing).
LEVEL_SECONDARY = 2


@dataclass(frozen=True)
class Rule:
    """One interaction rule: its name, kind, query, row keys, traversal and explanation."""

    name: str
    kind: str
    basis: str
    query: str
    key: tuple[str, ...]
    group: tuple[str, ...]
    traverse: Callable[[Index, str, str | None], list[Row]]
    explain: Callable[[Explainer, list[Row]], Explanation]
    description: str = ""
    #: rows may leave ``outcome`` empty (context for the explanation); a reason needs one that has it
    context_rows: bool = False
    #: the reason explains why the two drugs' own effects add up (same mechanism, converging
    #: mechanisms), so a shared effect that both drugs' evidence lists corroborates it (see
    #: :func:`drugkg.answers.risk.corroborate`)
    additive: bool = False
    #: rows the store keeps outside RDF (signal rows as columns, :mod:`drugkg.signals`), in the
    #: query's columns, added to the query's rows when the store has such rows; called with the
    #: effect, the drug and the ``within`` drugs of :meth:`sparql`
    columns: Callable[[GraphContext, str, str | None, Sequence[str] | None], list[Row]] | None = None
    #: the reason a row belongs to, when it is not its :attr:`group` columns (the recorded rule
    #: gathers a pair's disproportionality signals from one dataset into one reason)
    reason: Callable[[Explainer, Row], tuple[object, ...]] | None = None
    #: the query starts from the effect class and the drug only filters its rows, so a list of
    #: drugs is asked at once (a ``VALUES`` block, :meth:`GraphContext.query_many`), not a drug
    #: at a time; a query that starts from the drug is cheaper asked per drug
    drug_filters: bool = False
    #: called with every reason's rows before any is explained, to fetch in one batch what the
    #: explanations will show (the recorded rule: the strongest signals of each pair)
    prepare: Callable[[Explainer, list[list[Row]]], None] | None = None

    def reason_of(self, ex: Explainer, row: Row) -> tuple[object, ...]:
        """The key of the reason ``row`` belongs to: :attr:`reason`, or its :attr:`group` columns."""
        return self.reason(ex, row) if self.reason is not None else tuple(map(row.get, self.group))

    @property
    def kind_rank(self) -> int:
        return KIND_RANKS[self.kind]

    def sparql(self, kg: GraphContext, effect: str, drug: str | None = None, *,
               within: Sequence[str] | None = None, columns: bool = True) -> list[Row]:
        """Rows of the rule's query for an effect class (IRI, CURIE or name) and optional drug, with
        the rows the store keeps as columns (:attr:`columns`; not with ``columns=False``), in the
        query's order.

        ``within`` (drug IRIs) keeps the rows whose two drugs are both among them (a regimen's
        pairs), before anything is explained; the columns are filtered where they are read.
        """
        rows = list(kg.query(self.query, effect=effect, drug=drug or ANY))
        return self._finish(kg, rows, effect, drug, within, columns)

    def sparql_many(self, kg: GraphContext, effect: str, drugs: Sequence[str], *,
                    within: Sequence[str] | None = None) -> list[Row]:
        """The query's rows of :meth:`sparql` (``columns=False``) for the pairs involving any of
        ``drugs``, in one query (for :attr:`drug_filters` rules), in the order of the key."""
        # the drugs filter what the query finds from the effect class (joined last)
        rows = sorted(kg.query_many(self.query, "drug", drugs, anchor=False, effect=effect),
                      key=lambda r: tuple(str(r.get(k) or "") for k in self.key))
        return self._finish(kg, rows, effect, None, within, False)

    def _finish(self, kg: GraphContext, rows: list[Row], effect: str, drug: str | None,
                within: Sequence[str] | None, columns: bool) -> list[Row]:
        if within is not None:
            inside = set(within)
            rows = [r for r in rows if full_iri(str(r["drugA"])) in inside and full_iri(str(r["drugB"])) in inside]
        if columns:
            rows = self.with_columns(kg, rows, effect, drug, within)
        return self.reasons_only(rows)

    def with_columns(self, kg: GraphContext, rows: list[Row], effect: str, drug: str | None = None,
                     within: Sequence[str] | None = None) -> list[Row]:
        """``rows`` with the rule's rows kept as columns, in the order of the key (unchanged when
        the rule or the store has none)."""
        if self.columns is None or kg.signals is None:
            return rows
        return sorted(rows + self.columns(kg, effect, drug, within), key=lambda r: tuple(str(r.get(k) or "") for k in self.key))

    def networkx(self, g: nx.MultiDiGraph, effect: str, drug: str | None = None) -> list[Row]:
        """Rows of the rule's traversal of the projection ``g`` (effect and drug as CURIEs)."""
        index = Index.of(g)
        if effect not in g:
            raise NotFound("effect", effect)
        return self.reasons_only(self.traverse(index, effect, drug))

    def reasons_only(self, rows: list[Row]) -> list[Row]:
        """With :attr:`context_rows`, the rows of the reasons (groups) that have an outcome."""
        if not self.context_rows:
            return rows
        found = {tuple(map(r.get, self.group)) for r in rows if r.get("outcome")}
        return [r for r in rows if tuple(map(r.get, self.group)) in found]

    def keys(self, rows: Iterable[Row]) -> set[tuple[Any, ...]]:
        """The identifying columns of each row."""
        return {tuple(r.get(k) or "" for k in self.key) for r in rows}


class Explainer:
    """Labels, path steps, grades, evidence, caveats and qualifiers of the claims a reason uses.

    Each is worked out once per node or claim and kept: one answer's 1,000 explanations reuse a
    few hundred claims and nodes.
    """

    def __init__(self, kg: GraphContext) -> None:
        self.kg = kg
        self.links = kg.links()
        self._mechanisms: set[str] | None = None
        self._databases: set[str] | None = None
        self._members: dict[tuple[str, str], list[str]] | None = None
        self._levels: dict[str, int] = {}
        self._labels: dict[str, str] = {}
        self._steps: dict[tuple[str, str], PathStep] = {}
        self._refs: dict[str, list[EvidenceRef]] = {}
        self._qualifiers: dict[str, Qualifiers] = {}
        self._caveats: dict[str, list[str]] = {}

    def is_mechanism(self, claim: str) -> bool:
        if self._mechanisms is None:
            rows = self.kg.sparql("SELECT ?m WHERE { VALUES ?c { dkg:Mechanism dkg:ActionMechanism } ?m a ?c }", isolated=False)
            self._mechanisms = {full_iri(r["m"]) for r in rows if isinstance(r, dict)} if isinstance(rows, list) else set()
        return full_iri(claim) in self._mechanisms

    def database_only(self, claim: str) -> bool:
        """True when every item supporting the claim comes from a source of type *database*
        (DrugBank and the like list roles without weighing them)."""
        if self._databases is None:
            rows = self.kg.sparql("SELECT ?key WHERE { ?s dkg:sourceType dkgr:sourcetype-database ; dkg:sourceKey ?key }",
                                  isolated=False)
            self._databases = {str(r["key"]) for r in rows if isinstance(r, dict)} if isinstance(rows, list) else set()
        supports = [e for e in self.refs(claim) if e.stance == "supports"]
        return bool(supports) and all(e.source in self._databases for e in supports)

    def membership(self, drug: str, cls: str) -> list[str]:
        """The mechanisms (IRIs) through which ``drug`` belongs to ``cls``, a class defined by
        target actions; empty for a class asserted by curators or defined otherwise. One query
        (``membership-mechanisms``) the first time, for every drug and class."""
        if self._members is None:
            self._members = defaultdict(list)
            for r in self.kg.query("membership-mechanisms"):
                self._members[(full_iri(r["member"]), full_iri(r["definedClass"]))].append(full_iri(r["mechanism"]))
            self.kg.prefetch(m for ms in self._members.values() for m in ms)  # their evidence, in one batch
        return self._members.get((full_iri(drug), full_iri(cls)), [])

    def qualified(self, claim: str) -> bool:
        """True when evidence qualifies the claim (e.g. a mechanism limited by low receptor occupancy)."""
        return any(e.stance == "qualifies" for e in self.refs(claim))

    def label(self, curie: str | None) -> str:
        if not curie:
            return ""
        found = self._labels.get(curie)
        if found is None:
            found = self._labels[curie] = self.kg.label(full_iri(curie))
        return found

    def step(self, curie: str, type_: str) -> PathStep:
        found = self._steps.get((curie, type_))
        if found is None:
            found = self._steps[(curie, type_)] = PathStep(node=compress_iri(full_iri(curie)), label=self.label(curie), type=type_)
        return found

    def prr(self, claim: str) -> float | None:
        """The PRR of a claim imported from a disproportionality dataset (nSIDES), if it has one."""
        return max((v for e in self.refs(claim) for k, v in e.statistics if k == "prr"), default=None)

    def refs(self, claim: str) -> list[EvidenceRef]:
        found = self._refs.get(claim)
        if found is None:
            found = self._refs[claim] = self.kg.evidence_by_claim.get(full_iri(claim), [])
        return found

    def qualifiers(self, claim: str) -> Qualifiers:
        found = self._qualifiers.get(claim)
        if found is None:
            found = self._qualifiers[claim] = self.kg.qualifiers(full_iri(claim))
        return found

    def level(self, claim: str) -> int:
        """The claim's grade; a mechanism's is one lower (not below 1) when evidence qualifies it."""
        if claim not in self._levels:
            self._levels[claim] = self._level(claim)
        return self._levels[claim]

    def weighed(self, claim: str) -> int:
        """The claim's grade, at most a secondary claim when only databases support it (a target
        action that DrugBank lists, unweighed, is not label-level pharmacology)."""
        level = self.level(claim)
        return min(level, LEVEL_SECONDARY) if level > LEVEL_SECONDARY and self.database_only(claim) else level

    def _level(self, claim: str) -> int:
        refs = self.refs(claim)
        rank = max((e.effective_rank for e in refs), default=0)
        if rank > 1 and any(e.stance == "qualifies" for e in refs) and self.is_mechanism(claim):
            rank -= 1
        return rank

    def target_steps(self, mechanism: str) -> list[PathStep]:
        return [PathStep(node=compress_iri(iri), label=label, type="target action")
                for iri, label in self.links.get(full_iri(mechanism), {}).get("target_action", [])]

    def acting(self, mechanism: str, action: str | None) -> tuple[str, list[PathStep]]:
        """How a drug acts through a mechanism: its words and path steps, drug side first. With
        ``action`` (the drug's target action), the mechanism is an action mechanism."""
        if action:
            return self.label(action), [self.step(action, "target action"), self.step(mechanism, "mechanism")]
        return self.via(mechanism), [*self.target_steps(mechanism), self.step(mechanism, "mechanism")]

    def via(self, mechanism: str) -> str:
        tas = [label for _, label in self.links.get(full_iri(mechanism), {}).get("target_action", [])]
        return " / ".join(tas) if tas else self.label(mechanism)

    def caveats(self, claims: Iterable[str]) -> list[str]:
        """What weakens the claims: hypotheses, qualifying or contradicting evidence."""
        return unique(line for c in claims for line in self._claim_caveats(c))

    def _claim_caveats(self, c: str) -> list[str]:
        found = self._caveats.get(c)
        if found is None:
            found = self._caveats[c] = self._weaknesses(c)
        return found

    def _weaknesses(self, c: str) -> list[str]:
        """A claim's caveats: resting on a hypothesis, qualified or contradicted by evidence."""
        out = []
        refs = self.refs(c)
        supports = [e for e in refs if e.stance == "supports"]
        if supports and max(e.effective_rank for e in supports) == 1:
            what = "a hypothesis" if all(e.level_rank == 1 for e in supports) else "unverified sources (counted as a hypothesis)"
            out.append(f"'{self.label(c)}' rests on {what}")
        for e in refs:
            if e.stance in ("qualifies", "contradicts"):
                verb = "qualified" if e.stance == "qualifies" else "contradicted"
                out.append(f"'{self.label(c)}' {verb} by {e.source}")
                if e.text:
                    out[-1] += f": {e.text}"
        return unique(out)

    def make(self, rule: Rule, rows: list[Row], *, summary: str, path: list[PathStep], claims: Iterable[str],
             outcomes: Iterable[str], level: int | None = None, severity: tuple[str | None, int] = (None, 0),
             details: Iterable[tuple[str, str]] = (), caveats: Iterable[str] = ()) -> Explanation:
        """The explanation of one reason; ``level`` defaults to the lowest grade of its claims;
        ``caveats`` are the rule's own, shown before those of the claims."""
        used = unique(c for c in claims if c)
        grade = min((self.level(c) for c in used), default=0) if level is None else level
        evidence = unique(e for c in used for e in self.refs(c))
        quals = [q for q in map(self.qualifiers, used) if q]
        return Explanation(
            basis=rule.basis, kind=rule.kind, summary=summary, outcomes=tuple(unique(self.label(o) for o in outcomes)),
            level=level_name(grade, evidence), level_rank=grade, claims=tuple(compress_iri(full_iri(c)) for c in used),
            path=tuple(path), evidence=tuple(evidence), rule=rule.name, kind_rank=rule.kind_rank,
            severity=severity[0], severity_rank=severity[1], caveats=tuple(unique([*caveats, *self.caveats(used)])),
            qualifiers=tuple(quals), details=tuple(details),
        )
