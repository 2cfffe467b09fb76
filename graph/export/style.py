"""Shared look of every visual export: node styles, layer columns, label text, scalar attributes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


#: Largest graph the HTML exporter writes. Measured with ``bench/bench_html_scale.py`` (see
#: ``docs/exports.md``): 5,000 nodes are on screen 0.1 s after navigation, 20,000 in 0.3 s with
#: 0.1 s frames; past this panning stutters, and a focused selection, or GraphML/GEXF for Gephi,
#: is the right tool.
HTML_MAX_NODES = 20_000
#: Above this many nodes the HTML page draws edge labels and node labels only once zoomed in
#: far enough that few of them are on screen (they are always drawn for smaller graphs).
HTML_LABEL_NODES = 2_000
#: Static pictures (SVG/PNG) label their edges up to this many edges.
SVG_EDGE_LABELS = 160
#: Largest graph the SVG/PNG exporters draw; beyond it a picture is unreadable.
SVG_MAX_NODES = 3_000

#: Node type -> (fill colour, shape), shared by every visual format and the legend.
NODE_STYLE: dict[str, tuple[str, str]] = {
    "drug": ("#1f77b4", "circle"),
    "drug_class": ("#9ecae1", "hexagon"),
    "target": ("#ff7f0e", "square"),
    "target_action": ("#fdae6b", "diamond"),
    "action": ("#fdd0a2", "diamond"),
    "mechanism": ("#2ca02c", "triangle"),
    "physiological_effect": ("#74c476", "invtriangle"),
    "pathway": ("#17becf", "hexagon"),
    "interaction": ("#8c564b", "diamond"),
    "assertion": ("#9467bd", "circle"),
    "withdrawal": ("#c49c94", "triangle"),
    "claim": ("#c5b0d5", "circle"),
    "effect": ("#d62728", "square"),
    "risk_factor": ("#ff9896", "diamond"),
    "management": ("#e377c2", "square"),
    "context": ("#bcbd22", "invtriangle"),
    "route": ("#dbdb8d", "invtriangle"),
    "evidence": ("#7f7f7f", "circle"),
    "source": ("#bdbdbd", "square"),
    "vocabulary": ("#d9d9d9", "circle"),
}
DEFAULT_STYLE = ("#cccccc", "circle")

#: Layered layout: columns from left to right, each a title and the node types it holds.
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("drug classes", ("drug_class",)),
    ("drugs", ("drug",)),
    ("targets", ("target",)),
    ("target actions", ("target_action",)),
    ("mechanisms", ("mechanism",)),
    ("physiology, pathways", ("physiological_effect", "pathway")),
    ("claims", ("interaction", "assertion", "withdrawal", "claim")),
    ("effects", ("effect", "risk_factor")),
    ("context, management", ("management", "context", "route", "action", "vocabulary")),
    ("evidence", ("evidence", "source")),
]
COLUMN_OF = {t: i for i, (_, types) in enumerate(COLUMNS) for t in types}

FONT = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"
ASSETS = resources.files("drugkg") / "assets"  # shipped in the wheel, read like every packaged file


# -- attributes ---------------------------------------------------------------------------------


def scalar(value: Any) -> str | int | float | bool | None:
    """A GraphML/GEXF-safe value: scalars as they are, sequences joined, ``None`` dropped."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in value)
    return str(value)


def typed_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose attribute values are scalars with one type per attribute name.

    GraphML and GEXF declare one type per attribute; an attribute that holds different types on
    different nodes is written as a string everywhere.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", rank=1, tags=["x", "y"]); g.add_node("b", rank="high")
    >>> h = typed_graph(g)
    >>> h.nodes["a"], h.nodes["b"]
    ({'rank': '1', 'tags': 'x; y'}, {'rank': 'high'})
    """
    import networkx as nx

    out = nx.MultiDiGraph(**{k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))})
    for n, d in g.nodes(data=True):
        out.add_node(n, **{k: v for k, v in ((k, scalar(v)) for k, v in d.items()) if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{a: x for a, x in ((a, scalar(x)) for a, x in d.items()) if x is not None})
    attr_dicts: tuple[Callable[[], Iterator[dict[str, Any]]], ...] = (
        lambda: (d for _, d in out.nodes(data=True)),
        lambda: (d for _, _, d in out.edges(data=True)),
    )
    for attrs in attr_dicts:
        kinds: dict[str, set[type]] = defaultdict(set)
        for d in attrs():
            for k, v in d.items():
                kinds[k].add(bool if isinstance(v, bool) else type(v))
        mixed = {k for k, ts in kinds.items() if len(ts) > 1}
        if mixed:
            for d in attrs():
                for k in mixed & set(d):
                    d[k] = str(d[k])
    return out


def display_label(node: str, attrs: dict[str, Any]) -> str:
    """The label a picture shows: the node's label, or a readable form of its CURIE.

    Examples
    --------
    >>> display_label("dkgr:assertion-baclofen-label-common-nausea",
    ...               {"label": "dkgr:assertion-baclofen-label-common-nausea", "type": "assertion"})
    'baclofen label common nausea'
    >>> display_label("HP:0001332", {"label": "Dystonia"})
    'Dystonia'
    """
    label = str(attrs.get("label") or node)
    if label != node and not label.startswith("dkgr:"):
        return label
    local = node.split(":", 1)[1] if ":" in node else node
    kind = str(attrs.get("type", ""))
    for prefix in (kind.replace("_", "") + "-", kind + "-", "assertion-", "claim-"):
        if local.startswith(prefix):
            local = local[len(prefix):]
            break
    return local.replace("-", " ").replace("_", " ")


def style(kind: str) -> tuple[str, str]:
    return NODE_STYLE.get(kind, DEFAULT_STYLE)


