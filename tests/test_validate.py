"""Validation: the shipped graph passes; deliberately broken copies are caught and named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drugkg import store
from drugkg.errors import DataError
from drugkg.namespaces import GRAPH_DATA
from drugkg.reasoning import java_available
from drugkg.reasoning.validate import Finding, validate

needs_java = pytest.mark.skipif(not java_available(), reason="HermiT needs Java")

PREFIXES = """
@prefix dkg: <https://w3id.org/drugkg/ontology/> .
@prefix dkgr: <https://w3id.org/drugkg/resource/> .
@prefix obo: <http://purl.obolibrary.org/obo/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""

# An evidence node of the shipped data, reused so that broken claims differ in one respect only.
EVIDENCE = "dkgr:evidence-interaction-baclofen-lithium-1"

BROKEN = {
    "interaction without outcome": (
        f"dkgr:ix a dkg:Interaction ; rdfs:label 'x' ; dkg:hasParticipant dkgr:drug-baclofen, dkgr:drug-lithium ; "
        f"dkg:hasEvidence {EVIDENCE} .",
        "dkgr:ix", "dkgsh:InteractionOutcomeOrSeverity",
    ),
    "pharmacokinetic role without role": (
        f"dkgr:px a dkg:PharmacokineticRole ; dkg:subject dkgr:drug-paroxetine ; dkg:onTarget dkgr:target-CYP2D6 ; "
        f"dkg:hasEvidence {EVIDENCE} .",
        "dkgr:px", "dkgsh:PharmacokineticRole-pkRole",
    ),
    "substrate with a strength": (
        f"dkgr:px a dkg:PharmacokineticRole ; dkg:subject dkgr:drug-paroxetine ; dkg:onTarget dkgr:target-CYP2D6 ; "
        f"dkg:pkRole dkgr:pkrole-substrate ; dkg:strength dkgr:strength-strong ; dkg:hasEvidence {EVIDENCE} .",
        "dkgr:px", "dkgsh:SubstrateHasNoStrength",
    ),
    "interaction with one participant": (
        f"dkgr:ix a dkg:Interaction ; dkg:hasParticipant dkgr:drug-baclofen ; dkg:hasOutcome obo:HP_0001332 ; dkg:hasEvidence {EVIDENCE} .",
        "dkgr:ix", "dkgsh:Interaction-hasParticipant",
    ),
    "assertion without evidence": (
        "dkgr:ax a dkg:AdverseEffectAssertion ; dkg:subject dkgr:drug-baclofen ; dkg:effect obo:HP_0001332 .",
        "dkgr:ax", "dkgsh:Claim-hasEvidence",
    ),
    "assertion whose subject is not a drug": (
        f"dkgr:ax a dkg:AdverseEffectAssertion ; dkg:subject dkgr:route-oral ; dkg:effect obo:HP_0001332 ; dkg:hasEvidence {EVIDENCE} .",
        "dkgr:ax", "dkgsh:DrugEffectAssertion-subject",
    ),
    "assertion with an undeclared effect": (
        f"dkgr:ax a dkg:AdverseEffectAssertion ; dkg:subject dkgr:drug-baclofen ; dkg:effect obo:HP_9999999 ; dkg:hasEvidence {EVIDENCE} .",
        "dkgr:ax", "dkgsh:DrugEffectAssertion-effect",
    ),
    "evidence without source": (
        "dkgr:ev a dkg:Evidence ; dkg:evidenceLevel dkgr:level-label ; dkg:verificationStatus dkgr:status-verified .",
        "dkgr:ev", "dkgsh:Evidence-fromSource",
    ),
    "evidence with an unknown stance": (
        "dkgr:evidence-interaction-baclofen-lithium-1 dkg:stance 'refutes' .",
        EVIDENCE, "dkgsh:Evidence-stance",
    ),
    "malformed PMID": ("dkgr:drug-baclofen dkg:identifier 'PMID:abc' .", "dkgr:drug-baclofen", "dkgsh:identifier-pattern"),
    "unknown identifier prefix": ("dkgr:drug-baclofen dkg:identifier 'FOO:123' .", "dkgr:drug-baclofen", "dkgsh:identifier-pattern"),
    "DrugBank id of the wrong length": (
        "dkgr:drug-baclofen dkg:identifier 'DRUGBANK:DB181' .", "dkgr:drug-baclofen", "dkgsh:identifier-pattern",
    ),
    "malformed source PMID": ("dkgr:source-pmid15301690 dkg:pmid 'PMID:15301690x' .", "dkgr:source-pmid15301690", "dkgsh:pmid-pattern"),
    "drug without label": ("dkgr:drug-nameless a dkg:Drug .", "dkgr:drug-nameless", "dkgsh:Drug-label"),
}


