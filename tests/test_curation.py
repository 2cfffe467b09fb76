"""The curation compiler: the committed data is what curation/*.yaml compiles to, and a bad
reference in a curated record stops the build with a one-line error naming the record."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "compile_curation.py"


@pytest.fixture(scope="module")
def compiler() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compile_curation", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_data_is_compiled_from_the_curation_files(compiler: ModuleType) -> None:
    assert compiler.main(["--check"]) == 0, "ontology/drugkg-data.ttl is stale: run python scripts/compile_curation.py"


def test_compilation_is_deterministic(compiler: ModuleType) -> None:
    first = compiler.compile_curation(REPO / "curation", REPO / "ontology")
    assert first == compiler.compile_curation(REPO / "curation", REPO / "ontology")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("interactions.yaml", "evidence: [US_ORAL, OZOBAX, CH_FI]", "evidence: [US_ORAL, NO_SUCH_SOURCE]",
         "interaction baclofen-cns-depressants: unknown source 'NO_SUCH_SOURCE'"),
        ("interactions.yaml", "participants: [baclofen, CNSDepressant]", "participants: [baclofen, NotADrugClass]",
         "participant 'NotADrugClass' is neither a drug nor a drug class"),
        ("effects.yaml", 'effect: "HP:0001257"\n    routes: [oral, intrathecal]', 'effect: "HP:9999999"\n    routes: [oral, intrathecal]',
         "HP:9999999 is not in the HPO import"),
        ("effects.yaml", "    drug: baclofen\n    kind: therapeutic\n    effect: \"HP:0001257\"",
         "    drug: baclophen\n    kind: therapeutic\n    effect: \"HP:0001257\"", "unknown drug 'baclophen'"),
    ],
)
def test_bad_reference_stops_the_build_naming_the_record(
    compiler: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str, old: str, new: str, message: str,
) -> None:
    curation = tmp_path / "curation"
    shutil.copytree(REPO / "curation", curation)
    text = (curation / file).read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {file}"
    (curation / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "out.ttl"
    code = compiler.main(["--curation-dir", str(curation), "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert err.startswith("compile_curation: error: ") and message in err and err.count("\n") == 1


def test_the_adding_data_example_validates_and_is_paired(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Turtle example of docs/adding-data.md is valid and does what the page says."""
    import drugkg
    from drugkg import store
    from drugkg.reasoning.validate import validate

    page = (REPO / "docs" / "adding-data.md").read_text(encoding="utf-8")
    [example] = [block.split("```", 1)[0] for block in page.split("```turtle\n")[1:]]
    path = tmp_path / "my-drugs.ttl"
    path.write_text(example, encoding="utf-8")
    report = validate(store.shipped_sources() + store.user_sources([path]), reasoner=False)
    assert report.ok, report.to_dicts()
    if not drugkg.reasoning.java_available():
        pytest.skip("classifying user data needs Java")
    monkeypatch.setenv("DRUGKG_CACHE_DIR", str(tmp_path / "cache"))
    kg = drugkg.load(data=[path])
    assert "dopamine D2 receptor antagonist" in kg.drug("mydrug").classes
    partners = {d for c in kg.risky_combinations(drugs=["mydrug"]) for d in c.drugs} - {"mydrug"}
    assert {"clozapine", "haloperidol", "baclofen"} <= partners
