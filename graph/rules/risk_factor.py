"""Rule *risk factor*: one drug causes a risk factor of the other drug's effect in the class.

Drug A has an adverse effect under the class with a recorded risk factor R; drug B can cause an
effect under R (outside abrupt cessation). ``drugA`` is the drug whose effect has the risk factor.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> g = kg.to_networkx()
>>> RULE.keys(RULE.sparql(kg, "movement disorder")) == RULE.keys(RULE.networkx(g, "dkg:MovementDisorder"))
True
"""

from __future__ import annotations

from ..records import Explanation
from .base import Explainer, Rule
from .index import Index, Row, keep


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    adverse = [n for n in ix.by_type["assertion"] if ix.attr(n, "kind") == "adverse"]
    out = []
    for ca in adverse:
        outcomes = [o for o in ix.t(ca, "effect") if o in under]
        for rf in ix.t(ca, "hasRiskFactor") if outcomes else ():
            rf_under = ix.under(rf)
            for cb in adverse:
                if ix.withdrawal_only(cb):
                    continue
                for caused in (e for e in ix.t(cb, "effect") if e in rf_under):
                    for a in ix.t(ca, "subject"):
                        for b in ix.t(cb, "subject"):
                            if a != b:
                                out += [{"drugA": a, "drugB": b, "claimA": ca, "claimB": cb, "outcome": o,
                                         "riskFactor": rf, "caused": caused} for o in outcomes]
    return [r for r in out if keep(r, drug)]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, ca, cb = r["drugA"], r["drugB"], r["claimA"], r["claimB"]
    rf, caused, outcome = r["riskFactor"], r["caused"], r["outcome"]
    path = [ex.step(b, "drug"), ex.step(cb, "assertion"), ex.step(caused, "effect"), ex.step(rf, "risk factor"),
            ex.step(ca, "assertion"), ex.step(a, "drug")]
    summary = f"{ex.label(b)} can cause {ex.label(caused)}, a risk factor for {ex.label(a)}'s {ex.label(outcome)}"
    return ex.make(RULE, rows, summary=summary, path=path, claims=[ca, cb], outcomes=[x["outcome"] for x in rows],
                   details=[("risk factor", ex.label(rf))])


RULE = Rule(
    name="risk-factor", kind="risk-factor", basis="inferred", query="rule-risk-factor",
    key=("drugA", "drugB", "claimA", "claimB", "outcome", "riskFactor", "caused"), group=("drugA", "drugB", "claimA", "claimB"),
    traverse=traverse, explain=explain,
    description="one drug causes a recorded risk factor of the other's effect in the class",
    drug_filters=True,
)
