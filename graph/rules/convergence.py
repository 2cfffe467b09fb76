"""Rule *convergence*: two mechanisms with the same physiological effect in the same pathway.

Each drug has a mechanism (not a withdrawal mechanism) with the same physiological effect (reduced
dopaminergic signalling) in the same pathway (nigrostriatal), and at least one of the two leads to
an effect under the class: the effects add up through one mechanism.

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
from .base import Explainer, Index, Row, Rule, keep


def mechanisms(ix: Index) -> list[str]:
    """Mechanisms that act while a drug is taken (not withdrawal mechanisms)."""
    return [m for m in ix.by_type["mechanism"] if not ix.withdrawal_only(m)]


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    by_site: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in mechanisms(ix):
        for pe in ix.t(m, "hasPhysiologicalEffect"):
            for pw in ix.t(m, "inPathway"):
                by_site[(pe, pw)].append(m)
    out = []
    for (pe, pw), site in by_site.items():
        for ma in site:
            for mb in site:
                outcomes = [o for o in {*ix.t(ma, "leadsTo"), *ix.t(mb, "leadsTo")} if o in under]
                if not outcomes:
                    continue
                for a in ix.t(ma, "mechanismOf"):
                    for b in ix.t(mb, "mechanismOf"):
                        if a != b and ix.iri[a] < ix.iri[b]:
                            out += [{"drugA": a, "drugB": b, "claimA": ma, "claimB": mb, "outcome": o, "physio": pe,
                                     "pathway": pw} for o in outcomes]
    return [r for r in out if keep(r, drug)]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, ma, mb, physio, pathway = r["drugA"], r["drugB"], r["claimA"], r["claimB"], r["physio"], r["pathway"]
    path = [ex.step(a, "drug"), *ex.target_steps(ma), ex.step(ma, "mechanism"), ex.step(physio, "physiological effect"),
            ex.step(pathway, "pathway"), ex.step(mb, "mechanism"), *reversed(ex.target_steps(mb)), ex.step(b, "drug")]
    summary = f"both cause {ex.label(physio)} in the {ex.label(pathway)}: {ex.via(ma)} and {ex.via(mb)}"
    return ex.make(RULE, rows, summary=summary, path=path, claims=[ma, mb], outcomes=[x["outcome"] for x in rows],
                   details=[("physiological effect", ex.label(physio)), ("pathway", ex.label(pathway))])


RULE = Rule(
    name="convergence", kind="mechanism", basis="inferred", query="rule-convergence",
    key=("drugA", "drugB", "claimA", "claimB", "outcome"), group=("drugA", "drugB", "claimA", "claimB"),
    traverse=traverse, explain=explain,
    description="two mechanisms with the same physiological effect in the same pathway, one leading to the class",
)
