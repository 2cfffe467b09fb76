"""The "done when" list of issue 9, asserted on the curated graph (and, for the ranking against an
unverified claim, on the curated graph plus the made-up drugs of tests/data/rules-contract.ttl).

Each test names the interaction a pharmacologist expects and checks the reason the graph gives for
it: the rule, what the reason names (an enzyme, a pathway), and the effect class it answers for.
"""

from __future__ import annotations

import json

import pytest

import drugkg
from drugkg.records import Combination, Explanation


def _pair(kg: drugkg.KnowledgeGraph, a: str, b: str, effect: str | None = None) -> Combination:
    combo = kg.explain(a, b, effect=effect)
    assert combo is not None, f"{a} + {b}: no reason for {effect or 'any effect class'}"
    return combo


def _rules(combo: Combination) -> set[str]:
    return {e.rule for e in combo.explanation}


def _pk_via(combo: Combination, perpetrator: str, enzyme: str) -> list[Explanation]:
    """Pharmacokinetic reasons in which ``perpetrator`` inhibits ``enzyme`` (a target CURIE suffix)."""
    return [e for e in combo.explanation if e.rule == "pharmacokinetic" and e.path[0].label == perpetrator
            and e.path[2].node == f"dkgr:target-{enzyme}" and dict(e.details).get("role") == "inhibitor"]


@pytest.mark.parametrize("blocker", ["haloperidol", "metoclopramide", "risperidone"])
def test_levodopa_with_a_d2_blocker_is_found_by_opposition(kg: drugkg.KnowledgeGraph, blocker: str) -> None:
    combo = _pair(kg, "levodopa", blocker, "parkinsonism")
    [*opposed] = [e for e in combo.explanation if e.rule == "opposition"]
    assert opposed, _rules(combo)
    nigrostriatal = [e for e in opposed if "nigrostriatal pathway" in {s.label for s in e.path}]
    assert nigrostriatal, [e.summary for e in opposed]
    e = nigrostriatal[0]
    assert e.kind == "pharmacodynamic" and "Parkinsonism" in e.outcomes
    labels = {s.label for s in e.path}
    assert {"increased dopaminergic signalling", "reduced dopaminergic signalling"} <= labels
    assert "levodopa" in e.summary and blocker in e.summary


@pytest.mark.parametrize("antipsychotic", ["clozapine", "haloperidol", "risperidone", "olanzapine"])
def test_lithium_with_antipsychotics(kg: drugkg.KnowledgeGraph, antipsychotic: str) -> None:
    combo = _pair(kg, "lithium", antipsychotic, "movement disorder")
    assert combo.effect == "movement disorder"
    recorded = [e for e in combo.explanation if e.rule == "recorded"]
    assert recorded and combo.level == "drug label"
    assert any(ev.stance == "supports" and ev.level == "drug label" for e in recorded for ev in e.evidence)
    assert combo.outcomes


def test_paroxetine_raises_risperidone_exposure_through_cyp2d6(kg: drugkg.KnowledgeGraph) -> None:
    combo = _pair(kg, "paroxetine", "risperidone", "movement disorder")
    [pk] = _pk_via(combo, "paroxetine", "CYP2D6")
    assert "inhibits cytochrome P450 2D6" in pk.summary and "risperidone exposure" in pk.summary
    assert pk.outcomes and all(o for o in pk.outcomes)
    assert [s.type for s in pk.path] == ["drug", "pharmacokinetic role", "enzyme or transporter", "pharmacokinetic role", "drug"]


def test_fluoxetine_raises_tetrabenazine_exposure_through_cyp2d6(kg: drugkg.KnowledgeGraph) -> None:
    combo = _pair(kg, "fluoxetine", "tetrabenazine", "movement disorder")
    assert _pk_via(combo, "fluoxetine", "CYP2D6"), [e.summary for e in combo.explanation]


