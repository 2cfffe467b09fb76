"""Traversals over the typed NetworkX projection: effect-class closures, the combination-risk
reasons found by traversal alone (checked against SPARQL), explanation paths, neighbourhoods.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from ..errors import NotFound

#: Mechanisms in this context act only when a drug is withdrawn; they never converge with another drug.
ABRUPT_CESSATION = "dkgr:context-abrupt-cessation"

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

    Same rules as the ``combination-risk`` query; returns ``(drugA, drugB, basis, kind, claimA,
    claimB)`` tuples of CURIEs (``claimB`` is ``""`` for interactions). For recorded and mechanism
    reasons the two drugs are in IRI order; for risk-factor reasons ``drugA`` is the drug whose
    effect has the risk factor.

    Examples
    --------
    >>> import drugkg
    >>> g = drugkg.load().to_networkx()
    >>> reasons = risk_reasons(g, "dkg:MovementDisorder")
    >>> ("dkgr:drug-baclofen", "dkgr:drug-lithium", "recorded", "interaction") in {r[:4] for r in reasons}
    True
    """
    if effect not in g:
        raise NotFound("effect", effect)
    under = descendants_or_self(g, effect)
    drugs = {n for n, d in g.nodes(data=True) if d["type"] == "drug"}
    members: dict[str, set[str]] = defaultdict(set)
    for d in drugs:
        members[d].add(d)
        for c in _targets(g, d, "member_of"):
            members[c].add(d)
    iri = {n: d["iri"] for n, d in g.nodes(data=True)}
    out: set[tuple[str, str, str, str, str, str]] = set()

    def ordered(a: str, b: str) -> tuple[str, str]:
        return (a, b) if iri[a] < iri[b] else (b, a)

    for n, d in g.nodes(data=True):
        if d["type"] == "interaction" and any(o in under for o in _targets(g, n, "hasOutcome")):
            parts = _targets(g, n, "hasParticipant")
            for pa in parts:
                for pb in parts:
                    if pa == pb:
                        continue
                    for a in members.get(pa, ()):
                        for b in members.get(pb, ()):
                            if a != b:
                                out.add((*ordered(a, b), "recorded", "interaction", n, ""))

    mechs = [n for n, d in g.nodes(data=True) if d["type"] == "mechanism" and ABRUPT_CESSATION not in _targets(g, n, "inContext")]
    by_site: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in mechs:
        for pe in _targets(g, m, "hasPhysiologicalEffect"):
            for pw in _targets(g, m, "inPathway"):
                by_site[(pe, pw)].append(m)
    for site_mechs in by_site.values():
        for ma in site_mechs:
            for mb in site_mechs:
                if not (set(_targets(g, ma, "leadsTo")) | set(_targets(g, mb, "leadsTo"))) & under:
                    continue
                for a in _targets(g, ma, "mechanismOf"):
                    for b in _targets(g, mb, "mechanismOf"):
                        if a != b and iri[a] < iri[b]:
                            out.add((a, b, "inferred", "mechanism", ma, mb))

    assertions = [n for n, d in g.nodes(data=True) if d["type"] == "assertion"]
    adverse = [n for n in assertions if g.nodes[n].get("kind") == "adverse"]
    for ca in adverse:
        if not set(_targets(g, ca, "effect")) & under:
            continue
        for rf in _targets(g, ca, "hasRiskFactor"):
            rf_under = descendants_or_self(g, rf)
            for cb in adverse:
                if ABRUPT_CESSATION in _targets(g, cb, "inContext") or not set(_targets(g, cb, "effect")) & rf_under:
                    continue
                for a in _targets(g, ca, "subject"):
                    for b in _targets(g, cb, "subject"):
                        if a != b:
                            out.add((a, b, "inferred", "risk-factor", ca, cb))
    if drug is not None:
        out = {r for r in out if drug in r[:2]}
    return out


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


