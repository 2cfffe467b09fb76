"""Warm ``kg.check`` of a 10-drug regimen (every effect class) against ``kg.risky_combinations``
of one drug, in the same session (goal: under 0.5 s).

Run: ``python bench/bench_check.py [--repeat N]``. The ten drugs are the first ten curated drugs
by label, so the bench needs no drug names.
"""

from __future__ import annotations

import argparse
import statistics
import time

import drugkg


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    kg = drugkg.load()
    drugs = sorted(kg.label(i) for i in kg.names.nodes("drug"))[:10]
    kg.check(drugs)  # warm: name index, evidence, links, qualifiers
    times, base = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        report = kg.check(drugs)
        times.append(time.perf_counter() - t)
        t = time.perf_counter()
        kg.risky_combinations(drugs=drugs[:1])
        base.append(time.perf_counter() - t)
    m, b = statistics.median(times), statistics.median(base)
    print(f"kg.check of {len(drugs)} drugs, every effect class: median {m:.3f} s "
          f"({len(report.pairs)} risky pairs, {len(report.no_known_risk)} without known risk, {len(report.groups)} groups)")
    print(f"kg.risky_combinations(drugs=[one drug]), movement disorder: median {b:.3f} s")
    print(f"ratio {m / b:.1f}x; goal: check under 0.5 s ({'met' if m < 0.5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
