"""One self-contained, offline HTML page per selection: pan, zoom, search, evidence on click."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExportError
from .layout import layered_layout, row_for
from .select import Selection
from .style import ASSETS, COLUMN_OF, HTML_LABEL_NODES, HTML_MAX_NODES, display_label, scalar, style
from .summary import edge_dashed, edge_name

if TYPE_CHECKING:
    import networkx as nx

    from ..kg import KnowledgeGraph

# -- HTML ---------------------------------------------------------------------------------------


def _html_payload(g: nx.MultiDiGraph, title: str, seeds: Iterable[str]) -> dict[str, Any]:
    lay = layered_layout(g, max_label=60, row=row_for(g.number_of_nodes()))
    ids = list(g.nodes())
    index = {n: i for i, n in enumerate(ids)}
    types = sorted({str(d.get("type", "")) for _, d in g.nodes(data=True)}, key=lambda t: (COLUMN_OF.get(t, 99), t))
    type_index = {t: i for i, t in enumerate(types)}
    relations = sorted({edge_name(k, d) for _, _, k, d in g.edges(keys=True, data=True)})
    rel_index = {r: i for i, r in enumerate(relations)}
    skip = {"label", "type", "iri"}
    nodes = []
    for n, d in g.nodes(data=True):
        x, y = lay.pos[n]
        extra = {k: scalar(v) for k, v in d.items() if k not in skip and v is not None}
        nodes.append([n, display_label(n, d), type_index[str(d.get("type", ""))], round(x, 1), round(y, 1), extra])
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        extra = {a: scalar(x) for a, x in d.items() if a not in ("relation", "predicate", "label") and x is not None}
        if edge_dashed(g, u, v, d):
            extra["dashed"] = True
        rel = rel_index[edge_name(k, d)]
        edges.append([index[u], index[v], rel, extra] if extra.keys() - {"inferred"} or extra.get("inferred")
                     else [index[u], index[v], rel])
    return {
        "title": title,
        "types": [[t, *style(t)] for t in types],
        "relations": relations,
        "nodes": nodes,
        "edges": edges,
        "columns": [[name, round(x, 1)] for name, x in lay.columns],
        "seeds": [index[s] for s in seeds if s in index],
        "labelNodes": HTML_LABEL_NODES,
    }


def render_html(g: nx.MultiDiGraph, title: str = "drugkg", *, seeds: Iterable[str] = ()) -> str:
    """A self-contained interactive HTML page of ``g`` (the HTML export).

    The page inlines its script and style (``drugkg/assets/graph.js``, ``graph.css``) and the graph
    as JSON with a precomputed layered layout; it draws on a canvas and fetches nothing.

    Raises
    ------
    ExportError
        Above :data:`HTML_MAX_NODES` nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("d", type="drug", label="baclofen")
    >>> page = render_html(g, "one drug")
    >>> "<script src" in page, "baclofen" in page
    (False, True)
    """
    n = g.number_of_nodes()
    if n > HTML_MAX_NODES:
        raise ExportError(f"{n} nodes are too many for the interactive HTML view (limit {HTML_MAX_NODES:,}); "
                          "select a subgraph with --focus DRUG --depth N, --explain A B or --effect CLASS, "
                          "or export GraphML/GEXF for Gephi or Cytoscape")
    payload = json.dumps(_html_payload(g, title, seeds), ensure_ascii=False, separators=(",", ":"))
    # JSON escapes for the characters HTML could read as markup: any label round-trips through JSON.parse
    payload = (payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
               .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    script = (ASSETS / "graph.js").read_text(encoding="utf-8")
    style = (ASSETS / "graph.css").read_text(encoding="utf-8")
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
        "<div id=\"app\"><aside id=\"side\">\n"
        f"<h1 id=\"title\">{html.escape(title)}</h1>\n"
        "<p id=\"counts\"></p>\n"
        "<input id=\"search\" type=\"search\" placeholder=\"search labels or ids\" autocomplete=\"off\" aria-label=\"search\">\n"
        "<ul id=\"matches\"></ul>\n<h2>legend</h2>\n<ul id=\"legend\"></ul>\n"
        "<h2>selected</h2>\n<div id=\"details\"><p class=\"hint\">Click a node for its evidence and links; "
        "drag nodes to move them, drag the background to pan, scroll to zoom.</p></div>\n</aside>\n"
        "<main id=\"stage\"><canvas id=\"canvas\"></canvas><div id=\"tip\" hidden></div>\n"
        "<div id=\"zoom\"><button id=\"zoom-in\" title=\"zoom in\">+</button><button id=\"zoom-out\" title=\"zoom out\">\u2212</button>"
        "<button id=\"zoom-fit\" title=\"fit\">fit</button></div></main></div>\n"
        f"<script type=\"application/json\" id=\"drugkg-data\">{payload}</script>\n"
        f"<script>\n{script}</script>\n</body></html>\n"
    )


def write_html(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    tmp.write_text(render_html(sel.graph, sel.title, seeds=sel.seeds), encoding="utf-8")


