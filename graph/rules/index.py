"""The traversal side of the rules: :class:`Index`, adjacency by relation over the typed NetworkX
projection, with the closures the rules' traversals share (classes under a class, the mechanisms
each drug acts through).

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for n, t in [("dkg:A", "class"), ("dkg:B", "class"), ("dkg:C", "class")]:
...     g.add_node(n, type=t, iri=n)
>>> _ = g.add_edge("dkg:B", "dkg:A", key="is_a"); _ = g.add_edge("dkg:C", "dkg:B", key="is_a")
>>> sorted(Index.of(g).under("dkg:A"))
['dkg:A', 'dkg:B', 'dkg:C']
>>> Index.of(g) is Index.of(g), Index.of(g).ordered("dkg:C", "dkg:A")
(True, ('dkg:A', 'dkg:C'))
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import networkx as nx

#: A row of a rule: column -> CURIE (or rank, label), from its query or its traversal.
Row = dict[str, Any]

#: Mechanisms and effects in this context act only when a drug is withdrawn.
ABRUPT_CESSATION = "dkgr:context-abrupt-cessation"


class Index:
    """Adjacency by relation over the projection, built once per graph."""

    _cache: ClassVar[weakref.WeakKeyDictionary[nx.MultiDiGraph, Index]] = weakref.WeakKeyDictionary()

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self.out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.inn: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for u, v, k in g.edges(keys=True):
            self.out[u][k].append(v)
            self.inn[v][k].append(u)
        self.by_type: dict[str, list[str]] = defaultdict(list)
        for n, d in g.nodes(data=True):
            self.by_type[d["type"]].append(n)
        self.iri = {n: d["iri"] for n, d in g.nodes(data=True)}
        self._under: dict[str, frozenset[str]] = {}
        self._through: dict[str, list[tuple[str, str | None]]] | None = None

    @classmethod
    def of(cls, g: nx.MultiDiGraph) -> Index:
        """The index of ``g`` (cached while ``g`` lives)."""
        index = cls._cache.get(g)
        if index is None:
            index = cls._cache[g] = cls(g)
        return index

    def t(self, node: str, rel: str) -> list[str]:
        """Targets of ``node``'s ``rel`` edges."""
        return self.out[node][rel] if node in self.out else []

    def s(self, node: str, rel: str) -> list[str]:
        """Sources of ``rel`` edges into ``node``."""
        return self.inn[node][rel] if node in self.inn else []

    def attr(self, node: str, name: str) -> Any:
        return self.g.nodes[node].get(name) if node in self.g else None

    def rank(self, node: str | None) -> int | None:
        """The ``rank`` literal of a vocabulary node (strength, sensitivity, severity)."""
        value = self.attr(node, "rank") if node else None
        return int(str(value).split(";")[0]) if value is not None else None

    def under(self, cls: str) -> frozenset[str]:
        """Classes under ``cls`` along ``is_a`` edges (``cls`` included)."""
        if cls not in self._under:
            out, todo = {cls}, [cls]
            while todo:
                for child in self.s(todo.pop(), "is_a"):
                    if child not in out:
                        out.add(child)
                        todo.append(child)
            self._under[cls] = frozenset(out)
        return self._under[cls]

    def acts_through(self) -> dict[str, list[tuple[str, str | None]]]:
        """drug -> ``[(mechanism, target action or None)]``: its own mechanisms (not withdrawal
        ones) and the action mechanisms of its target actions (with the target action used)."""
        if self._through is None:
            out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
            for m in self.by_type["mechanism"]:
                if not self.withdrawal_only(m):
                    for d in self.t(m, "mechanismOf"):
                        out[d].append((m, None))
            by_action: dict[tuple[str, str], list[str]] = defaultdict(list)
            for m in self.by_type["action_mechanism"]:
                if not self.withdrawal_only(m):
                    for t in self.t(m, "forTarget"):
                        for a in self.t(m, "forAction"):
                            by_action[(t, a)].append(m)
            for ta in self.by_type["target_action"]:
                used = sorted({m for t in self.t(ta, "onTarget") for a in self.t(ta, "actionType") for m in by_action.get((t, a), ())})
                for d in self.s(ta, "hasTargetAction"):
                    out[d] += [(m, ta) for m in used]
            self._through = out
        return self._through

    def action_kinds(self, mechanism: str) -> set[tuple[str, str]]:
        """``(target, action)`` of a mechanism: through its target actions, or an action mechanism's own."""
        via = self.t(mechanism, "viaTargetAction")
        targets = [t for ta in via for t in self.t(ta, "onTarget")] + self.t(mechanism, "forTarget")
        actions = [a for ta in via for a in self.t(ta, "actionType")] + self.t(mechanism, "forAction")
        return {(t, a) for t in targets for a in actions}

    def withdrawal_only(self, claim: str) -> bool:
        return ABRUPT_CESSATION in self.t(claim, "inContext")

    def ordered(self, a: str, b: str) -> tuple[str, str]:
        """``(a, b)`` in IRI order, as SPARQL's ``STR(?a) < STR(?b)``."""
        return (a, b) if self.iri[a] < self.iri[b] else (b, a)


def keep(row: Row, drug: str | None) -> bool:
    return drug is None or drug in (row["drugA"], row["drugB"])
