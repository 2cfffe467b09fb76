"""What every command shares: the parser class, common options, loading, one-line errors, output."""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from ..errors import DrugKGError

#: Output formats of the commands that print records.
FORMATS = ("table", "json", "csv")


class Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (try '{self.prog} --help')\n")


class UsageError(DrugKGError, ValueError):
    """A command-line option has an invalid value."""


@dataclass(frozen=True)
class Command:
    """One ``drugkg`` subcommand: its name, help line, arguments and what it runs.

    ``parents`` names the shared option groups it takes: ``"store"`` (``--store``, ``--data``)
    and ``"format"`` (``--format table|json|csv``).
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    parents: tuple[str, ...] = ("store", "format")


def parent_parsers() -> dict[str, Parser]:
    """The shared option groups by name."""
    store = Parser(add_help=False)
    store.add_argument("--store", metavar="DIR", help="on-disk store directory (built once, reopened afterwards); default: in memory")
    store.add_argument("--data", metavar="FILE", action="append", default=[],
                       help="extra RDF file to add to the curated data (repeatable)")
    fmt = Parser(add_help=False)
    fmt.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    return {"store": store, "format": fmt}


def fail(message: str, code: int) -> int:
    """Print ``drugkg: error: MESSAGE`` on one line to stderr; return ``code``."""
    print(f"drugkg: error: {' '.join(message.split())}", file=sys.stderr)
    return code


def load_graph(args: argparse.Namespace) -> Any:
    """The knowledge graph the options name (``--store``, ``--data``)."""
    from ..kg import load

    return load(args.store, data=args.data)


# -- output ---------------------------------------------------------------------------------------


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("source") or value.get("label") or value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table(rows: list[dict[str, Any]], columns: list[str] | None = None, *, wrap: str | None = None) -> str:
    if not rows:
        return "(no results)"
    cols = columns or list(rows[0])
    cells = [[cell(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    total = shutil.get_terminal_size((160, 24)).columns
    if wrap in cols:
        i = cols.index(wrap)
        others = sum(w + 2 for j, w in enumerate(widths) if j != i)
        widths[i] = max(30, min(widths[i], total - others))
    cap = 60
    widths = [w if cols[i] == wrap else min(w, cap) for i, w in enumerate(widths)]
    out = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(cols)).rstrip(), "  ".join("-" * w for w in widths)]
    for row in cells:
        parts = []
        for i, text in enumerate(row):
            shown = text[: widths[i] - 1] + "…" if len(text) > widths[i] and cols[i] != wrap else text
            parts.append(shown.ljust(widths[i]))
        line = "  ".join(parts).rstrip()
        if wrap in cols and len(row[cols.index(wrap)]) > widths[cols.index(wrap)]:
            i = cols.index(wrap)
            indent = sum(w + 2 for w in widths[:i])
            chunks = textwrap.wrap(row[i], widths[i]) or [""]
            parts[i] = chunks[0].ljust(widths[i])
            line = "  ".join(parts).rstrip() + "".join("\n" + " " * indent + c for c in chunks[1:])
        out.append(line)
    return "\n".join(out)


def emit(args: argparse.Namespace, rows: list[dict[str, Any]], *, table_rows: list[dict[str, Any]] | None = None,
          columns: list[str] | None = None, wrap: str | None = None, json_data: Any = None) -> None:
    if args.format == "json":
        print(json.dumps(json_data if json_data is not None else rows, indent=2, ensure_ascii=False, default=str))
    elif args.format == "csv":
        flat = table_rows if table_rows is not None else rows
        cols = columns or (list(flat[0]) if flat else [])
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in flat:
            w.writerow([cell(r.get(c)) for c in cols])
        sys.stdout.write(buf.getvalue())
    else:
        print(table(table_rows if table_rows is not None else rows, columns, wrap=wrap))


