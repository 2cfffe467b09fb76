"""Signal rows kept as columns (``import --columns``, :mod:`drugkg.signals`): the same answers as
the rows imported as triples, atomic and removable imports, and damage reported.

Each test imports one TWOSIDES-shaped fixture (written here, in the released header) twice, once
as triples and once as columns, and compares what the questions return record by record.
"""


from __future__ import annotations

import gc
from pathlib import Path

import pytest
from signal_fixtures import HEADER, ROWS, brute_force, random_table, records, write

import drugkg
from drugkg.cli import main
from drugkg.errors import DataError, StoreError
from drugkg.signals import SignalTable
from drugkg.store import names as stored_names
from drugkg.store.build import reseal
from drugkg.store.datasets import import_files


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("signals")
    f = write(d / "TWOSIDES.csv", [HEADER, *ROWS])
    out = {}
    for kind in ("triples", "columns"):
        out[kind] = d / kind
        import_files(out[kind], "twosides", [f], quiet=True, columns=kind == "columns")
    gc.collect()
    return out


def test_columns_answer_with_the_records_of_triples(stores: dict[str, Path]) -> None:
    triples, columns = records(stores["triples"]), records(stores["columns"])
    for question, expected in triples.items():
        assert columns[question] == expected, question
    # and the records hold the rows' content (a comparison of two empty answers would pass too)
    risk = triples["risk one drug"]
    assert isinstance(risk, list)
    signal = {tuple(r["drugs"]): r for r in risk if r["level"] == "pharmacovigilance signal"}
    assert set(signal) >= {("olanzapine", "zetadrug, usp"), ("olanzapine", "omegadrug"), ("alphadrug", "olanzapine")}
    both = signal[("olanzapine", "omegadrug")]
    assert set(both["outcomes"]) >= {"Tremor (MedDRA 10044565)", "Akathisia (MedDRA 10001541)"}
    # the pair's two signals are one reason, the strongest first, each named by its effect
    signals = [e for e in both["explanation"] if e["rule"] == "recorded"]
    assert len(signals) == 1 and dict(map(tuple, signals[0]["details"])) == {"PRR": "9.5", "signals": "2"}
    assert "2 signals: Tremor (MedDRA 10044565) (PRR 9.5), Akathisia" in both["reason"] and both["reasons"] == 2
    assert both["reason"].index("Tremor") < both["reason"].index("Akathisia")
    ev = both["evidence"][0]
    assert ev["source"] == "TWOSIDES" and dict(map(tuple, ev["statistics"]))["prr"] == 9.5
    assert any(tuple(r["drugs"]) == ("betadrug", "omegadrug") for r in triples["risk all pairs"])  # type: ignore[union-attr]
    # six signals of one pair: one reason naming the five strongest, counting the sixth, its
    # outcomes ordered by their strongest signal; the pair counts six reasons
    many = triples["explain"][2]  # type: ignore[index]
    (signals,) = [e for e in many["explanation"] if e["rule"] == "recorded"]
    assert signals["summary"] == ("reported together more often than expected, 6 signals: Tardive dyskinesia (MedDRA 10043118) "
                                  "(PRR 8), Tremor (MedDRA 10044565) (PRR 7), Tremor (MedDRA 10044565) (PRR 5), Akathisia "
                                  "(MedDRA 10001541) (PRR 2), Akathisia (MedDRA 10001541) (PRR 2) and 1 more; each a signal, not a cause")
    assert signals["outcomes"] == ["Tardive dyskinesia (MedDRA 10043118)", "Tremor (MedDRA 10044565)", "Akathisia (MedDRA 10001541)"]
    # (the two Akathisia rows carry the same statistics: one evidence record)
    assert (len(signals["claims"]), len(signals["evidence"]), many["reasons"]) == (5, 4, 6)
    assert triples["explain none"] is None


