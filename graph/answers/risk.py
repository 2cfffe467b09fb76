"""Ranking drug combinations that raise the risk of an effect class.

The candidate pairs and their reasons come from the ``combination-risk`` SPARQL query (one row
per reason); this module grades each reason by its evidence, groups reasons by pair, scores and
ranks the pairs, and builds their explanation paths.

Grading
-------
A claim's **level** is the best *effective rank* among its supporting evidence: drug label 4,
primary report 3, secondary claim 2, hypothesis 1; evidence whose source is marked unverified or
whose primary source was not located counts as a hypothesis (1), and evidence that only
qualifies or contradicts counts 0. A recorded reason (an interaction) has its claim's level; an
inferred reason (two converging mechanisms, or a drug that causes a risk factor of the other's
effect) has the *lower* level of its two sides, since a chain is as strong as its weakest link.

Score
-----
``score = 100 * recorded + 10 * level + min(9, reasons)``, where ``recorded`` is 1 when at least
one interaction is recorded for the pair, ``level`` is the best level among the pair's recorded
reasons (or, for an inferred pair, among its inferred reasons), and ``reasons`` counts the pair's
distinct interaction claims and converging mechanism or risk-factor chains. A recorded pair
therefore always outranks an inferred one, better evidence outranks worse, and more independent
reasons break ties. Ties are ordered by drug names.

Examples
--------
>>> score(recorded=True, level=4, reasons=1)
141
>>> score(recorded=False, level=1, reasons=12)
19
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..namespaces import compress_iri
from ..records import LEVEL_NAMES, Combination, EvidenceRef, Explanation, PathStep, Results, unique
from ..sparql.terms import full_iri as _full

if TYPE_CHECKING:
    from ..context import GraphContext

#: The effect class risk questions default to.
DEFAULT_EFFECT = "movement disorder"

def score(*, recorded: bool, level: int, reasons: int) -> int:
    """The ranking score of a pair (see the module docstring)."""
    return 100 * int(recorded) + 10 * level + min(9, reasons)


def combinations(kg: GraphContext, *, effect: str, drugs: Sequence[str] | None = None) -> Results[Combination]:
    """Ranked combinations for an effect class; see :meth:`drugkg.KnowledgeGraph.risky_combinations`."""
    effect_iri = kg.resolve(effect, "effect")
    wanted = {kg.resolve(d, "drug") for d in drugs} if drugs else None
    rows: list[dict[str, Any]]
    if wanted is None:
        rows = kg.query("combination-risk", effect=effect_iri)
    else:  # the query starts from a given drug: far cheaper than every pair, then a filter
        rows = [r for d in sorted(wanted) for r in kg.query("combination-risk", effect=effect_iri, drug=d)]
    # pair -> reason key -> (first row, outcomes in the class)
    by_pair: dict[tuple[str, str], dict[tuple[Any, ...], tuple[dict[str, Any], list[str]]]] = defaultdict(dict)
    for r in rows:
        a, b = _full(r["drugA"]), _full(r["drugB"])
        if wanted is not None and a not in wanted and b not in wanted:
            continue
        pair = (a, b) if kg.label(a) <= kg.label(b) else (b, a)
        key = (a, b, r["basis"], r["kind"], r["claimA"], r["claimB"])
        _, outcomes = by_pair[pair].setdefault(key, (r, []))
        if r["outcome"] and _full(r["outcome"]) not in outcomes:
            outcomes.append(_full(r["outcome"]))
    builder = _Builder(kg)
    out = [builder.combination(pair, [builder.explanation(r, outs) for r, outs in reasons.values()])
           for pair, reasons in by_pair.items()]
    # signal strength (the best PRR of a pair's disproportionality signals) only orders pairs whose scores tie
    out.sort(key=lambda c: (-c.score, -builder.strength.get(c.drug_iris, 0.0), c.drugs))
    return Results(out)


class _Builder:
    """Turns query rows into explanations and pairs, with the graph's labels and evidence."""

    def __init__(self, kg: GraphContext) -> None:
        self.kg = kg
        self.links = kg.links()
        self.strength: dict[tuple[str, str], float] = {}
        self._prr: dict[str, float | None] = {}

    def prr(self, claim: str) -> float | None:
        """The PRR recorded on a claim's evidence (pharmacovigilance signals), if any."""
        if claim not in self._prr:
            rows = self.kg.sparql("SELECT ?c (MAX(?p) AS ?prr) WHERE { ?c dkg:hasEvidence/dkg:prr ?p } GROUP BY ?c",
                                  params={"c": f"<{claim}>"})
            value = rows[0]["prr"] if rows else None  # type: ignore[index,call-overload]
            self._prr[claim] = float(value) if value is not None else None
        return self._prr[claim]

    def step(self, iri: str, type_: str) -> PathStep:
        return PathStep(node=compress_iri(iri), label=self.kg.label(iri), type=type_)

    def evidence(self, claim: str) -> tuple[EvidenceRef, ...]:
        return tuple(self.kg.evidence_by_claim.get(claim, ()))

    def explanation(self, r: dict[str, Any], outcomes: list[str]) -> Explanation:
        a, b = _full(r["drugA"]), _full(r["drugB"])
        ca, cb = _full(r["claimA"]), _full(r["claimB"])
        kind = r["kind"]
        level_name: str | None = None
        if kind == "interaction":
            level, level_name = self.kg.claim_level(ca)
            steps = [self.step(a, "drug")]
            steps += self._class_step(a, ca)
            steps.append(self.step(ca, "interaction"))
            steps += self._class_step(b, ca)
            steps.append(self.step(b, "drug"))
            prr = self.prr(ca)
            if prr is not None:  # a disproportionality signal: an association in reports, never a cause
                summary = f"reported together more often than expected: '{self.kg.label(ca)}' (PRR {prr:.3g}; a signal, not a cause)"
                key = (a, b) if self.kg.label(a) <= self.kg.label(b) else (b, a)
                self.strength[key] = max(self.strength.get(key, 0.0), prr)
            else:
                summary = f"recorded interaction '{self.kg.label(ca)}'"
            evidence = self.evidence(ca)
            claims: tuple[str, ...] = (compress_iri(ca),)
        elif kind == "mechanism":
            level = min(self.kg.claim_level(ca)[0], self.kg.claim_level(cb)[0])
            physio, pathway = _full(r["physio"]), _full(r["pathway"])
            steps = [self.step(a, "drug"), *self._target_steps(ca), self.step(ca, "mechanism"),
                     self.step(physio, "physiological effect"), self.step(pathway, "pathway"),
                     self.step(cb, "mechanism"), *reversed(self._target_steps(cb)), self.step(b, "drug")]
            summary = (f"both cause {self.kg.label(physio)} in the {self.kg.label(pathway)}: "
                       f"{self._via(ca)} and {self._via(cb)}")
            evidence = self.evidence(ca) + self.evidence(cb)
            claims = (compress_iri(ca), compress_iri(cb))
        else:  # risk-factor
            level = min(self.kg.claim_level(ca)[0], self.kg.claim_level(cb)[0])
            rf, caused = _full(r["riskFactor"]), _full(r["caused"])
            steps = [self.step(b, "drug"), self.step(cb, "assertion"), self.step(caused, "effect"),
                     self.step(rf, "risk factor"), self.step(ca, "assertion"), self.step(a, "drug")]
            summary = (f"{self.kg.label(b)} can cause {self.kg.label(caused)}, a risk factor for "
                       f"{self.kg.label(a)}'s {self.kg.label(_full(r['outcome']))}")
            evidence = self.evidence(cb) + self.evidence(ca)
            claims = (compress_iri(ca), compress_iri(cb))
        return Explanation(
            basis=r["basis"], kind=kind, summary=summary, outcomes=tuple(self.kg.label(o) for o in outcomes),
            level=level_name or LEVEL_NAMES[level], level_rank=level,
            claims=claims, path=tuple(steps), evidence=tuple(unique(evidence)),
        )

    def _class_step(self, drug: str, interaction: str) -> list[PathStep]:
        participants = {iri for iri, _ in self.links.get(interaction, {}).get("participant", [])}
        if drug in participants or not participants:
            return []
        classes = [p for p in participants if self.kg.ask("ASK { ?d a ?c }", params={"d": f"<{drug}>", "c": f"<{p}>"})]
        return [self.step(c, "drug class") for c in sorted(classes)]

    def _target_steps(self, mechanism: str) -> list[PathStep]:
        return [PathStep(node=compress_iri(iri), label=label, type="target action")
                for iri, label in self.links.get(mechanism, {}).get("target_action", [])]

    def _via(self, mechanism: str) -> str:
        tas = [label for _, label in self.links.get(mechanism, {}).get("target_action", [])]
        return " / ".join(tas) if tas else self.kg.label(mechanism)

    def combination(self, pair: tuple[str, str], exps: list[Explanation]) -> Combination:
        finished = sorted(exps, key=lambda e: (e.basis != "recorded", -e.level_rank, e.summary))
        recorded = [e for e in finished if e.basis == "recorded"]
        best = recorded or finished
        level = max(e.level_rank for e in best)
        reasons = len({e.claims for e in finished})
        outcomes = tuple(unique(o for e in finished for o in e.outcomes))
        evidence = tuple(unique(ev for e in finished for ev in e.evidence))
        names = tuple(self.kg.label(d).lower() for d in pair)
        top = finished[0]
        cites = ", ".join(unique(ev.source for ev in top.evidence if ev.stance == "supports")[:3])
        reason = f"{top.summary} -> {', '.join(top.outcomes)} [{top.level}{': ' + cites if cites else ''}]"
        return Combination(
            drugs=(names[0], names[1]), drug_iris=(pair[0], pair[1]), basis="recorded" if recorded else "inferred",
            score=score(recorded=bool(recorded), level=level, reasons=reasons),
            level=next(e.level for e in best if e.level_rank == level),
            outcomes=outcomes, reason=reason, explanation=tuple(finished), evidence=evidence,
        )

