"""Every named query: its header parses, and it returns the stored expected rows on the curated graph.

Expected rows live in ``tests/expected/<case>.json`` (regenerate with
``python scripts/update_query_expectations.py`` and review the diff).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import drugkg
from drugkg.sparql import PARAM_TYPES, named_queries

EXPECTED = Path(__file__).parent / "expected"
CASES = json.loads((EXPECTED / "cases.json").read_text(encoding="utf-8"))


def _normal(rows: list[dict[str, object]]) -> list[str]:
    """Rows as canonical strings; GROUP_CONCAT lists ('a|b') compared as sets."""
    out = []
    for r in rows:
        fixed = {k: "|".join(sorted(v.split("|"))) if isinstance(v, str) and "|" in v else v for k, v in r.items()}
        out.append(json.dumps(fixed, sort_keys=True, ensure_ascii=False))
    return sorted(out)


def test_every_shipped_query_has_a_case() -> None:
    covered = {c["query"] for c in CASES}
    # the curated graph has no row statistics: claim-statistics is checked on imported rows (tests/test_importers.py)
    imported = {"claim-statistics"}
    assert set(named_queries()) - covered <= {"lookup-names", "graph-summary"} | imported


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_header(name: str) -> None:
    q = named_queries()[name]
    assert q.title and q.title != name and q.description
    for p in q.params:
        assert p.type in PARAM_TYPES and p.description
        assert f"?{p.name}" in q.text.split("WHERE")[0], f"parameter {p.name} must be projected"


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_expected_results(kg: drugkg.KnowledgeGraph, case: dict[str, object]) -> None:
    expected = json.loads((EXPECTED / f"{case['case']}.json").read_text(encoding="utf-8"))
    got = list(kg.query(str(case["query"]), **case["params"]))  # type: ignore[arg-type]
    assert expected, "an expectation file must not be empty"
    assert _normal(got) == _normal(expected)


def test_expected_results_hold_known_content() -> None:
    """Spot checks that the stored expectations themselves say what the sources say."""
    rows = json.loads((EXPECTED / "drugs-by-target-drd2-antagonist.json").read_text(encoding="utf-8"))
    assert {r["drugLabel"] for r in rows} >= {"clozapine", "haloperidol", "metoclopramide", "olanzapine",
                                             "prochlorperazine", "risperidone", "chlorpromazine", "pimozide"}
    # a precursor, no D2 action, a partial agonist, an agonist
    assert not {r["drugLabel"] for r in rows} & {"levodopa", "lithium", "aripiprazole", "pramipexole"}
    assert all("drug" in r and "target" not in r for r in rows)  # the parameter's column is left out
    rows = json.loads((EXPECTED / "assertion-evidence-baclofen-lithium.json").read_text(encoding="utf-8"))
    assert {r["sourceKey"] for r in rows} >= {"CA_PM", "CH_FI"}
    lancet = next(r for r in rows if r["sourceKey"] == "LANCET1973")
    assert lancet["status"] == "unverified"
    rows = json.loads((EXPECTED / "rule-opposition-levodopa-parkinsonism.json").read_text(encoding="utf-8"))
    assert {"dkgr:drug-haloperidol", "dkgr:drug-metoclopramide", "dkgr:drug-risperidone"} <= {
        r["opposing"] for r in rows if r["pathway"] == "dkgr:pathway-nigrostriatal" and r["treated"] == "dkgr:drug-levodopa"}
    rows = json.loads((EXPECTED / "rule-pharmacokinetic-paroxetine.json").read_text(encoding="utf-8"))
    assert any(r["drugB"] == "dkgr:drug-risperidone" and r["target"] == "dkgr:target-CYP2D6" and r["role"] == "dkgr:pkrole-inhibitor"
               for r in rows)


def test_optional_parameter_defaults_mean_any(kg: drugkg.KnowledgeGraph) -> None:
    all_rows = kg.query("drugs-by-target")
    drd2 = kg.query("drugs-by-target", target="DRD2")
    assert len(drd2) < len(all_rows) and {r["t"] for r in drd2} == {"dkgr:target-DRD2"}


def test_unknown_parameter_value_type(kg: drugkg.KnowledgeGraph) -> None:
    with pytest.raises(drugkg.NotFound, match="unknown target 'DRD9'"):
        kg.query("drugs-by-target", target="DRD9")
