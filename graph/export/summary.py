"""The summary view: each drug-effect assertion drawn as one labelled edge instead of a claim node.

In the full graph an assertion is a node (drug <- subject - assertion - effect -> effect, with
context, route and evidence hanging off it), which doubles the clutter of a neighbourhood. The
summary replaces every assertion node by one edge from its drug to its effect, keyed by the
assertion and labelled with what a reader needs: the kind (adverse or therapeutic), the contexts,
the routes and the evidence level. The direct ``hasAdverseEffect``/``treats`` edges it stands for
are dropped. Context, route and evidence nodes reached only through assertions go with them.

Edges carry ``level`` and ``level_rank`` (the assertion's grade) so the renderers can draw the
evidence level: solid for drug labels and reports, dashed for hypotheses (:func:`edge_dashed`).

Examples
--------
>>> import drugkg
>>> g = summarise(drugkg.load().to_networkx())
>>> any(d["type"] == "assertion" for _, d in g.nodes(data=True))
False
>>> labels = [d["label"] for _, v, d in g.out_edges("dkgr:drug-baclofen", data=True) if v == "HP:0001332"]
>>> any(label.startswith("adverse: ") for label in labels)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

#: The relation a summary edge stands for, by assertion kind.
RELATION = {"adverse": "hasAdverseEffect", "therapeutic": "treats"}


def _targets(g: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted(v for _, v, k in g.out_edges(node, keys=True) if k == relation)


def edge_label(g: nx.MultiDiGraph, assertion: str) -> str:
    """``"adverse: initiation, dose increase; oral [primary report]"`` for an assertion node."""
    d = g.nodes[assertion]

    def label(n: str) -> str:
        return str(g.nodes[n].get("label", n))

    contexts = ", ".join(label(n) for n in _targets(g, assertion, "inContext")) or "any context"
    routes = ", ".join(label(n) for n in _targets(g, assertion, "viaRoute")) or "any route"
    level = d.get("level") or "no evidence"
    return f"{d.get('kind', 'effect')}: {contexts}; {routes} [{level}]"


def summarise(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` with assertion nodes replaced by labelled drug -> effect edges."""
    out = g.copy()
    assertions = [n for n, d in g.nodes(data=True) if d.get("type") == "assertion"]
    used_by: dict[str, set[str]] = {}
    for a in assertions:
        drugs, effects = _targets(g, a, "subject"), _targets(g, a, "effect")
        d = g.nodes[a]
        attrs: dict[str, Any] = {
            "relation": RELATION.get(str(d.get("kind")), "hasEffect"), "label": edge_label(g, a), "claims": a,
            "kind": d.get("kind"), "level": d.get("level"), "level_rank": d.get("level_rank"), "evidence": d.get("evidence"),
            "contexts": "; ".join(str(g.nodes[n].get("label", n)) for n in _targets(g, a, "inContext")),
            "routes": "; ".join(str(g.nodes[n].get("label", n)) for n in _targets(g, a, "viaRoute")),
        }
        for drug in drugs:
            for effect in effects:
                rel = attrs["relation"]
                if out.has_edge(drug, effect, rel):
                    out.remove_edge(drug, effect, rel)
                out.add_edge(drug, effect, key=f"{rel} {a}", **attrs)
        for _, v in g.out_edges(a):
            used_by.setdefault(v, set()).add(a)
    out.remove_nodes_from(assertions)
    gone = set(assertions)
    orphans = [n for n, users in used_by.items()
               if n in out and users <= gone and out.degree(n) == 0 and g.nodes[n].get("type") in ("context", "route", "evidence")]
    out.remove_nodes_from(orphans)
    return out


def edge_name(key: Any, attrs: dict[str, Any]) -> str:
    """What an edge is called in a drawing: its summary label, else its relation."""
    return str(attrs.get("label") or key)


def edge_dashed(g: nx.MultiDiGraph, u: str, v: str, attrs: dict[str, Any]) -> bool:
    """Whether an edge is drawn dashed: its own evidence level, or that of the claim it touches,
    is only a hypothesis.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("m", type="mechanism", level="hypothesis"); g.add_node("d", type="drug")
    >>> edge_dashed(g, "d", "m", {}), edge_dashed(g, "d", "d", {"level": "drug label"})
    (True, False)
    """
    if attrs.get("level"):
        return bool(attrs["level"] == "hypothesis")
    return any(g.nodes[n].get("level") == "hypothesis" for n in (u, v))


__all__ = ["RELATION", "edge_dashed", "edge_label", "edge_name", "summarise"]
