"""Compiled classification rules agree with HermiT."""

from __future__ import annotations

import pytest

import drugkg
from drugkg.namespaces import DKG
from drugkg.reasoning.rules import classify, compile_rules

SYNTHETIC = """@prefix dkg: <https://w3id.org/drugkg/ontology/> . @prefix dkgr: <https://w3id.org/drugkg/resource/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
dkgr:drug-synth-a a owl:NamedIndividual, dkg:Drug ; dkg:hasTargetAction dkgr:ta-synth-a .
dkgr:ta-synth-a a owl:NamedIndividual, dkg:TargetAction ; dkg:onTarget dkgr:target-DRD2 ; dkg:actionType dkgr:action-antagonist .
dkgr:drug-synth-b a owl:NamedIndividual, dkg:Drug ; dkg:hasTargetAction dkgr:ta-synth-b .
dkgr:ta-synth-b a owl:NamedIndividual, dkg:TargetAction ; dkg:onTarget dkgr:target-SLC6A4 ; dkg:actionType dkgr:action-inhibitor .
dkgr:drug-synth-c a owl:NamedIndividual, dkg:Drug ; dkg:hasTargetAction dkgr:ta-synth-c .
dkgr:ta-synth-c a owl:NamedIndividual, dkg:TargetAction ; dkg:onTarget dkgr:target-DRD2 ; dkg:actionType dkgr:action-agonist .
"""


def _hermit_types(kg: drugkg.KnowledgeGraph, drugs: list[str], defined: set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for d in drugs:
        rows = kg.sparql("SELECT ?d ?c WHERE { ?d a ?c }", params={"d": f"<{d}>"})
        out[d] = {r["c"] for r in rows} & defined  # type: ignore[index]
    return out


def _defined(kg: drugkg.KnowledgeGraph) -> tuple[list, set[str]]:
    rules = [r for r in compile_rules(kg.store) if r.cls not in (DKG + "MovementDisorder", DKG + "MotorEffect")]
    return rules, {r.cls.replace(DKG, "dkg:") for r in rules}


def test_rules_equal_hermit_on_curated_drugs() -> None:
    kg = drugkg.load()  # the shipped closure is HermiT's result
    rules, defined = _defined(kg)
    drugs = sorted(kg.names.nodes("drug"))
    got = {d: {c.replace(DKG, "dkg:") for c in cs} & defined for d, cs in classify(kg.store, drugs, rules).items()}
    expected = _hermit_types(kg, drugs, defined)
    assert any(expected.values())
    assert {d: got.get(d, set()) for d in drugs} == expected


@pytest.mark.slow
def test_rules_equal_hermit_on_synthetic_drugs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "synthetic.ttl"
    f.write_text(SYNTHETIC)
    kg = drugkg.load(data=[f])  # HermiT classifies the synthetic drugs
    rules, defined = _defined(kg)
    drugs = [f"https://w3id.org/drugkg/resource/drug-synth-{x}" for x in "abc"]
    got = {d: {c.replace(DKG, "dkg:") for c in cs} & defined for d, cs in classify(kg.store, drugs, rules).items()}
    expected = _hermit_types(kg, drugs, defined)
    assert expected[drugs[0]] == {"dkg:D2ReceptorAntagonist"}
    assert {d: got.get(d, set()) for d in drugs} == expected
