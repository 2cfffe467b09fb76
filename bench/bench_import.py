#!/usr/bin/env python3
"""Import bench: TWOSIDES- and SIDER-shaped input into an on-disk store, and risk questions on it.

TWOSIDES-shaped input has the released header and skewed drug frequencies (a few drugs in many
pairs); SIDER-shaped input is ``meddra_all_se.tsv`` + ``drug_names.tsv`` (drug-effect pairs, LLT and
PT rows). Reported, each with the baseline run in the same session:

* import: rows/s, wall and CPU seconds, peak RSS; reopening the store;
* ``risk --effect "movement disorder" --drug D`` and all pairs on the store, against what a
  researcher does without drugkg: pandas filtering the same CSV with a hand-made term list, and a
  NetworkX multigraph of the rows; plain rdflib (the rows as triples, one SPARQL query) capped at
  ``--rdflib-rows`` rows, because it holds everything in Python objects;
* DuckDB reading the CSV directly with the same term list (``pip install .[bench]``): the
  baseline of issue 17, for one drug and for all pairs, with the unordered pair counts;
* the pairs each way finds for D, and why they differ if they do.

    python bench/bench_import.py                       # 200k TWOSIDES rows + 140k SIDER rows
    python bench/bench_import.py --rows 1000000        # the big run (minutes)
    python bench/bench_import.py --rows 5000000        # the issue's goal size
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from timing import timed

HEADER = ("drug_1_rxnorn_id,drug_1_concept_name,drug_2_rxnorm_id,drug_2_concept_name,condition_meddra_id,"
          "condition_concept_name,A,B,C,D,PRR,PRR_error,mean_reporting_frequency")
# (MedDRA code, name): a few movement-disorder terms among many others
TERMS = [("10043118", "Tardive dyskinesia"), ("10044565", "Tremor"), ("10001541", "Akathisia"), ("10034010", "Parkinsonism"),
         ("10013916", "Dystonia")] + [(str(10090000 + i), f"Other reaction {i}") for i in range(995)]
# what a researcher types without a hierarchy: the movement-disorder terms they can think of
HANDMADE = {"tardive dyskinesia", "tremor", "akathisia", "parkinsonism", "dystonia", "dyskinesia", "extrapyramidal disorder"}
# UMLS CUIs for SIDER-shaped rows: the same movement terms among many others
CUIS = [("C0686347", "Tardive dyskinesia"), ("C0040822", "Tremor"), ("C0392156", "Akathisia"), ("C0242422", "Parkinsonism"),
        ("C0013421", "Dystonia")] + [(f"C9{i:06d}", f"Other side effect {i}") for i in range(1995)]


def generate_twosides(path: Path, rows: int, drugs: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    cum = list(itertools.accumulate(1 / (i + 1) for i in range(drugs)))  # Zipf-like skew: a few drugs in many pairs
    ids = range(drugs)
    with gzip.open(path, "wt", compresslevel=1, newline="") as fh:
        fh.write(HEADER + "\n")
        for _ in range(rows):
            a, b = rnd.choices(ids, cum_weights=cum, k=2)
            if a == b:
                b = (b + 1) % drugs
            code, name = TERMS[rnd.randrange(len(TERMS))]
            prr = round(rnd.lognormvariate(0.7, 0.6), 4)
            fh.write(f"{800000 + a},bench drug {a},{800000 + b},bench drug {b},{code},{name},"
                     f"{rnd.randint(1, 50)},{rnd.randint(50, 500)},{rnd.randint(1, 50)},{rnd.randint(500, 5000)},{prr},0.3,0.05\n")


def generate_sider(folder: Path, pairs: int, drugs: int = 1400, seed: int = 2) -> list[Path]:
    """``meddra_all_se.tsv.gz`` with ``pairs`` PT rows (each with its LLT row) and ``drug_names.tsv``."""
    rnd = random.Random(seed)
    cum = list(itertools.accumulate(1 / (i + 1) ** 0.5 for i in range(len(CUIS))))
    se, names = folder / "meddra_all_se.tsv.gz", folder / "drug_names.tsv"
    seen: set[tuple[int, int]] = set()
    with gzip.open(se, "wt", compresslevel=1, newline="") as fh:
        while len(seen) < pairs:
            d = rnd.randrange(drugs)
            e = rnd.choices(range(len(CUIS)), cum_weights=cum)[0]
            if (d, e) in seen:
                continue
            seen.add((d, e))
            cui, name = CUIS[e]
            flat, stereo = f"CID1{7000000 + d:08d}", f"CID0{7000000 + d:08d}"
            fh.write(f"{flat}\t{stereo}\t{cui}\tLLT\t{cui}\t{name}\n{flat}\t{stereo}\t{cui}\tPT\t{cui}\t{name}\n")
    names.write_text("".join(f"CID1{7000000 + d:08d}\tsider drug {d}\n" for d in range(drugs)), encoding="utf-8")
    return [se, names]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed_import(store: Path, fmt: str, files: list[Path], rows: int, columns: bool = False) -> float:
    from drugkg.store.datasets import import_files

    t, c = time.perf_counter(), cpu()
    report = import_files(store, fmt, files, quiet=True, columns=columns)
    wall, used = time.perf_counter() - t, cpu() - c
    kept = f", {report.columns:,} rows as columns" if report.columns else ""
    print(f"import {fmt} {rows:,} rows ({report.assertions:,} claims, {report.quads:,} triples{kept}): {wall:.1f} s wall, "
          f"{used:.1f} s CPU, {rows / wall:,.0f} rows/s; peak RSS so far {rss_mb():.0f} MB")
    return wall


def pandas_pairs(src: Path, drug: str) -> tuple[float, set[frozenset[str]], int]:
    import pandas as pd

    t = time.perf_counter()
    df = pd.read_csv(src)
    hit = df[df["condition_concept_name"].str.lower().isin(HANDMADE)
             & ((df["drug_1_concept_name"] == drug) | (df["drug_2_concept_name"] == drug))]
    ordered = hit[["drug_1_concept_name", "drug_2_concept_name"]].drop_duplicates()
    pairs = {frozenset(p) for p in ordered.itertuples(index=False)}
    return time.perf_counter() - t, pairs, len(ordered)


def duckdb_pairs(src: Path, drug: str | None) -> tuple[float, set[frozenset[str]]]:
    """What a researcher would write today: an embedded columnar engine (DuckDB) reading the CSV
    directly, filtered by the hand-made term list; one drug's partners, or every pair (``None``)."""
    import duckdb

    t = time.perf_counter()
    con = duckdb.connect()
    terms = sorted(HANDMADE)
    marks = ", ".join("?" * len(terms))
    sql = (f"SELECT DISTINCT drug_1_concept_name, drug_2_concept_name FROM read_csv(?, header = true) "
           f"WHERE lower(condition_concept_name) IN ({marks})")
    params: list[object] = [str(src), *terms]
    if drug is not None:
        sql += " AND (drug_1_concept_name = ? OR drug_2_concept_name = ?)"
        params += [drug, drug]
    rows = con.execute(sql, params).fetchall()
    con.close()
    return time.perf_counter() - t, {frozenset(r) for r in rows}


