"""Exporting the graph, or a selected subgraph, for browsers, papers and other tools.

One call, :func:`export` (also :meth:`drugkg.KnowledgeGraph.export` and ``drugkg export``),
writes one file in one of these formats:

========== ======================= ==================================================================
format     extensions              opens in
========== ======================= ==================================================================
html       ``.html``, ``.htm``     any browser, offline (one self-contained file, no CDN)
svg        ``.svg``                browsers, Inkscape, papers and slides (layered layout, legend)
png        ``.png``                anywhere (the SVG rasterised by headless Chromium)
graphml    ``.graphml``            Cytoscape, Gephi, yEd, Neo4j (APOC ``apoc.import.graphml``)
gexf       ``.gexf``               Gephi (types as colours, the layered layout as positions)
dot        ``.dot``, ``.gv``       Graphviz (``dot -Tsvg``)
cyjs       ``.cyjs``               Cytoscape desktop and Cytoscape.js (elements with data/classes)
turtle     ``.ttl``                any RDF tool (rdflib, Protege, triple stores, Neo4j n10s)
ntriples   ``.nt``                 any RDF tool, line based
jsonld     ``.jsonld``             JSON-LD processors
========== ======================= ==================================================================

Every format exports the same selection (at most one of them):

* nothing: the whole graph;
* ``focus=DRUG, depth=N``: the drug's neighbourhood, ``N`` hops in both directions (evidence,
  source and vocabulary nodes are not expanded through);
* ``explain=(A, B)``: the nodes of the pair's explanation paths (recorded interactions and
  converging mechanisms, see :meth:`~drugkg.KnowledgeGraph.explain`) and their outcome effects;
  ``effect`` may be given with it to explain the pair for that effect class instead of the default
  "movement disorder";
* ``effect=CLASS``: everything on a path to an effect under the class: the assertions and
  interactions with such an outcome, the mechanisms leading to one (with their target actions,
  targets, physiological effects and pathways), the drugs and drug classes involved, and the
  class hierarchy between the outcomes and the class.

The graph formats carry the typed node and edge attributes of :mod:`drugkg.traversal` (CURIE ids,
``type``, ``label``, ``iri``, ``level``, ``evidence``...; edges keyed by ``relation``). RDF formats
carry triples: for the whole graph every triple of the store (the union of its named graphs), for
a subgraph the triples whose subject is a selected node, the blank nodes they reach, and the
labels of the nodes they point to.

Files are written atomically: to a temporary file in the target directory, then renamed, so a
failed export never leaves a half-written file behind.

Examples
--------
>>> import tempfile, pathlib, xml.etree.ElementTree as ET
>>> import drugkg
>>> kg = drugkg.load()
>>> out = kg.export(pathlib.Path(tempfile.mkdtemp()) / "baclofen.graphml", focus="baclofen")
>>> out.suffix, "GABA-B receptor subunit 1" in out.read_text()
('.graphml', True)
>>> resolve_format("figure.svg"), resolve_format("x.out", "TTL")
('svg', 'turtle')
>>> sel = select(kg, explain=("baclofen", "clozapine"))
>>> sel.kind, "dkgr:pathway-nigrostriatal" in sel.graph
('explain', True)
"""

from __future__ import annotations

import html
import itertools
import json
import math
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ExportError
from .namespaces import SPARQL_PREFIXES, compress_iri

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

    from .kg import KnowledgeGraph

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
_DEFAULT_STYLE = ("#cccccc", "circle")

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
_COLUMN_OF = {t: i for i, (_, types) in enumerate(COLUMNS) for t in types}

_FONT = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"
_ASSETS = resources.files("drugkg") / "assets"  # shipped in the wheel, read like every packaged file


# -- formats ------------------------------------------------------------------------------------

#: Format aliases accepted by ``format=``.
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld", "htm": "html",
           "gv": "dot", "graphviz": "dot", "cytoscape": "cyjs"}
#: File extension -> format, used when ``format`` is not given.
EXTENSIONS = {".html": "html", ".htm": "html", ".svg": "svg", ".png": "png", ".graphml": "graphml", ".gexf": "gexf",
              ".dot": "dot", ".gv": "dot", ".cyjs": "cyjs", ".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld"}


