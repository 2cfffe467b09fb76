"""Regimen checks: every pair within a list of drugs, and only those, for every effect class.

Examples
--------
>>> import drugkg
>>> report = drugkg.load().check(["baclofen", "clozapine", "lithium"])
>>> len(report.pairs) + len(report.no_known_risk)
3
>>> all(set(c.drugs) <= {"baclofen", "clozapine", "lithium"} for c in report.pairs)
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations as pairs_of
from typing import TYPE_CHECKING

from ..errors import QueryError
from ..inputs import split_names
from ..records import Combination, Group, RegimenCheck, unique
from .risk import combinations

if TYPE_CHECKING:
    from ..context import GraphContext

#: The class that stands for "every effect class": HPO's Phenotypic abnormality, under which the
#: HPO terms and drugkg's own effect classes sit.
ALL_EFFECTS = "HP:0000118"


def check(kg: GraphContext, drugs: Sequence[str], *, effect: str | None = None) -> RegimenCheck:
    """Check a regimen; see :meth:`drugkg.KnowledgeGraph.check`."""
    names = split_names(drugs)
    iris = unique(kg.resolve(n, "drug") for n in names)
    if len(iris) < 2:
        raise QueryError(f"check needs at least two different drugs, got {', '.join(map(repr, names)) or 'none'}")
    effect_name = effect or ALL_EFFECTS
    risky = combinations(kg, effect=effect_name, drugs=iris, within=True)
    found = {frozenset(c.drug_iris) for c in risky}
    labels = {i: kg.label(i).lower() for i in iris}
    quiet = [tuple(sorted((labels[a], labels[b]))) for a, b in pairs_of(iris, 2) if frozenset((a, b)) not in found]
    return RegimenCheck(
        drugs=tuple(labels[i] for i in iris), effect=kg.label(kg.resolve(effect_name, "effect")),
        pairs=tuple(risky), no_known_risk=tuple(sorted((a, b) for a, b in quiet)), groups=tuple(groups(list(risky))),
    )


def groups(pairs: list[Combination]) -> list[Group]:
    """Three or more drugs converging on one mechanism (same physiological effect in one pathway)
    or sharing one effect, gathered from the pairs' convergence and shared-effect reasons."""
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    outcomes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in pairs:
        for e in c.explanation:
            details = dict(e.details)
            if e.rule == "convergence":
                key = ("mechanism", f"{details['physiological effect']} in the {details['pathway']}")
            elif e.rule == "shared-effect":
                key = ("effect", details["shared effect"])
            else:
                continue
            members[key] |= set(c.drugs)
            outcomes[key] += e.outcomes
    out = [Group(drugs=tuple(sorted(ds)), kind=kind, via=via, outcomes=tuple(unique(outcomes[(kind, via)])))
           for (kind, via), ds in members.items() if len(ds) >= 3]
    return sorted(out, key=lambda g: (-len(g.drugs), g.kind, g.via))
