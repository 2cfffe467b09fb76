"""What every command shares: the parser class, common options, loading, one-line errors, output."""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from ..defaults import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, MAX_LITERAL_CHARS
from ..errors import DrugKGError
from ..inputs import MAX_FILE_BYTES

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
    store.add_argument("--rebuild", action="store_true", help="rebuild the --store directory from its sources (repairs a damaged store)")
    store.add_argument("--unchecked", action="store_true", help="load --data files even if they contradict the ontology")
    store.add_argument("--max-file-size", type=_positive_int, default=MAX_FILE_BYTES, metavar="BYTES",
                       help=f"largest --data file (default: {MAX_FILE_BYTES:,})")
    store.add_argument("--max-literal", type=_positive_int, default=MAX_LITERAL_CHARS, metavar="CHARS",
                       help=f"longest literal in a --data file (default: {MAX_LITERAL_CHARS:,})")
    store.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"time limit of a query given as text or .rq file (default: {DEFAULT_TIMEOUT:g})")
    store.add_argument("--max-rows", type=_positive_int, default=DEFAULT_MAX_ROWS, metavar="N",
                       help=f"row limit of a query given as text or .rq file (default: {DEFAULT_MAX_ROWS:,})")
    fmt = Parser(add_help=False)
    fmt.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    return {"store": store, "format": fmt}


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"needs a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"needs a number of at least 1, got {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"needs a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"needs a positive number of seconds, got {text!r}")
    return value


def fail(message: str, code: int) -> int:
    """Print ``drugkg: error: MESSAGE`` on one line to stderr; return ``code``."""
    print(f"drugkg: error: {neutralise(' '.join(message.split()))}", file=sys.stderr)
    return code


#: The ASCII characters :func:`neutralise` keeps: tab, line feed and the printable ones.
_PLAIN = b"\t\n" + bytes(range(0x20, 0x7F))
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def neutralise(text: str) -> str:
    r"""Replace terminal control characters (escape sequences, C1 controls, bidi overrides) by ``\uXXXX``.

    Tabs and line feeds are kept. The replacement is also a valid JSON escape, so JSON output
    keeps its meaning.

    Examples
    --------
    >>> print(neutralise("red\x1b[31m label\u202e"))
    red\u001b[31m label\u202e
    """
    return text if _plain(text.encode("utf-8", "surrogatepass")) else _CONTROL.sub(_escape, text)


def neutralise_bytes(data: bytes) -> bytes:
    r""":func:`neutralise` for UTF-8 bytes (JSON as orjson writes it).

    >>> neutralise_bytes("ok é".encode()) == "ok é".encode(), neutralise_bytes(b"a\x1b[2J")
    (True, b'a\\u001b[2J')
    """
    if _plain(data):
        return data
    return _CONTROL.sub(_escape, data.decode("utf-8", "surrogatepass")).encode("utf-8", "surrogatepass")


def _plain(data: bytes) -> bool:
    """True when ``data`` (UTF-8) holds nothing :func:`neutralise` replaces, checked in C.

    Dropping the plain ASCII bytes leaves the non-ASCII characters (whole, in order) and the
    ASCII controls: a few hundred characters of 17 MB, searched instead of the whole text (60 ms
    -> 15 ms on ``drugkg risk --format json``).
    """
    rest = data.translate(None, _PLAIN)
    return not rest or not _CONTROL.search(rest.decode("utf-8", "surrogatepass"))


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group(0)):04x}"


def write_neutral(data: bytes) -> None:
    """Write bytes that went through :func:`neutralise_bytes` (a fresh or a cached answer) to
    standard output as they are: to its binary buffer when it has one (after what was written
    as text), else as text."""
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if raw is None:
        out.write(data.decode("utf-8", "surrogatepass"))
        return
    out.flush()
    raw.write(data)


class TerminalSafe:
    """A text stream wrapper that passes everything written to it through :func:`neutralise`."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return int(self._stream.write(neutralise(text)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def csv_safe(text: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting with ``= + - @``, tab or CR gets a leading ``'``.

    Examples
    --------
    >>> print(csv_safe('=HYPERLINK("http://x")'), csv_safe("-3"), csv_safe("baclofen"))
    '=HYPERLINK("http://x") -3 baclofen
    """
    if text and text[0] in "=+-@\t\r" and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def load_graph(args: argparse.Namespace) -> Any:
    """The knowledge graph the options name (``--store``, ``--data``).

    An in-memory graph starts loading on a worker thread (:mod:`drugkg.store.preload`) before
    the code that answers is imported, so the two overlap.
    """
    if args.store is None:
        from ..store import preload, shipped_sources, user_sources

        preload.start(shipped_sources() + user_sources(args.data, max_file_size=args.max_file_size, max_literal=args.max_literal),
                      check=not args.unchecked)
    from .. import jsonout  # noqa: F401 -- the answering code and its JSON encoder load meanwhile
    from ..kg import load

    return load(args.store, data=args.data, rebuild=args.rebuild, check=not args.unchecked, max_file_size=args.max_file_size,
                max_literal=args.max_literal, timeout=args.timeout, max_rows=args.max_rows)


# -- output ---------------------------------------------------------------------------------------


def listed(items: Sequence[str], most: int = 20) -> str:
    """Items for a reader: the first ``most``, and how many more (a pair's signals may report
    a thousand effects; ``--format json`` lists them all).

    >>> listed(["Tremor", "Akathisia"])
    'Tremor, Akathisia'
    >>> listed([f"effect {i}" for i in range(25)], most=3)
    'effect 0, effect 1, effect 2 and 22 more (--format json lists all)'
    """
    shown = ", ".join(items[:most])
    return shown if len(items) <= most else f"{shown} and {len(items) - most} more (--format json lists all)"


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
        from ..jsonout import dumps

        print(dumps(json_data if json_data is not None else rows, indent=True))
    elif args.format == "csv":
        flat = table_rows if table_rows is not None else rows
        cols = columns or (list(flat[0]) if flat else [])
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in flat:
            w.writerow([csv_safe(cell(r.get(c))) for c in cols])
        sys.stdout.write(buf.getvalue())
    else:
        print(table(table_rows if table_rows is not None else rows, columns, wrap=wrap))


