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
from .files import signal_files
from .sink import COLUMNS, STATISTICS

#: The RDF import's property for each statistic (``dkg:prr``...), as ``claim-statistics`` names them.
RDF_NAMES = {"prr": "prr", "prr_error": "prrError", "a": "countA", "b": "countB", "c": "countC", "d": "countD",
             "mean_reporting_frequency": "meanReportingFrequency"}
_SELECT = ", ".join(COLUMNS)


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


def _row(values: tuple[Any, ...]) -> SignalRow:
    claim, label, d1, d2, effect, node, *stats = values
    named = sorted((RDF_NAMES[k], float(v)) for k, v in zip(STATISTICS, stats, strict=True) if v is not None)
    return SignalRow(claim, label, d1, d2, effect, node, tuple(named))


class SignalTable:
    """Every signal file of one store directory (see :meth:`of`)."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.prefixes = tuple(f.name[len("signals-"):-len(".parquet")] + "/" for f in files)
        self._con: Any = None
        self._lock = threading.Lock()
        self._rows: dict[str, SignalRow] = {}

    @classmethod
    def of(cls, store: Path) -> SignalTable | None:
        """The table of a store directory, or None when it holds no signal file."""
        files = signal_files(Path(store))
        return cls(files) if files else None

    def _query(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with self._lock:  # one DuckDB connection, asked by one thread at a time
            if self._con is None:
                import duckdb

                self._con = duckdb.connect(config={"threads": 2})
                paths = ", ".join("'" + f.as_posix().replace("'", "''") + "'" for f in self.files)
                self._con.execute(f"CREATE VIEW signals AS SELECT {_SELECT} FROM read_parquet([{paths}])")
            rows: list[tuple[Any, ...]] = self._con.execute(sql, params).fetchall()
            return rows

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
        its strongest PRR, strongest first. Only those rows are kept (for :meth:`describe`): a
        regimen's pairs may have a hundred thousand rows, of which an answer shows a few."""
        where = self._where(effects, drug, within)
        if where is None:
            return []
        # the shown rows are kept per group by arg_min over (-PRR, claim), five rows of state per
        # pair: twice as fast as numbering every row in a window (at 5 M rows, 0.6 s vs 1.3 s)
        sql = f"""
            WITH s AS (SELECT {_SELECT}, least(drug1, drug2) AS pa, greatest(drug1, drug2) AS pb,
                              coalesce(prr, 0) AS strength FROM signals WHERE {where[0]}),
            e AS (SELECT pa, pb, source_node, effect, max(strength) AS best FROM s GROUP BY ALL),
            agg AS (SELECT pa, pb, source_node, list(effect ORDER BY best DESC, effect) AS effects,
                           list(best ORDER BY best DESC, effect) AS bests FROM e GROUP BY ALL),
            top AS (SELECT pa, pb, source_node, count(*) AS n,
                           arg_min(struct_pack({_SELECT}), struct_pack(k1 := -strength, k2 := claim), ?) AS shown
                    FROM s GROUP BY ALL),
            one AS (SELECT pa, pb, source_node, n, unnest(shown) AS r FROM top)
            SELECT {", ".join("r." + c for c in COLUMNS)}, pa, pb, n, agg.effects, agg.bests
            FROM one JOIN agg USING (pa, pb, source_node) ORDER BY r.claim"""
        out = []
        width = len(COLUMNS)
        for v in self._query(sql, [*where[1], top]):
            row = _row(v[:width])
            self._rows[row.claim] = row
            pa, pb, n, effs, bests = v[width:]
            out.append((row.claim, pa, pb, row.effect, row.source_node, v[6], n, tuple(zip(effs, bests, strict=True))))
        return out

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
