"""Graph formats (GraphML, GEXF, DOT, Cytoscape.js) and RDF (Turtle, N-Triples, JSON-LD) of a selection."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..namespaces import SPARQL_PREFIXES
from .layout import layered_layout
from .select import Selection
from .style import COLUMN_OF, COLUMNS, display_label, scalar, style, typed_graph
from .svg import tooltip

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

    from ..kg import KnowledgeGraph

# -- graph formats ------------------------------------------------------------------------------


def write_graphml(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    import networkx as nx

    h = typed_graph(sel.graph)
    h.graph["name"] = sel.title
    nx.write_graphml(h, str(tmp), encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_gexf(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    import networkx as nx

    h = typed_graph(sel.graph)
    lay = layered_layout(sel.graph)
    for n, d in h.nodes(data=True):
        fill, _ = style(str(d.get("type", "")))
        x, y = lay.pos[n]
        d["viz"] = {"color": {"r": int(fill[1:3], 16), "g": int(fill[3:5], 16), "b": int(fill[5:7], 16), "a": 1.0},
                    "position": {"x": float(x), "y": float(-y), "z": 0.0}, "size": 8.0 if n in sel.seeds else 5.0}
    nx.write_gexf(h, str(tmp), encoding="utf-8", prettyprint=True)


def write_cyjs(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    g = sel.graph
    lay = layered_layout(g)
    nodes, edges = [], []
    for n, d in g.nodes(data=True):
        data = {"id": n, "name": display_label(n, d), **{k: scalar(v) for k, v in d.items() if v is not None}}
        x, y = lay.pos[n]
        nodes.append({"data": data, "group": "nodes", "classes": str(d.get("type", "")), "position": {"x": x, "y": y}})
    for u, v, k, d in g.edges(keys=True, data=True):
        data = {"id": f"{u} {k} {v}", "source": u, "target": v, "relation": k,
                **{a: scalar(x) for a, x in d.items() if x is not None}}
        edges.append({"data": data, "group": "edges", "classes": str(k)})
    doc = {"format_version": "1.0", "generated_by": "drugkg", "target_cytoscapejs_version": "~3",
           "data": {"name": sel.title, "selection": sel.kind},
           "elements": {"nodes": nodes, "edges": edges}}
    tmp.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")


_DOT_SHAPE = {"circle": "ellipse", "square": "box", "diamond": "diamond", "triangle": "triangle",
              "invtriangle": "invtriangle", "hexagon": "hexagon"}


def _dot_quote(text: Any) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render_dot(g: nx.MultiDiGraph, title: str = "drugkg") -> str:
    """Graphviz DOT text of ``g``: typed shapes and colours, edges labelled by relation, one rank
    per layout column (``dot -Tsvg`` gives the same left-to-right layering). An edge against the
    column order is written reversed with ``dir=back``, so its arrow still points at its object.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node('say "hi"', type="drug", label="x")
    >>> 'say \\\\"hi\\\\"' in render_dot(g)
    True
    """
    lines = [f"digraph {_dot_quote(title)} {{", "  graph [rankdir=LR, ranksep=1.2, nodesep=0.15, fontname=\"Helvetica\", "
             f"label={_dot_quote(title)}, labelloc=t];",
             '  node [style=filled, fontname="Helvetica", fontsize=10, width=0.2, height=0.2];',
             '  edge [fontname="Helvetica", fontsize=8, color="#888888", fontcolor="#555555"];']
    by_col: dict[int, list[str]] = defaultdict(list)
    for n, d in g.nodes(data=True):
        t = str(d.get("type", ""))
        fill, shape = style(t)
        by_col[COLUMN_OF.get(t, len(COLUMNS) - 2)].append(n)
        tip = tooltip(n, d)
        lines.append(f"  {_dot_quote(n)} [label={_dot_quote(display_label(n, d))}, shape={_DOT_SHAPE.get(shape, 'ellipse')}, "
                     f"fillcolor={_dot_quote(fill)}, tooltip={_dot_quote(tip)}, type={_dot_quote(t)}];")
    cols = sorted(by_col)
    col_of = {n: c for c, ns in by_col.items() for n in ns}
    for col in cols:
        lines.append(f"  {{ rank=same; {' '.join(_dot_quote(n) for n in sorted(by_col[col]))} }}")
    for a, b in itertools.pairwise(cols):  # keep the columns in the figures' order
        lines.append(f"  {_dot_quote(min(by_col[a]))} -> {_dot_quote(min(by_col[b]))} [style=invis];")
    for u, v, k in g.edges(keys=True):
        if col_of[u] < col_of[v]:
            lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(k)}];")
        elif col_of[u] > col_of[v]:  # drawn left to right, arrow still at the object
            lines.append(f"  {_dot_quote(v)} -> {_dot_quote(u)} [label={_dot_quote(k)}, dir=back];")
        else:
            lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(k)}, constraint=false];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    tmp.write_text(render_dot(sel.graph, sel.title), encoding="utf-8")


# -- RDF ----------------------------------------------------------------------------------------


def selected_triples(kg: KnowledgeGraph, sel: Selection) -> list[ox.Triple]:
    """The triples an RDF export writes, in a stable order.

    The whole graph: every triple of the store (the union of its named graphs). A subgraph: the
    triples whose subject is a selected node, those of the blank nodes they reach, and the
    ``rdfs:label`` of every IRI they point to.

    Examples
    --------
    >>> import drugkg
    >>> kg = drugkg.load()
    >>> from drugkg.export import select
    >>> triples = selected_triples(kg, select(kg, focus="baclofen", depth=0))
    >>> "https://w3id.org/drugkg/resource/drug-baclofen" in {t.subject.value for t in triples}
    True
    """
    import pyoxigraph as ox

    store = kg.store
    if sel.whole:
        found = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
        return sorted(found, key=str)
    label = ox.NamedNode(SPARQL_PREFIXES["rdfs"] + "label")
    found = set()
    todo: list[Any] = [ox.NamedNode(d["iri"]) for _, d in sel.graph.nodes(data=True) if d.get("iri")]
    seen: set[Any] = set(todo)
    pointed: set[Any] = set()
    while todo:
        subject = todo.pop()
        for q in store.quads_for_pattern(subject, None, None, None):
            found.add(ox.Triple(q.subject, q.predicate, q.object))
            if isinstance(q.object, ox.BlankNode) and q.object not in seen:
                seen.add(q.object)
                todo.append(q.object)
            elif isinstance(q.object, ox.NamedNode):
                pointed.add(q.object)
    for obj in pointed:
        for q in store.quads_for_pattern(obj, label, None, None):
            found.add(ox.Triple(q.subject, q.predicate, q.object))
    return sorted(found, key=str)


def rdf_writer(fmt_name: str) -> Callable[[KnowledgeGraph, Selection, Path], None]:
    def write(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
        import pyoxigraph as ox

        fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt_name]
        triples = selected_triples(kg, sel)
        prefixes = None if fmt_name == "ntriples" else dict(SPARQL_PREFIXES)
        with open(tmp, "wb") as fh:
            if prefixes is None:
                ox.serialize(triples, fh, fmt)
            else:
                ox.serialize(triples, fh, fmt, prefixes=prefixes)

    write.__name__ = f"_write_{fmt_name}"
    write.__doc__ = f"Write the selection's triples as {fmt_name}."
    return write


