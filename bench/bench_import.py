#!/usr/bin/env python3
"""Import bench: TWOSIDES-shaped input (released header, skewed drug frequencies) into an on-disk store.

Reports rows/s and peak RSS of the import, the reopen time, ``risk --drug D`` and all pairs on the
store, against pandas filtering the same CSV with a hand-made term list (the baseline).

    python bench/bench_import.py --rows 200000 --drugs 3000
    python bench/bench_import.py --rows 5000000      # the issue's goal size (slow: minutes)
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

HEADER = ("drug_1_rxnorn_id,drug_1_concept_name,drug_2_rxnorm_id,drug_2_concept_name,condition_meddra_id,"
          "condition_concept_name,A,B,C,D,PRR,PRR_error,mean_reporting_frequency")
# (MedDRA code, name): a few movement-disorder terms among many others
TERMS = [("10043118", "Tardive dyskinesia"), ("10044565", "Tremor"), ("10001541", "Akathisia"), ("10034010", "Parkinsonism"),
         ("10013916", "Dystonia")] + [(str(10090000 + i), f"Other reaction {i}") for i in range(995)]
HANDMADE = {"tardive dyskinesia", "tremor", "akathisia", "parkinsonism", "dystonia", "dyskinesia", "extrapyramidal disorder"}


def generate(path: Path, rows: int, drugs: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    weights = [1 / (i + 1) for i in range(drugs)]  # Zipf-like skew: a few drugs in many pairs
    with gzip.open(path, "wt", compresslevel=1, newline="") as fh:
        fh.write(HEADER + "\n")
        for _ in range(rows):
            a, b = rnd.choices(range(drugs), weights, k=2)
            if a == b:
                b = (b + 1) % drugs
            code, name = TERMS[rnd.randrange(len(TERMS))]
            prr = round(rnd.lognormvariate(0.7, 0.6), 4)
            fh.write(f"{800000 + a},bench drug {a},{800000 + b},bench drug {b},{code},{name},"
                     f"{rnd.randint(1, 50)},{rnd.randint(50, 500)},{rnd.randint(1, 50)},{rnd.randint(500, 5000)},{prr},0.3,0.05\n")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--drugs", type=int, default=3000)
    args = ap.parse_args()
    import drugkg
    from drugkg.store.datasets import import_files

    tmp = Path(tempfile.mkdtemp(prefix="drugkg-bench-"))
    src = tmp / "TWOSIDES.csv.gz"
    generate(src, args.rows, args.drugs)
    t = time.perf_counter()
    report = import_files(tmp / "store", "twosides", [src], quiet=True)
    dt = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"import {args.rows:,} rows ({report.quads:,} triples): {dt:.1f} s, {args.rows / dt:,.0f} rows/s, peak RSS {rss:.0f} MB")
    t = time.perf_counter()
    kg = drugkg.load(tmp / "store")
    print(f"reopen: {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    one = kg.risky_combinations("movement disorder", drugs=["bench drug 0"])
    t_one = time.perf_counter() - t
    t = time.perf_counter()
    import pandas as pd

    df = pd.read_csv(src)
    hit = df[df["condition_concept_name"].str.lower().isin(HANDMADE)
             & ((df["drug_1_concept_name"] == "bench drug 0") | (df["drug_2_concept_name"] == "bench drug 0"))]
    t_pd = time.perf_counter() - t
    print(f"risk --drug 'bench drug 0': {t_one:.2f} s ({len(one)} pairs) vs pandas read+filter {t_pd:.2f} s "
          f"({hit[['drug_1_concept_name', 'drug_2_concept_name']].drop_duplicates().shape[0]} pairs): x{t_one / t_pd:.2f}")
    t = time.perf_counter()
    every = kg.risky_combinations("movement disorder")
    print(f"all pairs: {time.perf_counter() - t:.1f} s ({len(every):,} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