def test_columns_keep_rows_out_of_the_triples(stores: dict[str, Path]) -> None:
    kg = drugkg.load(stores["columns"])
    rdf = drugkg.load(stores["triples"])
    try:
        assert kg.signals is not None and kg.signals.count() == len(ROWS)
        claims = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a dkg:Interaction ; dkg:hasEvidence/dkg:fromFile 'TWOSIDES.csv' }"
        assert rdf.sparql(claims)[0]["n"] == len(ROWS)  # type: ignore[index]
        assert kg.sparql(claims)[0]["n"] == 0  # type: ignore[index]  # the rows are columns; their file's node holds the evidence
        assert rdf.info()["triples"] - kg.info()["triples"] > 10 * len(ROWS)
    finally:
        del kg, rdf
        gc.collect()


def test_cli_sources_and_explain_on_columns(stores: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "olanzapine", "omegadrug", "--effect", "movement disorder", "--store", str(stores["columns"])]) == 0
    out = capsys.readouterr().out
    assert "reported together more often than expected" in out and "PRR 9.5" in out
    gc.collect()
    assert main(["sources", "--store", str(stores["columns"])]) == 0
    assert "twosides-0.1" in capsys.readouterr().out


def test_a_failed_columns_import_leaves_no_signal_file(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write(tmp_path / "ok.csv", [HEADER, ROWS[0]])
    import_files(store, "twosides", [tmp_path / "ok.csv"], quiet=True)
    gc.collect()
    before = sorted(p.name for p in store.iterdir())
    bad = write(tmp_path / "TWOSIDES.csv", [HEADER, *ROWS, ROWS[0].replace("2.85714", "high")])
    with pytest.raises(DataError, match=rf"TWOSIDES.csv:{len(ROWS) + 2}: PRR is not a number"):
        import_files(tmp_path / "fresh", "twosides", [bad], strict=True, quiet=True, columns=True)
    gc.collect()
    fresh = tmp_path / "fresh"
    assert not [p for p in fresh.iterdir() if "signals" in p.name]  # no file, no temporary left behind
    assert drugkg.load(fresh).signals is None
    gc.collect()
    assert sorted(p.name for p in store.iterdir()) == before


def test_removing_the_source_deletes_its_signal_file(tmp_path: Path) -> None:
    store = tmp_path / "store"
    f = write(tmp_path / "TWOSIDES.csv", [HEADER, *ROWS])
    r = import_files(store, "twosides", [f], quiet=True, columns=True)
    assert (r.columns, r.rows) == (len(ROWS), len(ROWS))  # an unmapped term's row is filed under its own MedDRA class
    gc.collect()
    assert [p.name for p in store.glob("signals-*.duckdb")] == ["signals-twosides-0.1.duckdb"]
    again = import_files(store, "twosides", [f], quiet=True, columns=True)
    assert again.skipped
    gc.collect()
    assert main(["sources", "remove", "twosides-0.1", "--store", str(store)]) == 0
    gc.collect()
    assert list(store.glob("signals-*")) == []
    kg = drugkg.load(store)
    assert not [c for c in kg.risky_combinations("movement disorder") if c.level == "pharmacovigilance signal"]
    del kg
    gc.collect()


def test_columns_on_a_format_without_pair_signals_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "meddra_all_se.tsv", ["CID100002818\tCID000002818\tC0041834\tPT\tC0041834\tTremor"])
    assert main(["import", "sider", str(f), "--store", str(tmp_path / "store"), "--columns", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--columns" in err and "twosides" in err and "Traceback" not in err
    assert not (tmp_path / "store").exists() or not list((tmp_path / "store").glob("signals-*"))


def test_a_damaged_signal_file_is_reported(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_files(store, "twosides", [write(tmp_path / "TWOSIDES.csv", [HEADER, *ROWS])], quiet=True, columns=True)
    gc.collect()
    database = store / "signals-twosides-0.1.duckdb"
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError):
        drugkg.load(store)
    gc.collect()
    database.unlink()
    with pytest.raises(StoreError):
        drugkg.load(store)


@pytest.mark.parametrize("question", [
    {"effects": 9}, {"effects": 3}, {"effects": 9, "drug": "http://x/d1"},
    {"effects": 9, "within": ["http://x/d0", "http://x/d2", "http://x/d4"]}, {"effects": 9, "top": 1},
    {"effects": 9, "joined": 0}, {"effects": 3, "joined": 0, "top": 2},
])
def test_the_strongest_rows_are_those_a_brute_force_keeps(tmp_path: Path, question: dict[str, object]) -> None:
    table, rows = random_table(tmp_path)
    table.joined_groups = int(question.get("joined", table.joined_groups))  # type: ignore[call-overload]
    effects = {f"http://x/e{i}" for i in range(int(question["effects"]))}  # type: ignore[call-overload]
    drug, within, top = question.get("drug"), question.get("within"), int(question.get("top", 5))  # type: ignore[call-overload]
    got = table.strongest(effects, drug, within=within, top=top)  # type: ignore[arg-type]
    assert got  # the question has answers, so the comparison can fail
    found = sorted((c, a, b, e, n, effs, prr or 0.0) for c, a, b, e, _, prr, n, effs in got)
    assert found == brute_force(rows, effects, drug, None if within is None else set(within), top)  # type: ignore[arg-type]


def test_a_parquet_signal_file_of_an_earlier_version_is_read_alike(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    table, _ = random_table(tmp_path / "new")
    (old,) = table.to_parquet(tmp_path / "old")  # what earlier versions wrote: the same rows as Parquet
    assert old.name == "signals-twosides-0.1.parquet" and [p.name for p in old.parent.iterdir()] == [old.name]
    legacy = SignalTable.of(old.parent)
    assert legacy is not None and legacy.files == [old]
    effects = [f"http://x/e{i}" for i in range(9)]
    assert legacy.strongest(effects) == table.strongest(effects) != []
    assert legacy.count() == table.count() == 2000


def test_a_store_keeps_the_names_of_what_it_holds(tmp_path: Path) -> None:
    """The names kept with a store (drugkg.store.names) are the lookup query's, after a build,
    an import and a removal; a store without the file queries them; a changed file is damage."""
    store = tmp_path / "store"

    def queried() -> list[tuple[str, str, str, str]]:
        kg = drugkg.load(store)
        try:
            return sorted(stored_names.query_rows(kg.store))
        finally:
            del kg
            gc.collect()

    drugkg.load(store).close()
    gc.collect()
    built = stored_names.read(store)
    assert built is not None and sorted(built) == queried()
    assert not any(name == "zetadrug, usp" for _, _, name, _ in built)
    import_files(store, "twosides", [write(tmp_path / "TWOSIDES.csv", [HEADER, *ROWS])], quiet=True, columns=True)
    gc.collect()
    imported = stored_names.read(store)
    assert imported is not None and sorted(imported) == queried()
    assert ("drug", "zetadrug, usp") in {(kind, name) for _, kind, name, _ in imported}
    kg = drugkg.load(store)
    assert kg.resolve("zetadrug, usp", "drug") == kg.resolve("Zetadrug, USP", "drug")
    del kg
    gc.collect()
    assert main(["sources", "remove", "twosides-0.1", "--store", str(store)]) == 0
    gc.collect()
    removed = stored_names.read(store)
    assert removed is not None and sorted(removed) == sorted(built)
    # a store from before the file: its names are asked of the store
    (store / stored_names.NAMES).unlink()
    reseal(store, pending=False)
    kg = drugkg.load(store)
    assert kg.label(kg.resolve("olanzapine", "drug")) == "olanzapine"
    del kg
    gc.collect()
    # a kept file changed afterwards makes the store damaged, not its names wrong
    stored_names.keep(store, [("http://x/fake", "drug", "olanzapine", "label")])
    with pytest.raises(StoreError, match=stored_names.NAMES):
        drugkg.load(store)