def test_lithium_and_valproate_for_tremor(kg: drugkg.KnowledgeGraph) -> None:
    combo = _pair(kg, "lithium", "valproate", "tremor")
    shared = [e for e in combo.explanation if e.rule == "shared-effect"]
    assert shared and any("Tremor" in e.outcomes or "tremor" in " ".join(e.outcomes).lower() for e in shared)
    pairs = {tuple(c.drugs) for c in kg.risky_combinations("tremor")}
    assert ("lithium", "valproic acid") in pairs or ("lithium", "valproate") in pairs


@pytest.mark.parametrize(("a", "b"), [("baclofen", "morphine"), ("diazepam", "morphine"), ("alprazolam", "oxycodone")])
def test_cns_depressant_with_an_opioid_for_respiratory_depression(kg: drugkg.KnowledgeGraph, a: str, b: str) -> None:
    combo = _pair(kg, a, b, "respiratory depression")
    assert combo.effect == "respiratory depression"
    assert any(e.rule in ("recorded", "convergence") for e in combo.explanation)
    pairs = {frozenset(c.drugs) for c in kg.risky_combinations("respiratory depression")}
    assert frozenset((a, b)) in pairs


@pytest.mark.parametrize(("ssri", "partner"), [("sertraline", "tramadol"), ("fluoxetine", "tramadol"),
                                               ("fluoxetine", "phenelzine"), ("paroxetine", "tranylcypromine")])
def test_ssri_with_tramadol_or_an_maoi_for_serotonin_syndrome(kg: drugkg.KnowledgeGraph, ssri: str, partner: str) -> None:
    combo = _pair(kg, ssri, partner, "serotonin syndrome")
    assert "Serotonin syndrome" in combo.outcomes or "serotonin syndrome" in {o.lower() for o in combo.outcomes}
    assert combo.level == "drug label"


