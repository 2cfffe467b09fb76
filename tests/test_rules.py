"""Every interaction rule answered by SPARQL and by NetworkX traversal, which must agree, on the
curated graph and on the made-up drugs of tests/data/rules-contract.ttl (shaped like the RDF
contract: PK roles, directions and signals, dose-related effects, severities, qualifiers)."""

from __future__ import annotations

import pytest

import drugkg
from drugkg.answers.risk import score
from drugkg.namespaces import expand_curie
from drugkg.rules import RULES

EFFECTS = ["dkg:LossOfTherapeuticEffect",
           "dkg:MovementDisorder", "HP:0001332", "HP:0001300", "HP:0001337", "dkg:CNSDepression", "dkg:RespiratoryDepression",
           "dkg:SerotoninSyndrome", "dkg:NeurolepticMalignantSyndrome", "HP:0001250", "dkg:QTProlongation", "HP:0000118"]


@pytest.mark.parametrize("effect", EFFECTS)
@pytest.mark.parametrize("name", list(RULES))
def test_sparql_and_networkx_agree_on_the_curated_graph(kg: drugkg.KnowledgeGraph, nxg, name: str, effect: str) -> None:  # type: ignore[no-untyped-def]
    rule = RULES[name]
    assert rule.keys(rule.sparql(kg, effect)) == rule.keys(rule.networkx(nxg, effect))


@pytest.mark.parametrize("effect", EFFECTS)
@pytest.mark.parametrize("name", list(RULES))
def test_sparql_and_networkx_agree_on_contract_data(contract_kg: drugkg.KnowledgeGraph, name: str, effect: str) -> None:
    rule = RULES[name]
    sparql = rule.keys(rule.sparql(contract_kg, effect))
    assert sparql == rule.keys(rule.networkx(contract_kg.to_networkx(), effect))


@pytest.mark.parametrize("name", list(RULES))
def test_every_rule_fires_on_contract_data(contract_kg: drugkg.KnowledgeGraph, name: str) -> None:
    rule = RULES[name]
    effect = "HP:0001337" if name == "shared-effect" else "dkg:MovementDisorder"
    if name == "risk-factor":
        pytest.skip("the risk-factor chain is exercised by tests/test_generalisation.py (needs the reasoner)")
    rows = rule.sparql(contract_kg, effect)
    assert any(r["drugA"].startswith("dkgr:drug-test") for r in rows)


@pytest.mark.parametrize("drug", ["dkgr:drug-testdopa", "dkgr:drug-testsubstrate", "dkgr:drug-baclofen"])
@pytest.mark.parametrize("name", list(RULES))
def test_a_given_drug_is_the_all_pairs_answer_filtered(contract_kg: drugkg.KnowledgeGraph, name: str, drug: str) -> None:
    rule = RULES[name]
    every = rule.keys(r for r in rule.sparql(contract_kg, "dkg:MovementDisorder") if drug in (r["drugA"], r["drugB"]))
    assert rule.keys(rule.sparql(contract_kg, "dkg:MovementDisorder", drug)) == every


def _pair(kg: drugkg.KnowledgeGraph, a: str, b: str, effect: str = "movement disorder") -> drugkg.records.Combination:
    combo = kg.explain(a, b, effect=effect)
    assert combo is not None, f"{a} + {b}: no reason"
    return combo


def test_opposition_finds_the_treated_condition_worsened(contract_kg: drugkg.KnowledgeGraph) -> None:
    combo = _pair(contract_kg, "testdopa", "testblocker")
    [opp] = [e for e in combo.explanation if e.rule == "opposition"]
    assert opp.kind == "pharmacodynamic" and opp.outcomes == ("Parkinsonism",)
    assert "opposes testdopa" in opp.summary and "treatment of Parkinsonism may be lost" in opp.summary
    labels = [s.label for s in opp.path]
    assert labels[0] == "testblocker" and labels[-1] == "testdopa"
    assert {"increased dopaminergic signalling", "reduced dopaminergic signalling", "nigrostriatal pathway"} <= set(labels)
    # testblocker's mechanism is qualified (low occupancy): a caveat, and one level lower
    assert any("qualified by FIXTURE_LABEL" in c for c in opp.caveats) and opp.level_rank == 3
    assert "dkgr:assertion-testdopa-treats-parkinsonism" in opp.claims
    assert any(q.population == ("in Parkinson disease",) for q in opp.qualifiers)