def broken(text: str, name: str = "broken.ttl", *, base: list[store.SourceFile] | None = None) -> list[store.SourceFile]:
    return [*(store.shipped_sources() if base is None else base), store.SourceFile(name, (PREFIXES + text).encode(), GRAPH_DATA)]


def test_shipped_graph_conforms_to_shapes() -> None:
    report = validate(store.shipped_sources(), reasoner=False)
    assert report.ok, report.to_dicts()[:5]
    assert report.checks == ("shacl",)
    assert report.triples > 8000
    assert report.summary().startswith("valid: ")


@needs_java
def test_shipped_graph_is_consistent_with_no_unsatisfiable_class() -> None:
    report = validate(store.shipped_sources())
    assert report.ok, report.to_dicts()
    assert report.checks == ("shacl", "consistency", "unsatisfiable")


def test_references_used_by_broken_cases_exist(kg) -> None:  # type: ignore[no-untyped-def]
    # if these disappear from the curated data, the broken cases would test something else
    for curie in (EVIDENCE, "dkgr:drug-baclofen", "dkgr:drug-lithium", "dkgr:drug-paroxetine", "dkgr:target-CYP2D6",
                  "dkgr:route-oral", "dkgr:source-pmid15301690",
                  "dkgr:level-label", "dkgr:status-verified"):
        assert kg.ask(f"ASK {{ {curie} ?p ?o }}"), curie


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_copy_is_caught_naming_node_and_rule(case: str) -> None:
    text, node, rule = BROKEN[case]
    report = validate(broken(text), reasoner=False)
    assert not report.ok
    hits = [f for f in report.findings if f.check == "shacl" and f.node == node and f.rule == rule]
    assert hits, report.to_dicts()
    assert report.summary().startswith("invalid: ")


def test_a_value_in_violation_is_quoted() -> None:
    report = validate(broken(BROKEN["malformed PMID"][0]), reasoner=False)
    assert any("'PMID:abc'" in f.message for f in report.findings)


@needs_java
def test_unsatisfiable_class_is_named() -> None:
    # the terminology alone: an unsatisfiable class needs no data, and HermiT over the terminology
    # takes seconds where the whole pharmacopoeia takes minutes (that run is the consistency test's)
    terminology = [s for s in store.shipped_sources() if s.graph != GRAPH_DATA]
    text = """
    dkgr:A a owl:Class . dkgr:B a owl:Class ; owl:disjointWith dkgr:A .
    dkgr:AandB a owl:Class ; rdfs:subClassOf dkgr:A, dkgr:B .
    dkgr:DrugEvidence a owl:Class ; rdfs:subClassOf dkg:Drug, dkg:Evidence .
    """
    report = validate(broken(text, base=terminology))
    unsat = {f.node for f in report.findings if f.check == "unsatisfiable"}
    assert unsat == {"dkgr:AandB", "dkgr:DrugEvidence"}
    assert all(f.rule == "owl:Nothing" for f in report.findings if f.check == "unsatisfiable")


@needs_java
def test_individual_of_disjoint_kinds_makes_the_graph_inconsistent_and_is_named() -> None:
    report = validate(broken("dkgr:drug-lithium a dkg:Source ."))
    consistency = [f for f in report.findings if f.check == "consistency"]
    assert [(f.node, f.rule) for f in consistency] == [("dkgr:drug-lithium", "owl:disjointWith")]
    assert "dkg:Drug" in consistency[0].message and "dkg:Source" in consistency[0].message


@needs_java
def test_inconsistency_without_a_disjointness_cause_is_still_reported() -> None:
    # dkg:subject is functional: two subjects declared different cannot both be the one subject
    text = f"""
    dkgr:ax a dkg:AdverseEffectAssertion ; dkg:subject dkgr:drug-baclofen, dkgr:drug-lithium ;
        dkg:effect obo:HP_0001332 ; dkg:hasEvidence {EVIDENCE} .
    dkgr:drug-baclofen owl:differentFrom dkgr:drug-lithium .
    """
    report = validate(broken(text))
    assert ("consistency", "ontology") in {(f.check, f.node) for f in report.findings}
    assert ("shacl", "dkgr:ax") in {(f.check, f.node) for f in report.findings}  # maxCount 1 on subject


def test_malformed_turtle_is_a_data_error() -> None:
    with pytest.raises(DataError, match=r"broken\.ttl: malformed RDF"):
        validate(broken("dkgr:x a ."))


def test_finding_renders_on_one_line() -> None:
    f = Finding("shacl", "dkgr:x", "dkgsh:Claim-hasEvidence", "a claim needs evidence")
    assert str(f) == "shacl: dkgr:x: dkgsh:Claim-hasEvidence: a claim needs evidence"
    assert f.to_dict() == {"check": "shacl", "node": "dkgr:x", "rule": "dkgsh:Claim-hasEvidence", "message": "a claim needs evidence"}


