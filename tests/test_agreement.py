"""The combination-risk question answered three ways, which must agree:
the SPARQL query, a NetworkX traversal of the graph projection, and OWL classification (HermiT)."""

from __future__ import annotations

import pytest

import drugkg
from drugkg.traversal import descendants_or_self, neighbourhood, risk_reasons


def _sparql_reasons(kg: drugkg.KnowledgeGraph, effect: str, drug: str | None = None) -> set[tuple[str, ...]]:
    params = {"effect": effect} if drug is None else {"effect": effect, "drug": drug}
    return {(r["drugA"], r["drugB"], r["basis"], r["kind"], r["claimA"], r["claimB"] or "") for r in kg.query("combination-risk", **params)}


@pytest.mark.parametrize("effect", ["dkg:MovementDisorder", "HP:0001332", "HP:0100660", "HP:0001300", "HP:0003808", "HP:0000118"])
def test_sparql_and_networkx_return_the_same_reasons(kg: drugkg.KnowledgeGraph, nxg, effect: str) -> None:  # type: ignore[no-untyped-def]
    sparql = _sparql_reasons(kg, effect)
    traversal = risk_reasons(nxg, effect)
    assert sparql == traversal
    if effect == "dkg:MovementDisorder":
        assert {r[2] for r in sparql} == {"recorded", "inferred"}


def test_sparql_and_networkx_agree_for_one_drug(kg: drugkg.KnowledgeGraph, nxg) -> None:  # type: ignore[no-untyped-def]
    assert _sparql_reasons(kg, "dkg:MovementDisorder", "baclofen") == risk_reasons(nxg, "dkg:MovementDisorder", "dkgr:drug-baclofen")


def test_api_pairs_are_the_rules_traversal_pairs(kg: drugkg.KnowledgeGraph, nxg) -> None:  # type: ignore[no-untyped-def]
    from drugkg.rules import RULES

    api = {frozenset(c.drug_iris) for c in kg.risky_combinations()}
    curie = {frozenset((r["drugA"], r["drugB"])) for rule in RULES.values() for r in rule.networkx(nxg, "dkg:MovementDisorder")}
    assert {frozenset(drugkg.namespaces.compress_iri(i) for i in p) for p in api} == curie
    # the researchers' combination-risk query holds three of the rules: its pairs are among them
    assert {frozenset(r[:2]) for r in risk_reasons(nxg, "dkg:MovementDisorder")} <= curie


def test_owl_classification_agrees_with_mechanism_pairs(kg: drugkg.KnowledgeGraph, nxg) -> None:  # type: ignore[no-untyped-def]
    """Drugs the reasoner classifies as lowering nigrostriatal dopaminergic signalling are exactly
    the drugs that the query and the traversal pair through that mechanism."""
    owl = {r["drug"] for r in kg.query("class-members", **{"class": "dkg:NigrostriatalDopamineReducer"})}
    via_mechanism = set()
    for r in kg.query("combination-risk"):
        if (r["kind"] == "mechanism" and r["pathway"] == "dkgr:pathway-nigrostriatal"
                and r["physio"] == "dkgr:physio-reduced-dopaminergic-signalling"):
            via_mechanism |= {r["drugA"], r["drugB"]}
    assert owl == via_mechanism and len(owl) >= 3
    assert not any(r["asserted"] for r in kg.query("class-members", **{"class": "dkg:NigrostriatalDopamineReducer"}))


def test_owl_d2_antagonists_agree_with_target_actions(kg: drugkg.KnowledgeGraph, nxg) -> None:  # type: ignore[no-untyped-def]
    owl = {r["drugLabel"] for r in kg.query("class-members", **{"class": "D2 antagonist"})}
    sparql = {r["drugLabel"] for r in kg.query("drugs-by-target", target="DRD2", action="antagonist")}
    traversal = {nxg.nodes[d]["label"] for d, ta, k in nxg.edges(keys=True) if k == "hasTargetAction"
                 and "dkgr:target-DRD2" in nxg[ta] and "dkgr:action-antagonist" in nxg[ta]}
    assert owl == sparql == traversal
    assert "lithium" not in owl and "promethazine" not in owl  # promethazine's DRD2 action is not known


def test_status_dystonicus_under_movement_disorder_in_projection(nxg) -> None:  # type: ignore[no-untyped-def]
    assert "dkg:StatusDystonicus" in descendants_or_self(nxg, "dkg:MovementDisorder")
    assert "HP:0001252" not in descendants_or_self(nxg, "dkg:MovementDisorder")  # hypotonia is a tone change


def test_projection_types_and_evidence(nxg) -> None:  # type: ignore[no-untyped-def]
    node = nxg.nodes["dkgr:interaction-baclofen-lithium"]
    assert node["type"] == "interaction" and node["level"] == "drug label" and "CA_PM" in node["evidence"]
    edge = nxg.edges["dkgr:drug-baclofen", "HP:0001332", "hasAdverseEffect"]
    assert "dkgr:assertion-baclofen-dystonia-on-starting" in edge["claims"]
    member = nxg.edges["dkgr:drug-clozapine", "dkg:D2ReceptorAntagonist", "member_of"]
    assert member["inferred"] is True


def test_neighbourhood_depth(nxg) -> None:  # type: ignore[no-untyped-def]
    one = neighbourhood(nxg, "dkgr:drug-baclofen", 1)
    two = neighbourhood(nxg, "dkgr:drug-baclofen", 2)
    assert set(one) < set(two)
    assert "dkgr:target-GABBR1" in one and "dkgr:pathway-nigrostriatal" not in one and "dkgr:pathway-nigrostriatal" in two
    assert all(nxg.nodes[n]["type"] not in ("evidence", "source") for n in one)


@pytest.mark.parametrize("drugs", [["baclofen"], ["clozapine"], ["lithium", "haloperidol"], ["baclofen", "clozapine", "sertraline"],
                                   ["dantrolene"]])
def test_pairs_of_given_drugs_are_the_all_pairs_answer_filtered(kg: drugkg.KnowledgeGraph, drugs: list[str]) -> None:
    """The query starts from the given drugs instead of filtering every pair: same answer."""
    every = [c.to_dict() for c in kg.risky_combinations() if set(c.drugs) & set(drugs)]
    assert [c.to_dict() for c in kg.risky_combinations(drugs=drugs)] == every


@pytest.mark.parametrize("drug", ["dkgr:drug-baclofen", "dkgr:drug-clozapine", "dkgr:drug-sertraline", "dkgr:drug-lithium"])
def test_query_with_a_drug_is_the_all_pairs_query_filtered(kg: drugkg.KnowledgeGraph, drug: str) -> None:
    def key(r: dict[str, object]) -> tuple[str, ...]:
        return tuple(str(v) for k, v in sorted(r.items()) if k != "drug")

    every = {key(r) for r in kg.query("combination-risk") if drug in (r["drugA"], r["drugB"])}
    assert {key(r) for r in kg.query("combination-risk", drug=drug)} == every and every