def test_no_opposition_without_an_indication_in_the_class(contract_kg: drugkg.KnowledgeGraph) -> None:
    rows = RULES["opposition"].sparql(contract_kg, "dkg:MovementDisorder", "dkgr:drug-testblocker")
    partners = {r["treated"] for r in rows if r.get("outcome")}
    assert "dkgr:drug-testdopa" in partners and "dkgr:drug-testblocker" not in partners  # testblocker treats nothing in the class
    for drug in partners:  # each partner is indicated for a condition in the class (levodopa, dopamine agonists...)
        treats = "ASK { ?a a dkg:TherapeuticAssertion ; dkg:subject ?d ; dkg:effect ?c . ?c rdfs:subClassOf* dkg:MovementDisorder }"
        assert contract_kg.ask(treats, params={"d": expand_curie(drug)}), drug
    assert not RULES["opposition"].sparql(contract_kg, "HP:0001337", "dkgr:drug-testblocker")


def test_addition_pairs_two_drugs_with_the_same_target_action(contract_kg: drugkg.KnowledgeGraph) -> None:
    # neither drug has a mechanism of its own: the action mechanism of FIXTURED2 antagonism speaks for both
    combo = _pair(contract_kg, "testantagonist", "testlistedantagonist")
    [add] = [e for e in combo.explanation if e.rule == "addition"]
    assert add.kind == "pharmacodynamic" and add.outcomes == ("Parkinsonism",) and "same mechanism" in add.summary
    assert [s.type for s in add.path] == ["drug", "target action", "target", "mechanism", "physiological effect", "pathway",
                                          "target action", "drug"]
    assert "dkgr:actionmechanism-fixtured2-antagonism-nigrostriatal" in add.claims
    # graded by the weaker side: a database row is at most a secondary claim
    assert add.level == "secondary claim"
    assert dict(add.details)["target"] == "made-up receptor FIXTURED2"


def test_reciprocal_antagonism_names_both_directions(contract_kg: drugkg.KnowledgeGraph) -> None:
    combo = _pair(contract_kg, "testdopa", "testantagonist")
    [opp] = [e for e in combo.explanation if e.rule == "opposition"]
    # movement disorder: testdopa's parkinsonism is the outcome; testantagonist's psychosis is named as the other direction
    assert opp.outcomes == ("Parkinsonism",) and opp.level == "drug label"
    assert "testantagonist (testantagonist antagonist of FIXTURED2" in opp.summary
    assert "opposes testdopa" in opp.summary and "opposes testantagonist" in opp.summary and "Psychosis" in opp.summary
    # the loss of the therapeutic effect is an outcome of its own, in both directions
    lost = _pair(contract_kg, "testdopa", "testantagonist", "loss of efficacy")
    assert lost.outcomes == ("loss of therapeutic effect",)
    pair = {"dkgr:drug-testdopa", "dkgr:drug-testantagonist"}
    rows = RULES["opposition"].sparql(contract_kg, "dkg:LossOfTherapeuticEffect", "dkgr:drug-testantagonist")
    assert {r["treated"] for r in rows if {r["treated"], r["opposing"]} == pair and r.get("outcome")} == pair
    # a drug that lowers the signal without an indication through the opposed mechanism treats nothing here
    assert not [r for r in RULES["opposition"].sparql(contract_kg, "dkg:LossOfTherapeuticEffect", "dkgr:drug-testlistedantagonist")
                if r["treated"] == "dkgr:drug-testlistedantagonist"]


def test_pharmacokinetic_inhibition_raises_exposure_dependent_effects_only(contract_kg: drugkg.KnowledgeGraph) -> None:
    combo = _pair(contract_kg, "testinhibitor", "testsubstrate")
    [pk] = combo.explanation
    assert pk.rule == "pharmacokinetic" and pk.outcomes == ("Dystonia",)  # tremor is not dose-related
    assert dict(pk.details) == {"target": "made-up enzyme FIXTURECYP", "role": "inhibitor", "strength": "strong",
                                "sensitivity": "sensitive", "pathway": "main clearance pathway"}
    assert pk.level == "drug label" and not pk.caveats
    assert [s.type for s in pk.path] == ["drug", "pharmacokinetic role", "enzyme or transporter", "pharmacokinetic role", "drug"]
    assert contract_kg.explain("testinhibitor", "testsubstrate", effect="tremor") is None


