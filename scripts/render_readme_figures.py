"""Regenerate the README pictures with the project's own PNG export.

Writes, from the curated graph:

* ``docs/img/baclofen-neighbourhood.png``: baclofen and everything one hop away
  (``drugkg export --format png --focus baclofen --depth 1``);
* ``docs/img/baclofen-clozapine-explanation.png``: why baclofen + clozapine raise
  movement-disorder risk (``drugkg export --format png --explain baclofen clozapine``).

Usage::

    python scripts/render_readme_figures.py            # into docs/img/
    python scripts/render_readme_figures.py --out DIR  # somewhere else

Needs Chromium to rasterise (Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import drugkg

ROOT = Path(__file__).resolve().parent.parent

#: file name -> keyword arguments of KnowledgeGraph.export
FIGURES: dict[str, dict[str, object]] = {
    "baclofen-neighbourhood.png": {"focus": "baclofen", "depth": 1},
    "baclofen-clozapine-explanation.png": {"explain": ("baclofen", "clozapine")},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="output directory (default: docs/img)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    kg = drugkg.load()
    for name, selection in FIGURES.items():
        path = kg.export(args.out / name, format="png", **selection)  # type: ignore[arg-type]
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
