"""Regenerate the stored expected results of the named queries (``tests/expected/*.json``).

Each case of ``tests/expected/cases.json`` names a query and its parameters; this script runs it
on the curated graph and writes the rows, sorted, to ``tests/expected/<case>.json``. Review the
diff before committing: the stored files are what ``tests/test_queries.py`` holds the queries to.

    python scripts/update_query_expectations.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import drugkg

EXPECTED = Path(__file__).resolve().parent.parent / "tests" / "expected"


def canonical(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows in a stable order (queries may order ties differently)."""
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


def main() -> int:
    kg = drugkg.load()
    cases = json.loads((EXPECTED / "cases.json").read_text(encoding="utf-8"))
    for case in cases:
        rows = canonical(list(kg.query(case["query"], **case["params"])))
        path = EXPECTED / f"{case['case']}.json"
        path.write_text(json.dumps(rows, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{path.name}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
