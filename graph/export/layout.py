"""The layered layout shared by the SVG, PNG, HTML and GEXF exports."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .style import COLUMN_OF, COLUMNS, display_label

if TYPE_CHECKING:
    import networkx as nx


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
    labels = {n: truncate(display_label(n, d), max_label) for n, d in g.nodes(data=True)}
    by_col: dict[int, list[str]] = defaultdict(list)
    for n, d in g.nodes(data=True):
        by_col[COLUMN_OF.get(d.get("type", ""), len(COLUMNS) - 2)].append(n)
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


def row_for(n: int) -> float:
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


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


