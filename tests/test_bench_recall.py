"""The recall bench's scoring (``bench/bench_recall.py``) on a 3-entry inline reference, with
made-up answers: class expansion, de-duplication, the four measures, per-class summary.
Not the real reference file, and no graph is loaded."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_recall.py"

REFERENCE = {
    "classes": {"widgets": {"members": ["alpha", "beta"], "basis": "test"}},
    "entries": [
        {"id": "e1", "drug_a": "gamma", "drug_b": "widgets", "effect": "serotonin syndrome", "status": "verified"},
        {"id": "e2", "drug_a": "Alpha", "drug_b": "gamma", "effect": "serotonin syndrome", "status": "secondary"},
        {"id": "e3", "drug_a": "delta", "drug_b": "beta", "effect": "CNS depression"},
    ],
}


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_recall", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_recall"] = module
    spec.loader.exec_module(module)
    return module


def reason(rule: str, level_rank: int) -> SimpleNamespace:
    return SimpleNamespace(rule=rule, level_rank=level_rank)


def combo(*reasons: SimpleNamespace, level: str = "drug label") -> SimpleNamespace:
    return SimpleNamespace(explanation=reasons, level=level)


def test_expand_classes_and_duplicates(bench: ModuleType) -> None:
    items = bench.expand(REFERENCE, known=["alpha", "beta", "gamma", "delta"])
    got = {(i.pair, i.effect): i.entries for i in items}
    assert got == {
        (("alpha", "gamma"), "serotonin syndrome"): ("e1", "e2"),   # listed twice, counted once
        (("beta", "gamma"), "serotonin syndrome"): ("e1",),
        (("beta", "delta"), "CNS depression"): ("e3",),
    }
    with pytest.raises(ValueError, match="does not curate: delta"):
        bench.expand(REFERENCE, known=["alpha", "beta", "gamma"])


def test_score_and_summarise(bench: ModuleType) -> None:
    answers = {
        # recorded on a label, plus a general rule graded lower
        (("alpha", "gamma"), "serotonin syndrome"): combo(reason("recorded", 4), reason("convergence", 2)),
        # a general rule on a label
        (("beta", "delta"), "CNS depression"): combo(reason("shared-effect", 4)),
        # (beta, gamma) not found
    }
    outcomes = bench.score(bench.expand(REFERENCE), lambda pair, effect: answers.get((pair, effect)))
    found = {o.item.pair: o.found for o in outcomes}
    assert found[("alpha", "gamma")] == {"any": True, "label": True, "rules": True, "rules_label": False}
    assert found[("beta", "delta")] == {"any": True, "label": True, "rules": True, "rules_label": True}
    assert found[("beta", "gamma")] == dict.fromkeys(bench.MEASURES, False)
    table = bench.summarise(outcomes)
    assert table["serotonin syndrome"]["n"] == 2 and table["serotonin syndrome"]["any_recall"] == 0.5
    assert table["CNS depression"]["rules_label"] == 1
    assert table["movement disorder"] == {"n": 0, **{k: 0 for k in bench.MEASURES},
                                          **{f"{k}_recall": None for k in bench.MEASURES}}
    assert table["overall"]["n"] == 3 and table["overall"]["rules_label_recall"] == round(1 / 3, 3)
    text = bench.report_text(Path("ref.yaml"), 3, table, outcomes)
    assert "beta + gamma [serotonin syndrome] (e1)" in text
