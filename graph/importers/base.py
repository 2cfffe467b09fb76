"""What every importer shares: reading released files, counting, and reporting bad rows.

Files are read as they are released: plain or gzip (recognised by its magic bytes, whatever the
name), UTF-8 with or without BOM, ``\\n`` or ``\\r\\n`` line ends, tab- or comma-separated with
RFC 4180 quoting. Rows stream one at a time; nothing holds a whole file.

Examples
--------
>>> import gzip, tempfile, os
>>> d = tempfile.mkdtemp()
>>> p = os.path.join(d, "x.csv.gz")
>>> with gzip.open(p, "wb") as fh:
...     _ = fh.write(b'a,b\\r\\n1,"x, y"\\r\\n')
>>> [(r.line, r.fields) for r in read_rows(p, delimiter=",")]
[(1, ['a', 'b']), (2, ['1', 'x, y'])]
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import DataError

csv.field_size_limit(1 << 24)


@dataclass(frozen=True)
class Format:
    """One importable format: its command-line name, dataset key and title, and its functions.

    ``run(paths, session)`` writes the rows through the session and yields after each one;
    ``version(paths)`` names the dataset version the files are; ``signals``: its rows are
    drug-pair signals, which an import ``--columns`` keeps as typed columns (:mod:`drugkg.signals`).
    """

    name: str
    key: str
    title: str
    help: str
    run: Callable[[list[str], Any], Iterator[None]]
    version: Callable[[list[str]], str]
    signals: bool = False


class BadRow(DataError):
    """A row that cannot be read: wrong column count, a non-numeric statistic, undecodable bytes."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass(frozen=True)
class Row:
    """One row of a delimited file: where it is and its fields."""

    path: str
    line: int
    fields: list[str]

    def bad(self, reason: str) -> BadRow:
        return BadRow(self.path, self.line, reason)


@dataclass
class Report:
    """What an import did: rows read, assertions added, identities, effects, rejected rows.

    ``bad`` keeps the first 20 bad rows (``file:line: reason``) for the summary; all are counted.
    """

    dataset: str = ""
    version: str = ""
    rows: int = 0
    assertions: int = 0
    rejected: int = 0
    quads: int = 0
    skipped: bool = False
    drugs: Counter[str] = field(default_factory=Counter)  # matched / new / ambiguous
    effects: Counter[str] = field(default_factory=Counter)  # mapped / unmapped (distinct terms)
    classified: int = 0
    columns: int = 0  # rows kept as typed columns (an import --columns)
    bad: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)

    def reject(self, err: BadRow) -> None:
        self.rejected += 1
        if len(self.bad) < 20:
            self.bad.append(str(err))

    def lines(self) -> list[str]:
        """The end-of-import summary, one fact per line."""
        if self.skipped:
            return [f"{self.dataset} {self.version}: already imported from the same files; nothing added"]
        out = [
            f"{self.dataset} {self.version}: {self.rows:,} rows read, {self.assertions:,} assertions added "
            f"({self.quads:,} triples), {self.rejected:,} rows rejected",
            f"drugs: {self.drugs['matched']:,} matched to known drugs, {self.drugs['new']:,} new, "
            f"{self.drugs['ambiguous']:,} ambiguous; {self.classified:,} classified from targets",
            f"effects: {self.effects['mapped']:,} terms mapped to HPO or drugkg classes, "
            f"{self.effects['unmapped']:,} unmapped (kept as classes of their own)",
        ]
        if self.columns:
            out.insert(1, f"signal rows: {self.columns:,} kept as typed columns (not as triples)")
        out += [f"rejected {b}" for b in self.bad]
        out += [f"ambiguous {a}" for a in self.ambiguous[:20]]
        return out


def open_binary(path: str | os.PathLike[str]) -> IO[bytes]:
    """Open a plain or gzip file (recognised by its magic bytes) for reading bytes."""
    p = Path(path)
    try:
        raw = open(p, "rb")  # noqa: SIM115 -- handed to the caller
    except OSError as exc:
        raise DataError(f"{p}: cannot read: {exc.strerror}") from None
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def read_rows(path: str | os.PathLike[str], *, delimiter: str) -> Iterator[Row]:
    """Rows of a delimited file with their 1-based line numbers.

    A line that cannot be decoded, or whose quoting is broken, is yielded as a :class:`Row` with
    no fields, for the caller to report; reading goes on at the next line. Blank lines are skipped.
    """
    name = str(path)
    with open_binary(path) as fh:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        for line, text in _decoded_lines(fh, decoder):
            if text is None:
                yield Row(name, line, [])
                continue
            if text.strip() == "":
                continue
            try:
                fields = next(csv.reader([text], delimiter=delimiter, strict=True), [])
            except csv.Error:
                fields = []
            yield Row(name, line, fields)


def _decoded_lines(buffer: IO[bytes], decoder: codecs.IncrementalDecoder) -> Iterator[tuple[int, str | None]]:
    """(line number, text or None when undecodable); joins lines inside quoted fields."""
    n = 0
    pending: list[bytes] = []
    start = 0
    for raw in buffer:
        n += 1
        if not pending:
            start = n
        pending.append(raw)
        joined = b"".join(pending)
        if joined.count(b'"') % 2:  # an open quoted field spans lines
            continue
        pending = []
        try:
            text = decoder.decode(joined)
        except UnicodeDecodeError:
            decoder.reset()
            yield start, None
            continue
        yield start, text.rstrip("\r\n")
    if pending:
        yield start, None


def file_digest(paths: list[str | os.PathLike[str]]) -> str:
    """SHA-256 over the files' bytes as stored (compressed or not), in the order given."""
    h = hashlib.sha256()
    for p in paths:
        try:
            with open(p, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
        except OSError as exc:
            raise DataError(f"{p}: cannot read: {exc.strerror}") from None
        h.update(b"\0")
    return h.hexdigest()


def number(row: Row, value: str, what: str, *, integer: bool = False) -> float | int | None:
    """A numeric field; empty is None; anything else non-numeric is a bad row."""
    v = value.strip()
    if v == "":
        return None
    try:
        return int(v) if integer else float(v)
    except ValueError:
        raise row.bad(f"{what} is not a number: {value!r}") from None


def header_index(row: Row, names: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """Column positions by our name, accepting each column's released spellings."""
    cols = {c.strip(): i for i, c in enumerate(row.fields)}
    out = {}
    for key, spellings in names.items():
        found = next((cols[s] for s in spellings if s in cols), None)
        if found is None:
            raise row.bad(f"missing column {spellings[0]!r} in header {row.fields!r}")
        out[key] = found
    return out
