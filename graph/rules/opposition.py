"""Rule *opposition*: one drug moves a signal one way, the other the other way, in one pathway.

Drug A is indicated for a condition under the class (a therapeutic assertion) and has a mechanism
with a physiological effect of some direction (increased) on a signal (dopaminergic) in a pathway
(nigrostriatal); drug B has a mechanism with the opposite direction on the same signal in the same
pathway. The outcome is A's condition worsened, or its treatment lost. Both directions are found:
each drug in turn is A when it has such an indication. Directions and signals come from the
vocabulary (``dkg:direction``, ``dkg:signal`` on physiological effects), never from drug names.

Examples
--------
>>> RULE.kind, RULE.key
('mechanism', ('drugA', 'drugB', 'claimA', 'claimB', 'indication', 'outcome'))
"""

from __future__ import annotations

from collections import defaultdict

from ..records import Explanation
from .base import Explainer, Index, Row, Rule, keep
from .convergence import mechanisms


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    # (signal, pathway) -> direction -> [(mechanism, physiological effect)]
    sites: dict[tuple[str, str], dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for m in mechanisms(ix):
        for pe in ix.t(m, "hasPhysiologicalEffect"):
            for signal in ix.t(pe, "signal"):
                for direction in ix.t(pe, "direction"):
                    for pw in ix.t(m, "inPathway"):
                        sites[(signal, pw)][direction].append((m, pe))
    indications: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for t in ix.by_type["assertion"]:
        if ix.attr(t, "kind") == "therapeutic":
            for o in ix.t(t, "effect"):
                if o in under:
                    for d in ix.t(t, "subject"):
                        indications[d].append((t, o))
    out = []
    for (_, pw), by_direction in sites.items():
        for dir_a, mine in by_direction.items():
            for dir_b, theirs in by_direction.items():
                if dir_a == dir_b:
                    continue
                for ma, pa in mine:
                    for a in ix.t(ma, "mechanismOf"):
                        for t, o in indications.get(a, ()):
                            for mb, pb in theirs:
                                out += [{"drugA": a, "drugB": b, "claimA": ma, "claimB": mb, "indication": t, "outcome": o,
                                         "physio": pa, "opposed": pb, "pathway": pw}
                                        for b in ix.t(mb, "mechanismOf") if b != a]
    return [r for r in out if keep(r, drug)]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, ma, mb = r["drugA"], r["drugB"], r["claimA"], r["claimB"]
    physio, opposed, pathway = r["physio"], r["opposed"], r["pathway"]
    conditions = sorted({ex.label(x["outcome"]) for x in rows})
    path = [ex.step(b, "drug"), *ex.target_steps(mb), ex.step(mb, "mechanism"), ex.step(opposed, "physiological effect"),
            ex.step(pathway, "pathway"), ex.step(physio, "physiological effect"), ex.step(ma, "mechanism"),
            *reversed(ex.target_steps(ma)), ex.step(a, "drug")]
    summary = (f"{ex.label(b)} ({ex.via(mb)}: {ex.label(opposed)}) opposes {ex.label(a)} ({ex.via(ma)}: {ex.label(physio)}) "
               f"in the {ex.label(pathway)}; {ex.label(a)} treats {', '.join(conditions)}: "
               f"that condition may worsen or its treatment be lost")
    claims = [ma, mb, *sorted({x["indication"] for x in rows})]
    return ex.make(RULE, rows, summary=summary, path=path, claims=claims, outcomes=[x["outcome"] for x in rows],
                   details=[("treated drug", ex.label(a)), ("opposing drug", ex.label(b)), ("pathway", ex.label(pathway)),
                            ("condition", ", ".join(conditions))])


RULE = Rule(
    name="opposition", kind="mechanism", basis="inferred", query="rule-opposition",
    key=("drugA", "drugB", "claimA", "claimB", "indication", "outcome"), group=("drugA", "drugB", "claimA", "claimB"),
    traverse=traverse, explain=explain,
    description="opposite effects on one signal in one pathway, against a drug indicated for a condition in the class",
)
