"""The rules room: one module per interaction rule, registered in :data:`RULES`.

Each rule (:class:`~drugkg.rules.base.Rule`) answers twice from data, never from drug names: by
its SPARQL query ``queries/rule-NAME.rq`` (effect class and optional drug bound as parameters) and
by a traversal of the NetworkX projection; the test suite checks that the two agree. Each turns
its rows into :class:`~drugkg.records.Explanation` reasons with an explanation path from drug to
drug, the claims used, their evidence, caveats and qualifiers.

* :mod:`~drugkg.rules.recorded` -- an interaction recorded for the drugs or their classes;
* :mod:`~drugkg.rules.addition` -- the same action on the same target (same mechanism, additive);
* :mod:`~drugkg.rules.convergence` -- two mechanisms with the same effect in one pathway;
* :mod:`~drugkg.rules.opposition` -- opposite effects on one signal in one pathway, against an
  indication in the class;
* :mod:`~drugkg.rules.pharmacokinetic` -- an inhibitor or inducer of what clears the other drug;
* :mod:`~drugkg.rules.risk_factor` -- one drug causes a risk factor of the other's effect;
* :mod:`~drugkg.rules.shared_effect` -- both cause the same effect (additive).

Adding a rule is one module with a ``RULE``, its query and its test, and one line here (or
:func:`register` at run time, like a plugin).

Examples
--------
>>> list(RULES)
['recorded', 'addition', 'opposition', 'convergence', 'pharmacokinetic', 'risk-factor', 'shared-effect']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING

from ..sparql.backend import is_remote
from ..sparql.terms import full_iri
from . import addition, convergence, opposition, pharmacokinetic, recorded, risk_factor, shared_effect
from .base import KIND_RANKS, Explainer, Rule
from .index import Index, Row

if TYPE_CHECKING:
    from ..context import GraphContext
    from ..records import Explanation

#: Row columns that hold claims (fetched together before the reasons are explained).
CLAIM_COLUMNS = ("claimA", "claimB", "assertion", "indication", "mechanism", "actionA", "actionB")

#: Every rule by name, in the order they run.
RULES: dict[str, Rule] = {m.RULE.name: m.RULE
                          for m in (recorded, addition, opposition, convergence, pharmacokinetic, risk_factor, shared_effect)}


def register(rule: Rule) -> None:
    """Add (or replace) a rule in :data:`RULES`."""
    RULES[rule.name] = rule


def rule_rows(kg: GraphContext, rule: Rule, effect: str, drugs: list[str] | None, *, within: bool = False) -> list[Row]:
    """Rows of one rule's query for an effect class, from every drug given (or all pairs); with
    ``within``, only the rows pairing two of the drugs given."""
    if drugs is None:
        return rule.sparql(kg, effect)
    if not within:
        return [r for d in drugs for r in rule.sparql(kg, effect, d)]
    # a pair of two drugs given involves one of all but the last, so the last one's query adds
    # nothing; the rows kept as columns are read once for the whole list
    if rule.drug_filters and len(drugs) > 2:
        rows = rule.sparql_many(kg, effect, drugs[:-1], within=drugs)
    else:
        rows = [r for d in drugs[:-1] for r in rule.sparql(kg, effect, d, within=drugs, columns=False)]
    return rule.reasons_only(rule.with_columns(kg, rows, effect, within=drugs))


def reasons(kg: GraphContext, effect: str, drugs: Iterable[str] | None = None, *,
            rules: Iterable[str] | None = None, explainer: Explainer | None = None,
            within: bool = False) -> list[tuple[str, str, Explanation]]:
    """Every reason, by every rule (or the named ones), for an effect class: ``(drugA, drugB, reason)``
    with the drugs as CURIEs, in the order of :data:`RULES`.

    ``drugs`` (IRIs) starts each query from these drugs: reasons involving any of them, or with
    ``within`` only those between two of them (a regimen's pairs; the rest is never explained).

    The rules' queries run on two worker threads while this one explains the rows of each query
    as soon as it finishes (the reasons still come in the order of the rules): Oxigraph evaluates
    a query without holding the interpreter lock, so on two cores the queries cost little beyond
    the explanations. A remote endpoint is sent one at a time.
    """
    ex = explainer or Explainer(kg)
    wanted = None if drugs is None else list(drugs)
    chosen = [RULES[name] for name in (rules or RULES)]
    kg.names  # noqa: B018 -- the name index, built once here rather than raced for by the workers
    done: dict[str, list[tuple[str, str, Explanation]]] = {}
    # a remote endpoint gets one query at a time, as before (Virtuoso 7.2 dies on two at once)
    pool = ThreadPoolExecutor(max_workers=1 if is_remote(kg.store) else 2, thread_name_prefix="drugkg-rule")
    try:
        pending = {pool.submit(rule_rows, kg, rule, effect, wanted, within=within): rule for rule in chosen}
        while pending:
            # explain the rows of whichever query finished first; the slower ones run meanwhile
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: chosen.index(pending[f])):
                rule = pending.pop(future)
                done[rule.name] = _explained(kg, ex, rule, future.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [reason for rule in chosen for reason in done[rule.name]]


def _explained(kg: GraphContext, ex: Explainer, rule: Rule, rows: list[Row]) -> list[tuple[str, str, Explanation]]:
    """One rule's rows grouped into reasons and explained."""
    # one batch of evidence, links and qualifiers for every claim the rows use, not a query per claim
    # (rows kept as columns carry what grouping needs; a rule fetches the few it shows)
    kg.prefetch(full_iri(r[k]) for r in rows if "signalSources" not in r for k in CLAIM_COLUMNS if r.get(k))
    groups: dict[tuple[object, ...], dict[tuple[object, ...], Row]] = defaultdict(dict)
    for r in rows:
        groups[rule.reason_of(ex, r)].setdefault(tuple(map(r.get, rule.key)), r)
    reasons = [list(g.values()) for g in groups.values()]
    if rule.prepare is not None:
        rule.prepare(ex, reasons)
    return [(rs[0]["drugA"], rs[0]["drugB"], rule.explain(ex, rs)) for rs in reasons]


__all__ = ["KIND_RANKS", "RULES", "Explainer", "Index", "Row", "Rule", "reasons", "register", "rule_rows"]
