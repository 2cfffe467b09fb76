"""Traversals over the typed NetworkX projection: effect-class closures, the combination-risk
reasons found by traversal alone (checked against SPARQL), explanation paths, neighbourhoods.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ..errors import NotFound
from ..rules import convergence, recorded, risk_factor
from ..rules.index import ABRUPT_CESSATION

#: The rules the ``combination-risk`` query holds, in its order of kinds.
COMBINATION_RISK_RULES = (recorded.RULE, convergence.RULE, risk_factor.RULE)


def descendants_or_self(g: nx.MultiDiGraph, cls: str) -> set[str]:
    """Effect classes under ``cls`` along ``is_a`` edges (``cls`` included)."""
    out = {cls}
    todo = [cls]
    while todo:
        c = todo.pop()
        for child, _, k in g.in_edges(c, keys=True):
            if k == "is_a" and child not in out:
                out.add(child)
                todo.append(child)
    return out


def _targets(g: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return [v for _, v, k in g.out_edges(node, keys=True) if k == relation]


def risk_reasons(g: nx.MultiDiGraph, effect: str, drug: str | None = None) -> set[tuple[str, str, str, str, str, str]]:
    """Reasons why pairs of drugs raise the risk of an effect class, found by traversal.

    Same rules as the ``combination-risk`` query (recorded interactions, converging mechanisms of
    the drugs' own, risk factors), composed from those rules' own traversals (:data:`COMBINATION_RISK_RULES`,
    independent of SPARQL); returns ``(drugA, drugB, basis, kind, claimA, claimB)`` tuples of
    CURIEs (``claimB`` is ``""`` for interactions). For recorded and mechanism reasons the two
    drugs are in IRI order; for risk-factor reasons ``drugA`` is the drug whose effect has the
    risk factor.

    Examples
    --------
    >>> import drugkg
    >>> g = drugkg.load().to_networkx()
    >>> reasons = risk_reasons(g, "dkg:MovementDisorder")
    >>> ("dkgr:drug-baclofen", "dkgr:drug-lithium", "recorded", "interaction") in {r[:4] for r in reasons}
    True
    """
    # the query's mechanism reasons are the drugs' own mechanisms (no action mechanism of a target action)
    return {(r["drugA"], r["drugB"], rule.basis, rule.kind, r["claimA"], r.get("claimB") or "")
            for rule in COMBINATION_RISK_RULES for r in rule.networkx(g, effect, drug) if not (r.get("actionA") or r.get("actionB"))}


def explanation_paths(g: nx.MultiDiGraph, a: str, b: str, effect: str, *, limit: int = 80) -> list[list[str]]:
    """Mechanistic paths drug -> target action -> mechanism -> physiological effect <- ... <- drug.

    Follows ``hasTargetAction``, ``viaTargetAction`` (reversed), ``hasPhysiologicalEffect`` and
    ``inPathway`` edges; returns node sequences from ``a`` to ``b`` through a shared
    physiological effect and pathway, where one of the two mechanisms leads to the class; at most
    ``limit`` paths, in a stable order.

    Examples
    --------
    >>> import drugkg
    >>> g = drugkg.load().to_networkx()
    >>> [g.nodes[n]["label"] for n in explanation_paths(g, "dkgr:drug-baclofen", "dkgr:drug-clozapine", "dkg:MovementDisorder")[0]]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['baclofen', 'baclofen agonist of GABBR1', 'baclofen nigrostriatal dopamine', 'reduced dopaminergic signalling',
     'nigrostriatal pathway', 'clozapine d2 blockade', 'clozapine antagonist of DRD2', 'clozapine']
    """
    under = descendants_or_self(g, effect)
    paths = []
    for ma in _mechanisms_of(g, a):
        for mb in _mechanisms_of(g, b):
            pe = set(_targets(g, ma, "hasPhysiologicalEffect")) & set(_targets(g, mb, "hasPhysiologicalEffect"))
            pw = set(_targets(g, ma, "inPathway")) & set(_targets(g, mb, "inPathway"))
            if not pe or not pw or not (set(_targets(g, ma, "leadsTo")) | set(_targets(g, mb, "leadsTo"))) & under:
                continue
            for p in sorted(pe):
                for w in sorted(pw):
                    ta = _targets(g, ma, "viaTargetAction")[:1]
                    tb = _targets(g, mb, "viaTargetAction")[:1]
                    paths.append([a, *ta, ma, p, w, mb, *tb, b])
    return paths[:limit]


def _mechanisms_of(g: nx.MultiDiGraph, drug: str) -> list[str]:
    return sorted(m for m, _, k in g.in_edges(drug, keys=True)
                  if k == "mechanismOf" and ABRUPT_CESSATION not in _targets(g, m, "inContext"))


def neighbourhood(g: nx.MultiDiGraph, focus: str | Iterable[str], depth: int = 1, *,
                  skip_types: Iterable[str] = ("evidence", "source", "vocabulary")) -> nx.MultiDiGraph:
    """The subgraph within ``depth`` hops of ``focus`` (edges followed in both directions).

    The walk stops as soon as a hop reaches nothing new, so any ``depth`` (even ``10**9``) costs
    at most the size of the connected part of the graph.

    Nodes of ``skip_types`` (evidence, source and vocabulary nodes by default) are neither kept
    nor walked through: they would connect everything. Their content stays on the claims as the
    ``evidence`` and ``level`` attributes.

    Examples
    --------
    >>> import drugkg
    >>> sub = neighbourhood(drugkg.load().to_networkx(), "dkgr:drug-baclofen", 1)
    >>> "dkgr:targetaction-baclofen-GABBR1-agonist" in sub
    True
    """
    if depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth}")
    seeds = [focus] if isinstance(focus, str) else list(focus)
    for s in seeds:
        if s not in g:
            raise NotFound("node", s)
    skip = set(skip_types)
    keep = set(seeds)
    frontier = set(seeds)
    for _ in range(depth):
        nxt = set()
        for n in frontier:
            for m in list(g.successors(n)) + list(g.predecessors(n)):
                if m in keep or g.nodes[m]["type"] in skip:
                    continue
                nxt.add(m)
        if not nxt:  # nothing new reached: deeper hops would find nothing either
            break
        keep |= nxt
        frontier = nxt
    return g.subgraph(keep).copy()


