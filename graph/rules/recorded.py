"""Rule *recorded*: an interaction recorded between the two drugs, or between their classes.

The interaction's outcome falls under the effect class; a drug class participant stands for each of
its members, asserted or classified by the reasoner. The source's management severity
(contraindicated, avoid, adjust or monitor, consider) comes along.

A class-level interaction reaches a member no more strongly than the member's link to the class.
When the class is defined by target actions (dopamine D2 receptor antagonist) and every mechanism
through which the member belongs to it is qualified by evidence (clozapine's low striatal D2
occupancy), the reason loses one evidence level and carries those qualifications as caveats: a
label's warning about D2 antagonists holds for haloperidol as written and for clozapine only as
far as its D2 antagonism goes.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> rows = RULE.sparql(kg, "movement disorder", "lithium")
>>> ("dkgr:drug-baclofen", "dkgr:drug-lithium") in {(r["drugA"], r["drugB"]) for r in rows}
True
>>> RULE.keys(rows) == RULE.keys(RULE.networkx(kg.to_networkx(), "dkg:MovementDisorder", "dkgr:drug-lithium"))
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..namespaces import compress_iri
from ..records import Explanation
from ..sparql.terms import full_iri
from .base import Explainer, Index, Row, Rule, keep

if TYPE_CHECKING:
    from ..context import GraphContext


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    members: dict[str, set[str]] = defaultdict(set)
    for d in ix.by_type["drug"]:
        members[d].add(d)
        for c in ix.t(d, "member_of"):
            members[c].add(d)
    def via(participant: str, drug: str) -> str | None:
        return None if participant == drug else participant

    out = []
    for n in ix.by_type["interaction"]:
        outcomes = [o for o in ix.t(n, "hasOutcome") if o in under]
        if not outcomes:
            continue
        severity = next(iter(ix.t(n, "interactionSeverity")), None)
        parts = ix.t(n, "hasParticipant")
        for pa in parts:
            for pb in parts:
                if pa == pb:
                    continue
                for a in members.get(pa, ()):
                    for b in members.get(pb, ()):
                        if a != b and ix.iri[a] < ix.iri[b]:
                            out += [{"drugA": a, "drugB": b, "claimA": n, "outcome": o, "severity": severity,
                                     "severityRank": ix.rank(severity), "viaA": via(pa, a), "viaB": via(pb, b)}
                                    for o in outcomes]
    return [r for r in out if keep(r, drug)]


def signal_rows(kg: GraphContext, effect: str, drug: str | None, within: Sequence[str] | None = None) -> list[Row]:
    """The rows of signal files (:mod:`drugkg.signals`) as the query gives imported interactions:
    each row's drugs in IRI order, its effect class as the outcome, no severity, no classes;
    with ``within`` (drug IRIs), the rows of two of those drugs only."""
    table = kg.signals
    if table is None:
        return []
    # the classes under the effect asked for (the hierarchy is RDF), by a named query
    under = kg.query("effect-classes", effect=effect)
    out = []
    for r in table.pairs((full_iri(c["class"]) for c in under), kg.resolve(drug, "drug") if drug else None, within=within):
        a, b = sorted((r.drug1, r.drug2))
        out.append({"drugA": compress_iri(a), "drugB": compress_iri(b), "claimA": compress_iri(r.claim),
                    "outcome": compress_iri(r.effect), "severity": None, "severityRank": None, "viaA": None, "viaB": None})
    return out


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, claim = r["drugA"], r["drugB"], r["claimA"]
    via_a = sorted({x["viaA"] for x in rows if x.get("viaA")})
    via_b = sorted({x["viaB"] for x in rows if x.get("viaB")})
    path = [ex.step(a, "drug"), *(ex.step(c, "drug class") for c in via_a), ex.step(claim, "interaction"),
            *(ex.step(c, "drug class") for c in via_b), ex.step(b, "drug")]
    severity = ex.label(r["severity"]) if r.get("severity") else None
    prr = ex.prr(claim)
    if prr is not None:  # a disproportionality signal in spontaneous reports: an association, never a cause
        summary = (f"reported together more often than expected: '{ex.label(claim)}' "
                   f"(PRR {prr:.3g}; a signal, not a cause)")
    else:
        summary = f"recorded interaction '{ex.label(claim)}'" + (f" ({severity})" if severity else "")
    weak = [(d, c, ms) for d, classes in ((a, via_a), (b, via_b)) for c in classes
            if (ms := ex.membership(d, c)) and all(ex.qualified(m) for m in ms)]
    level = max(1, ex.level(claim) - 1) if weak else None
    caveats = [f"{ex.label(d)} is a {ex.label(c)} only through qualified mechanisms "
               f"({', '.join(ex.label(m) for m in ms)}): the class-level statement is weighed one level lower"
               for d, c, ms in weak]
    return ex.make(RULE, rows, summary=summary, path=path, claims=[claim, *(m for _, _, ms in weak for m in ms)],
                   outcomes=[x["outcome"] for x in rows], level=level, severity=(severity, int(r.get("severityRank") or 0)),
                   details=[("PRR", f"{prr:.6g}")] if prr is not None else [], caveats=caveats)


RULE = Rule(
    name="recorded", kind="interaction", basis="recorded", query="rule-recorded",
    key=("drugA", "drugB", "claimA", "outcome"), group=("drugA", "drugB", "claimA"),
    traverse=traverse, explain=explain, columns=signal_rows,
    description="an interaction recorded for the two drugs or their classes, with an outcome in the class",
)
