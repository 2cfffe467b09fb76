"""Rule *addition*: two drugs with the same action on the same target add up through one mechanism.

Two antagonists of DRD2 (haloperidol and risperidone), or two inhibitors of VMAT2, act through
the same mechanism: what that action on that target does (an *action mechanism*, curated once for
every drug that acts so) or the own mechanism of one of the two drugs through that target action,
and that mechanism leads to an effect under the class. The pair is found from target actions, so
an imported drug whose dataset lists the target action (DrugBank XML) takes part like a curated
one. The reason is graded by the weakest of the two target actions and the mechanism (the best
mechanism where several carry the same action), and ranks above convergence of different
mechanisms (kind ``pharmacodynamic``; see :mod:`drugkg.answers.risk`).

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> rows = RULE.sparql(kg, "movement disorder", "haloperidol")
>>> "dkgr:drug-risperidone" in {r["drugB"] for r in rows}
True
>>> RULE.keys(rows) == RULE.keys(RULE.networkx(kg.to_networkx(), "dkg:MovementDisorder", "dkgr:drug-haloperidol"))
True
"""

from __future__ import annotations

from collections import defaultdict

from ..records import Explanation
from .base import Explainer, Rule
from .index import Index, Row, keep


def acting(ix: Index) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """``(target, action)`` -> ``[(drug, target action)]`` over every target action."""
    out: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for ta in ix.by_type["target_action"]:
        for target in ix.t(ta, "onTarget"):
            for action in ix.t(ta, "actionType"):
                out[(target, action)] += [(d, ta) for d in ix.s(ta, "hasTargetAction")]
    return out


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    by_action = acting(ix)
    out: list[Row] = []

    def rows(m: str, a: str, ca: str, b: str, cb: str, target: str, action: str) -> None:
        if ix.iri[a] > ix.iri[b]:
            a, ca, b, cb = b, cb, a, ca
        out.extend({"drugA": a, "drugB": b, "claimA": ca, "claimB": cb, "mechanism": m, "target": target, "action": action,
                    "outcome": o, "physio": pe, "pathway": pw}
                   for o in ix.t(m, "leadsTo") if o in under
                   for pe in ix.t(m, "hasPhysiologicalEffect") for pw in ix.t(m, "inPathway"))

    for m in ix.by_type["action_mechanism"]:
        if ix.withdrawal_only(m):
            continue
        for target in ix.t(m, "forTarget"):
            for action in ix.t(m, "forAction"):
                drugs = by_action.get((target, action), [])
                for a, ca in drugs:
                    for b, cb in drugs:
                        if ix.iri[a] < ix.iri[b]:
                            rows(m, a, ca, b, cb, target, action)
    for m in ix.by_type["mechanism"]:
        if ix.withdrawal_only(m):
            continue
        for owner in ix.t(m, "mechanismOf"):
            for mine in ix.t(m, "viaTargetAction"):
                if owner not in ix.s(mine, "hasTargetAction"):
                    continue
                for target in ix.t(mine, "onTarget"):
                    for action in ix.t(mine, "actionType"):
                        for other, theirs in by_action.get((target, action), []):
                            if other != owner:
                                rows(m, owner, mine, other, theirs, target, action)
    return [r for r in out if keep(r, drug)]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, target, action = r["drugA"], r["drugB"], r["target"], r["action"]
    # the best-supported target action of each side (a drug curated and imported has two) and
    # mechanism of this action (ties: the one that sorts first)
    ta = max(sorted({x["claimA"] for x in rows}), key=ex.weighed)
    tb = max(sorted({x["claimB"] for x in rows}), key=ex.weighed)
    mech = max(sorted({x["mechanism"] for x in rows}), key=ex.weighed)
    mine = [x for x in rows if x["mechanism"] == mech]
    physio, pathway = mine[0]["physio"], mine[0]["pathway"]
    path = [ex.step(a, "drug"), ex.step(ta, "target action"), ex.step(target, "target"), ex.step(mech, "mechanism"),
            ex.step(physio, "physiological effect"), ex.step(pathway, "pathway"), ex.step(tb, "target action"), ex.step(b, "drug")]
    summary = (f"same mechanism: both are {ex.label(action)}s of {ex.label(target)} ({ex.label(ta)}; {ex.label(tb)}), "
               f"which causes {ex.label(physio)} in the {ex.label(pathway)}: the effects add up")
    return ex.make(RULE, rows, summary=summary, path=path, claims=[ta, tb, mech], outcomes=[x["outcome"] for x in rows],
                   level=min(ex.weighed(c) for c in (ta, tb, mech)),
                   details=[("target", ex.label(target)), ("action", ex.label(action)), ("mechanism", ex.label(mech)),
                            ("physiological effect", ex.label(physio)), ("pathway", ex.label(pathway))])


RULE = Rule(
    name="addition", kind="pharmacodynamic", basis="inferred", query="rule-addition",
    key=("drugA", "drugB", "claimA", "claimB", "mechanism", "outcome"), group=("drugA", "drugB", "target", "action"),
    traverse=traverse, explain=explain, additive=True,
    description="the same action on the same target, whose mechanism leads to an effect in the class (additive)",
)
