"""Signal rows kept as columns (``import --columns``, :mod:`drugkg.signals`): the same answers as
the rows imported as triples, atomic and removable imports, and damage reported.

Each test imports one TWOSIDES-shaped fixture (written here, in the released header) twice, once
as triples and once as columns, and compares what the questions return record by record.
"""


from __future__ import annotations

import gc
from pathlib import Path

import pytest

import drugkg
from drugkg.cli import main
from drugkg.errors import DataError, StoreError
from drugkg.store.datasets import import_files

HEADER = ("drug_1_rxnorn_id,drug_1_concept_name,drug_2_rxnorm_id,drug_2_concept_name,condition_meddra_id,"
          "condition_concept_name,A,B,C,D,PRR,PRR_error,mean_reporting_frequency")
ROWS = [
    '61381,Olanzapine,990001,"Zetadrug, USP",10043118,Tardive dyskinesia,6,126,21,1299,2.85714,0.45382,0.0454545',
    '61381,Olanzapine,990001,"Zetadrug, USP",10044565,Tremor,3,10,5,900,4.5,,0.1',
    '61381,Olanzapine,990002,Omegadrug,10044565,Tremor,3,10,5,900,9.5,0.3,0.1',
    '990002,Omegadrug,61381,Olanzapine,10001541,Akathisia,3,10,5,900,2.5,0.3,0.1',
    '61381,Olanzapine,990001,"Zetadrug, USP",10099999,Invented reaction,3,10,5,900,1.5,0.3,0.1',
    '990003,Alphadrug,61381,Olanzapine,10044565,Tremor,3,10,5,900,3.0,0.3,0.1',
    '42347,Bupropion,990003,Alphadrug,10013954,Dysphagia,2,20,4,800,1.8,0.2,0.05',
    '990004,Betadrug,990002,Omegadrug,10044565,Tremor,4,40,4,800,6.0,0.2,0.05',
    # one pair with more signals than a reason names: both orders, repeated effects, a tie
    '990004,Betadrug,990005,Gammadrug,10043118,Tardive dyskinesia,4,40,4,800,8.0,0.2,0.05',
    '990005,Gammadrug,990004,Betadrug,10043118,Tardive dyskinesia,4,40,4,800,1.1,0.2,0.05',
    '990004,Betadrug,990005,Gammadrug,10044565,Tremor,4,40,4,800,7.0,0.2,0.05',
    '990005,Gammadrug,990004,Betadrug,10044565,Tremor,4,40,4,800,5.0,0.2,0.05',
    '990004,Betadrug,990005,Gammadrug,10001541,Akathisia,4,40,4,800,2.0,0.2,0.05',
    '990005,Gammadrug,990004,Betadrug,10001541,Akathisia,4,40,4,800,2.0,0.2,0.05',
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("signals")
    f = _write(d / "TWOSIDES.csv", [HEADER, *ROWS])
    out = {}
    for kind in ("triples", "columns"):
        out[kind] = d / kind
        import_files(out[kind], "twosides", [f], quiet=True, columns=kind == "columns")
    gc.collect()
    return out


def _records(store: Path) -> dict[str, object]:
    kg = drugkg.load(store)
    try:
        return {
            "risk one drug": kg.risky_combinations("movement disorder", drugs=["olanzapine"]).to_dicts(),
            "risk all pairs": kg.risky_combinations("movement disorder").to_dicts(),
            "explain": [kg.explain(a, b, effect="movement disorder").to_dict()  # type: ignore[union-attr]
                        for a, b in (("olanzapine", "omegadrug"), ("betadrug", "omegadrug"), ("betadrug", "gammadrug"))],
            "explain none": kg.explain("olanzapine", "alphadrug", effect="dystonia"),
            "check": kg.check(["olanzapine", "betadrug", "omegadrug", "lithium"]).to_dict(),
        }
    finally:
        del kg
        gc.collect()


def test_columns_answer_with_the_records_of_triples(stores: dict[str, Path]) -> None:
    triples, columns = _records(stores["triples"]), _records(stores["columns"])
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
    _write(tmp_path / "ok.csv", [HEADER, ROWS[0]])
    import_files(store, "twosides", [tmp_path / "ok.csv"], quiet=True)
    gc.collect()
    before = sorted(p.name for p in store.iterdir())
    bad = _write(tmp_path / "TWOSIDES.csv", [HEADER, *ROWS, ROWS[0].replace("2.85714", "high")])
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
    f = _write(tmp_path / "TWOSIDES.csv", [HEADER, *ROWS])
    r = import_files(store, "twosides", [f], quiet=True, columns=True)
    assert (r.columns, r.rows) == (len(ROWS), len(ROWS))  # an unmapped term's row is filed under its own MedDRA class
    gc.collect()
    assert [p.name for p in store.glob("signals-*.parquet")] == ["signals-twosides-0.1.parquet"]
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
    f = _write(tmp_path / "meddra_all_se.tsv", ["CID100002818\tCID000002818\tC0041834\tPT\tC0041834\tTremor"])
    assert main(["import", "sider", str(f), "--store", str(tmp_path / "store"), "--columns", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--columns" in err and "twosides" in err and "Traceback" not in err
    assert not (tmp_path / "store").exists() or not list((tmp_path / "store").glob("signals-*"))


def test_a_damaged_signal_file_is_reported(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_files(store, "twosides", [_write(tmp_path / "TWOSIDES.csv", [HEADER, *ROWS])], quiet=True, columns=True)
    gc.collect()
    parquet = store / "signals-twosides-0.1.parquet"
    data = parquet.read_bytes()
    parquet.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError):
        drugkg.load(store)
    gc.collect()
    parquet.unlink()
    with pytest.raises(StoreError):
        drugkg.load(store)