def networkx_pairs(src: Path, drug: str) -> tuple[float, float, set[frozenset[str]]]:
    import networkx as nx
    import pandas as pd

    t = time.perf_counter()
    df = pd.read_csv(src, usecols=["drug_1_concept_name", "drug_2_concept_name", "condition_concept_name", "PRR"])
    g = nx.MultiGraph()
    for a, b, effect, prr in df.itertuples(index=False):
        g.add_edge(a, b, effect=effect.lower(), prr=prr)
    built = time.perf_counter() - t
    t = time.perf_counter()
    pairs = {frozenset((drug, other)) for _, other, e in g.edges(drug, data="effect") if e in HANDMADE}
    return built, time.perf_counter() - t, pairs


def rdflib_capped(src: Path, drug: str, cap: int) -> tuple[float, float, int]:
    import rdflib

    ns = "https://example.org/"
    g = rdflib.Graph()
    t = time.perf_counter()
    with gzip.open(src, "rt") as fh:
        next(fh)
        for i, line in enumerate(fh):
            if i >= cap:
                break
            f = line.rstrip("\n").split(",")
            row = rdflib.URIRef(f"{ns}row{i}")
            g.add((row, rdflib.URIRef(ns + "drug"), rdflib.Literal(f[1])))
            g.add((row, rdflib.URIRef(ns + "drug"), rdflib.Literal(f[3])))
            g.add((row, rdflib.URIRef(ns + "effect"), rdflib.Literal(f[5].lower())))
            g.add((row, rdflib.URIRef(ns + "prr"), rdflib.Literal(float(f[10]))))
    built = time.perf_counter() - t
    t = time.perf_counter()
    terms = " ".join(f'"{x}"' for x in sorted(HANDMADE))
    q = (f"SELECT DISTINCT ?other WHERE {{ VALUES ?e {{ {terms} }} ?r <{ns}drug> ?d, ?other ; <{ns}effect> ?e "
         f"FILTER(?other != ?d) }}")
    n = len(list(g.query(q, initBindings={"d": rdflib.Literal(drug)})))
    return built, time.perf_counter() - t, n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000, help="TWOSIDES-shaped rows")
    ap.add_argument("--drugs", type=int, default=3000)
    ap.add_argument("--sider", type=int, default=140_000, help="SIDER-shaped drug-effect pairs (0: skip)")
    ap.add_argument("--rdflib-rows", type=int, default=50_000, help="cap of the plain-rdflib baseline (0: skip)")
    ap.add_argument("--drug", default="bench drug 0")
    ap.add_argument("--columns", action="store_true", help="import the TWOSIDES rows as typed columns (drugkg import --columns)")
    args = ap.parse_args()
    import drugkg
    from drugkg.store import check_store

    tmp = Path(tempfile.mkdtemp(prefix="drugkg-bench-"))
    src = tmp / "TWOSIDES.csv.gz"
    generate_twosides(src, args.rows, args.drugs)
    store = tmp / "store"
    timed_import(store, "twosides", [src], args.rows, columns=args.columns)
    t = time.perf_counter()
    kg = drugkg.load(store)
    reopen = time.perf_counter() - t
    size = sum(f.stat().st_size for f in store.iterdir()) / 1e6
    full = timed(lambda: check_store(store, full=True), 1)
    print(f"reopen: {reopen:.2f} s (open-time manifest check {timed(lambda: check_store(store, full=False), 3):.3f} s) "
          f"vs full SHA-256 check of the {size:,.0f} MB store {full:.2f} s = {reopen / full:.2f}x")

    t = time.perf_counter()
    one = kg.risky_combinations("movement disorder", drugs=[args.drug])
    t_one = time.perf_counter() - t
    ours = {frozenset(c.drugs) for c in one}
    t_pd, pd_pairs, pd_ordered = pandas_pairs(src, args.drug)
    print(f"risk --drug {args.drug!r}: {t_one:.2f} s, {len(one)} pairs | pandas read+filter {t_pd:.2f} s, "
          f"{len(pd_pairs)} pairs ({pd_ordered} counted as ordered drug_1/drug_2 rows) | x{t_one / t_pd:.2f}")
    print(f"  same pairs as pandas: {ours == pd_pairs} (drugkg only: {len(ours - pd_pairs)}, pandas only: {len(pd_pairs - ours)})")
    t_dd, dd_pairs = duckdb_pairs(src, args.drug)
    print(f"  DuckDB over the CSV (hand-made terms): {t_dd:.2f} s, {len(dd_pairs)} unordered pairs | drugkg x{t_one / t_dd:.2f} "
          f"(goal <= 1.5x); same pairs: {ours == dd_pairs}")
    nx_built, nx_q, nx_pairs = networkx_pairs(src, args.drug)
    print(f"  NetworkX multigraph of the rows: build {nx_built:.2f} s, query {nx_q:.4f} s, {len(nx_pairs)} pairs")
    if args.rdflib_rows:
        cap = min(args.rdflib_rows, args.rows)
        built, q, n = rdflib_capped(src, args.drug, cap)
        print(f"  plain rdflib, first {cap:,} rows only: build {built:.1f} s ({cap / built:,.0f} rows/s), "
              f"query {q:.2f} s ({n} partners in those rows)")
    t = time.perf_counter()
    every = kg.risky_combinations("movement disorder")
    t_every = time.perf_counter() - t
    t_dd_all, dd_all = duckdb_pairs(src, None)
    in_file = {d for p in dd_all for d in p}  # the file's drugs: drugkg's answer also holds the curated graph's pairs
    ours_all = {frozenset(c.drugs) for c in every if set(c.drugs) <= in_file}
    print(f"all pairs: {t_every:.1f} s ({len(every):,} pairs, {len(ours_all):,} between the file's drugs) | "
          f"DuckDB {t_dd_all:.2f} s ({len(dd_all):,} unordered pairs) x{t_every / t_dd_all:.1f}; same pairs: {ours_all == dd_all}")
    ten = [f"bench drug {i}" for i in range(10)]
    t = time.perf_counter()
    checked = kg.check(ten)
    print(f"check of 10 drugs: {time.perf_counter() - t:.2f} s ({len(checked.pairs):,} pairs with a risk)")
    del kg

    if args.sider:
        files = generate_sider(tmp, args.sider)
        sider_store = tmp / "sider-store"
        timed_import(sider_store, "sider", files, 2 * args.sider)
        kg = drugkg.load(sider_store)
        t = time.perf_counter()
        effects = kg.effects("sider drug 0")
        print(f"effects 'sider drug 0': {time.perf_counter() - t:.2f} s ({len(effects)} effects)")
        t = time.perf_counter()
        combos = kg.risky_combinations("movement disorder", drugs=["sider drug 0"])
        print(f"risk --drug 'sider drug 0' (shared effects): {time.perf_counter() - t:.2f} s ({len(combos):,} pairs)")
    print(f"peak RSS of the whole bench: {rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
