#!/usr/bin/env python3
"""A design alternative for signal rows at scale (issue 17): typed columns in DuckDB, measured.

TWOSIDES-shaped rows (the generator of ``bench_import.py``: released header, Zipf-skewed drugs)
are kept as typed columns in an embedded DuckDB file, each condition already mapped at import to
the ontology's classes (``EffectMap``, as the RDF importer maps it), instead of 13 RDF triples a
row in Oxigraph. A question joins them, at question time, with what stays in RDF: the classes
under the effect class asked for (``rdfs:subClassOf*`` over the shipped ontology). Printed, with
the baselines of the same run:

* import: rows/s, peak RSS, file size; reopening the file;
* ``risk --effect "movement disorder" --drug D`` for the most frequent drug, and all pairs,
  against a hand-written DuckDB query over the CSV with a hand-made term list (the baseline the
  issue names), with the unordered pair counts of each;
* why the counts differ when they do (terms the hand-made list misses, or has too many).

This is a measurement of the design, not the package's import path: ``drugkg import`` still
writes RDF (see docs/architecture.md, "Signal rows at scale").

    python bench/bench_columnar.py                   # 1 million rows
    python bench/bench_columnar.py --rows 5000000    # the issue's size
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench_import import HANDMADE, duckdb_pairs, generate_twosides


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def columnar_import(src: Path, db: Path) -> tuple[float, int]:
    """Rows into typed columns, conditions mapped to ontology classes; seconds and rows."""
    import duckdb

    from drugkg.importers.effects import EffectMap

    t = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute("SET preserve_insertion_order = false")
    con.execute("""CREATE TABLE raw AS SELECT
          drug_1_rxnorn_id::VARCHAR AS drug_a_id, drug_1_concept_name AS drug_a,
          drug_2_rxnorm_id::VARCHAR AS drug_b_id, drug_2_concept_name AS drug_b,
          condition_meddra_id::VARCHAR AS code, condition_concept_name AS term,
          "A"::INTEGER AS a, "B"::INTEGER AS b, "C"::INTEGER AS c, "D"::INTEGER AS d,
          "PRR"::DOUBLE AS prr, "PRR_error"::DOUBLE AS prr_error
        FROM read_csv(?, header = true, all_varchar = true)""", [str(src)])
    # the few thousand distinct conditions are mapped once each, as the RDF importer maps them
    emap = EffectMap.shipped()
    terms = con.execute("SELECT DISTINCT code, term FROM raw").fetchall()
    mapped = [(code, cls) for code, term in terms for cls in emap.targets([("MEDDRA", code)], term)]
    con.execute("CREATE TABLE term_class (code VARCHAR, cls VARCHAR)")
    if mapped:
        con.executemany("INSERT INTO term_class VALUES (?, ?)", mapped)
    # one row per signal and mapped class; unordered pairs kept as (lower, higher) names
    con.execute("""CREATE TABLE signal AS SELECT
          least(r.drug_a, r.drug_b) AS drug_a, greatest(r.drug_a, r.drug_b) AS drug_b, m.cls, r.prr, r.code
        FROM raw r JOIN term_class m USING (code)""")
    rows = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    con.execute("DROP TABLE raw")
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t, int(rows)


def classes_under(effect: str) -> list[str]:
    """The classes under an effect class, from the RDF side (the shipped ontology)."""
    import drugkg
    from drugkg.sparql.terms import full_iri

    kg = drugkg.load()
    rows = kg.sparql("SELECT ?c ?effect WHERE { ?c rdfs:subClassOf* ?effect }", params={"effect": f"<{kg.resolve(effect, 'effect')}>"},
                     isolated=False)
    return sorted({full_iri(str(r["c"])) for r in rows})


def columnar_pairs(db: Path, classes: list[str], drug: str | None) -> tuple[float, set[frozenset[str]]]:
    import duckdb

    t = time.perf_counter()
    con = duckdb.connect(str(db), read_only=True)
    con.execute("CREATE TEMP TABLE wanted (cls VARCHAR)")
    con.executemany("INSERT INTO wanted VALUES (?)", [(c,) for c in classes])
    sql = "SELECT DISTINCT drug_a, drug_b FROM signal WHERE cls IN (SELECT cls FROM wanted)"
    params: list[object] = []
    if drug is not None:
        sql += " AND (drug_a = ? OR drug_b = ?)"
        params = [drug, drug]
    rows = con.execute(sql, params).fetchall()
    con.close()
    return time.perf_counter() - t, {frozenset(r) for r in rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--drugs", type=int, default=3000)
    ap.add_argument("--drug", default="bench drug 0", help="the most frequent drug of the generator")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="drugkg-columnar-"))
    src = tmp / "TWOSIDES.csv.gz"
    generate_twosides(src, args.rows, args.drugs)
    db = tmp / "signals.duckdb"
    seconds, rows = columnar_import(src, db)
    print(f"columnar import {rows:,} rows: {seconds:.1f} s = {rows / seconds:,.0f} rows/s (goal 8,300 rows/s); "
          f"file {db.stat().st_size / 1e6:,.0f} MB; peak RSS {rss_mb():,.0f} MB (goal < 2 GB)")
    import duckdb

    t = time.perf_counter()
    duckdb.connect(str(db), read_only=True).close()
    print(f"reopen: {time.perf_counter() - t:.3f} s (goal < 1 s)")
    t = time.perf_counter()
    classes = classes_under("movement disorder")
    print(f"classes under movement disorder from RDF: {len(classes)} ({time.perf_counter() - t:.2f} s, graph load included)")

    t_ours, ours = columnar_pairs(db, classes, args.drug)
    t_base, base = duckdb_pairs(src, args.drug)
    print(f"risk --drug {args.drug!r}: columnar {t_ours:.3f} s, {len(ours)} pairs | DuckDB over the CSV "
          f"(hand-made terms) {t_base:.2f} s, {len(base)} pairs | ratio {t_ours / t_base:.2f}x (goal <= 1.5x, < 1 s)")
    t_ours_all, ours_all = columnar_pairs(db, classes, None)
    t_base_all, base_all = duckdb_pairs(src, None)
    print(f"all pairs: columnar {t_ours_all:.3f} s, {len(ours_all):,} pairs | DuckDB over the CSV {t_base_all:.2f} s, "
          f"{len(base_all):,} pairs | ratio {t_ours_all / t_base_all:.2f}x (goal < 10 s)")
    if ours_all != base_all:
        con = duckdb.connect(str(db), read_only=True)
        hit = {r[0].lower() for r in con.execute(
            "SELECT DISTINCT r.term FROM read_csv(?, header = true) r JOIN (SELECT DISTINCT code FROM signal "
            "WHERE cls IN (SELECT unnest(?))) s ON r.condition_meddra_id::VARCHAR = s.code", [str(src), classes]).fetchall()}
        print(f"  the hierarchy finds terms the hand-made list lacks: {sorted(hit - HANDMADE)}; "
              f"the list has terms absent from the hierarchy's answer: {sorted(HANDMADE - hit)}")
    print(f"peak RSS of the whole bench: {rss_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
