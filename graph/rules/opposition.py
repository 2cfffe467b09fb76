"""Rule *opposition* (reciprocal antagonism): one drug raises a signal, the other lowers it.

Drug A is indicated for a condition (a therapeutic assertion) through a mechanism that moves a
signal (dopaminergic) one way in a pathway (nigrostriatal): the indication names the mechanism,
or the mechanism *relieves* a class the condition falls under. Drug B moves the same signal the
other way in the same pathway. A's condition may worsen, or its treatment be lost. Each drug acts
through its own mechanisms or through the action mechanisms of its target actions (a receptor
agonist, precursor or breakdown inhibitor raises a signal; an antagonist or depleter lowers it),
so imported drugs take part. Directions and signals come from the vocabulary (``dkg:direction``,
``dkg:signal`` on physiological effects), never from drug names.

Both directions are looked for, and one reason per pair and signal names each direction found:
levodopa's parkinsonism worsened by haloperidol in the nigrostriatal pathway, and haloperidol's
psychosis worsened by levodopa in the mesolimbic pathway. The outcome of a direction is its
condition when the condition falls under the effect class, and the loss of the therapeutic effect
(``dkg:LossOfTherapeuticEffect``, "loss of efficacy") when that class falls under it; a direction
with neither is named in the reason but gives it no outcome.

Examples
--------
>>> RULE.kind, RULE.group
('pharmacodynamic', ('drugA', 'drugB', 'signal'))
>>> import drugkg
>>> kg = drugkg.load()
>>> rows = RULE.sparql(kg, "movement disorder", "haloperidol")
>>> RULE.keys(rows) == RULE.keys(RULE.networkx(kg.to_networkx(), "dkg:MovementDisorder", "dkgr:drug-haloperidol"))
True
"""

from __future__ import annotations

from collections import defaultdict

from ..records import Explanation
from .base import Explainer, Rule
from .index import Index, Row, keep

#: The outcome class of a lost treatment.
LOSS = "dkg:LossOfTherapeuticEffect"


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    loss = LOSS in under
    through = ix.acts_through()
    # (signal, pathway, direction) -> [(drug, mechanism, target action, physiological effect)]
    sites: dict[tuple[str, str, str], list[tuple[str, str, str | None, str]]] = defaultdict(list)
    for d, used in through.items():
        for m, ta in used:
            for pe in ix.t(m, "hasPhysiologicalEffect"):
                for signal in ix.t(pe, "signal"):
                    for direction in ix.t(pe, "direction"):
                        for pw in ix.t(m, "inPathway"):
                            sites[(signal, pw, direction)].append((d, m, ta, pe))
    out: list[Row] = []
    for t in ix.by_type["assertion"]:
        if ix.attr(t, "kind") != "therapeutic":
            continue
        for treated in ix.t(t, "subject"):
            for condition in ix.t(t, "effect"):
                found: list[str | None] = [o for o, ok in ((condition, condition in under), (LOSS, loss)) if ok]
                outcomes = found or [None]
                for ma, ta in through.get(treated, ()):
                    if ma not in ix.t(t, "viaMechanism") and not any(condition in ix.under(r) for r in ix.t(ma, "relieves")):
                        continue
                    for pa in ix.t(ma, "hasPhysiologicalEffect"):
                        for signal in ix.t(pa, "signal"):
                            for dir_a in ix.t(pa, "direction"):
                                for pw in ix.t(ma, "inPathway"):
                                    for (s, p, dir_b), theirs in sites.items():
                                        if s != signal or p != pw or dir_b == dir_a:
                                            continue
                                        for opposing, mb, tb, pb in theirs:
                                            if opposing == treated:
                                                continue
                                            a, b = ix.ordered(treated, opposing)
                                            out += [{"drugA": a, "drugB": b, "treated": treated, "opposing": opposing, "claimA": ma,
                                                     "claimB": mb, "actionA": ta, "actionB": tb, "indication": t, "condition": condition,
                                                     "outcome": o, "physio": pa, "opposed": pb, "pathway": pw, "signal": signal}
                                                    for o in outcomes]
    return [r for r in out if keep(r, drug)]


def claims_of(r: Row) -> list[str]:
    return [c for c in (r["claimA"], r.get("actionA"), r["claimB"], r.get("actionB"), r["indication"]) if c]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    signal = rows[0]["signal"]
    grade = {id(r): min(ex.weighed(c) for c in claims_of(r)) for r in rows}
    # each direction (treated drug) by its best row, preferring rows with an outcome
    best: dict[str, Row] = {}
    for r in sorted(rows, key=lambda r: (r["treated"], r["claimA"], r["claimB"], r.get("actionA") or "", r["indication"])):
        have = best.get(r["treated"])
        if have is None or (bool(r.get("outcome")), grade[id(r)]) > (bool(have.get("outcome")), grade[id(have)]):
            best[r["treated"]] = r
    directions = sorted(best.values(), key=lambda r: (not r.get("outcome"), -grade[id(r)], r["treated"]))
    top = directions[0]
    words = []
    for r in directions:
        conditions = sorted({ex.label(x["condition"]) for x in rows if x["treated"] == r["treated"]})
        words.append(f"{ex.label(r['opposing'])} ({ex.acting(r['claimB'], r.get('actionB'))[0]}: {ex.label(r['opposed'])}) opposes "
                     f"{ex.label(r['treated'])} ({ex.acting(r['claimA'], r.get('actionA'))[0]}: {ex.label(r['physio'])}) in the "
                     f"{ex.label(r['pathway'])}: {ex.label(r['treated'])}'s treatment of {', '.join(conditions)} may be lost "
                     "or the condition worsen")
    summary = f"reciprocal antagonism on {ex.label(signal)}: " + "; ".join(words)
    _, steps_b = ex.acting(top["claimB"], top.get("actionB"))
    _, steps_a = ex.acting(top["claimA"], top.get("actionA"))
    path = [ex.step(top["opposing"], "drug"), *steps_b, ex.step(top["opposed"], "physiological effect"),
            ex.step(top["pathway"], "pathway"), ex.step(top["physio"], "physiological effect"), *reversed(steps_a),
            ex.step(top["treated"], "drug")]
    scored = [r for r in directions if r.get("outcome")]
    details = [("signal", ex.label(signal)), *(("treated drug", ex.label(r["treated"])) for r in directions),
               ("pathway", ", ".join(sorted({ex.label(r["pathway"]) for r in directions})))]
    return ex.make(RULE, rows, summary=summary, path=path, claims=[c for r in directions for c in claims_of(r)],
                   outcomes=[x["outcome"] for x in rows if x.get("outcome")], level=max(grade[id(r)] for r in scored),
                   details=details)


RULE = Rule(
    name="opposition", kind="pharmacodynamic", basis="inferred", query="rule-opposition",
    key=("drugA", "drugB", "treated", "claimA", "claimB", "actionA", "actionB", "indication", "outcome"),
    group=("drugA", "drugB", "signal"), traverse=traverse, explain=explain, context_rows=True,
    description="reciprocal antagonism: one drug raises a signal in a pathway, the other lowers it there, "
                "against a drug indicated for a condition through that mechanism",
)
