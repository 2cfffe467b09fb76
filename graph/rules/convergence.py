"""Rule *convergence*: two different mechanisms with the same physiological effect in the same pathway.

Each drug has a mechanism (not a withdrawal mechanism) with the same physiological effect (reduced
dopaminergic signalling) in the same pathway (nigrostriatal), and at least one of the two leads to
an effect under the class: the effects add up through one physiological effect. A drug acts
through its own mechanisms and, where none of them has that effect in that pathway, through the
action mechanisms of its target actions (so imported drugs converge too). Two mechanisms of the
same action on the same target are one mechanism, found by :mod:`~drugkg.rules.addition`.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> rows = RULE.sparql(kg, "movement disorder", "clozapine")
>>> sorted({r["physio"] for r in rows})
['dkgr:physio-reduced-dopaminergic-signalling']
>>> RULE.keys(rows) == RULE.keys(RULE.networkx(kg.to_networkx(), "dkg:MovementDisorder", "dkgr:drug-clozapine"))
True
"""

from __future__ import annotations

from collections import defaultdict

from ..records import Explanation
from .base import Explainer, Rule
from .index import Index, Row, keep


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    # (physiological effect, pathway) -> [(drug, mechanism, target action or None)]
    by_site: dict[tuple[str, str], list[tuple[str, str, str | None]]] = defaultdict(list)
    for d, used in ix.acts_through().items():
        own = {(pe, pw) for m, ta in used if ta is None
               for pe in ix.t(m, "hasPhysiologicalEffect") for pw in ix.t(m, "inPathway")}
        for m, ta in used:
            for pe in ix.t(m, "hasPhysiologicalEffect"):
                for pw in ix.t(m, "inPathway"):
                    if ta is None or (pe, pw) not in own:
                        by_site[(pe, pw)].append((d, m, ta))
    out = []
    for (pe, pw), site in by_site.items():
        for a, ma, ta in site:
            for b, mb, tb in site:
                if ix.iri[a] >= ix.iri[b] or ix.action_kinds(ma) & ix.action_kinds(mb):
                    continue
                outcomes = [o for o in {*ix.t(ma, "leadsTo"), *ix.t(mb, "leadsTo")} if o in under]
                out += [{"drugA": a, "drugB": b, "claimA": ma, "claimB": mb, "actionA": ta, "actionB": tb, "outcome": o,
                         "physio": pe, "pathway": pw} for o in outcomes]
    return [r for r in out if keep(r, drug)]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, ma, mb, physio, pathway = r["drugA"], r["drugB"], r["claimA"], r["claimB"], r["physio"], r["pathway"]
    words_a, steps_a = ex.acting(ma, r.get("actionA"))
    words_b, steps_b = ex.acting(mb, r.get("actionB"))
    path = [ex.step(a, "drug"), *steps_a, ex.step(physio, "physiological effect"), ex.step(pathway, "pathway"),
            *reversed(steps_b), ex.step(b, "drug")]
    summary = f"both cause {ex.label(physio)} in the {ex.label(pathway)}: {words_a} and {words_b}"
    claims = [c for c in (ma, r.get("actionA"), mb, r.get("actionB")) if c]
    return ex.make(RULE, rows, summary=summary, path=path, claims=claims, outcomes=[x["outcome"] for x in rows],
                   level=min(ex.weighed(c) for c in claims),
                   details=[("physiological effect", ex.label(physio)), ("pathway", ex.label(pathway))])


RULE = Rule(
    name="convergence", kind="mechanism", basis="inferred", query="rule-convergence",
    key=("drugA", "drugB", "claimA", "claimB", "actionA", "actionB", "outcome"),
    group=("drugA", "drugB", "claimA", "claimB", "actionA", "actionB"),
    traverse=traverse, explain=explain, additive=True,
    description="two different mechanisms with the same physiological effect in the same pathway, one leading to the class",
)
