"""What the signal tests share: a TWOSIDES-shaped fixture in the released header, the records
its questions give, and a seeded random signal file with a brute force to check it against.

``test_signals`` (DuckDB) and ``test_spark`` (Spark SQL) ask the same questions of the same rows.
"""

from __future__ import annotations

import gc
import random
from pathlib import Path

import drugkg
from drugkg.signals import SignalRows, SignalSink, SignalTable

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


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def records(store: Path, signals: SignalRows | None = None) -> dict[str, object]:
    kg = drugkg.load(store, signals=signals)
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


def random_table(tmp_path: Path) -> tuple[SignalTable, list[tuple[str, str, str, str, float | None]]]:
    """A signal file of 2,000 seeded random rows: 6 drugs, 9 effects, PRRs with ties and gaps."""
    rng = random.Random(7)
    drugs = [f"http://x/d{i}" for i in range(6)]
    effects = [f"http://x/e{i}" for i in range(9)]
    sink = SignalSink(tmp_path, "twosides-0.1")
    rows = []
    for line in range(2000):
        a, b = rng.sample(drugs, 2)
        e = rng.choice(effects[: rng.choice((2, 9))])  # some pairs report fewer effects than a reason names
        prr = None if rng.random() < 0.05 else rng.choice((1.0, 2.0, 2.0, round(rng.uniform(0, 30), 3)))
        claim = f"http://x/twosides-0.1/f-{line}"
        sink.add(claim, "a + b", a, b, e, "http://x/file", {"prr": prr, "a": 1, "b": 2, "c": 3, "d": 4})
        rows.append((claim, a, b, e, prr))
    sink.commit(sink.finish())
    table = SignalTable.of(tmp_path)
    assert table is not None
    return table, rows


def brute_force(rows: list[tuple[str, str, str, str, float | None]], effects: set[str], drug: str | None,
                 within: set[str] | None, top: int) -> list[tuple[object, ...]]:
    groups: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
    for claim, a, b, e, prr in rows:
        if e in effects and (drug is None or drug in (a, b)) and (within is None or {a, b} <= within):
            groups.setdefault((min(a, b), max(a, b)), []).append((claim, e, prr or 0.0))
    out = []
    for (pa, pb), rs in groups.items():
        best: dict[str, float] = {}
        for _, e, s in rs:
            best[e] = max(best.get(e, 0.0), s)
        ranked = tuple(sorted(best.items(), key=lambda kv: (-kv[1], kv[0])))
        for claim, e, s in sorted(rs, key=lambda r: (-r[2], r[0]))[:top]:
            out.append((claim, pa, pb, e, len(rs), ranked, s))
    return sorted(out)