def resolve_format(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The export format for ``path``: ``format`` (or its alias) if given, else from the extension.

    Raises
    ------
    ExportError
        Unknown format, or no format given and an extension that names none; the message lists
        the valid formats.

    Examples
    --------
    >>> resolve_format("g.nt"), resolve_format("g.txt", "json-ld")
    ('ntriples', 'jsonld')
    >>> resolve_format("g.txt")
    Traceback (most recent call last):
    ...
    drugkg.errors.ExportError: cannot tell the export format from 'g.txt'; give one of: html, svg, png, graphml, gexf, dot, cyjs,
    turtle (ttl), ntriples (nt), jsonld
    """
    if format is None:
        name = EXTENSIONS.get(Path(path).suffix.lower())
        if name is None:
            raise ExportError(f"cannot tell the export format from {str(path)!r}; give one of: {_valid()}")
        return name
    key = str(format).strip().lower()
    key = ALIASES.get(key, key)
    if key not in EXPORTERS:
        raise ExportError(f"unknown export format {format!r}; valid formats: {_valid()}")
    return key


def _valid() -> str:
    short = {"turtle": "ttl", "ntriples": "nt"}
    return ", ".join(f"{f} ({short[f]})" if f in short else f for f in EXPORTERS)


# -- selection ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The subgraph an export writes.

    Attributes
    ----------
    graph : networkx.MultiDiGraph
        Nodes and edges as in :func:`drugkg.traversal.project` (a view of the whole graph when
        ``kind`` is ``"whole"``: do not modify it).
    kind : str
        ``"whole"``, ``"focus"``, ``"explain"`` or ``"effect"``.
    title : str
        One line describing the selection (used as the figure and page title).
    seeds : tuple of str
        CURIEs of the nodes the selection started from (drawn emphasised).
    """

    graph: Any
    kind: str
    title: str
    seeds: tuple[str, ...] = ()

    @property
    def whole(self) -> bool:
        return self.kind == "whole"


def select(kg: KnowledgeGraph, *, focus: str | None = None, depth: int = 1, explain: tuple[str, str] | list[str] | None = None,
           effect: str | None = None) -> Selection:
    """Select the subgraph to export (see the module docstring for the rules).

    Parameters
    ----------
    kg : KnowledgeGraph
    focus : str, optional
        A drug (label, synonym or CURIE): its neighbourhood of ``depth`` hops.
    depth : int, default 1
        Hops from ``focus``; an integer >= 0.
    explain : (str, str), optional
        Two drugs: the nodes of their explanation paths for ``effect`` (default "movement
        disorder").
    effect : str, optional
        An effect class: everything leading to an effect under it (or, with ``explain``, the
        class the pair is explained for).

    Raises
    ------
    ExportError
        Two selections at once, a bad ``depth``, a pair without explanation, or an effect class
        nothing leads to.
    NotFound
        (``DrugNotFound``/``EffectNotFound``) for an unknown drug or effect name.

    Examples
    --------
    >>> import drugkg
    >>> kg = drugkg.load()
    >>> sel = select(kg, focus="baclofen", depth=1)
    >>> sel.title, "dkgr:target-GABBR1" in sel.graph
    ('baclofen, 1 hop', True)
    >>> sel = select(kg, effect="status dystonicus")
    >>> sorted(n for n, d in sel.graph.nodes(data=True) if d["type"] == "drug")
    ['dkgr:drug-baclofen']
    """
    from .kg import DEFAULT_EFFECT
    from .traversal import neighbourhood

    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise ExportError(f"depth must be an integer >= 0, got {depth!r}")
    given = [name for name, value in (("focus", focus), ("explain", explain), ("effect", effect if explain is None else None))
             if value is not None]
    if len(given) > 1:
        raise ExportError(f"give at most one selection, got {' and '.join(given)} "
                          "(focus with depth, explain A B, or effect CLASS)")
    g = kg.to_networkx()
    if focus is not None:
        curie = compress_iri(kg.resolve(focus, "drug"))
        sub = neighbourhood(g, curie, depth)
        hops = "hop" if depth == 1 else "hops"
        return Selection(sub, "focus", f"{g.nodes[curie]['label']}, {depth} {hops}", (curie,))
    if explain is not None:
        if isinstance(explain, str) or len(explain) != 2:
            raise ExportError(f"explain needs two drugs, got {explain!r}")
        return _select_explanation(kg, g, explain[0], explain[1], effect or DEFAULT_EFFECT)
    if effect is not None:
        return _select_effect(kg, g, effect)
    return Selection(g, "whole", "drugkg: the whole graph")


def _out(g: nx.MultiDiGraph, node: str, *relations: str) -> list[str]:
    return [v for _, v, k in g.out_edges(node, keys=True) if k in relations]


def _into(g: nx.MultiDiGraph, node: str, *relations: str) -> list[str]:
    return [u for u, _, k in g.in_edges(node, keys=True) if k in relations]


def _is_a_chain(g: nx.MultiDiGraph, nodes: Iterable[str], under: set[str]) -> set[str]:
    """Effect classes between ``nodes`` and the top of ``under`` along ``is_a`` edges."""
    keep: set[str] = set()
    todo = [n for n in nodes if n in under]
    while todo:
        n = todo.pop()
        if n in keep:
            continue
        keep.add(n)
        todo.extend(p for p in _out(g, n, "is_a") if p in under)
    return keep


#: Relations that summarise a claim node (left out of explanation subgraphs, which show the claim).
_SHORTCUTS = frozenset({"hasAdverseEffect", "treats", "interactsWith", "interactsWithDrug"})


def _select_explanation(kg: KnowledgeGraph, g: nx.MultiDiGraph, a: str, b: str, effect: str) -> Selection:
    from .traversal import descendants_or_self

    combo = kg.explain(a, b, effect=effect)
    effect_curie = compress_iri(kg.resolve(effect, "effect"))
    if combo is None or not combo.explanation:
        raise ExportError(f"{a} and {b}: no explanation for {effect!r} to export "
                          "(the pair does not raise its risk in the graph)")
    under = descendants_or_self(g, effect_curie)
    nodes: set[str] = set()
    outcomes: set[str] = set()
    for exp in combo.explanation:
        nodes.update(step.node for step in exp.path if step.node in g)
        for claim in exp.claims:
            if claim in g:
                nodes.add(claim)
                outcomes.update(o for o in _out(g, claim, "hasOutcome", "leadsTo", "effect") if o in under)
    nodes |= outcomes
    sub = g.subgraph(nodes).copy()
    # the drug-effect and drug-drug shortcut edges summarise claims the paths already show
    sub.remove_edges_from([(u, v, k) for u, v, k in list(sub.edges(keys=True)) if k in _SHORTCUTS])
    title = f"why {combo.drugs[0]} + {combo.drugs[1]} raise {g.nodes[effect_curie]['label']} risk"
    return Selection(sub, "explain", title, tuple(compress_iri(d) for d in combo.drug_iris))


def _select_effect(kg: KnowledgeGraph, g: nx.MultiDiGraph, effect: str) -> Selection:
    from .traversal import descendants_or_self

    cls = compress_iri(kg.resolve(effect, "effect"))
    under = descendants_or_self(g, cls)
    keep: set[str] = set()
    reached: set[str] = set()
    mechanisms: list[str] = []
    for n, d in g.nodes(data=True):
        t = d["type"]
        if t == "assertion" and d.get("kind") != "therapeutic":
            hits = [o for o in _out(g, n, "effect") if o in under]
            drugs = _out(g, n, "subject")
        elif t == "interaction":
            hits = [o for o in _out(g, n, "hasOutcome") if o in under]
            drugs = _out(g, n, "hasParticipant")
        elif t == "mechanism":
            hits = [o for o in _out(g, n, "leadsTo") if o in under]
            drugs = _out(g, n, "mechanismOf")
            if hits:
                mechanisms.append(n)
        else:
            continue
        if hits:
            keep.add(n)
            keep.update(drugs)
            reached.update(hits)
    if not keep:
        raise ExportError(f"nothing in the graph leads to {g.nodes[cls]['label']!r} or an effect under it")
    for m in mechanisms:
        actions = _out(g, m, "viaTargetAction")
        keep.update(actions)
        keep.update(_out(g, m, "hasPhysiologicalEffect", "inPathway"))
        for ta in actions:
            keep.update(_out(g, ta, "onTarget"))
    # member drugs of the drug classes that take part, and withdrawal syndromes that manifest so
    for n in list(keep):
        t = g.nodes[n]["type"]
        if t == "drug_class":
            keep.update(_into(g, n, "member_of"))
        elif t == "assertion":
            keep.update(w for w in _into(g, n, "hasManifestation") if g.nodes[w]["type"] == "withdrawal")
    keep |= _is_a_chain(g, reached | {cls}, under)
    sub = g.subgraph(keep).copy()
    return Selection(sub, "effect", f"what leads to {g.nodes[cls]['label']}", (cls,))


# -- the entry point ----------------------------------------------------------------------------


def export(kg: KnowledgeGraph, path: str | os.PathLike[str], *, format: str | None = None, focus: str | None = None,
           depth: int = 1, explain: tuple[str, str] | list[str] | None = None, effect: str | None = None) -> Path:
    """Write the graph, or a selected subgraph, to ``path`` in one format.

    Parameters
    ----------
    kg : KnowledgeGraph
    path : str or PathLike
        The file to write (replaced if it exists; its directory must exist).
    format : str, optional
        ``html``, ``svg``, ``png``, ``graphml``, ``gexf``, ``dot``, ``cyjs``, ``turtle``
        (``ttl``), ``ntriples`` (``nt``) or ``jsonld``; default: from the extension of ``path``.
    focus, depth, explain, effect
        The selection; see :func:`select`.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ExportError
        Unknown format, invalid selection, a graph too large for the format, a missing Chromium
        for PNG, or a directory that does not exist.
    NotFound
        Unknown drug or effect name (``DrugNotFound``, ``EffectNotFound``).

    Examples
    --------
    >>> import tempfile, pathlib, json, drugkg
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "pair.cyjs"
    >>> _ = export(drugkg.load(), out, explain=("baclofen", "clozapine"))
    >>> ids = {e["data"]["id"] for e in json.loads(out.read_text())["elements"]["nodes"]}
    >>> {"dkgr:drug-baclofen", "dkgr:drug-clozapine"} <= ids
    True
    """
    target = Path(path)
    name = resolve_format(target, format)
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {str(target)!r}: directory {str(target.parent)!r} does not exist")
    sel = select(kg, focus=focus, depth=depth, explain=explain, effect=effect)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    try:
        EXPORTERS[name](kg, sel, Path(tmp))
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


# -- attributes ---------------------------------------------------------------------------------


def _scalar(value: Any) -> str | int | float | bool | None:
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
        out.add_node(n, **{k: v for k, v in ((k, _scalar(v)) for k, v in d.items()) if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{a: x for a, x in ((a, _scalar(x)) for a, x in d.items()) if x is not None})
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


def _style(kind: str) -> tuple[str, str]:
    return NODE_STYLE.get(kind, _DEFAULT_STYLE)


# -- layered layout -----------------------------------------------------------------------------


@dataclass
class Layout:
    """Positions of a layered drawing.

    Attributes
    ----------
    pos : dict
        Node -> (x, y) of its marker (labels go to its right).
    columns : list of (title, x)
        The non-empty columns, left to right.
    width, height : float
        Size of the drawing area.
    """

    pos: dict[str, tuple[float, float]]
    columns: list[tuple[str, float]]
    width: float
    height: float
    labels: dict[str, str] = field(default_factory=dict)


def layered_layout(g: nx.MultiDiGraph, *, row: float = 18.0, char: float = 6.1, max_label: int = 46,
                   max_rows: int | None = None, sweeps: int = 6) -> Layout:
    """Place nodes in typed columns (drugs | targets | mechanisms | claims | effects | evidence).

    Nodes are ordered within their column by the barycentre of their neighbours in other columns
    (a few sweeps each way, which removes most crossings), then small columns are aligned with
    their neighbours. A column longer than ``max_rows`` wraps into several side-by-side columns.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("d", type="drug", label="baclofen"); g.add_node("e", type="effect", label="Dystonia")
    >>> g.add_edge("d", "e", key="hasAdverseEffect")
    'hasAdverseEffect'
    >>> lay = layered_layout(g)
    >>> lay.pos["d"][0] < lay.pos["e"][0], [t for t, _ in lay.columns]
    (True, ['drugs', 'effects'])
    """
    n_nodes = g.number_of_nodes()
    if not n_nodes:
        return Layout(pos={}, columns=[], width=10.0, height=row)
    if max_rows is None:
        max_rows = max(100, int(math.sqrt(n_nodes * 3)))
    labels = {n: _truncate(display_label(n, d), max_label) for n, d in g.nodes(data=True)}
    by_col: dict[int, list[str]] = defaultdict(list)
    for n, d in g.nodes(data=True):
        by_col[_COLUMN_OF.get(d.get("type", ""), len(COLUMNS) - 2)].append(n)
    type_rank = {t: j for _, types in COLUMNS for j, t in enumerate(types)}
    cols = sorted(by_col)
    col_index = {c: i for i, c in enumerate(cols)}
    where = {n: col_index[c] for c, ns in by_col.items() for n in ns}
    neigh: dict[str, list[str]] = defaultdict(list)
    for u, v in g.edges():
        if u != v and where[u] != where[v]:
            neigh[u].append(v)
            neigh[v].append(u)
    # initial order: by type within the column, then by label
    order = [sorted(by_col[c], key=lambda n: (type_rank.get(g.nodes[n].get("type", ""), 9), labels[n].lower(), n)) for c in cols]
    rank = {n: i / max(1, len(col) - 1) for col in order for i, n in enumerate(col)}
    for sweep in range(sweeps):
        seq = range(len(order)) if sweep % 2 == 0 else range(len(order) - 1, -1, -1)
        for ci in seq:
            col = order[ci]
            bary = {}
            for n in col:
                ws = [(rank[m], 1.0 / abs(where[m] - ci)) for m in neigh.get(n, ())]
                bary[n] = sum(r * w for r, w in ws) / sum(w for _, w in ws) if ws else rank[n]
            col.sort(key=lambda n: (bary[n], labels[n].lower()))
            for i, n in enumerate(col):
                rank[n] = i / max(1, len(col) - 1)
    # vertical placement: wrapped columns fill from the top; short columns sit near their neighbours
    tallest = max(min(len(col), max_rows) for col in order)
    height = tallest * row
    ys: dict[str, float] = {}
    for col in order:
        if len(col) >= tallest * 0.6 or len(col) > max_rows:
            for i, n in enumerate(col):
                ys[n] = (i % max_rows) * row
        else:
            for n in col:
                ys[n] = rank[n] * (tallest - 1) * row if len(col) > 1 else (tallest - 1) * row / 2
    for _ in range(3):
        for col in order:
            if len(col) >= tallest * 0.6 or len(col) > max_rows:
                continue
            want = []
            for n in col:
                ms = neigh.get(n, ())
                want.append(sum(ys[m] for m in ms) / len(ms) if ms else ys[n])
            ys.update(zip(col, _pack(want, row, height - row), strict=True))
    # horizontal placement: column widths from their labels
    pos: dict[str, tuple[float, float]] = {}
    columns: list[tuple[str, float]] = []
    x = 10.0
    for ci, c in enumerate(cols):
        col = order[ci]
        width = 24 + char * max(len(labels[n]) for n in col)
        gap = 56.0 if n_nodes < 400 else 40.0
        chunks = max(1, math.ceil(len(col) / max_rows))
        columns.append((COLUMNS[c][0], x))
        for i, n in enumerate(col):
            pos[n] = (x + (i // max_rows) * (width + 16), ys[n])
        x += chunks * (width + 16) - 16 + gap
    return Layout(pos=pos, columns=columns, width=x, height=height, labels=labels)


def _row_for(n: int) -> float:
    """Row height of a layered drawing: roomier for small graphs."""
    return 18.0 if n > 120 else 28.0 if n > 40 else 38.0


def _pack(want: list[float], gap: float, top: float) -> list[float]:
    """Positions as close as possible to ``want`` (kept in order), at least ``gap`` apart."""
    out: list[float] = []
    for w in want:
        out.append(max(w, out[-1] + gap) if out else max(0.0, w))
    shift = sum(o - w for o, w in zip(out, want, strict=True)) / len(out) if out else 0.0
    out = [o - shift for o in out]
    low = min(out) if out else 0.0
    if low < 0:
        out = [o - low for o in out]
    high = max(out) if out else 0.0
    if high > top:
        over = high - top
        out = [max(0.0, o - over) for o in out]
        for i in range(1, len(out)):
            out[i] = max(out[i], out[i - 1] + gap)
    return out


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


# -- SVG ----------------------------------------------------------------------------------------


def _shape_svg(shape: str, x: float, y: float, r: float, fill: str, stroke_width: float = 0.8) -> str:
    stroke = f'fill="{fill}" stroke="#333" stroke-width="{stroke_width}"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {stroke}/>'
    pts = [f"{px:.1f},{py:.1f}" for px, py in _polygon(shape, x, y, r)]
    return f'<polygon points="{" ".join(pts)}" {stroke}/>'


def _polygon(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    """Corners of a marker shape (the HTML renderer draws the same shapes)."""
    if shape == "square":
        s = r * 0.9
        return [(x - s, y - s), (x + s, y - s), (x + s, y + s), (x - s, y + s)]
    if shape == "diamond":
        return [(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)]
    if shape == "triangle":
        return [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
    if shape == "invtriangle":
        return [(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)]
    if shape == "hexagon":
        return [(x + r * 1.1 * math.cos(a), y + r * 1.1 * math.sin(a)) for a in (i * math.pi / 3 for i in range(6))]
    return [(x + r * math.cos(a), y + r * math.sin(a)) for a in (i * math.pi / 8 for i in range(16))]


def _hidden_direct_edges(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    """Direct drug->effect edges (``hasAdverseEffect``/``treats``) whose assertion is drawn anyway."""
    out = set()
    for u, v, k, d in g.edges(keys=True, data=True):
        if k in ("hasAdverseEffect", "treats") and any(c.strip() in g for c in str(d.get("claims", "")).split(";") if c.strip()):
            out.add((u, v, k))
    return out


def render_svg(g: nx.MultiDiGraph, title: str = "", *, seeds: Iterable[str] = ()) -> str:
    """A layered SVG drawing of ``g`` with a legend (the SVG and PNG exports).

    Direct drug-effect edges are left out where the assertion node behind them is drawn (the path
    drug - assertion - effect shows the same fact, with its evidence). Edges are labelled by
    relation when there are at most :data:`SVG_EDGE_LABELS` of them.

    Examples
    --------
    >>> import networkx as nx, xml.etree.ElementTree as ET
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("d", type="drug", label="baclofen"); g.add_node("e", type="effect", label="Dystonia")
    >>> _ = g.add_edge("d", "e", key="hasAdverseEffect", relation="hasAdverseEffect")
    >>> root = ET.fromstring(render_svg(g, "example"))
    >>> sorted(t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.text in ("baclofen", "Dystonia"))
    ['Dystonia', 'baclofen']
    """
    n = g.number_of_nodes()
    if n > SVG_MAX_NODES:
        raise ExportError(f"{n} nodes are too many for a readable picture (limit {SVG_MAX_NODES}); "
                          "select a subgraph (focus, explain, effect) or export HTML/GraphML")
    seeds = set(seeds)
    lay = layered_layout(g, row=_row_for(n))
    hidden = _hidden_direct_edges(g)
    # one curve per pair of nodes, labelled with every relation between them
    pairs: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for u, v, k in g.edges(keys=True):
        if (u, v, k) in hidden or u == v:
            continue
        key = (u, v) if (v, u) not in pairs else (v, u)
        pairs.setdefault(key, []).append((str(k), key == (u, v)))
    label_edges = len(pairs) <= SVG_EDGE_LABELS
    left, top = 20.0, 78.0
    types = sorted({d.get("type", "") for _, d in g.nodes(data=True)}, key=lambda t: (_COLUMN_OF.get(t, 99), t))
    legend_w = 12 + 6.1 * max((len(t) for t in types), default=4) + 30
    legend_cols = max(1, int((lay.width - 80) // legend_w))
    legend_rows = math.ceil(len(types) / legend_cols)
    width = max(lay.width + left, 640.0)
    height = top + lay.height + 40 + legend_rows * 20 + 30
    e = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{_FONT}">',
           f"<title>{e(title)}</title>",
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="#8a8a8a"/></marker></defs>',
           f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
           f'<text x="{left}" y="26" font-size="17" font-weight="bold" fill="#222">{e(title)}</text>',
           f'<text x="{left}" y="45" font-size="11" fill="#555">{n} nodes, {g.number_of_edges()} edges'
           f'{"" if not hidden else f"; {len(hidden)} direct drug-effect edges shown through their assertions"}'
           f'{"" if label_edges else "; edge labels left out (see the HTML export)"}</text>']
    for name, x in lay.columns:
        out.append(f'<text x="{left + x:.1f}" y="{top - 16:.1f}" font-size="12" font-weight="bold" fill="#444">{e(name)}</text>')
    widths = {m: 10 + 6.1 * len(lay.labels[m]) for m in g}
    placed: list[tuple[float, float, float, float]] = [
        (left + lay.pos[m][0] - 8, top + lay.pos[m][1] - 8, left + lay.pos[m][0] + widths[m] * (1.12 if m in seeds else 1.0),
         top + lay.pos[m][1] + 8) for m in g]

    def anchor(m: str, side: str) -> tuple[float, float]:
        x, y = lay.pos[m]
        return (left + x + (widths[m] + 4 if side == "right" else -8), top + y)

    out.append('<g fill="none" stroke="#8a8a8a" stroke-opacity="0.55" stroke-width="0.9">')
    label_svg = []
    for (u, v), rels in pairs.items():
        (ux, _), (vx, _) = lay.pos[u], lay.pos[v]
        if abs(ux - vx) < 1:  # same column: a loop out to the left
            (x1, y1), (x2, y2) = anchor(u, "left"), anchor(v, "left")
            bend = 30 + min(120, abs(y2 - y1) / 4)
            c1, c2 = (x1 - bend, y1), (x2 - bend, y2)
        else:
            forward = ux < vx
            (x1, y1) = anchor(u, "right" if forward else "left")
            (x2, y2) = anchor(v, "left" if forward else "right")
            dx = (x2 - x1) * 0.45
            c1, c2 = (x1 + dx, y1), (x2 - dx, y2)
        names = sorted({r for r, _ in rels})
        ends = ' marker-end="url(#arrow)"' if any(fwd for _, fwd in rels) else ""
        ends += ' marker-start="url(#arrow)"' if not all(fwd for _, fwd in rels) else ""
        out.append(f'<path d="M{x1:.1f},{y1:.1f} C{c1[0]:.1f},{c1[1]:.1f} {c2[0]:.1f},{c2[1]:.1f} {x2:.1f},{y2:.1f}"{ends}>'
                   f'<title>{e(u)} {e(" / ".join(names))} {e(v)}</title></path>')
        if label_edges:
            text = " / ".join(names)
            lx, ly = _label_spot((x1, y1), c1, c2, (x2, y2), 5.0 * len(text) + 4, placed)
            label_svg.append(f'<text x="{lx:.1f}" y="{ly + 3:.1f}" text-anchor="middle" font-size="9" fill="#555" '
                             f'stroke="#fff" stroke-width="3" paint-order="stroke">{e(text)}</text>')
    out.append("</g>")
    out.extend(label_svg)
    for m, d in g.nodes(data=True):
        x, y = lay.pos[m]
        fill, shape = _style(d.get("type", ""))
        big = m in seeds
        out.append(f'<g class="node {e(str(d.get("type", "")))}"><title>{e(_tooltip(m, d))}</title>')
        out.append(_shape_svg(shape, left + x, top + y, 7.5 if big else 5.5, fill, 1.6 if big else 0.8))
        weight = ' font-weight="bold"' if big else ""
        out.append(f'<text x="{left + x + 10:.1f}" y="{top + y + 4:.1f}" font-size="{12 if big else 11}"{weight} fill="#111" '
                   f'stroke="#fff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">{e(lay.labels[m])}</text></g>')
    ly = top + lay.height + 30
    out.append(f'<text x="{left}" y="{ly:.1f}" font-size="12" font-weight="bold" fill="#444">legend</text>')
    for i, t in enumerate(types):
        fill, shape = _style(t)
        lx = left + 60 + (i % legend_cols) * legend_w
        yy = ly + (i // legend_cols) * 20
        out.append(_shape_svg(shape, lx, yy - 4, 5.5, fill))
        out.append(f'<text x="{lx + 10:.1f}" y="{yy:.1f}" font-size="11" fill="#222">{e(t.replace("_", " "))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _label_spot(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float],
                width: float, placed: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """A point on the cubic curve where a label of ``width`` overlaps the fewest placed boxes."""
    best: tuple[float, float, float] | None = None
    spots = [(t, dy) for dy in (0.0, -8.0, 8.0) for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)]
    for t, dy in spots:
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
        x = a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0]
        y = a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1] + dy
        box = (x - width / 2, y - 6, x + width / 2, y + 5)
        overlap = sum(max(0.0, min(box[2], o[2]) - max(box[0], o[0])) * max(0.0, min(box[3], o[3]) - max(box[1], o[1]))
                      for o in placed)
        if best is None or overlap < best[0]:
            best = (overlap, x, y)
        if overlap == 0:
            break
    assert best is not None
    _, x, y = best
    placed.append((x - width / 2, y - 6, x + width / 2, y + 5))
    return x, y


def _tooltip(node: str, d: dict[str, Any]) -> str:
    lines = [f"{d.get('label', node)} [{str(d.get('type', '')).replace('_', ' ')}]", node]
    if d.get("level"):
        lines.append(f"evidence level: {d['level']}")
    if d.get("evidence"):
        lines.append(str(d["evidence"]))
    return "\n".join(lines)


def _write_svg(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    tmp.write_text(render_svg(sel.graph, sel.title, seeds=sel.seeds), encoding="utf-8")


# -- PNG through headless Chromium --------------------------------------------------------------


def _write_png(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    from .browser import rasterise_svg

    rasterise_svg(render_svg(sel.graph, sel.title, seeds=sel.seeds), tmp)


# -- HTML ---------------------------------------------------------------------------------------


def _html_payload(g: nx.MultiDiGraph, title: str, seeds: Iterable[str]) -> dict[str, Any]:
    lay = layered_layout(g, max_label=60, row=_row_for(g.number_of_nodes()))
    ids = list(g.nodes())
    index = {n: i for i, n in enumerate(ids)}
    types = sorted({str(d.get("type", "")) for _, d in g.nodes(data=True)}, key=lambda t: (_COLUMN_OF.get(t, 99), t))
    type_index = {t: i for i, t in enumerate(types)}
    relations = sorted({str(k) for _, _, k in g.edges(keys=True)})
    rel_index = {r: i for i, r in enumerate(relations)}
    skip = {"label", "type", "iri"}
    nodes = []
    for n, d in g.nodes(data=True):
        x, y = lay.pos[n]
        extra = {k: _scalar(v) for k, v in d.items() if k not in skip and v is not None}
        nodes.append([n, display_label(n, d), type_index[str(d.get("type", ""))], round(x, 1), round(y, 1), extra])
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        extra = {a: _scalar(x) for a, x in d.items() if a not in ("relation", "predicate") and x is not None}
        edges.append([index[u], index[v], rel_index[str(k)], extra] if extra.keys() - {"inferred"} or extra.get("inferred")
                     else [index[u], index[v], rel_index[str(k)]])
    return {
        "title": title,
        "types": [[t, *_style(t)] for t in types],
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
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
    script = (_ASSETS / "graph.js").read_text(encoding="utf-8")
    style = (_ASSETS / "graph.css").read_text(encoding="utf-8")
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


def _write_html(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    tmp.write_text(render_html(sel.graph, sel.title, seeds=sel.seeds), encoding="utf-8")


# -- graph formats ------------------------------------------------------------------------------


def _write_graphml(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    import networkx as nx

    h = typed_graph(sel.graph)
    h.graph["name"] = sel.title
    nx.write_graphml(h, str(tmp), encoding="utf-8", prettyprint=True, named_key_ids=True)


def _write_gexf(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    import networkx as nx

    h = typed_graph(sel.graph)
    lay = layered_layout(sel.graph)
    for n, d in h.nodes(data=True):
        fill, _ = _style(str(d.get("type", "")))
        x, y = lay.pos[n]
        d["viz"] = {"color": {"r": int(fill[1:3], 16), "g": int(fill[3:5], 16), "b": int(fill[5:7], 16), "a": 1.0},
                    "position": {"x": float(x), "y": float(-y), "z": 0.0}, "size": 8.0 if n in sel.seeds else 5.0}
    nx.write_gexf(h, str(tmp), encoding="utf-8", prettyprint=True)


def _write_cyjs(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    g = sel.graph
    lay = layered_layout(g)
    nodes, edges = [], []
    for n, d in g.nodes(data=True):
        data = {"id": n, "name": display_label(n, d), **{k: _scalar(v) for k, v in d.items() if v is not None}}
        x, y = lay.pos[n]
        nodes.append({"data": data, "group": "nodes", "classes": str(d.get("type", "")), "position": {"x": x, "y": y}})
    for u, v, k, d in g.edges(keys=True, data=True):
        data = {"id": f"{u} {k} {v}", "source": u, "target": v, "relation": k,
                **{a: _scalar(x) for a, x in d.items() if x is not None}}
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
        fill, shape = _style(t)
        by_col[_COLUMN_OF.get(t, len(COLUMNS) - 2)].append(n)
        tip = _tooltip(n, d)
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


def _write_dot(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
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


def _rdf_writer(fmt_name: str) -> Callable[[KnowledgeGraph, Selection, Path], None]:
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


#: Format name -> exporter ``(kg, selection, temporary path) -> None``.
EXPORTERS: dict[str, Callable[[KnowledgeGraph, Selection, Path], None]] = {
    "html": _write_html,
    "svg": _write_svg,
    "png": _write_png,
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "dot": _write_dot,
    "cyjs": _write_cyjs,
    "turtle": _rdf_writer("turtle"),
    "ntriples": _rdf_writer("ntriples"),
    "jsonld": _rdf_writer("jsonld"),
}
#: The format names, in the order the docs list them.
FORMATS: tuple[str, ...] = tuple(EXPORTERS)


__all__ = [
    "ALIASES",
    "COLUMNS",
    "EXPORTERS",
    "EXTENSIONS",
    "FORMATS",
    "HTML_MAX_NODES",
    "NODE_STYLE",
    "Layout",
    "Selection",
    "display_label",
    "export",
    "layered_layout",
    "render_dot",
    "render_html",
    "render_svg",
    "resolve_format",
    "select",
    "selected_triples",
    "typed_graph",
]
