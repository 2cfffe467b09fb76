"""Signal rows in Spark SQL, for rows beyond one machine: :class:`SparkSignalTable`.

The rows a store keeps as columns (:mod:`drugkg.signals`) are one plain table, so they can live
in a distributed SQL engine while the curated knowledge stays RDF (embedded, or an endpoint
reached with :func:`drugkg.connect`). ``drugkg.load(path, signals=table)`` or
``drugkg.connect(url, signals=table)`` then answers every question (``risk``, ``check``,
``explain``, the exports and the server's answers) with the same records as from the store's own
DuckDB files: the questions' logic is :class:`~drugkg.signals.rows.SignalRows`', and this module
holds only its three queries in Spark SQL.

The rows reach Spark as Parquet: :meth:`drugkg.signals.SignalTable.to_parquet` writes one file
per dataset version (``signals-twosides-0.1.parquet``), to copy to the cluster's storage, and
:meth:`SparkSignalTable.from_parquet` reads them back (or hand any DataFrame of the same columns
to the constructor, such as ``spark.table("warehouse.signals")``). What a question binds reaches
Spark as data: the effect classes, drugs and claims in filters built with the DataFrame API (which
Spark pushes into the Parquet scan), each pair's floor as a DataFrame, the lowest floor and the
row count as named parameters; never in the SQL text.

The session may be local (``SparkSession.builder.master("local[2]")``) or a client of a cluster
through Spark Connect (``pyspark.sql.connect.session.SparkSession.builder.remote("sc://host:15002")``):
then drugkg's process holds neither the rows nor, with :func:`drugkg.connect`, the knowledge
(``tests/test_spark.py`` starts both servers and compares the records).

PySpark is not a dependency of drugkg (``pip install "drugkg[spark]"``, with Java 17); this module
never imports it: the DataFrame it is given brings its session. What Spark raises reaches the
caller as drugkg's one-line errors: a file or column Spark cannot find
(``AnalysisException``) as :class:`~drugkg.errors.DataError`, anything else the engine or its
connection raises (a stopped session, a Spark Connect server gone) as
:class:`~drugkg.errors.StoreError`, with the first line of Spark's message and not its JVM trace.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import DataError, StoreError
from .files import local_of
from .rows import Group, SignalRows, Wanted
from .sink import COLUMNS

_SELECT = ", ".join(COLUMNS)
_PAIR = "least(drug1, drug2) AS pa, greatest(drug1, drug2) AS pb"
_NUMBER = itertools.count()
_ENGINE_MODULES = ("pyspark", "py4j", "grpc")


@contextlib.contextmanager
def engine_errors(doing: str) -> Iterator[None]:
    """Spark's exceptions raised inside as drugkg's one-line errors (see the module docstring).

    >>> class AnalysisException(Exception): ...
    >>> AnalysisException.__module__ = "pyspark.errors.exceptions.captured"
    >>> with engine_errors("reading x.parquet"):
    ...     raise AnalysisException("[PATH_NOT_FOUND] Path does not exist: file:/x.parquet.\\nJVM stacktrace: ...")
    Traceback (most recent call last):
    drugkg.errors.DataError: Spark, reading x.parquet: [PATH_NOT_FOUND] Path does not exist: file:/x.parquet.
    """
    try:
        yield
    except Exception as exc:
        if not type(exc).__module__.startswith(_ENGINE_MODULES):
            raise
        first = _first_line(str(exc)) or type(exc).__name__
        data = type(exc).__name__ == "AnalysisException" or first.startswith(_FILE_ERRORS)
        raise (DataError if data else StoreError)(f"Spark, {doing}: {first}") from None


_FILE_ERRORS = ("[PATH_NOT_FOUND", "[FAILED_READ_FILE", "[UNABLE_TO_INFER_SCHEMA", "[CANNOT_READ_FILE")
_JAVA_CLASS = re.compile(r"^:?\s*(?:[a-z_][\w]*\.)+[A-Z]\w*(?:Exception|Error):\s*")


def _first_line(text: str) -> str:
    """The message of a Spark error without py4j's call line, the Java class or the JVM trace.

    >>> _first_line("An error occurred while calling o28.parquet.\\n: org.apache.spark.SparkException: [FAILED_READ_FILE] x\\n\\tat y")
    '[FAILED_READ_FILE] x'
    """
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("An error occurred while calling"):
            return " ".join(_JAVA_CLASS.sub("", line).split())[:300]
    return ""


class SparkSignalTable(SignalRows):
    """Signal rows held by Spark: ``rows`` is a DataFrame with the columns of a signal file
    (:data:`~drugkg.signals.sink.COLUMNS`), ``sources`` the source names of the dataset versions
    it holds (``twosides-0.1``; by default read from the claim IRIs, one pass over the rows)."""

    def __init__(self, rows: Any, sources: Iterable[str] | None = None) -> None:
        with engine_errors("reading the signal rows"):
            missing = [c for c in COLUMNS if c not in rows.columns]
            if missing:
                raise DataError(f"the Spark rows lack the signal columns {', '.join(missing)}")
            self.spark = rows.sparkSession
            self._df = rows.select(*COLUMNS)
            self._name = f"drugkg_signals_{os.getpid()}_{next(_NUMBER)}"  # this table's temporary views
            self._df.createOrReplaceTempView(self._name)
            if sources is None:
                prefixes = self.spark.sql(f"SELECT DISTINCT regexp_extract(claim, '^(.*)/[^/]*$', 1) AS p FROM {self._name}")
                sources = sorted({r.p.rsplit("/", 1)[-1] for r in prefixes.collect() if r.p})
        super().__init__(sources)

    @classmethod
    def from_parquet(cls, spark: Any, paths: Iterable[str | os.PathLike[str]]) -> SparkSignalTable:
        """The rows of Parquet files written by :meth:`~drugkg.signals.SignalTable.to_parquet`
        (their names give the dataset versions)."""
        files = [os.fspath(p) for p in paths]
        if not files:
            raise DataError("no Parquet signal file given")
        names = [local_of(Path(f)) for f in files]
        with engine_errors(f"reading {', '.join(files)}"):
            rows = spark.read.parquet(*files)
        return cls(rows, sources=names)

    def _wanted(self, want: Wanted) -> str:
        """A temporary view of the rows a question wants (the caller holds the lock). The filter
        is built with the DataFrame API, so Spark pushes it into the Parquet scan (row groups
        whose effects or drugs lie outside are skipped: 5 M rows, one drug, 4.4 s -> 1.4 s)."""
        df = self._df
        name = f"{self._name}_wanted"
        with engine_errors("selecting the signal rows"):
            cond = df.effect.isin(want.effects)
            if want.drug is not None:
                cond = cond & ((df.drug1 == want.drug) | (df.drug2 == want.drug))
            if want.within is not None:
                cond = cond & df.drug1.isin(want.within) & df.drug2.isin(want.within)
            df.filter(cond).createOrReplaceTempView(name)
        return name

    def _sql(self, sql: str, args: dict[str, Any]) -> list[tuple[Any, ...]]:
        with engine_errors("querying the signal rows"):
            return [tuple(r) for r in self.spark.sql(sql, args=args).collect()]

    def _groups(self, want: Wanted, top: int) -> list[Group]:
        rows = self._sql(f"""
            WITH e AS (SELECT {_PAIR}, source_node, effect, max(coalesce(prr, 0D)) AS best, count(*) AS n
                       FROM {self._wanted(want)} GROUP BY 1, 2, 3, 4)
            SELECT pa, pb, source_node, CAST(sum(n) AS BIGINT),
                   CASE WHEN count(*) >= :top THEN element_at(sort_array(collect_list(best), false), :top) END,
                   collect_list(struct(best, effect))
            FROM e GROUP BY pa, pb, source_node""", {"top": top})
        return [(pa, pb, node, int(n), floor, tuple((e, float(b)) for b, e in sorted(effs, key=lambda x: (-x[0], x[1]))))
                for pa, pb, node, n, floor, effs in rows]

    def _shown(self, want: Wanted, floor: float, groups: list[Group], floors: list[float], top: int,
               joined: bool) -> list[tuple[Any, ...]]:
        wanted = self._wanted(want)
        join = ""
        if joined:
            g = f"{self._name}_floors"
            with engine_errors("sending the pairs' floors"):
                self.spark.createDataFrame([(x[0], x[1], x[2], f) for x, f in zip(groups, floors, strict=True)],
                                           "pa string, pb string, source_node string, floor double").createOrReplaceTempView(g)
            join = f"JOIN {g} g ON s.pa = g.pa AND s.pb = g.pb AND s.source_node = g.source_node WHERE s.strength >= g.floor"
        return self._sql(f"""
            SELECT {_SELECT}, pa, pb FROM (
                SELECT s.*, row_number() OVER (PARTITION BY s.pa, s.pb, s.source_node ORDER BY s.strength DESC, s.claim) AS rank
                FROM (SELECT {_SELECT}, {_PAIR}, coalesce(prr, 0D) AS strength
                      FROM {wanted} WHERE coalesce(prr, 0D) >= :floor) s
                {join}) t
            WHERE rank <= :top ORDER BY claim""", {"floor": floor, "top": top})

    def _fetch(self, claims: list[str]) -> list[tuple[Any, ...]]:
        with engine_errors("reading signal claims"):
            return [tuple(r) for r in self._df.filter(self._df.claim.isin(claims)).collect()]

    def count(self) -> int:
        """Rows in the table."""
        with self._lock:
            return int(self._sql(f"SELECT count(*) FROM {self._name}", {})[0][0])
