"""Nothing is special to the curated drugs: two synthetic drugs added as data (tests/data) are
validated, classified by HermiT and paired by every risk rule, and SPARQL and NetworkX still agree.

The fixture drugs are made up; they exercise the rules, they are not facts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import drugkg
from drugkg import store
from drugkg.reasoning.validate import validate
from drugkg.traversal import risk_reasons

FIXTURE = Path(__file__).parent / "data" / "synthetic-drugs.ttl"

pytestmark = pytest.mark.skipif(not drugkg.reasoning.java_available(), reason="user data is classified with HermiT")


@pytest.fixture(scope="module")
def kg2(tmp_path_factory: pytest.TempPathFactory) -> drugkg.KnowledgeGraph:
    mp = pytest.MonkeyPatch()
    mp.setenv("DRUGKG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    try:
        yield drugkg.load(data=[FIXTURE])
    finally:
        mp.undo()


def test_fixture_conforms_to_the_shapes() -> None:
    report = validate(store.shipped_sources() + store.user_sources([FIXTURE]), reasoner=False)
    assert report.ok, report.to_dicts()


def test_new_drug_is_classified_by_its_target_action(kg2: drugkg.KnowledgeGraph) -> None:
    classes = set(kg2.drug("testd2blocker").classes)
    assert {"dopamine D2 receptor antagonist", "drug that lowers nigrostriatal dopaminergic signalling"} <= classes
    assert "testd2blocker" in {r["drugLabel"] for r in kg2.query("class-members", **{"class": "D2 antagonist"})}


def test_risk_factor_chain_pairs_a_drug_causing_the_risk_factor(kg2: drugkg.KnowledgeGraph) -> None:
    combos = {c.drugs: c for c in kg2.risky_combinations("movement disorder", drugs=["testnephrotoxin"])}
    # every partner is one whose movement-disorder effect has a kidney risk factor the new drug causes
    assert ("baclofen", "testnephrotoxin") in combos and ("lithium", "testnephrotoxin") in combos
    assert all(c.basis == "inferred" and {e.kind for e in c.explanation} == {"risk-factor"} for c in combos.values())
    combo = combos[("baclofen", "testnephrotoxin")]
    # chronic kidney disease is recorded as a risk factor of baclofen's dyskinesia, and falls under
    # the renal insufficiency recorded for its dystonia: one reason each
    assert {e.claims for e in combo.explanation} == {
        ("dkgr:assertion-baclofen-dyskinesia-ckd", "dkgr:assertion-testnephrotoxin-ckd"),
        ("dkgr:assertion-baclofen-dystonia-renal-failure", "dkgr:assertion-testnephrotoxin-ckd"),
    }
    assert set(combo.outcomes) == {"Dyskinesia", "Dystonia"}
    # the synthetic source is unverified, so the chain is no better than a hypothesis
    assert combo.level == "hypothesis"


def test_risk_factor_outside_the_class_gives_no_pair(kg2: drugkg.KnowledgeGraph) -> None:
    # baclofen's chain leads to dyskinesia and dystonia, not to seizures: no baclofen pair for
    # seizures; a partner there has a seizure of its own with a kidney risk factor
    combos = kg2.risky_combinations("HP:0001250", drugs=["testnephrotoxin"])
    assert all("baclofen" not in c.drugs for c in combos)
    assert all(set(c.outcomes) <= {"Seizure", "Generalized tonic-clonic seizure", "Status epilepticus"} for c in combos), \
        [c.outcomes for c in combos]


def test_mechanism_convergence_pairs_the_new_drug_with_every_reducer(kg2: drugkg.KnowledgeGraph) -> None:
    reducers = {r["drugLabel"] for r in kg2.query("class-members", **{"class": "dkg:NigrostriatalDopamineReducer"})}
    assert "testd2blocker" in reducers and {"clozapine", "haloperidol", "baclofen"} <= reducers
    combos = kg2.risky_combinations(drugs=["testd2blocker"])
    # a reducer through another action converges; another D2 antagonist is the same mechanism (addition)
    partners = {next(d for d in c.drugs if d != "testd2blocker") for c in combos
                if any(e.rule in ("convergence", "addition") for e in c.explanation)}
    assert reducers - {"testd2blocker"} <= partners
    same = {next(d for d in c.drugs if d != "testd2blocker") for c in combos if any(e.rule == "addition" for e in c.explanation)}
    assert {"haloperidol", "clozapine"} <= same and "baclofen" not in same


def test_sparql_and_networkx_agree_with_user_data(kg2: drugkg.KnowledgeGraph) -> None:
    sparql = {(r["drugA"], r["drugB"], r["basis"], r["kind"], r["claimA"], r["claimB"] or "")
              for r in kg2.query("combination-risk", effect="dkg:MovementDisorder")}
    traversal = risk_reasons(kg2.to_networkx(), "dkg:MovementDisorder")
    assert sparql == traversal
    assert {"risk-factor", "mechanism", "interaction"} <= {r[3] for r in sparql}
