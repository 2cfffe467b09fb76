"""Commands over the whole graph: info, validate, query, export."""

from __future__ import annotations

import argparse

from .base import Command, UsageError, emit, load_graph


def _no_args(p: argparse.ArgumentParser) -> None:
    """No arguments beyond the shared ones."""


def _validate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-reasoner", action="store_true", help="skip the HermiT checks (SHACL and the load-time content checks only)")
    p.add_argument("--full", action="store_true",
                   help="also compare the SHA-256 of every file of the --store directory with its manifest (reads the whole "
                        "store; opening a store compares sizes and metadata files only)")


def _query_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", metavar="NAME|FILE.rq")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="query parameter (repeatable)")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", dest="export_format", metavar="FORMAT",
                   help="html, svg, png, graphml, gexf, dot, cyjs, turtle, ntriples, jsonld, or matrix (the drugs x drugs risk "
                        "matrix as .svg, .png or .html) (default: from the file extension)")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="output file")
    sel = p.add_mutually_exclusive_group()
    sel.add_argument("--focus", metavar="DRUG", help="neighbourhood of a drug")
    sel.add_argument("--explain", nargs=2, metavar=("A", "B"), help="explanation paths of a pair")
    sel.add_argument("--effect", metavar="CLASS", help="drugs and mechanisms leading to an effect class")
    p.add_argument("--depth", type=int, default=1, help="neighbourhood depth for --focus (default: 1)")
    p.add_argument("--view", choices=("summary", "full"), default="summary",
                   help="--focus drawing: assertions as labelled drug -> effect edges (summary, default) or as nodes (full)")
    p.add_argument("--drugs", metavar="A,B,...", help="drugs of a --format matrix (default: every drug in a risky pair)")


def cmd_info(args: argparse.Namespace) -> int:
    kg = load_graph(args)
    info = kg.info()
    if args.format == "table":
        width = max(map(len, info))
        print("\n".join(f"{k.ljust(width)}  {v:>7}" for k, v in info.items()))
    else:
        emit(args, [info], json_data=info)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .. import store as st
    from ..reasoning.validate import validate

    if args.full and not args.store:
        raise UsageError("--full checks the files of an on-disk store: give --store DIR")
    # malformed input raises DataError: a usage error (exit 2), not a finding
    sources = st.user_sources(args.data, max_file_size=args.max_file_size, max_literal=args.max_literal)
    report = validate(st.shipped_sources() + sources, reasoner=not args.no_reasoner)
    if args.full:
        from ..reasoning.validate import Finding

        problem = st.check_store(args.store, full=True)
        report.checks += ("store files",)
        if problem:
            report.findings.append(Finding("store", args.store, "sha256", problem))
    findings = report.to_dicts()
    if args.format == "table":
        for f in findings:
            print(f"{f['check']}: {f['node']}: {f['rule']}: {f['message']}")
        print(report.summary())
    else:
        emit(args, findings, columns=["check", "node", "rule", "message"])
    return 0 if report.ok else 1


def cmd_query(args: argparse.Namespace) -> int:
    from ..sparql import check_query, load_query, named_queries

    if args.list:
        for name, nq in named_queries().items():
            signature = ", ".join(f"{p.name}:{p.type}" + ("" if p.required else f"={p.default}") for p in nq.params)
            print(f"{name}  ({signature})\n    {nq.title}")
        return 0
    if not args.name:
        raise UsageError("query needs a NAME or FILE.rq (or --list)")
    params: dict[str, str] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--param needs KEY=VALUE, got {item!r}")
        params[key.strip()] = value
    check_query(load_query(args.name).text)  # unknown or refused queries fail before the store is built
    rows = load_graph(args).query(args.name, **params)
    emit(args, list(rows))
    return 0 if rows else 1


def cmd_export(args: argparse.Namespace) -> int:
    kg = load_graph(args)
    path = kg.export(args.output, format=args.export_format, focus=args.focus, depth=args.depth,
                     explain=tuple(args.explain) if args.explain else None, effect=args.effect,
                     drugs=[d.strip() for d in args.drugs.split(",") if d.strip()] if args.drugs else None, view=args.view)
    print(f"wrote {path}")
    return 0



COMMANDS = [
    Command("info", "counts of triples, drugs, effects, assertions, sources", _no_args, cmd_info),
    Command("validate", "SHACL shapes, OWL consistency and unsatisfiable classes", _validate_args, cmd_validate),
    Command("query", "run a named query (see --list) or a .rq file", _query_args, cmd_query),
    Command("export", "export the graph or a subgraph (HTML, SVG, PNG, GraphML, GEXF, DOT, Cytoscape.js, RDF)",
            _export_args, cmd_export, parents=("store",)),
]
