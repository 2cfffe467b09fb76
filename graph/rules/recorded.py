"""Rule *recorded*: an interaction recorded between the two drugs, or between their classes.

The interaction's outcome falls under the effect class; a drug class participant stands for each of
its members, asserted or classified by the reasoner. The source's management severity
(contraindicated, avoid, adjust or monitor, consider) comes along.

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

from ..records import Explanation, PathStep
from ..sparql.terms import full_iri
from .base import Explainer, Index, Row, Rule, keep


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    members: dict[str, set[str]] = defaultdict(set)
    for d in ix.by_type["drug"]:
        members[d].add(d)
        for c in ix.t(d, "member_of"):
            members[c].add(d)
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
                                     "severityRank": ix.rank(severity)} for o in outcomes]
    return [r for r in out if keep(r, drug)]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, claim = r["drugA"], r["drugB"], r["claimA"]
    path = [ex.step(a, "drug"), *_class_steps(ex, a, claim), ex.step(claim, "interaction"),
            *_class_steps(ex, b, claim), ex.step(b, "drug")]
    severity = ex.label(r["severity"]) if r.get("severity") else None
    prr = ex.prr(claim)
    if prr is not None:  # a disproportionality signal in spontaneous reports: an association, never a cause
        summary = (f"reported together more often than expected: '{ex.label(claim)}' "
                   f"(PRR {prr:.3g}; a signal, not a cause)")
    else:
        summary = f"recorded interaction '{ex.label(claim)}'" + (f" ({severity})" if severity else "")
    return ex.make(RULE, rows, summary=summary, path=path, claims=[claim], outcomes=[x["outcome"] for x in rows],
                   severity=(severity, int(r.get("severityRank") or 0)),
                   details=[("PRR", f"{prr:.6g}")] if prr is not None else [])


def _class_steps(ex: Explainer, drug: str, interaction: str) -> list[PathStep]:
    """The drug class through which ``drug`` takes part in ``interaction`` (none if named itself)."""
    participants = {iri for iri, _ in ex.links.get(full_iri(interaction), {}).get("participant", [])}
    iri = full_iri(drug)
    if iri in participants or not participants:
        return []
    classes = [p for p in participants if ex.kg.ask("ASK { ?d a ?c }", params={"d": f"<{iri}>", "c": f"<{p}>"},
                                                                   isolated=False)]
    return [ex.step(c, "drug class") for c in sorted(classes)]


RULE = Rule(
    name="recorded", kind="interaction", basis="recorded", query="rule-recorded",
    key=("drugA", "drugB", "claimA", "outcome"), group=("drugA", "drugB", "claimA"),
    traverse=traverse, explain=explain,
    description="an interaction recorded for the two drugs or their classes, with an outcome in the class",
)
