"""Cost of the hardening checks on the hot path, each against a baseline run in the same session.

* tokenizing and re-emitting every shipped query (:func:`drugkg.sparql.check_query`, uncached)
  against running them;
* a user query in the isolated worker (fork, no network, limits) against the same canonical text
  run in-process;
* reopening an on-disk store with its manifest checked against opening it without the check;
* cold ``drugkg risk --format json`` against ``python -c "import rdflib, networkx"`` (goal <= 2x).

Run: ``python bench/bench_hardening.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from timing import timed

import drugkg
from drugkg.namespaces import SPARQL_PREFIXES
from drugkg.sparql import check_query, load_query, named_queries, run
from drugkg.store import build


def line(what: str, ours: float, base: float, base_name: str) -> None:
    print(f"{what:<58} {ours * 1000:9.2f} ms  vs {base_name} {base * 1000:8.2f} ms  = {ours / base:5.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    kg = drugkg.load()
    texts = [load_query(n).text for n in named_queries()]

    def check_all() -> None:
        check_query.cache_clear()
        for t in texts:
            check_query(t)

    def run_all() -> None:
        for t in texts:
            r = kg.store.query(t, prefixes=SPARQL_PREFIXES, use_default_graph_as_union=True)
            list(r) if isinstance(r, ox.QuerySolutions) else None

    line("token check of all shipped queries (uncached)", timed(check_all, args.repeat), timed(run_all, args.repeat),
         "running them")

    for label, q in (("small user query (COUNT)", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"),
                     ("user query returning 12k rows", "SELECT ?s ?o { ?s rdfs:label ?o }")):
        canon = check_query(q).text
        iso = timed(lambda q=q: list(run(kg.store, q, isolated=True)), args.repeat)
        inproc = timed(lambda canon=canon: list(kg.store.query(canon, prefixes=SPARQL_PREFIXES, use_default_graph_as_union=True)),
                       args.repeat)
        line(f"{label}: isolated worker", iso, inproc, "in-process")

    tmp = Path(tempfile.mkdtemp())
    try:
        path = tmp / "kg"
        drugkg.load(path).close()
        checked = timed(lambda: drugkg.load(path).close(), args.repeat)
        plain = timed(lambda: ox.Store.read_only(str(path)), args.repeat)
        line("reopen an on-disk store (lock, manifest check, read-only)", checked, plain, "bare read-only open")
        manifest = build.read_manifest(path)
        assert manifest is not None
        line("  of which: verifying the manifest", timed(lambda: build.verify(path, manifest), args.repeat), plain,
             "bare read-only open")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    exe = Path(sys.executable).with_name("drugkg")
    risk = [str(exe) if exe.exists() else shutil.which("drugkg") or "drugkg", "risk", "--format", "json"]
    floor = [sys.executable, "-c", "import rdflib, networkx"]
    subprocess.run(risk, capture_output=True, check=True)
    ours, base = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        subprocess.run(risk, capture_output=True, check=True)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        subprocess.run(floor, capture_output=True, check=True)
        base.append(time.perf_counter() - t)
    line("cold `drugkg risk --format json` (goal <= 2x)", statistics.median(ours), statistics.median(base),
         "import rdflib, networkx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