def test_knowledge_graph_validate(kg) -> None:  # type: ignore[no-untyped-def]
    report = kg.validate(reasoner=False)
    assert report.ok and "<p>valid:" in report._repr_html_()


# ------------------------------------------------------------------------------------- CLI

def test_cli_validate_passes_on_shipped_data(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("validate", "--no-reasoner")
    assert code == 0 and err == ""
    assert out.startswith("valid: ")


def test_cli_validate_names_node_and_rule_and_exits_1(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "broken.ttl"
    bad.write_text(PREFIXES + BROKEN["interaction without outcome"][0] + "\n" + BROKEN["assertion without evidence"][0])
    code, out, _ = cli("validate", "--no-reasoner", "--data", str(bad))
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("shacl: dkgr:ix: dkgsh:InteractionOutcomeOrSeverity: ") for line in lines)
    assert any(line.startswith("shacl: dkgr:ax: dkgsh:Claim-hasEvidence: ") for line in lines)
    assert lines[-1].startswith("invalid: 2 findings")


def test_cli_validate_no_reasoner_reports_every_node_loading_would_refuse(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "refused.ttl"
    bad.write_text(PREFIXES + "dkgr:drug-x1 a dkg:Drug ; rdfs:label 'Baclofen' .\n"
                   "dkgr:drug-x2 a dkg:Drug, dkg:Source ; rdfs:label 'xtwo' ; dkg:sourceKey 'X2' ;\n"
                   "    dkg:sourceType dkgr:sourcetype-database .\n"
                   "dkgr:nothing a owl:Nothing .\n")
    code, out, _ = cli("validate", "--no-reasoner", "--data", str(bad), "--format", "json")
    content = [(f["node"], f["rule"], f["message"]) for f in json.loads(out) if f["check"] == "content"]
    assert code == 1 and content == [
        ("dkgr:nothing", "owl:Nothing-type", f"{bad}: typed owl:Nothing, which no individual can be"),
        ("dkgr:drug-x2", "owl:disjointWith", f"{bad}: typed with two disjoint classes: dkg:Drug and dkg:Source"),
        ("dkgr:drug-x1", "dkg:duplicate-label", f"{bad}: duplicate drug label: 'Baclofen' is already the label of dkgr:drug-baclofen"),
    ]
    # loading refuses the first of them, with the same words
    with pytest.raises(DataError, match=r"refused\.ttl: dkgr:nothing: typed owl:Nothing, which no individual can be"):
        store.open_store(None, store.shipped_sources() + store.user_sources([bad]))


def test_cli_validate_json(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "broken.ttl"
    bad.write_text(PREFIXES + BROKEN["malformed PMID"][0])
    code, out, _ = cli("validate", "--no-reasoner", "--data", str(bad), "--format", "json")
    assert code == 1
    assert json.loads(out) == [{
        "check": "shacl", "node": "dkgr:drug-baclofen", "rule": "dkgsh:identifier-pattern",
        "message": "dkg:identifier must be a CURIE with a known prefix (CHEBI, DRUGBANK, ATC, PUBCHEM.COMPOUND, RXNORM, "
                   "MESH, INCHIKEY, UniProtKB, NCBIGene, HGNC) in that database's syntax (found 'PMID:abc')",
    }]


@needs_java
@pytest.mark.slow  # a second full HermiT run over the pharmacopoeia; the API test above names the same class in CI
def test_cli_validate_with_reasoner_names_unsatisfiable_class(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "unsat.ttl"
    bad.write_text(PREFIXES + "dkgr:DrugEvidence a owl:Class ; rdfs:subClassOf dkg:Drug, dkg:Evidence .")
    code, out, _ = cli("validate", "--data", str(bad))
    assert code == 1
    assert "unsatisfiable: dkgr:DrugEvidence: owl:Nothing: " in out


def test_cli_validate_malformed_turtle_exits_2_in_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <urn:x:> .\nx:a x:b .\n")
    code, out, err = cli("validate", "--data", str(bad))
    assert code == 2 and out == ""
    assert err.startswith("drugkg: error: ") and "bad.ttl: malformed RDF" in err
    assert err.count("\n") == 1


def test_cli_validate_without_java_exits_3(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from drugkg.reasoning import hermit

    monkeypatch.setattr(hermit, "java_available", lambda: False)
    code, out, err = cli("validate")
    assert code == 3 and out == ""
    assert err == "drugkg: error: java not found: HermiT needs Java 11+ to compute the inferences\n"
    code, out, _ = cli("validate", "--no-reasoner")  # SHACL alone needs no Java
    assert code == 0 and out.startswith("valid: ")
