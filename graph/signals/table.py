"""The signal files of a store, answered by DuckDB: :class:`SignalTable`.

The questions are :class:`~drugkg.signals.rows.SignalRows`'; this module holds their DuckDB SQL
over every signal file of one store directory (each attached read-only, so many processes may
read one store).

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

from pathlib import Path
from typing import Any

from ..errors import StoreError
from .files import LEGACY, local_of, signal_files
from .rows import RDF_NAMES, Group, SignalRow, SignalRows, Wanted, _effects
from .sink import COLUMNS

_SELECT = ", ".join(COLUMNS)
#: A row's pair, its drugs in IRI order.
_PAIR = "least(drug1, drug2) AS pa, greatest(drug1, drug2) AS pb"
#: Each pair's own floor (the groups given as four lists), in :meth:`SignalTable._shown`.
_FLOORS = """JOIN (SELECT unnest(?::VARCHAR[]) AS pa, unnest(?::VARCHAR[]) AS pb, unnest(?::VARCHAR[]) AS source_node,
                         unnest(?::DOUBLE[]) AS floor) g USING (pa, pb, source_node)
            WHERE s.strength >= g.floor"""


class SignalTable(SignalRows):
    """Every signal file of one store directory (see :meth:`of`)."""

    def __init__(self, files: list[Path]) -> None:
        super().__init__(local_of(f) for f in files)
        self.files = files
        self._con: Any = None

    @classmethod
    def of(cls, store: Path) -> SignalTable | None:
        """The table of a store directory, or None when it holds no signal file."""
        files = signal_files(Path(store))
        return cls(files) if files else None

    def _query(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        """Rows of one query (the caller holds the lock)."""
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
        con.execute(f"CREATE VIEW signals AS {' UNION ALL '.join(self._parts(con))}")
        return con

    def _parts(self, con: Any) -> list[str]:
        """One ``SELECT`` of each file's rows on ``con`` (attaching the databases)."""
        parts = []
        for i, f in enumerate(self.files):
            path = f.as_posix().replace("'", "''")  # ATTACH and read_parquet take no parameter for their file
            if f.suffix == LEGACY:
                parts.append(f"SELECT {_SELECT} FROM read_parquet('{path}')")
            else:
                con.execute(f"ATTACH '{path}' AS signals_{i} (READ_ONLY)")
                parts.append(f"SELECT {_SELECT} FROM signals_{i}.signals")
        return parts

    def _groups(self, want: Wanted, top: int) -> list[Group]:
        where, params = self._where(want)
        rows = self._query(f"""
            WITH e AS (SELECT {_PAIR}, source_node, effect, max(coalesce(prr, 0)) AS best, count(*) AS n
                       FROM signals WHERE {where} GROUP BY ALL)
            SELECT pa, pb, source_node, sum(n)::BIGINT, CASE WHEN count(*) >= ? THEN list_min(max(best, ?)) END,
                   string_agg(effect || ' ' || best::VARCHAR, ' ' ORDER BY best DESC, effect)
            FROM e GROUP BY ALL""", [*params, top, top])
        return [(pa, pb, node, n, floor, _effects(text)) for pa, pb, node, n, floor, text in rows]

    def _shown(self, want: Wanted, floor: float, groups: list[Group], floors: list[float], top: int,
               joined: bool) -> list[tuple[Any, ...]]:
        """Every row above the lowest floor, each pair's own floor applied by a join with the
        groups (given as lists) when ``joined``; beyond :attr:`joined_groups` pairs the lists
        cost more than the rows they drop (all pairs at 5 million rows: 15,879 groups of 25,116
        rows), and the window ranks them all."""
        where, params = self._where(want)
        lists = [[g[0] for g in groups], [g[1] for g in groups], [g[2] for g in groups], floors] if joined else []
        return self._query(f"""
            SELECT {", ".join("s." + c for c in COLUMNS)}, pa, pb
            FROM (SELECT *, {_PAIR}, coalesce(prr, 0) AS strength
                  FROM signals WHERE {where} AND coalesce(prr, 0) >= ?) s
            {_FLOORS if joined else ""}
            QUALIFY row_number() OVER (PARTITION BY pa, pb, s.source_node ORDER BY s.strength DESC, s.claim) <= ?
            ORDER BY s.claim""", [*params, floor, *lists, top])

    @staticmethod
    def _where(want: Wanted) -> tuple[str, list[Any]]:
        sql = "effect IN (SELECT unnest(?::VARCHAR[]))"
        params: list[Any] = [want.effects]
        if want.drug is not None:
            sql += " AND (drug1 = ? OR drug2 = ?)"
            params += [want.drug, want.drug]
        if want.within is not None:
            sql += " AND drug1 IN (SELECT unnest(?::VARCHAR[])) AND drug2 IN (SELECT unnest(?::VARCHAR[]))"
            params += [want.within, want.within]
        return sql, params

    def _fetch(self, claims: list[str]) -> list[tuple[Any, ...]]:
        return self._query(f"SELECT {_SELECT} FROM signals WHERE claim IN (SELECT unnest(?::VARCHAR[]))", [claims])

    def count(self) -> int:
        """Rows in all files."""
        with self._lock:
            return int(self._query("SELECT count(*) FROM signals", [])[0][0])

    def to_parquet(self, folder: Path) -> list[Path]:
        """Copy each signal file to ``folder`` as Parquet (``signals-twosides-0.1.parquet``), for
        another engine (:mod:`drugkg.signals.spark`); each file is written under a temporary name
        and moved into place, so ``folder`` never holds half a file. Returns the files."""
        import duckdb

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        con = duckdb.connect(config={"threads": 2})
        try:
            for f, part in zip(self.files, self._parts(con), strict=True):
                final = folder / (f.name.rsplit(".", 1)[0] + LEGACY)
                written = final.with_name("." + final.name + ".tmp")
                target = written.as_posix().replace("'", "''")  # COPY takes no parameter for its file
                try:
                    con.execute(f"COPY ({part}) TO '{target}' (FORMAT parquet)")
                except duckdb.Error as exc:
                    written.unlink(missing_ok=True)
                    raise StoreError(f"{final}: cannot write the signal rows as Parquet: {str(exc).splitlines()[0]}") from None
                written.replace(final)
                out.append(final)
        finally:
            con.close()
        return out


__all__ = ["RDF_NAMES", "SignalRow", "SignalTable"]