def test_weak_inhibitor_weighs_less_than_a_strong_one(contract_kg: drugkg.KnowledgeGraph) -> None:
    strong = _pair(contract_kg, "testinhibitor", "testsubstrate")
    weak = _pair(contract_kg, "testweakinhibitor", "testsubstrate")
    assert strong.score > weak.score and weak.explanation[0].level_rank == strong.explanation[0].level_rank - 1


def test_unweighed_database_listing_ranks_below_a_label(contract_kg: drugkg.KnowledgeGraph) -> None:
    label = _pair(contract_kg, "testinhibitor", "testsubstrate")
    [listed] = _pair(contract_kg, "testlisted", "testsubstrate").explanation
    # strength not given: one level lower (label 4 -> 3); a database listing alone: at most secondary (2)
    assert listed.level == "secondary claim" and dict(listed.details)["strength"] == "strength not given"
    assert any("strength not given" in c for c in listed.caveats)
    assert any("rests on a database listing only" in c for c in listed.caveats)
    assert label.score > _pair(contract_kg, "testlisted", "testsubstrate").score


def test_minor_or_unconfirmed_pathway_is_graded_lower(contract_kg: drugkg.KnowledgeGraph) -> None:
    # testdopa's role on FIXTURECYP is neither its main pathway nor marked with a sensitivity
    [pk] = _pair(contract_kg, "testinducer", "testdopa").explanation
    assert pk.level_rank == 3 and any("minor or unconfirmed pathway" in c for c in pk.caveats)


def test_pharmacokinetic_induction_loses_the_therapeutic_effect(contract_kg: drugkg.KnowledgeGraph) -> None:
    [pk] = _pair(contract_kg, "testinducer", "testdopa").explanation
    assert dict(pk.details)["role"] == "inducer" and pk.outcomes == ("Parkinsonism",) and "lose its effect" in pk.summary


def test_shared_effect_ranks_below_a_mechanism_with_the_same_evidence(contract_kg: drugkg.KnowledgeGraph) -> None:
    shared = _pair(contract_kg, "testsubstrate", "testtremorgen", "tremor")
    assert [e.rule for e in shared.explanation] == ["shared-effect"] and shared.outcomes == ("Tremor",)
    pk = _pair(contract_kg, "testinhibitor", "testsubstrate")
    assert shared.level == pk.level and pk.score > shared.score


def test_severity_and_qualifiers_of_a_recorded_interaction(contract_kg: drugkg.KnowledgeGraph) -> None:
    combo = _pair(contract_kg, "testblocker", "testsubstrate")
    top = combo.explanation[0]
    assert combo.severity == top.severity == "contraindicated" and top.severity_rank == 4
    [q] = top.qualifiers
    assert q.routes == ("intrathecal",) and q.population == ("in Parkinson disease",) and q.notes
    [ev] = [e for e in top.evidence if e.source == "FIXTURE_LABEL"]
    assert ev.citation and "PMID:0000001" in ev.identifiers and ev.url == "https://example.org/fixture-label"
    assert "PMID:0000001" in ev.cite() and "https://example.org/fixture-label" in ev.cite()


def test_unverified_recorded_claim_ranks_as_a_hypothesis(contract_kg: drugkg.KnowledgeGraph) -> None:
    rumour = _pair(contract_kg, "testrumour", "testtremorgen", "tremor")
    assert rumour.basis == "recorded" and rumour.level == "hypothesis"
    assert any("unverified" in c for c in rumour.explanation[0].caveats)
    everything = contract_kg.risky_combinations("tremor")
    order = [c.drugs for c in everything]
    assert order.index(("testsubstrate", "testtremorgen")) < order.index(("testrumour", "testtremorgen"))


def test_score_orders_evidence_then_severity_then_kind_then_count() -> None:
    assert score(level=2, severity=0, kind=1, reasons=1) > score(level=1, severity=4, kind=4, reasons=9)
    assert score(level=3, severity=1, kind=1, reasons=1) > score(level=3, severity=0, kind=4, reasons=9)
    assert score(level=3, severity=0, kind=3, reasons=1) > score(level=3, severity=0, kind=2, reasons=9)


def test_ranking_worked_examples_in_docs_run() -> None:
    import doctest
    from pathlib import Path

    doc = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
    result = doctest.testfile(str(doc), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8 and result.failed == 0
