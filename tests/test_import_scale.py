"""A large TWOSIDES-shaped import answers like a plain count of its rows (slow: minutes).

The bench (``bench/bench_import.py``) times the same; this checks the answers, never the time.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

import drugkg
from drugkg.store.datasets import import_files

ROWS = 1_000_000
BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_import.py"


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("bench_import", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_import"] = module
    sys.path.insert(0, str(BENCH.parent))  # the benches share bench/timing.py
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH.parent))
    return module


@pytest.mark.slow
def test_a_million_rows_answer_like_a_count_of_the_rows(tmp_path: Path) -> None:
    bench = _bench()
    src = tmp_path / "TWOSIDES.csv.gz"
    bench.generate_twosides(src, ROWS, 3000)  # type: ignore[attr-defined]
    report = import_files(tmp_path / "store", "twosides", [src], quiet=True)
    assert (report.rows, report.assertions, report.rejected) == (ROWS, ROWS, 0)
    movement = {name.lower() for _, name in bench.TERMS[:5]}  # type: ignore[attr-defined]
    pairs: set[frozenset[str]] = set()
    with gzip.open(src, "rt", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["condition_concept_name"].lower() in movement:
                pairs.add(frozenset((row["drug_1_concept_name"], row["drug_2_concept_name"])))
    kg = drugkg.load(tmp_path / "store")
    every = kg.risky_combinations("movement disorder")
    assert {frozenset(c.drugs) for c in every if any(d.startswith("bench drug") for d in c.drugs)} == pairs
    one = kg.risky_combinations("movement disorder", drugs=["bench drug 0"])
    assert {frozenset(c.drugs) for c in one} == {p for p in pairs if "bench drug 0" in p}
    assert all(c.level == "pharmacovigilance signal" and "a signal, not a cause" in c.reason for c in one)
