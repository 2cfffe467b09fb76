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


def _compile(compiler: ModuleType, curation: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    out = tmp_path / "out.ttl"
    code = compiler.main(["--curation-dir", str(curation), "--output", str(out)])
    return code, capsys.readouterr().err, out


def _copy(tmp_path: Path) -> Path:
    curation = tmp_path / "curation"
    shutil.copytree(REPO / "curation", curation)
    return curation


def test_identical_duplicates_are_merged(compiler: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    curation = _copy(tmp_path)
    # a group file repeating a shared target and source exactly as shared.yaml defines them
    (curation / "pharmacopoeia" / "zz-extra.yaml").write_text(
        'targets:\n  CYP1A2: {label: "cytochrome P450 1A2", class: Enzyme}\n', encoding="utf-8")
    code, err, out = _compile(compiler, curation, tmp_path, capsys)
    assert code == 0, err
    assert out.read_text(encoding="utf-8").count('rdfs:label "cytochrome P450 1A2"') == 1


def test_conflicting_duplicates_stop_the_build_naming_both_files(
    compiler: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    curation = _copy(tmp_path)
    (curation / "pharmacopoeia" / "zz-extra.yaml").write_text(
        'targets:\n  CYP1A2: {label: "cytochrome P450 1A2 (other)", class: Enzyme}\n', encoding="utf-8")
    code, err, out = _compile(compiler, curation, tmp_path, capsys)
    assert code == 1 and not out.exists() and err.count("\n") == 1
    assert "targets 'CYP1A2' is defined differently in pharmacopoeia/shared.yaml and pharmacopoeia/zz-extra.yaml" in err


def test_conflicting_record_ids_stop_the_build(compiler: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    curation = _copy(tmp_path)
    (curation / "pharmacopoeia" / "zz-extra.yaml").write_text(
        "interactions:\n  - {id: baclofen-lithium, participants: [baclofen, lithium], outcomes: [\"HP:0001337\"], evidence: [CA_PM]}\n",
        encoding="utf-8")
    code, err, _ = _compile(compiler, curation, tmp_path, capsys)
    assert code == 1 and "id 'baclofen-lithium' is defined differently in interactions.yaml and pharmacopoeia/zz-extra.yaml" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("drug_additions:\n  nosuchdrug: {brands: {US: [Nope]}}\n", "drug_additions: unknown drug 'nosuchdrug'"),
        ("drug_additions:\n  baclofen: {pk: [{enzyme: CYP2D6, role: victim, evidence: [CA_PM]}]}\n",
         "role must be substrate, inhibitor or inducer, not 'victim'"),
        ("drug_additions:\n  baclofen: {pk: [{enzyme: CYP2D6, role: substrate, strength: strong, evidence: [CA_PM]}]}\n",
         "strength is for inhibitors and inducers"),
        ("drug_additions:\n  baclofen: {pk: [{enzyme: CYP9Z9, role: substrate, evidence: [CA_PM]}]}\n", "unknown target 'CYP9Z9'"),
        ("drug_additions:\n  baclofen: {pk: [{enzyme: CYP2D6, role: inhibitor, strength: mighty, evidence: [CA_PM]}]}\n",
         "unknown strength 'mighty'"),
        ("interactions:\n  - {id: x1, participants: [baclofen, lithium], severity: forbidden, outcomes: [\"HP:0001337\"],"
         " evidence: [CA_PM]}\n", "interaction x1: unknown interaction severity 'forbidden'"),
        ("sources:\n  NEWSRC: {title: t, type: review, status: verified, url: \"ftp://example.org\"}\n", "url must start with http"),
        ("unknown_section: {}\n", "unknown section 'unknown_section'"),
    ],
)
def test_bad_pharmacopoeia_records_stop_the_build(
    compiler: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str,
) -> None:
    curation = _copy(tmp_path)
    (curation / "pharmacopoeia" / "zz-extra.yaml").write_text(text, encoding="utf-8")
    code, err, out = _compile(compiler, curation, tmp_path, capsys)
    assert code == 1 and not out.exists()
    assert err.startswith("compile_curation: error: ") and message in err and err.count("\n") == 1, err


def test_a_synonym_names_the_drug_in_other_records(compiler: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    curation = _copy(tmp_path)
    (curation / "pharmacopoeia" / "zz-extra.yaml").write_text(
        "interactions:\n  - {id: x1, participants: [valproate, lithium], outcomes: [\"HP:0001337\"], evidence: [CA_PM]}\n",
        encoding="utf-8")
    code, err, out = _compile(compiler, curation, tmp_path, capsys)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "dkgr:drug-valproic-acid" in text and "drug-valproate" not in text


def test_a_key_written_twice_in_one_file_stops_the_build(compiler: ModuleType, tmp_path: Path) -> None:
    from curate.loader import CurationError, load_docs

    (tmp_path / "drugs.yaml").write_text("drugs:\n  x: {ids: []}\n  y: {}\n  x: {classes: [Opioid]}\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"drugs.yaml: line 4: invalid YAML: key 'x' appears twice \(first on line 2\)"):
        load_docs(tmp_path)
