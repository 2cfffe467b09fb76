"""Signal rows in Spark SQL (:mod:`drugkg.signals.spark`): the same answers as the store's own
DuckDB files, from a local single-node Spark started here, with the curated knowledge embedded
or behind a SPARQL endpoint (the Oxigraph server).

Slow and optional: it needs PySpark (``pip install "drugkg[spark]"``) and Java 17, and Spark takes
about ten seconds to start. ``make test-all`` runs it.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import oxigraph_binary, oxigraph_server, spark_connect_server
from signal_fixtures import HEADER, ROWS, brute_force, random_table, records, write

import drugkg
from drugkg.errors import DataError, StoreError
from drugkg.signals import SignalTable
from drugkg.sparql.remote import publish
from drugkg.store.datasets import import_files

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    sql = pytest.importorskip("pyspark.sql", reason="PySpark is not installed (pip install 'drugkg[spark]')")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17")
    session = (sql.SparkSession.builder.master("local[2]").appName("drugkg-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.host", "127.0.0.1").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("spark")
    import_files(d / "store", "twosides", [write(d / "TWOSIDES.csv", [HEADER, *ROWS])], quiet=True, columns=True)
    gc.collect()
    return d / "store"


def _from_store(spark: Any, store: Path, folder: Path) -> Any:
    from drugkg.signals.spark import SparkSignalTable

    table = SignalTable.of(store)
    assert table is not None
    files = table.to_parquet(folder)
    assert [f.name for f in files] == ["signals-twosides-0.1.parquet"] and not list(folder.glob(".*"))
    return SparkSignalTable.from_parquet(spark, files)


def test_spark_rows_answer_with_the_records_of_the_store(spark: Any, store: Path, tmp_path: Path) -> None:
    rows = _from_store(spark, store, tmp_path / "parquet")
    assert rows.count() == len(ROWS) and rows.prefixes == ("twosides-0.1/",)
    expected, got = records(store), records(store, signals=rows)
    assert expected["risk one drug"]  # the comparison can fail: the answer holds the signal pairs
    for question, answer in expected.items():
        assert got[question] == answer, question


def test_rows_on_a_spark_connect_server_and_knowledge_on_a_sparql_endpoint(store: Path, tmp_path: Path) -> None:
    """drugkg as the client of two servers, as against a cluster: the curated knowledge on the
    Oxigraph server, the rows on a Spark Connect server; the records of the embedded store."""
    pytest.importorskip("grpc", reason="Spark Connect needs PySpark's connect extra (pip install 'drugkg[spark]')")
    import pyspark
    from pyspark.sql.connect.session import SparkSession as RemoteSession  # beside the module's local session

    exe = oxigraph_binary()
    if exe is None:
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    local = drugkg.load(store)
    try:
        expected = local.risky_combinations("movement disorder").to_dicts()
        explained = local.explain("olanzapine", "omegadrug", effect="movement disorder")
        with oxigraph_server(exe) as base, spark_connect_server(str(Path(pyspark.__file__).parent)) as url:
            publish(local.store, base + "/store")
            session = RemoteSession.builder.remote(url).create()
            try:
                assert session.sql("SELECT 1").collect()[0][0] == 1 and type(session).__module__.startswith("pyspark.sql.connect")
                remote = drugkg.connect(base + "/query", signals=_from_store(session, store, tmp_path / "parquet"))
                got = remote.risky_combinations("movement disorder").to_dicts()
                got_explained = remote.explain("olanzapine", "omegadrug", effect="movement disorder")
            finally:
                session.stop()
            # the rows' server gone: drugkg's own one-line error, not a gRPC traceback
            with pytest.raises(StoreError, match=r"^Spark, ") as failed:
                remote.risky_combinations("movement disorder")
            assert "\n" not in str(failed.value)
    finally:
        del local
        gc.collect()
    assert got == expected and any(r["level"] == "pharmacovigilance signal" for r in got)
    assert explained is not None and got_explained is not None and got_explained.to_dict() == explained.to_dict()
    assert "PRR 9.5" in str(explained.to_dict())


@pytest.mark.parametrize("question", [
    {"effects": 9}, {"effects": 3}, {"effects": 9, "drug": "http://x/d1"},
    {"effects": 9, "within": ["http://x/d0", "http://x/d2", "http://x/d4"]}, {"effects": 9, "top": 1},
    {"effects": 9, "joined": 0}, {"effects": 3, "joined": 0, "top": 2},
])
def test_spark_strongest_rows_are_those_a_brute_force_keeps(spark: Any, tmp_path: Path, question: dict[str, Any]) -> None:
    from drugkg.signals.spark import SparkSignalTable

    table, rows = random_table(tmp_path)
    spark_rows = SparkSignalTable(spark.read.parquet(*map(str, table.to_parquet(tmp_path / "parquet"))))
    assert spark_rows.prefixes == ("twosides-0.1/",)  # read from the claims
    spark_rows.joined_groups = int(question.get("joined", spark_rows.joined_groups))
    effects = {f"http://x/e{i}" for i in range(int(question["effects"]))}
    drug, within, top = question.get("drug"), question.get("within"), int(question.get("top", 5))
    got = spark_rows.strongest(effects, drug, within=within, top=top)
    assert got and got == table.strongest(effects, drug, within=within, top=top)
    found = sorted((c, a, b, e, n, effs, prr or 0.0) for c, a, b, e, _, prr, n, effs in got)
    assert found == brute_force(rows, effects, drug, None if within is None else set(within), top)
    claim = got[0][0]
    assert spark_rows.describe([claim]) == table.describe([claim])


def test_spark_rows_without_the_signal_columns_are_refused(spark: Any) -> None:
    from drugkg.signals.spark import SparkSignalTable

    with pytest.raises(DataError, match="lack the signal columns"):
        SparkSignalTable(spark.createDataFrame([("x",)], "claim string"))


def test_spark_failures_are_one_line_errors(spark: Any, tmp_path: Path) -> None:
    """A Parquet file that is missing or not Parquet: DataError with Spark's first line, no JVM trace."""
    from drugkg.signals.spark import SparkSignalTable

    bad = tmp_path / "signals-twosides-0.1.parquet"
    bad.write_text("claim,drug1\n")
    for path, message in [(tmp_path / "absent" / bad.name, "PATH_NOT_FOUND"), (bad, "FAILED_READ_FILE")]:
        with pytest.raises(DataError, match=rf"^Spark, reading .*{message}") as failed:
            SparkSignalTable.from_parquet(spark, [path])
        assert "\n" not in str(failed.value) and "\tat " not in str(failed.value)
