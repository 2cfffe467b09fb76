"""The answer cache of ``drugkg risk``: same content and question, same answer without loading the
graph; a damaged or foreign cache file is ignored; other content or another question is another key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drugkg.answers import cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DRUGKG_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("DRUGKG_NO_CACHE", raising=False)
    return tmp_path / "answers"


def _boom(*args: object, **kwargs: object) -> None:
    raise AssertionError("the graph was loaded although the answer is cached")


def test_second_run_answers_from_the_cache(cli, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    code, first, err = cli("risk", "--effect", "tremor", "--format", "json")
    assert code == 0, err
    [stored] = cache_dir.iterdir()
    monkeypatch.setattr("drugkg.cli.questions.load_graph", _boom)
    code, second, _ = cli("risk", "--effect", "tremor", "--format", "json")
    assert code == 0 and second == first
    pairs = json.loads(second)
    assert ("lithium", "valproic acid") in {tuple(p["drugs"]) for p in pairs} and all(p["effect"] == "Tremor" for p in pairs)
    # the other formats and --limit read the same cached answer
    code, table, _ = cli("risk", "--effect", "tremor", "--limit", "2")
    assert code == 0 and " + ".join(pairs[0]["drugs"]) in table and " + ".join(pairs[2]["drugs"]) not in table
    assert stored.read_text(encoding="utf-8").split("\n", 1)[1] == first


def test_damaged_cache_is_ignored_and_rewritten(cli, cache_dir: Path) -> None:  # type: ignore[no-untyped-def]
    _, first, _ = cli("risk", "--effect", "tremor", "--format", "json")
    [stored] = cache_dir.iterdir()
    header, body = stored.read_text(encoding="utf-8").split("\n", 1)
    stored.write_text(header + "\n" + body.replace("lithium", "lithiun"), encoding="utf-8")
    _, second, _ = cli("risk", "--effect", "tremor", "--format", "json")
    assert second == first and "lithiun" not in stored.read_text(encoding="utf-8")


def test_other_content_or_question_is_another_key(cache_dir: Path) -> None:
    cache.put("digest-1", {"effect": "tremor"}, b"[]\n")
    assert cache.get("digest-1", {"effect": "tremor"}) == b"[]\n"
    assert cache.get("digest-2", {"effect": "tremor"}) is None
    assert cache.get("digest-1", {"effect": "dystonia"}) is None


def test_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRUGKG_NO_CACHE", "1")
    cache.put("digest-1", {"effect": "tremor"}, b"[]\n")
    assert not cache_dir.exists() and cache.get("digest-1", {"effect": "tremor"}) is None
