"""Same-mechanism addition and reciprocal antagonism on the curated graph (issue 18's done-when):
two D2 antagonists are one mechanism twice, found at label level and ranked above every pair that
merely shares an effect; dopaminergic drugs and dopamine blockers oppose each other in both
directions; sedating H1 antihistamines converge with benzodiazepines on CNS depression."""

from __future__ import annotations

import pytest

import drugkg


@pytest.fixture(scope="module")
def movement(kg: drugkg.KnowledgeGraph) -> list[drugkg.records.Combination]:
    return list(kg.risky_combinations("movement disorder"))


def _rank(combos: list[drugkg.records.Combination], a: str, b: str) -> int:
    return next(i for i, c in enumerate(combos) if set(c.drugs) == {a, b})


@pytest.mark.parametrize("pair", [("haloperidol", "risperidone"), ("amisulpride", "haloperidol")])
def test_two_d2_antagonists_are_the_same_mechanism(movement, pair) -> None:  # type: ignore[no-untyped-def]
    combo = movement[_rank(movement, *pair)]
    [add] = [e for e in combo.explanation if e.rule == "addition"]
    assert add.kind == "pharmacodynamic" and "antagonists of" in add.summary and "DRD2" in add.summary
    assert "dkgr:target-DRD2" in [s.node for s in add.path] and "Parkinsonism" in add.outcomes
    # within its evidence level, the same mechanism outranks every pair that only shares effects
    same_level = [c for c in movement if c.kind == "shared-effect" and c.level == add.level]
    reason_score = 1000 * add.level_rank + 10 * add.kind_rank + 1
    assert all(reason_score > c.score for c in same_level)


def test_two_d2_antagonists_rank_in_the_top_tenth_above_every_shared_effect(movement) -> None:  # type: ignore[no-untyped-def]
    """Both labels list extrapyramidal effects and both drugs are D2 antagonists: the same
    mechanism, corroborated at label level, ranks above every pair whose best reason is a shared
    effect, and within the top tenth of all movement-disorder pairs."""
    rank = _rank(movement, "haloperidol", "risperidone")
    combo = movement[rank]
    assert combo.explanation[0].rule == "addition" and combo.level == "drug label"
    assert any("the grade is that of the effect" in c for c in combo.explanation[0].caveats)
    assert rank < len(movement) / 10, (rank, len(movement))
    shared = [i for i, c in enumerate(movement) if c.kind == "shared-effect"]
    assert shared and rank < min(shared)


RAISERS = ["levodopa", "pramipexole", "ropinirole", "apomorphine", "bromocriptine", "cabergoline", "amantadine",
           "rasagiline", "selegiline", "entacapone"]
LOWERERS = ["haloperidol", "risperidone", "olanzapine", "aripiprazole", "amisulpride", "sulpiride", "metoclopramide",
            "droperidol", "tetrabenazine"]


#: Pairs named in one direction only: no source read ties MAO-B or COMT inhibition to the
#: chemoreceptor trigger zone (the Comtan product information lists nausea apart from its
#: dopaminergic effects), so the antiemetic's loss of effect is not asserted for them.
ONE_WAY = {(a, b) for a in ("rasagiline", "selegiline", "entacapone") for b in ("metoclopramide", "droperidol")}


def test_every_raiser_and_blocker_name_both_directions_but_the_unsourced_ones(kg: drugkg.KnowledgeGraph) -> None:
    """Every drug that raises dopaminergic signalling (precursor, D2 agonist, MAO-B or COMT
    inhibitor) opposes every blocker (D2 antagonist or partial agonist, VMAT2 inhibitor); precursor,
    MAO-B and COMT inhibitors also oppose the blockers' antipsychotic effect in the mesolimbic
    pathway and levodopa their antiemetic effect in the chemoreceptor trigger zone. One reason per
    pair names both directions (the D2 agonists' with every blocker among them)."""
    one_way = set()
    for a in RAISERS:
        for b in LOWERERS:
            combo = kg.explain(a, b, effect="movement disorder")
            assert combo is not None, (a, b)
            [opp] = [e for e in combo.explanation if e.rule == "opposition"]
            if not (f"opposes {a}" in opp.summary and f"opposes {b}" in opp.summary):
                one_way.add((a, b))
    assert one_way == ONE_WAY


def test_levodopa_and_haloperidol_name_both_directions_and_loss_of_efficacy(kg: drugkg.KnowledgeGraph) -> None:
    combo = kg.explain("levodopa", "haloperidol", effect="movement disorder")
    assert combo is not None
    [opp] = [e for e in combo.explanation if e.rule == "opposition"]
    assert "opposes levodopa" in opp.summary and "opposes haloperidol" in opp.summary
    assert "Parkinsonism" in opp.outcomes
    lost = kg.explain("levodopa", "haloperidol", effect="loss of efficacy")
    assert lost is not None and lost.outcomes == ("loss of therapeutic effect",)



@pytest.mark.parametrize("sedative", ["diphenhydramine", "cyproheptadine", "promethazine", "doxepin", "amitriptyline"])
def test_sedating_h1_antagonists_converge_with_benzodiazepines(kg: drugkg.KnowledgeGraph, sedative: str) -> None:
    """A sedating H1 antagonist (antihistamine or tricyclic) and a benzodiazepine depress the CNS
    by two different mechanisms: a convergence reason, whose path runs through both target actions."""
    combo = kg.explain("alprazolam", sedative, effect="CNS depression")
    assert combo is not None
    conv = [e for e in combo.explanation if e.rule == "convergence"]
    assert conv, [e.rule for e in combo.explanation]
    nodes = [s.node for s in conv[0].path]
    assert "dkgr:targetaction-alprazolam-GABAA-positive-allosteric-modulator" in nodes
    assert f"dkgr:targetaction-{sedative}-HRH1-antagonist" in nodes
    assert "CNS depression" in conv[0].outcomes


def test_alprazolam_and_diphenhydramine_are_among_the_cns_depression_pairs(kg: drugkg.KnowledgeGraph) -> None:
    pairs = {frozenset(c.drugs) for c in kg.risky_combinations("CNS depression")}
    assert frozenset({"alprazolam", "diphenhydramine"}) in pairs


@pytest.mark.parametrize("ssri", ["fluoxetine", "sertraline"])
def test_reciprocal_antagonism_on_a_second_signal(kg: drugkg.KnowledgeGraph, ssri: str) -> None:
    """The opposition rule is not about dopamine: a 5-HT2 antagonist (cyproheptadine) works
    against a serotonin reuptake inhibitor's treatment of depression."""
    combo = kg.explain(ssri, "cyproheptadine")
    assert combo is not None
    [opp] = [e for e in combo.explanation if e.rule == "opposition"]
    assert "serotonergic" in opp.summary and f"opposes {ssri}" in opp.summary and "Depression" in opp.summary
    nodes = [s.node for s in opp.path]
    assert f"dkgr:targetaction-{ssri}-SLC6A4-reuptake-inhibitor" in nodes and "dkgr:targetaction-cyproheptadine-HTR2A-antagonist" in nodes
