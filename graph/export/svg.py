"""SVG drawings (and PNG through headless Chromium) of a selection in the layered layout."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExportError
from .layout import layered_layout, row_for
from .select import Selection
from .style import COLUMN_OF, FONT, SVG_EDGE_LABELS, SVG_MAX_NODES, style
from .summary import edge_dashed, edge_name

if TYPE_CHECKING:
    import networkx as nx

    from ..kg import KnowledgeGraph

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
    relation (or by their summary label, see :mod:`drugkg.export.summary`) when there are at most
    :data:`SVG_EDGE_LABELS` of them; edges resting on a hypothesis only are dashed.

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
    lay = layered_layout(g, row=row_for(n))
    hidden = _hidden_direct_edges(g)
    # one curve per pair of nodes, labelled with every relation between them; dashed when every
    # edge of the pair rests on a hypothesis only
    pairs: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    solid: set[tuple[str, str]] = set()
    for u, v, k, d in g.edges(keys=True, data=True):
        if (u, v, k) in hidden or u == v:
            continue
        key = (u, v) if (v, u) not in pairs else (v, u)
        pairs.setdefault(key, []).append((edge_name(k, d), key == (u, v)))
        if not edge_dashed(g, u, v, d):
            solid.add(key)
    label_edges = len(pairs) <= SVG_EDGE_LABELS
    left, top = 20.0, 78.0
    types = sorted({d.get("type", "") for _, d in g.nodes(data=True)}, key=lambda t: (COLUMN_OF.get(t, 99), t))
    legend_w = 12 + 6.1 * max((len(t) for t in types), default=4) + 30
    legend_cols = max(1, int((lay.width - 80) // legend_w))
    legend_rows = math.ceil(len(types) / legend_cols)
    width = max(lay.width + left, 640.0)
    height = top + lay.height + 40 + legend_rows * 20 + 30
    e = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}">',
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
        if (u, v) not in solid:
            ends += ' stroke-dasharray="5,3" class="hypothesis"'
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
        fill, shape = style(d.get("type", ""))
        big = m in seeds
        out.append(f'<g class="node {e(str(d.get("type", "")))}"><title>{e(tooltip(m, d))}</title>')
        out.append(_shape_svg(shape, left + x, top + y, 7.5 if big else 5.5, fill, 1.6 if big else 0.8))
        weight = ' font-weight="bold"' if big else ""
        out.append(f'<text x="{left + x + 10:.1f}" y="{top + y + 4:.1f}" font-size="{12 if big else 11}"{weight} fill="#111" '
                   f'stroke="#fff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">{e(lay.labels[m])}</text></g>')
    ly = top + lay.height + 30
    out.append(f'<text x="{left}" y="{ly:.1f}" font-size="12" font-weight="bold" fill="#444">legend</text>')
    for i, t in enumerate(types):
        fill, shape = style(t)
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


def tooltip(node: str, d: dict[str, Any]) -> str:
    lines = [f"{d.get('label', node)} [{str(d.get('type', '')).replace('_', ' ')}]", node]
    if d.get("level"):
        lines.append(f"evidence level: {d['level']}")
    if d.get("evidence"):
        lines.append(str(d["evidence"]))
    return "\n".join(lines)


def write_svg(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    tmp.write_text(render_svg(sel.graph, sel.title, seeds=sel.seeds), encoding="utf-8")


# -- PNG through headless Chromium --------------------------------------------------------------


def write_png(kg: KnowledgeGraph, sel: Selection, tmp: Path) -> None:
    from .browser import rasterise_svg

    rasterise_svg(render_svg(sel.graph, sel.title, seeds=sel.seeds), tmp)


