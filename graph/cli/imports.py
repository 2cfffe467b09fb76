"""``drugkg import FORMAT PATH...`` and ``drugkg sources [remove NAME]``: researchers' datasets in an on-disk store."""

from __future__ import annotations

import argparse
import sys

from .base import Command, UsageError, emit

DEFAULT_STORE = "drugkg-store"


def _configure_import(p: argparse.ArgumentParser) -> None:
    from ..importers import formats

    p.add_argument("format", metavar="FORMAT", help=f"one of: {', '.join(sorted(formats()))}")
    p.add_argument("paths", metavar="PATH", nargs="+", help="the dataset's files (plain or gzip)")
    p.add_argument("--store", metavar="DIR", default=DEFAULT_STORE, help=f"on-disk store directory (default: {DEFAULT_STORE})")
    p.add_argument("--strict", action="store_true", help="fail on the first bad row; nothing is added")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--columns", action="store_true",
                   help="keep drug-pair signal rows (twosides) as typed columns beside the store, not as triples: "
                        "imports millions of rows in a minute; SPARQL does not see the rows")


def _run_import(args: argparse.Namespace) -> int:
    from ..store.datasets import import_files

    report = import_files(args.store, args.format, args.paths, strict=args.strict, quiet=args.quiet,
                          columns=args.columns)
    out = sys.stdout if not args.quiet else sys.stderr
    for line in report.lines():
        print(line, file=out)
    return 0


def _configure_sources(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", nargs="?", choices=("list", "remove"), default="list", help="list (default) or remove")
    p.add_argument("name", nargs="?", metavar="NAME", help="the source to remove (as listed)")
    p.add_argument("--store", metavar="DIR", default=DEFAULT_STORE, help=f"on-disk store directory (default: {DEFAULT_STORE})")


def _run_sources(args: argparse.Namespace) -> int:
    from ..store.datasets import list_sources, open_for_import, remove_source

    if args.action == "remove" and not args.name:
        raise UsageError("sources remove needs a NAME (see 'drugkg sources')")
    with open_for_import(args.store) as w:
        if args.action == "remove":
            gone = remove_source(w.open, args.name)
            print(f"removed {gone.name} ({gone.assertions:,} assertions, {gone.triples:,} triples)")
            return 0
        found = list_sources(w.open)
    rows = [{"name": s.name, "dataset": s.dataset, "version": s.version, "format": s.format, "rows": s.rows,
             "assertions": s.assertions, "triples": s.triples, "rejected": s.rejected, "imported": s.imported,
             "digest": s.digest[:12]} for s in found]
    emit(args, rows)
    return 0


COMMANDS = [
    Command("import", "import a dataset (SIDER, OFFSIDES, TWOSIDES, OnSIDES, DrugBank, RDF) into an on-disk store",
            _configure_import, _run_import, parents=()),
    Command("sources", "list the datasets an on-disk store holds, or remove one", _configure_sources, _run_sources, parents=("format",)),
]
