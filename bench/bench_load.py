"""Load time of the curated graph: warm (shipped or cached inferences) against cold (HermiT runs),
in memory and on disk, plus the store choice (pyoxigraph directly vs rdflib over oxrdflib vs plain
rdflib) for the combination-risk query.

Every figure is printed with its ratio to the baseline measured in the same run: a warm
in-memory ``drugkg.load()``. Run: ``python bench/bench_load.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from timing import timed

import drugkg
from drugkg import resources, sparql, store
from drugkg.namespaces import DKG, SPARQL_PREFIXES


def cold_in_memory() -> None:
    """No shipped closure, empty cache: HermiT classifies, then the closure is cached."""
    with tempfile.TemporaryDirectory() as cache:
        os.environ["DRUGKG_CACHE_DIR"] = cache
        try:
            sources = store.shipped_sources()
            s = ox.Store()
            s.extend(store.parse_all(sources))
            s.extend(store.inferences_for(s, store.digest_of(sources), use_shipped=False))
        finally:
            del os.environ["DRUGKG_CACHE_DIR"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows: list[tuple[str, float]] = []
    base = timed(drugkg.load, args.repeat)
    rows.append(("warm load, in memory (baseline)", base))
    rows.append(("cold load, in memory (HermiT runs)", timed(cold_in_memory, max(1, args.repeat // 2))))
    tmp = Path(tempfile.mkdtemp())

    def first_build() -> None:
        shutil.rmtree(tmp / "kg", ignore_errors=True)
        drugkg.load(tmp / "kg")

    try:
        rows.append(("first build of an on-disk store", timed(first_build, args.repeat)))
        rows.append(("reopen of an on-disk store", timed(lambda: drugkg.load(tmp / "kg"), args.repeat)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    kg = drugkg.load()
    text = sparql.load_query("combination-risk").text
    bindings = {"effect": ox.NamedNode(DKG + "MovementDisorder"), "drug": ox.NamedNode(sparql.ANY)}
    n = len(list(sparql.run(kg.store, text, bindings)))
    rows.append((f"combination-risk query, pyoxigraph ({n} rows)", timed(lambda: list(sparql.run(kg.store, text, bindings)), args.repeat)))
    rows.append(("risky_combinations(), full API", timed(lambda: drugkg.kg.KnowledgeGraph(kg.store).risky_combinations(), args.repeat)))
    try:
        import rdflib

        quads = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in kg.store.quads_for_pattern(None, None, None, None))
        prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in SPARQL_PREFIXES.items())
        rq = prefixes + text
        init = {"effect": rdflib.URIRef(DKG + "MovementDisorder"), "drug": rdflib.URIRef(sparql.ANY)}
        for label, make in (("rdflib over oxrdflib", lambda: rdflib.Graph(store="Oxigraph")), ("plain rdflib", rdflib.Graph)):
            try:
                g = make()
            except (ImportError, rdflib.plugin.PluginException) as exc:  # oxrdflib not installed
                print(f"skipping {label}: {exc}")
                continue
            g.parse(data=quads, format="nt")
            n = len(list(g.query(rq, initBindings=init)))
            rows.append((f"combination-risk query, {label} ({n} rows)", timed(lambda g=g: list(g.query(rq, initBindings=init)), 1)))
    except ImportError:
        print("rdflib not installed: store comparison skipped")

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement'.ljust(width)}  {'seconds':>9}  {'x baseline':>10}")
    for name, secs in rows:
        print(f"{name.ljust(width)}  {secs:9.4f}  {secs / base:10.2f}")
    print(f"\n{len(kg.store)} quads; shipped closure: {resources.shipped_inferences().is_file()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
