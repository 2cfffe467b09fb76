"""Result records: plain dicts, pandas DataFrames and HTML tables for notebooks."""

from __future__ import annotations

import json

import pandas as pd

import drugkg
from drugkg.records import Results


def test_combinations_to_dataframe(kg: drugkg.KnowledgeGraph) -> None:
    combos = kg.risky_combinations(drugs=["lithium"])
    df = combos.to_dataframe()
    assert isinstance(df, pd.DataFrame) and len(df) == len(combos)
    assert {"drugs", "basis", "score", "level", "outcomes", "reason", "explanation", "evidence"} <= set(df.columns)
    [row] = [i for i, c in enumerate(combos) if c.drugs == ("baclofen", "lithium")]
    first = df.iloc[row]
    assert list(first["drugs"]) == ["baclofen", "lithium"] and first["basis"] == "recorded"
    assert first["evidence"][0]["source"] in {e.source for e in combos[row].evidence}


def test_query_rows_to_dataframe(kg: drugkg.KnowledgeGraph) -> None:
    df = kg.query("drugs-by-target", target="DRD2", action="antagonist").to_dataframe()
    assert "haloperidol" in set(df["drugLabel"]) and "lithium" not in set(df["drugLabel"])


def test_to_dict_is_plain_json(kg: drugkg.KnowledgeGraph) -> None:
    [w] = kg.withdrawal("baclofen", route="intrathecal")
    d = w.to_dict()
    assert isinstance(d["manifestations"], list) and isinstance(d["manifestations"][0], dict)
    assert json.loads(json.dumps(d)) == d  # nothing but JSON types


def test_html_tables_escape_content() -> None:
    html = Results([{"name": "<script>alert(1)</script>", "n": 1}])._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<th>name</th>" in html
    assert Results([])._repr_html_() == "<p>(no results)</p>"


def test_effect_record_html(kg: drugkg.KnowledgeGraph) -> None:
    html = kg.effects("baclofen", context="dose increase")[0]._repr_html_()
    assert html.startswith("<table><caption>Effect</caption>") and "Dystonia" in html
