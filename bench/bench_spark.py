#!/usr/bin/env python3
"""Spark bench: the same questions with the signal rows in Spark SQL and in the store's DuckDB file.

TWOSIDES-shaped rows (``bench_import.generate_twosides``: released header, Zipf-skewed drugs) are
imported ``--columns`` into an on-disk store, copied to Parquet
(:meth:`drugkg.signals.SignalTable.to_parquet`) and read by a local Spark (``local[2]``, the two
cores of this machine). Each question (``risk --drug D``, all pairs, ``check`` of 10 drugs) is
asked of both, alternating, ``--repeat`` times; the bench prints the medians, their ratio, and
whether the records agree (they must: the Spark rows stand behind the same interface). A local
Spark is the single-node instance of an engine meant for many: this measures what the interface
costs on one machine, not what a cluster gains.

    pip install ".[bench,spark]"                     # PySpark and Java 17
    python bench/bench_spark.py                      # 200,000 rows
    python bench/bench_spark.py --rows 1000000
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_import import generate_twosides, rss_mb, timed_import


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000, help="TWOSIDES-shaped rows")
    ap.add_argument("--drugs", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each question on each engine (medians)")
    args = ap.parse_args()
    from pyspark.sql import SparkSession

    import drugkg
    from drugkg.signals import SignalTable
    from drugkg.signals.spark import SparkSignalTable

    tmp = Path(tempfile.mkdtemp(prefix="drugkg-spark-bench-"))
    src = tmp / "TWOSIDES.csv.gz"
    generate_twosides(src, args.rows, args.drugs)
    store = tmp / "store"
    timed_import(store, "twosides", [src], args.rows, columns=True)
    table = SignalTable.of(store)
    assert table is not None
    t_copy, files = _timed(lambda: table.to_parquet(tmp / "parquet"))
    print(f"copy to Parquet: {t_copy:.2f} s ({sum(f.stat().st_size for f in files) / 1e6:.0f} MB)")
    t_start, spark = _timed(lambda: SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
                            .config("spark.ui.showConsoleProgress", "false").config("spark.driver.host", "127.0.0.1")
                            .config("spark.sql.shuffle.partitions", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    print(f"start local Spark: {t_start:.1f} s")
    engines = {"duckdb": lambda: drugkg.load(store),
               "spark": lambda: drugkg.load(store, signals=SparkSignalTable.from_parquet(spark, files))}
    ten = [f"bench drug {i}" for i in range(10)]
    questions: dict[str, Callable[[Any], Any]] = {
        "risk --drug 'bench drug 0'": lambda kg: kg.risky_combinations("movement disorder", drugs=["bench drug 0"]).to_dicts(),
        "all pairs": lambda kg: kg.risky_combinations("movement disorder").to_dicts(),
        "check of 10 drugs": lambda kg: kg.check(ten).to_dict(),
    }
    for name, ask in questions.items():
        times: dict[str, list[float]] = {e: [] for e in engines}
        answers: dict[str, Any] = {}
        for _ in range(args.repeat):
            for engine, open_kg in engines.items():  # alternating: the machine's drift falls on both
                kg = open_kg()
                took, answers[engine] = _timed(lambda kg=kg, ask=ask: ask(kg))
                times[engine].append(took)
                del kg
                gc.collect()
        med = {e: statistics.median(ts) for e, ts in times.items()}
        size = len(answers["duckdb"]) if isinstance(answers["duckdb"], list) else len(answers["duckdb"]["pairs"])
        print(f"{name}: DuckDB {med['duckdb']:.2f} s | Spark {med['spark']:.2f} s = x{med['spark'] / med['duckdb']:.1f} "
              f"({size:,} pairs); same records: {answers['spark'] == answers['duckdb']}")
    spark.stop()
    print(f"peak RSS of this process: {rss_mb():.0f} MB (Spark's JVM is another process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
