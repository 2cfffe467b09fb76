"""The risk matrix: drugs x drugs, each cell coloured by the pair's combination-risk score.

``drugkg export --format matrix -o m.svg --drugs baclofen,clozapine,lithium`` (or ``--effect
CLASS`` for every drug in a risky pair of that class) writes it as SVG, PNG or a self-contained
HTML page whose cells open the pair's explanation. The workbench draws its regimen check with the
same SVG (each cell carries ``data-a``/``data-b`` drug labels).

Examples
--------
>>> import drugkg
>>> m = risk_matrix(drugkg.load(), drugs=["baclofen", "clozapine", "lithium"])
>>> m.drugs, m.cell("baclofen", "lithium").basis
(['baclofen', 'clozapine', 'lithium'], 'recorded')
>>> "<svg" in render_matrix_svg(m)
True
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..defaults import DEFAULT_EFFECT
from ..errors import ExportError

#: Most drugs a matrix is drawn for (a 60 x 60 grid is already a poster).
MATRIX_MAX_DRUGS = 60


@dataclass(frozen=True)
class Cell:
    """One risky pair of the matrix."""

    a: str
    b: str
    score: int
    basis: str
    level: str
    reason: str
    outcomes: tuple[str, ...]


@dataclass
class Matrix:
    """Drug labels (rows and columns, in order), the effect class, and the risky pairs."""

    drugs: list[str]
    effect: str
    cells: dict[frozenset[str], Cell] = field(default_factory=dict)

    def cell(self, a: str, b: str) -> Cell | None:
        return self.cells.get(frozenset((a, b)))


def risk_matrix(kg: Any, *, drugs: list[str] | None = None, effect: str | None = None) -> Matrix:
    """The matrix for a list of drugs (their regimen check, :meth:`~drugkg.KnowledgeGraph.check`:
    every effect class unless ``effect`` is given), or for every drug in a risky pair of
    ``effect``'s class (default: movement disorder).

    Raises
    ------
    ExportError
        Fewer than two drugs, or more than :data:`MATRIX_MAX_DRUGS`.
    """
    if drugs:  # the regimen check: every pair within the list, for one or every effect class
        report = kg.check(drugs, effect=effect)
        combos, labels, effect_label = list(report.pairs), list(report.drugs), report.effect
    else:
        effect = effect or DEFAULT_EFFECT
        effect_label = kg.label(kg.resolve(effect, "effect"))
        combos = list(kg.risky_combinations(effect))
        labels = sorted({d for c in combos for d in c.drugs})
    if len(labels) < 2:
        raise ExportError(f"a risk matrix needs at least two drugs, got {len(labels)}")
    if len(labels) > MATRIX_MAX_DRUGS:
        raise ExportError(f"{len(labels)} drugs are too many for a readable matrix (limit {MATRIX_MAX_DRUGS}); give --drugs")
    m = Matrix(labels, effect_label)
    for c in combos:
        a, b = c.drugs
        m.cells[frozenset((a, b))] = Cell(a, b, c.score, c.basis, c.level, c.reason, tuple(c.outcomes))
    return m


#: Cell fills from pale to dark: two shades per evidence level (the darker one when the source
#: grades the interaction "adjust or monitor" or more severe).
RAMP = ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#a50f15")
LEVELS = ("hypothesis", "secondary claim", "primary report", "drug label")


def shade(score: int | None) -> int:
    """Index into :data:`RAMP` of a score (``1000·level + 100·severity + ...``), -1 for no risk.

    >>> shade(None), shade(1041), shade(4045), shade(4445)
    (-1, 0, 6, 7)
    """
    if score is None:
        return -1
    level, severity = max(1, min(4, score // 1000)), (score // 100) % 10
    return 2 * (level - 1) + (1 if severity >= 2 else 0)


def colour(score: int | None) -> str:
    """Fill for a score: pale grey for no known risk, yellow to dark red as the evidence rises.

    >>> colour(None), colour(4445)
    ('#f4f4f4', '#a50f15')
    """
    i = shade(score)
    return "#f4f4f4" if i < 0 else RAMP[i]


def render_matrix_svg(m: Matrix, *, cell_size: int = 34) -> str:
    """The matrix as SVG: labelled rows and columns, cells coloured by score with the score
    written in them and the reason as a tooltip."""
    esc = html.escape
    label_w = max(60, 7 * max(len(d) for d in m.drugs) + 12)
    n = len(m.drugs)
    top = label_w + 30
    width = max(label_w + n * cell_size + 110, 560)
    height = top + n * cell_size + 90
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="Helvetica, Arial, sans-serif" font-size="12">',
           f'<title>{esc(m.effect)} risk matrix</title><rect width="100%" height="100%" fill="white"/>',
           f'<text x="8" y="18" font-size="14" font-weight="bold">{esc(m.effect)} risk: drug pairs by score</text>']
    for i, d in enumerate(m.drugs):
        y = top + i * cell_size + cell_size / 2 + 4
        out.append(f'<text x="{label_w - 6}" y="{y:.0f}" text-anchor="end">{esc(d)}</text>')
        x = label_w + i * cell_size + cell_size / 2 + 4
        out.append(f'<text transform="translate({x:.0f},{top - 6}) rotate(-60)">{esc(d)}</text>')
    for i, a in enumerate(m.drugs):
        for j, b in enumerate(m.drugs):
            x, y = label_w + j * cell_size, top + i * cell_size
            if i == j:
                out.append(f'<rect x="{x}" y="{y}" width="{cell_size}" height="{cell_size}" fill="#ddd" stroke="white"/>')
                continue
            c = m.cell(a, b)
            tip = (f"{a} + {b}: no recorded or inferred risk" if c is None
                   else f"{a} + {b}: {c.basis}, score {c.score}, {c.level}\n{c.reason}")
            dash = ' stroke-dasharray="3,2"' if c is not None and c.level == "hypothesis" else ""
            out.append(f'<g class="cell" data-a="{esc(a)}" data-b="{esc(b)}" data-score="{"" if c is None else c.score}">'
                       f'<title>{esc(tip)}</title>'
                       f'<rect x="{x}" y="{y}" width="{cell_size}" height="{cell_size}" fill="{colour(c.score if c else None)}" '
                       f'stroke="#888" stroke-width="0.5"{dash}/>')
            if c is not None:
                ink = "white" if shade(c.score) >= 5 else "black"
                out.append(f'<text x="{x + cell_size / 2}" y="{y + cell_size / 2 + 4}" text-anchor="middle" fill="{ink}" '
                           f'font-size="9">{c.score}</text>')
            out.append("</g>")
    ly = top + n * cell_size + 20
    out.append(f'<text x="8" y="{ly + 12}">evidence:</text>')
    for k, name in enumerate(LEVELS):
        x = 72 + k * 110
        out.append(f'<rect x="{x}" y="{ly}" width="22" height="16" fill="{RAMP[2 * k]}" stroke="#888" stroke-width="0.5"/>'
                   f'<rect x="{x + 22}" y="{ly}" width="22" height="16" fill="{RAMP[2 * k + 1]}" stroke="#888" stroke-width="0.5"/>'
                   f'<text x="{x}" y="{ly + 30}" font-size="10">{name}</text>')
    out.append(f'<text x="8" y="{ly + 48}" font-size="10">darker: the source says adjust, monitor, avoid or contraindicated; '
               "dashed: hypothesis only; the number is the score</text></svg>")
    return "\n".join(out)


def render_matrix_html(m: Matrix) -> str:
    """A self-contained page: the matrix, and the reason of the pair under a clicked cell."""
    cells = {f"{c.a}|{c.b}": {"basis": c.basis, "score": c.score, "level": c.level, "reason": c.reason,
                               "outcomes": list(c.outcomes)} for c in m.cells.values()}
    data = json.dumps(cells).replace("</", "<\\/")
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(m.effect)} risk matrix</title>
<style>body{{font-family:Helvetica,Arial,sans-serif;margin:16px}} .cell{{cursor:pointer}}
#why{{max-width:60em;white-space:pre-wrap}}</style>
</head><body>{render_matrix_svg(m)}<div id="why">Click a cell for the pair's reason.</div>
<script>const CELLS={data};
document.querySelectorAll('.cell').forEach(g=>g.addEventListener('click',()=>{{
  const a=g.dataset.a,b=g.dataset.b,c=CELLS[a+'|'+b]||CELLS[b+'|'+a];
  document.getElementById('why').textContent=c?`${{a}} + ${{b}}: ${{c.basis}}, score ${{c.score}}, ${{c.level}}\\n`+
    `outcomes: ${{c.outcomes.join(', ')}}\\n${{c.reason}}`:`${{a}} + ${{b}}: no recorded or inferred risk`;}}));
</script></body></html>
"""


def write_matrix(kg: Any, path: Path, tmp: Path, *, drugs: list[str] | None, effect: str | None) -> None:
    """Write the matrix to ``tmp`` in the format ``path``'s extension names (.svg, .png, .html)."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png", ".html", ".htm"):
        raise ExportError(f"the matrix is written as .svg, .png or .html, not {path.suffix or 'no extension'!r}")
    m = risk_matrix(kg, drugs=drugs, effect=effect)
    if suffix == ".png":
        from .browser import rasterise_svg

        rasterise_svg(render_matrix_svg(m), tmp)
    elif suffix == ".svg":
        tmp.write_text(render_matrix_svg(m), encoding="utf-8")
    else:
        tmp.write_text(render_matrix_html(m), encoding="utf-8")


__all__ = ["LEVELS", "MATRIX_MAX_DRUGS", "RAMP", "Cell", "Matrix", "colour", "render_matrix_html", "render_matrix_svg", "risk_matrix",
           "shade", "write_matrix"]
