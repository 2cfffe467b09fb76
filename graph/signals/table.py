"""The signal files of a store, answered by DuckDB: :class:`SignalTable`.

A question asks what the rows whose effect class falls under the class asked for come to, per
pair of drugs and file (the classes come from SPARQL over the RDF side, which holds the
hierarchy), optionally involving one drug: the strongest rows, the count and each effect's best
PRR (:meth:`SignalTable.strongest`); and, for the claims an answer shows, their label, statistics
and the node whose evidence they share. Rows read for a question are kept, so explaining them
asks DuckDB nothing more.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from drugkg.signals import SignalSink
>>> d = Path(tempfile.mkdtemp())
>>> sink = SignalSink(d, "twosides-0.1")
>>> sink.add("http://x/twosides-0.1/f-2", "b + a", "http://x/b", "http://x/a", "http://x/tremor", "http://x/f",
...          {"prr": 2.5, "a": 3, "b": 10, "c": 40, "d": 900, "prr_error": None, "mean_reporting_frequency": 0.2})
>>> _ = sink.commit(sink.finish())
>>> t = SignalTable.of(d)
>>> [(r[1], r[2], r[3], r[6], r[7]) for r in t.strongest(["http://x/tremor"], "http://x/a")]
[('http://x/a', 'http://x/b', 'http://x/tremor', 1, (('http://x/tremor', 2.5),))]
>>> t.strongest(["http://x/tremor"], "http://x/c")
[]
>>> len(t.strongest(["http://x/tremor"], within=["http://x/a", "http://x/b"])), t.strongest(["http://x/tremor"], within=["http://x/a"])
(1, [])
>>> t.row("http://x/twosides-0.1/f-2").statistics
(('countA', 3.0), ('countB', 10.0), ('countC', 40.0), ('countD', 900.0), ('meanReportingFrequency', 0.2), ('prr', 2.5))
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import EvidenceRef
from .files import LEGACY, local_of, signal_files
from .sink import COLUMNS, STATISTICS

#: The RDF import's property for each statistic (``dkg:prr``...), as ``claim-statistics`` names them.
RDF_NAMES = {"prr": "prr", "prr_error": "prrError", "a": "countA", "b": "countB", "c": "countC", "d": "countD",
             "mean_reporting_frequency": "meanReportingFrequency"}
_SELECT = ", ".join(COLUMNS)
#: A row's pair, its drugs in IRI order.
_PAIR = "least(drug1, drug2) AS pa, greatest(drug1, drug2) AS pb"
#: Each pair's own floor (the groups given as four lists), in :meth:`SignalTable.strongest`.
_FLOORS = """JOIN (SELECT unnest(?::VARCHAR[]) AS pa, unnest(?::VARCHAR[]) AS pb, unnest(?::VARCHAR[]) AS source_node,
                         unnest(?::DOUBLE[]) AS floor) g USING (pa, pb, source_node)
            WHERE s.strength >= g.floor"""


@dataclass(frozen=True)
class SignalRow:
    """One row of a signal file."""

    claim: str
    label: str
    drug1: str
    drug2: str
    effect: str
    source_node: str
    statistics: tuple[tuple[str, float], ...]


def _effects(text: str) -> tuple[tuple[str, float], ...]:
    """``((effect IRI, best PRR), ...)`` from DuckDB's ``"iri prr iri prr ..."`` (IRIs hold no
    space; a DOUBLE as VARCHAR reads back exactly): one string per group is read far faster than
    two lists."""
    items = text.split(" ")
    return tuple(zip(items[0::2], map(float, items[1::2]), strict=True))


def _row(values: tuple[Any, ...]) -> SignalRow:
    claim, label, d1, d2, effect, node, *stats = values
    named = sorted((RDF_NAMES[k], float(v)) for k, v in zip(STATISTICS, stats, strict=True) if v is not None)
    return SignalRow(claim, label, d1, d2, effect, node, tuple(named))


class SignalTable:
    """Every signal file of one store directory (see :meth:`of`)."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.prefixes = tuple(local_of(f) + "/" for f in files)
        self._con: Any = None
        self._lock = threading.Lock()
        self._rows: dict[str, SignalRow] = {}
        #: the most pairs whose floors :meth:`strongest` applies one by one (see :meth:`_shown_sql`)
        self.joined_groups = 2000

    @classmethod
    def of(cls, store: Path) -> SignalTable | None:
        """The table of a store directory, or None when it holds no signal file."""
        files = signal_files(Path(store))
        return cls(files) if files else None

    def _query(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with self._lock:  # one DuckDB connection, asked by one thread at a time
            if self._con is None:
                self._con = self._connect()
            rows: list[tuple[Any, ...]] = self._con.execute(sql, params).fetchall()
            return rows

    def _connect(self) -> Any:
        """An in-memory DuckDB connection with the view ``signals`` over every file: each
        database attached read-only (many processes may read one store), Parquet files of earlier
        versions read as they are."""
        import duckdb

        con = duckdb.connect(config={"threads": 2})
        parts = []
        for i, f in enumerate(self.files):
            path = f.as_posix().replace("'", "''")  # ATTACH and read_parquet take no parameter for their file
            if f.suffix == LEGACY:
                parts.append(f"SELECT {_SELECT} FROM read_parquet('{path}')")
            else:
                con.execute(f"ATTACH '{path}' AS signals_{i} (READ_ONLY)")
                parts.append(f"SELECT {_SELECT} FROM signals_{i}.signals")
        con.execute(f"CREATE VIEW signals AS {' UNION ALL '.join(parts)}")
        return con

    def owns(self, claim: str) -> bool:
        """Whether a claim IRI names a row of these files (its path names the dataset version)."""
        return any(f"/{p}" in claim for p in self.prefixes)

    def strongest(self, effects: Iterable[str], drug: str | None = None, *, within: Iterable[str] | None = None,
                  top: int = 5) -> list[tuple[Any, ...]]:
        """What a pair's signals from one file come to, for the rows whose effect class is one of
        ``effects`` (IRIs), involving ``drug`` when given, and with ``within`` (IRIs) only those
        whose two drugs are both among them: the ``top`` strongest rows of each pair and file (highest PRR, then claim) as ``(claim, drugA,
        drugB, effect, source_node, prr, count, effects)`` tuples, drugA before drugB in IRI
        order, ``count`` the pair's rows in that file and ``effects`` every effect of them with
        its strongest PRR, strongest first (one tuple shared by the rows of a pair and file).
        Only those rows are kept (for :meth:`describe`): a regimen's pairs may have a hundred
        thousand rows, of which an answer shows a few.

        Two queries: the first groups each pair's rows by effect (count, best PRR) and so knows a
        floor below which no shown row lies (the ``top``-th best of its effects' best PRRs); the
        second reads whole rows above the lowest floor only, the floors of each pair applied in
        DuckDB. At 5 million rows (a 10-drug check, 582,378 rows) 0.25 s instead of 0.8 s for
        one query keeping the top rows of every group."""
        where = self._where(effects, drug, within)
        if where is None:
            return []
        groups = self._query(f"""
            WITH e AS (SELECT {_PAIR}, source_node, effect, max(coalesce(prr, 0)) AS best, count(*) AS n
                       FROM signals WHERE {where[0]} GROUP BY ALL)
            SELECT pa, pb, source_node, sum(n)::BIGINT, CASE WHEN count(*) >= ? THEN list_min(max(best, ?)) END,
                   string_agg(effect || ' ' || best::VARCHAR, ' ' ORDER BY best DESC, effect)
            FROM e GROUP BY ALL""", [*where[1], top, top])
        if not groups:
            return []
        floors = [-1.0 if g[4] is None else float(g[4]) for g in groups]  # -1: every row (PRR >= 0)
        info = {(pa, pb, node): (n, _effects(text)) for pa, pb, node, n, _, text in groups}
        rows = self._query(self._shown_sql(where[0], len(groups)), [*where[1], min(floors), *(
            [[g[0] for g in groups], [g[1] for g in groups], [g[2] for g in groups], floors] if len(groups) <= self.joined_groups else []),
            top])
        out = []
        width = len(COLUMNS)
        for v in rows:
            row = _row(v[:width])
            self._rows[row.claim] = row
            pa, pb = v[width:]
            n, effs = info[(pa, pb, row.source_node)]
            out.append((row.claim, pa, pb, row.effect, row.source_node, v[6], n, effs))
        return out

    def _shown_sql(self, where: str, groups: int) -> str:
        """The second query of :meth:`strongest`: every row above the lowest floor, each pair's
        own floor applied by a join with the groups (given as lists) when there are at most
        :attr:`joined_groups` of them; beyond, the lists cost more than the rows they drop (all
        pairs at 5 million rows: 15,879 groups of 25,116 rows), and the window ranks them all."""
        joined = groups <= self.joined_groups
        return f"""
            SELECT {", ".join("s." + c for c in COLUMNS)}, pa, pb
            FROM (SELECT *, {_PAIR}, coalesce(prr, 0) AS strength
                  FROM signals WHERE {where} AND coalesce(prr, 0) >= ?) s
            {_FLOORS if joined else ""}
            QUALIFY row_number() OVER (PARTITION BY pa, pb, s.source_node ORDER BY s.strength DESC, s.claim) <= ?
            ORDER BY s.claim"""

    @staticmethod
    def _where(effects: Iterable[str], drug: str | None, within: Iterable[str] | None) -> tuple[str, list[Any]] | None:
        wanted = sorted(set(effects))
        if not wanted:
            return None
        sql = "effect IN (SELECT unnest(?::VARCHAR[]))"
        params: list[Any] = [wanted]
        if drug is not None:
            sql += " AND (drug1 = ? OR drug2 = ?)"
            params += [drug, drug]
        if within is not None:
            inside = sorted(set(within))
            sql += " AND drug1 IN (SELECT unnest(?::VARCHAR[])) AND drug2 IN (SELECT unnest(?::VARCHAR[]))"
            params += [inside, inside]
        return sql, params

    def describe(self, claims: Iterable[str]) -> dict[str, SignalRow]:
        """The rows of these claim IRIs (those not read yet are fetched in one query)."""
        wanted = [c for c in dict.fromkeys(claims) if self.owns(c)]
        missing = [c for c in wanted if c not in self._rows]
        if missing:
            found = self._query(f"SELECT {_SELECT} FROM signals WHERE claim IN (SELECT unnest(?::VARCHAR[]))", [missing])
            self._rows.update((r.claim, r) for r in map(_row, found))
        return {c: self._rows[c] for c in wanted if c in self._rows}

    def row(self, claim: str) -> SignalRow | None:
        """One claim's row, or None when no signal file has it."""
        return self.describe([claim]).get(claim)

    def evidence(self, claims: Iterable[str],
                 of_nodes: Callable[[list[str]], Mapping[str, list[EvidenceRef]]]) -> dict[str, list[EvidenceRef]]:
        """claim IRI -> its evidence: the evidence of the file node its row names (``of_nodes``
        fetches it from RDF), with the row's statistics, as the RDF import's claim would have it."""
        rows = self.describe(claims)
        shared = of_nodes(sorted({r.source_node for r in rows.values()})) if rows else {}
        return {c: [dataclasses.replace(e, statistics=r.statistics) for e in shared.get(r.source_node, [])]
                for c, r in rows.items()}

    def count(self) -> int:
        """Rows in all files."""
        return int(self._query("SELECT count(*) FROM signals", [])[0][0])
