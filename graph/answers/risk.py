"""Ranking drug combinations that raise the risk of an effect class: evidence first.

Every rule in :data:`drugkg.rules.RULES` gives reasons (one :class:`~drugkg.records.Explanation`
each); this module groups them by pair and ranks the pairs.

Ranking
-------
A pair is ranked by its **best reason**, compared on, in order:

1. the **evidence level** of the reason: drug label or regulatory reference (4) > primary report
   (3) > review or other secondary claim, or an imported *database* row (2) > hypothesis, or an
   imported *pharmacovigilance signal* (1); evidence from an unverified or
   not-located source counts as a hypothesis, and a reason built from several claims has the
   level of the weakest (see :mod:`drugkg.rules.base`);
2. the **severity** the source gives the interaction: contraindicated (4) > avoid (3) > adjust or
   monitor (2) > consider (1); none (0) for reasons the graph infers;
3. the **kind** of reason: recorded interaction (5) > pharmacodynamic: the same mechanism twice
   (addition) or reciprocal antagonism on one signal (opposition) (4) > mechanism: different
   mechanisms converging, or pharmacokinetics (3) > risk factor (2) > shared effect (1);

**Corroboration.** A same-mechanism or converging-mechanism reason (an *additive* rule) graded
as a secondary claim, beside a shared effect of the same pair graded higher, takes the shared
effect's grade (:func:`corroborate`): when both labels list extrapyramidal effects and both drugs
are D2 antagonists (the D2 antagonism resting on a database or a review), the pair is two label
effects with a known common mechanism, which a pharmacologist ranks above two drugs that merely
list the same term. The reason says so in a caveat; hypotheses are never lifted.

Then by the **number of independent reasons** (distinct claim sets), then, where all of that
ties, by **signal strength** (the best PRR of a disproportionality signal among the top reasons;
never above evidence level, and worded as an association, never a cause), then by drug names. Being
recorded no longer outweighs evidence: a recorded interaction resting on an unverified web article
ranks below two mechanisms backed by labels. The ``score`` encodes the same order in one integer::

    score = 1000 * level + 100 * severity + 10 * kind + min(9, reasons)

Examples
--------
A label-backed mechanism outranks a recorded claim from an unverified source (a hypothesis):

>>> score(level=4, severity=0, kind=3, reasons=1) > score(level=1, severity=0, kind=5, reasons=3)
True

Between two reasons with label evidence, the contraindicated interaction comes first, and a
mechanism comes before two drugs that merely share an effect:

>>> score(level=4, severity=4, kind=5, reasons=1) > score(level=4, severity=2, kind=5, reasons=5)
True
>>> score(level=3, severity=0, kind=3, reasons=1) > score(level=3, severity=0, kind=1, reasons=9)
True

Within one level, two D2 antagonists (the same mechanism) come before two drugs that merely list
the same effect, however many effects they share:

>>> score(level=4, severity=0, kind=4, reasons=1) > score(level=4, severity=0, kind=1, reasons=9)
True
>>> score(level=4, severity=0, kind=3, reasons=2)
4032
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..namespaces import compress_iri
from ..records import Combination, Explanation, Results, unique
from ..rules import RULES, Explainer, reasons
from ..rules.base import LEVEL_SECONDARY
from ..sparql.terms import full_iri as _full
from .collector import paused

if TYPE_CHECKING:
    from ..context import GraphContext


def score(*, level: int, severity: int, kind: int, reasons: int) -> int:
    """The ranking score of a pair from its best reason (see the module docstring)."""
    return 1000 * level + 100 * severity + 10 * kind + min(9, reasons)


def reason_key(e: Explanation) -> tuple[int, int, int]:
    """How a reason compares: evidence level, then severity, then kind."""
    return (e.level_rank, e.severity_rank, e.kind_rank)


def combinations(kg: GraphContext, *, effect: str, drugs: Sequence[str] | None = None, within: bool = False,
                 explainer: Explainer | None = None) -> Results[Combination]:
    """Ranked combinations for an effect class; see :meth:`drugkg.KnowledgeGraph.risky_combinations`.

    ``drugs`` keeps the pairs involving any of them, or, with ``within``, the pairs of two of them.
    """
    with paused():  # an answer is a tree freed by reference counting (see answers.collector)
        return _combinations(kg, effect=effect, drugs=drugs, within=within, explainer=explainer)


def _combinations(kg: GraphContext, *, effect: str, drugs: Sequence[str] | None, within: bool,
                  explainer: Explainer | None) -> Results[Combination]:
    effect_iri = kg.resolve(effect, "effect")
    wanted = sorted({kg.resolve(d, "drug") for d in drugs}) if drugs else None
    ex = explainer or Explainer(kg)
    # a dict per pair keeps first-seen order and drops repeats in constant time (a pair of two
    # frequent drugs carries thousands of signal rows)
    by_pair: dict[tuple[str, str], dict[Explanation, None]] = defaultdict(dict)
    for a, b, exp in reasons(kg, effect_iri, wanted, explainer=ex, within=within and wanted is not None):
        ia, ib = _full(a), _full(b)
        if wanted is not None and within and not (ia in wanted and ib in wanted):
            continue
        # ordered by the lower-cased names the record shows ("st john's wort")
        pair = (ia, ib) if kg.label(ia).lower() <= kg.label(ib).lower() else (ib, ia)
        by_pair[pair].setdefault(exp, None)
    effect_label = kg.label(effect_iri)
    out = [combination(kg, pair, list(exps), effect=effect_label) for pair, exps in by_pair.items()]
    # signal strength (the best PRR among the top reasons) orders only pairs whose scores tie
    out.sort(key=lambda c: (-c.score, -strength(c), c.drugs))
    return Results(out)


def corroborate(exps: Sequence[Explanation]) -> list[Explanation]:
    """A pair's reasons, with each additive mechanism reason lifted to the grade of a better-graded
    shared effect of the same pair (see the module docstring, *corroboration*).

    A same-mechanism or converging-mechanism reason (a rule with ``additive``) graded as a secondary
    claim or better, beside a shared-effect reason graded higher (both drugs' labels list an effect
    in the class), is graded as that shared effect: the effect on both sides rests on the labels,
    and the mechanism says why it adds up. The reason says so, names the mechanism's own grade in
    a caveat and carries the shared effect's evidence too. Hypotheses are never lifted, and
    opposing or pharmacokinetic reasons are not additive, so a shared effect does not lift them.

    >>> from drugkg.records import Explanation
    >>> def reason(rule, kind, rank):
    ...     return Explanation(basis="inferred", kind=kind, summary=rule, outcomes=("Dystonia",), level=str(rank),
    ...                        level_rank=rank, claims=(rule,), path=(), evidence=(), rule=rule)
    >>> lifted = corroborate([reason("addition", "pharmacodynamic", 2), reason("shared-effect", "shared-effect", 4)])
    >>> [(e.rule, e.level_rank) for e in lifted]
    [('addition', 4), ('shared-effect', 4)]
    >>> [e.level_rank for e in corroborate([reason("addition", "pharmacodynamic", 1), reason("shared-effect", "shared-effect", 4)])]
    [1, 4]
    """
    shared = max((e for e in exps if e.kind == "shared-effect"), key=lambda e: e.level_rank, default=None)
    if shared is None:
        return list(exps)
    return [_lifted(e, shared) for e in exps]


def _lifted(e: Explanation, shared: Explanation) -> Explanation:
    """``e`` graded as the shared effect ``shared`` when it is additive and graded below it."""
    rule = RULES.get(e.rule)
    if rule is None or not rule.additive or not LEVEL_SECONDARY <= e.level_rank < shared.level_rank:
        return e
    return dataclasses.replace(
        e, level=shared.level, level_rank=shared.level_rank,
        summary=f"{e.summary}; the effect is listed for both drugs ({shared.level})",
        evidence=tuple(unique([*e.evidence, *shared.evidence])),
        caveats=tuple(unique([f"the mechanism itself is graded {e.level}; the grade is that of the effect "
                              "both drugs' sources list (shared effect)", *e.caveats])),
        details=(*e.details, ("corroborated by", shared.summary)))


def combination(kg: GraphContext, pair: tuple[str, str], exps: list[Explanation], *, effect: str = "") -> Combination:
    """One ranked pair from its reasons under the effect class labelled ``effect``."""
    finished = sorted(corroborate(exps), key=lambda e: (tuple(-x for x in reason_key(e)), e.rule, e.summary))
    top = finished[0]
    level, severity, kind = reason_key(top)
    # a reason gathering a pair's signals from one dataset counts each signal
    counts: dict[tuple[str, ...], int] = {}
    for e in finished:
        counts.setdefault(e.claims, int(dict(e.details).get("signals", 1)))
    count = sum(counts.values())
    outcomes = tuple(unique(o for e in finished for o in e.outcomes))
    evidence = tuple(unique(ev for e in finished for ev in e.evidence))
    names = tuple(kg.label(d).lower() for d in pair)
    cites = ", ".join(unique(ev.source for ev in top.evidence if ev.stance == "supports")[:3])
    reason = f"{top.summary} -> {', '.join(top.outcomes)} [{top.level}{': ' + cites if cites else ''}]"
    return Combination(
        drugs=(names[0], names[1]), drug_iris=pair, basis="recorded" if any(e.basis == "recorded" for e in finished) else "inferred",
        score=score(level=level, severity=severity, kind=kind, reasons=count), level=top.level,
        outcomes=outcomes, reason=reason, explanation=tuple(finished), evidence=evidence,
        severity=top.severity, kind=top.kind, reasons=count, effect=effect,
    )


def strength(c: Combination) -> float:
    """The best PRR among a pair's reasons graded like its top reason (0 when none is a signal).

    >>> strength(Combination(drugs=("a", "b"), drug_iris=("x:a", "x:b"), basis="recorded", score=1000,
    ...     level="pharmacovigilance signal", outcomes=(), reason="", explanation=(), evidence=()))
    0.0
    """
    top = c.explanation[0].level_rank if c.explanation else 0
    return max((float(v) for e in c.explanation if e.level_rank == top for k, v in e.details if k == "PRR"), default=0.0)


def pair_curies(c: Combination) -> tuple[str, str]:
    """The pair's drugs as CURIEs."""
    return (compress_iri(c.drug_iris[0]), compress_iri(c.drug_iris[1]))