def test_check_of_four_drugs_gives_exactly_the_six_pairs(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("check", "baclofen", "clozapine", "lithium", "levodopa", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    named = {"baclofen", "clozapine", "lithium", "levodopa"}
    found = [frozenset(p["drugs"]) for p in data["pairs"]] + [frozenset(p) for p in data["no_known_risk"]]
    assert len(found) == 6 and set(found) == {frozenset((a, b)) for a in named for b in named if a < b}


def test_haloperidol_risperidone_outranks_an_unverified_secondary_claim(contract_kg: drugkg.KnowledgeGraph) -> None:
    combos = contract_kg.risky_combinations("movement disorder")
    by_pair = {frozenset(c.drugs): c for c in combos}
    rumour = by_pair[frozenset(("testrumour", "testtremorgen"))]
    # its only reason is a secondary claim from an unverified web article: counted as a hypothesis
    [only] = rumour.explanation
    supports = [ev for ev in only.evidence if ev.stance == "supports"]
    assert supports and all(ev.level == "review or secondary claim" and ev.status == "unverified" for ev in supports)
    assert rumour.level == "hypothesis"
    assert by_pair[frozenset(("haloperidol", "risperidone"))].score > rumour.score
    assert combos.index(by_pair[frozenset(("haloperidol", "risperidone"))]) < combos.index(rumour)


@pytest.mark.parametrize(("a", "b"), [("baclofen", "lithium"), ("haloperidol", "levodopa"), ("paroxetine", "risperidone")])
@pytest.mark.parametrize("effect", [None, "movement disorder", "tremor"])
def test_explain_and_risk_agree(kg: drugkg.KnowledgeGraph, a: str, b: str, effect: str | None) -> None:
    """``explain`` without an effect answers for every effect class; ``risky_combinations`` for the
    class it is given: for the same class, the same pair has the same score and reasons."""
    explained = kg.explain(a, b, effect=effect)
    ranked = kg.risky_combinations(effect or "HP:0000118", drugs=[a])
    listed = next((c for c in ranked if frozenset(c.drugs) == frozenset((a, b))), None)
    if explained is None:
        assert listed is None
        return
    assert listed is not None
    assert (explained.score, explained.reasons, explained.effect) == (listed.score, listed.reasons, listed.effect)
    assert [e.claims for e in explained.explanation] == [e.claims for e in listed.explanation]
    assert explained.effect.lower() == (effect or "Phenotypic abnormality").lower()
    if effect is None:  # the default risk list is for movement disorder, and says so
        default = next((c for c in kg.risky_combinations(drugs=[a]) if frozenset(c.drugs) == frozenset((a, b))), None)
        assert default is None or (default.effect == "movement disorder" and default.reasons <= explained.reasons)


def test_a_class_level_label_warning_reaches_a_member_as_far_as_its_membership_holds(kg: drugkg.KnowledgeGraph) -> None:
    """The levodopa label warns about D2 receptor antagonists as a class. A member whose D2 antagonism
    is qualified by its own evidence (low striatal occupancy) gets that warning one level lower, with
    the qualification as a caveat, and ranks below a member that blocks D2 as the label means it."""
    ranked = [frozenset(c.drugs) for c in kg.risky_combinations("movement disorder", drugs=["levodopa"])]
    weak, strong = _pair(kg, "clozapine", "levodopa", "movement disorder"), _pair(kg, "haloperidol", "levodopa", "movement disorder")
    [weak_class] = [e for e in weak.explanation if e.rule == "recorded" and "drug class" in {s.type for s in e.path}]
    [strong_class] = [e for e in strong.explanation if e.rule == "recorded" and "drug class" in {s.type for s in e.path}]
    assert weak_class.claims[0] == strong_class.claims[0]  # the same label statement
    assert strong_class.level_rank == 4 and weak_class.level_rank == 3
    assert any("only through qualified mechanisms" in c for c in weak_class.caveats)
    assert not any("only through qualified mechanisms" in c for c in strong_class.caveats)
    assert ranked.index(frozenset(strong.drugs)) < ranked.index(frozenset(weak.drugs))


@pytest.mark.parametrize("victim", ["duloxetine", "venlafaxine"])
def test_a_cyp2d6_inhibitor_raises_serotonin_toxicity_recorded_in_the_victims_overdose(kg: drugkg.KnowledgeGraph, victim: str) -> None:
    """Serotonin syndrome recorded in the victim's overdose (its label's overdosage section) is
    exposure dependent, so bupropion, a strong CYP2D6 inhibitor, raises it: the pharmacokinetic
    rule names the enzyme, the overdose claim, and grades the reason by its weakest role."""
    combo = _pair(kg, "bupropion", victim, "serotonin syndrome")
    [pk] = _pk_via(combo, "bupropion", "CYP2D6")
    assert pk.outcomes == ("serotonin syndrome",)
    assert f"dkgr:assertion-{victim}-serotonin-syndrome-overdose" in pk.claims
    assert dict(pk.details)["strength"] == "strong"
    assert any("minor or unconfirmed pathway" in c for c in pk.caveats)  # CPIC or DrugBank list the role unweighed


def test_a_serotonin_syndrome_claim_without_an_exposure_context_is_not_raised_by_inhibition(kg: drugkg.KnowledgeGraph) -> None:
    """Amitriptyline is a CYP2D6 substrate whose serotonin syndrome no source ties to exposure: no
    pharmacokinetic reason for serotonin syndrome, though its exposure-dependent seizures are raised."""
    combo = kg.explain("bupropion", "amitriptyline", effect="serotonin syndrome")
    assert combo is None or not _pk_via(combo, "bupropion", "CYP2D6")
    assert "Seizure" in _pk_via(_pair(kg, "bupropion", "amitriptyline", "seizure"), "bupropion", "CYP2D6")[0].outcomes


@pytest.mark.parametrize("maoi", ["linezolid", "moclobemide"])
def test_dextromethorphan_with_an_mao_a_inhibitor_converges_on_serotonin(kg: drugkg.KnowledgeGraph, maoi: str) -> None:
    combo = _pair(kg, "dextromethorphan", maoi, "serotonin syndrome")
    [conv] = [e for e in combo.explanation if e.rule == "convergence"]
    nodes = {s.node for s in conv.path}
    assert {"dkgr:mechanism-dextromethorphan-serotonin-reuptake-inhibition", "dkgr:physio-increased-serotonergic-signalling"} <= nodes
    assert "reuptake-inhibitor of SLC6A4" in conv.summary and "inhibitor of MAOA" in conv.summary, conv.summary
