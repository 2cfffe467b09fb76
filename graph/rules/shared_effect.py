"""Rule *shared effect*: both drugs can cause the same effect under the class (additive risk).

One drug's adverse effect is the outcome and the other's is it or a kind of it; withdrawal
effects (abrupt cessation) are left out. There is no shared mechanism behind it, so it ranks
below every mechanism (see :mod:`drugkg.answers.risk`). One reason per pair and shared effect.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> rows = RULE.sparql(kg, "HP:0001332", "baclofen")
>>> RULE.keys(rows) == RULE.keys(RULE.networkx(kg.to_networkx(), "HP:0001332", "dkgr:drug-baclofen"))
True
"""

from __future__ import annotations

from collections import defaultdict

from ..records import Explanation
from .base import Explainer, Rule
from .index import Index, Row, keep


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    by_effect: dict[str, list[tuple[str, str]]] = defaultdict(list)  # effect -> [(assertion, drug)]
    for n in ix.by_type["assertion"]:
        if ix.attr(n, "kind") == "adverse" and not ix.withdrawal_only(n):
            for e in ix.t(n, "effect"):
                by_effect[e] += [(n, d) for d in ix.t(n, "subject")]
    out = []
    for outcome in (o for o in by_effect if o in under):
        below = [(c, d) for e in ix.under(outcome) for c, d in by_effect.get(e, ())]
        for cx, x in by_effect[outcome]:
            for cy, y in below:
                if x != y:
                    a, b = ix.ordered(x, y)
                    ca, cb = (cx, cy) if a == x else (cy, cx)
                    out.append({"drugA": a, "drugB": b, "claimA": ca, "claimB": cb, "outcome": outcome})
    return [r for r in out if keep(r, drug)]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, outcome = r["drugA"], r["drugB"], r["outcome"]
    side_a = sorted({x["claimA"] for x in rows})
    side_b = sorted({x["claimB"] for x in rows})
    best_a = max(side_a, key=ex.level)
    best_b = max(side_b, key=ex.level)
    path = [ex.step(a, "drug"), ex.step(best_a, "assertion"), ex.step(outcome, "effect"), ex.step(best_b, "assertion"),
            ex.step(b, "drug")]
    summary = f"both can cause {ex.label(outcome)} (additive; no shared mechanism recorded)"
    return ex.make(RULE, rows, summary=summary, path=path, claims=[*side_a, *side_b], outcomes=[outcome],
                   level=min(ex.level(best_a), ex.level(best_b)), details=[("shared effect", ex.label(outcome))])


RULE = Rule(
    name="shared-effect", kind="shared-effect", basis="inferred", query="rule-shared-effect",
    key=("drugA", "drugB", "claimA", "claimB", "outcome"), group=("drugA", "drugB", "outcome"),
    traverse=traverse, explain=explain,
    description="both drugs can cause the same effect in the class (additive)",
)
