"""The researchers' questions (the project's question list), each asked through the API and the CLI.

Expected answers are written here from the curated sources, not read from the graph.
"""

from __future__ import annotations

import json

import drugkg

# -- 1. Which drug combinations raise the risk of a movement disorder? -------------------------


def _by_pair(combos):  # type: ignore[no-untyped-def]
    return {tuple(c.drugs): c for c in combos}


def test_q1_recorded_pairs_with_labels_rank_first(kg: drugkg.KnowledgeGraph) -> None:
    combos = kg.risky_combinations("movement disorder")
    pairs = _by_pair(combos)
    lithium = pairs[("baclofen", "lithium")]
    assert lithium.basis == "recorded" and lithium.level == "drug label"
    assert "Hyperkinetic movements" in lithium.outcomes
    assert {"CA_PM", "CH_FI"} <= {e.source for e in lithium.evidence if e.stance == "supports"}
    # evidence first: the best reason's level never rises down the list; label-backed recorded
    # interactions lead
    scores = [c.score for c in combos]
    assert scores == sorted(scores, reverse=True)
    levels = [c.explanation[0].level_rank for c in combos]
    assert levels == sorted(levels, reverse=True)
    assert combos[0].basis == "recorded" and combos[0].level == "drug label"


def test_q1_clozapine_is_recorded_but_not_located(kg: drugkg.KnowledgeGraph) -> None:
    c = _by_pair(kg.risky_combinations())[("baclofen", "clozapine")]
    assert c.basis == "recorded"
    assert "Dyskinesia" in c.outcomes
    statuses = {e.source: e.status for e in c.evidence}
    assert statuses["CLOZ_CASE"] == "primary source not located"
    assert statuses["ARTICLE"] == "verified"
    # the case report whose source was not located does not count above a hypothesis
    specific = next(e for e in c.explanation if e.claims == ("dkgr:interaction-baclofen-clozapine",))
    assert specific.level == "secondary claim"  # carried by the article, not by the missing report
    assert any("not located" in ev.status for ev in specific.evidence)


def test_q1_antipsychotic_class_applies_to_each_member(kg: drugkg.KnowledgeGraph) -> None:
    pairs = _by_pair(kg.risky_combinations())
    for drug in ("haloperidol", "risperidone", "olanzapine", "prochlorperazine"):
        c = pairs[tuple(sorted(("baclofen", drug)))]
        assert c.basis == "recorded", drug
        recorded = next(e for e in c.explanation if e.rule == "recorded")
        steps = [s.label for s in recorded.path]
        assert "antipsychotic" in steps and steps[-1] == drug
    # lithium is a mood stabiliser, not reached through the antipsychotic class
    lith = pairs[("baclofen", "lithium")]
    assert all("Antipsychotic" not in e.summary for e in lith.explanation)


def test_q1_inferred_d2_antagonist_pairs_show_mechanism(kg: drugkg.KnowledgeGraph) -> None:
    pairs = _by_pair(kg.risky_combinations())
    # two D2 antagonists: the same mechanism twice (addition)
    c = pairs[("clozapine", "haloperidol")]
    assert c.basis == "inferred"
    e = next(e for e in c.explanation if e.rule == "addition")
    assert e.kind == "pharmacodynamic"
    assert [s.type for s in e.path] == ["drug", "target action", "target", "mechanism", "physiological effect", "pathway",
                                        "target action", "drug"]
    assert {"nigrostriatal pathway", "reduced dopaminergic signalling"} <= {s.label for s in e.path}
    # a D2 antagonist and a VMAT2 inhibitor: two different mechanisms converging
    e = next(e for e in pairs[("clozapine", "tetrabenazine")].explanation if e.rule == "convergence")
    assert e.kind == "mechanism"
    assert [s.type for s in e.path] == ["drug", "target action", "mechanism", "physiological effect", "pathway",
                                        "mechanism", "target action", "drug"]
    assert {"nigrostriatal pathway", "reduced dopaminergic signalling"} <= {s.label for s in e.path}
    # haloperidol + risperidone (label-backed reasons) outrank a pair whose best reason is a claim
    # counted as a hypothesis (unverified or not located)
    weak = [x for x in pairs.values() if x.level == "hypothesis"]
    assert pairs[("haloperidol", "risperidone")].score > max(x.score for x in weak)


def test_q1_baclofen_side_of_inferred_pairs_is_a_hypothesis(kg: drugkg.KnowledgeGraph) -> None:
    c = _by_pair(kg.risky_combinations(drugs=["baclofen"]))[("baclofen", "metoclopramide")]
    assert c.basis == "inferred"
    mechanism = next(e for e in c.explanation if e.rule == "convergence")
    assert mechanism.level == "hypothesis"
    assert any("baclofen nigrostriatal dopamine' rests on a hypothesis" in caveat for caveat in mechanism.caveats)


def test_q1_effect_outside_class_is_not_listed(kg: drugkg.KnowledgeGraph) -> None:
    # baclofen + nortriptyline (hypotonia) and baclofen + morphine (respiratory depression...) are
    # recorded interactions whose outcomes are not movement disorders: those pairs are not listed
    labels = {r["label"] for r in kg.sparql(
        "SELECT ?label WHERE { ?effect rdfs:subClassOf* dkg:MovementDisorder ; rdfs:label ?label }")}
    outside = [r["i"] for r in kg.sparql("""
        SELECT ?i WHERE { ?i a dkg:Interaction
          FILTER NOT EXISTS { ?i dkg:hasOutcome ?o . ?o rdfs:subClassOf* dkg:MovementDisorder } }""")]
    assert {"dkgr:interaction-baclofen-nortriptyline-case", "dkgr:interaction-baclofen-intrathecal-morphine"} <= set(outside)
    combos = kg.risky_combinations()
    claims = {claim for c in combos for e in c.explanation for claim in e.claims}
    assert not claims & set(outside)
    pairs = _by_pair(combos)
    assert ("baclofen", "nortriptyline") not in pairs and ("baclofen", "morphine") not in pairs
    for c in combos:
        assert set(c.outcomes) <= labels, c.drugs
        assert "Hypotension" not in c.outcomes


def test_q1_cli_json_contract(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("risk", "--effect", "movement-disorder", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert {"drugs", "basis", "score", "outcomes", "evidence", "explanation"} <= set(data[0])
    unsorted = [d["drugs"] for d in data if d["drugs"] != sorted(d["drugs"], key=str.casefold)]
    assert not unsorted, unsorted[:3]
    assert {d["basis"] for d in data} == {"recorded", "inferred"}
    recorded = {tuple(d["drugs"]) for d in data if d["basis"] == "recorded" and d["level"] == "drug label"}
    assert ("baclofen", "lithium") in recorded


def test_q1_cli_table_one_line_reason(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("risk", "--drug", "lithium")
    assert code == 0
    flat = " ".join(out.split())  # the table wraps long reasons to the terminal's width
    assert "baclofen + lithium" in flat and "recorded" in flat and "Hyperkinetic movements" in flat


def test_q1_effect_by_curie_matches_label(kg: drugkg.KnowledgeGraph) -> None:
    by_label = [c.drugs for c in kg.risky_combinations("dystonia")]
    by_curie = [c.drugs for c in kg.risky_combinations("HP:0001332")]
    assert by_label == by_curie and by_label


# -- 2. What happens when intrathecal baclofen is stopped abruptly? ----------------------------


def test_q2_intrathecal_withdrawal(kg: drugkg.KnowledgeGraph) -> None:
    [w] = kg.withdrawal("baclofen", route="intrathecal")
    stages: dict[str, set[str]] = {}
    for m in w.manifestations:
        stages.setdefault(m.stage or "", set()).add(m.effect_label.lower())
    assert {"spasticity", "pruritus", "hypotension", "paresthesia"} <= stages["early sign"]
    assert {"fever", "altered mental status", "rigidity", "seizure", "hallucinations", "status dystonicus"} <= stages["progression"]
    assert {"rhabdomyolysis", "multiple organ failure", "death"} <= stages["rare complication"]
    assert "hours to days" in (w.onset or "") and w.severity == "life-threatening"
    mgmt = " | ".join(w.management).lower()
    assert "restore intrathecal baclofen" in mgmt and "benzodiazepine" in mgmt and "dantrolene" in mgmt
    assert {"US_IT", "COFFEY"} <= {e.source for e in w.evidence}


def test_q2_manifestations_carry_their_own_qualifiers(kg: drugkg.KnowledgeGraph) -> None:
    [w] = kg.withdrawal("baclofen", route="intrathecal")
    by_effect = {(m.effect_label.lower(), m.stage): m for m in w.manifestations}
    # the syndrome is life-threatening; only the manifestation recorded so carries that severity
    assert by_effect[("status dystonicus", "progression")].severity == "life-threatening"
    assert by_effect[("pruritus", "early sign")].severity is None
    assert all("abrupt cessation" in m.contexts and m.routes == ("intrathecal",) for m in w.manifestations)
    assert all(m.kind == "withdrawal manifestation" and m.evidence for m in w.manifestations)
    # the same assertions are what effects() reports in the abrupt-cessation context
    ids = {m.assertion for m in w.manifestations}
    assert ids <= {e.assertion for e in kg.effects("baclofen", context="abrupt cessation", route="intrathecal")}


def test_q2_route_filter(kg: drugkg.KnowledgeGraph) -> None:
    routes = {w.route for w in kg.withdrawal("baclofen")}
    assert routes == {"intrathecal", "oral"}
    assert all(w.route == "oral" for w in kg.withdrawal("baclofen", route="oral"))


def test_q2_cli(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("withdrawal", "baclofen", "--route", "intrathecal")
    assert code == 0
    assert "status dystonicus" in out and "early sign:" in out and "restore intrathecal baclofen" in out


# -- 3. Can baclofen itself cause dystonia? ----------------------------------------------------


def test_q3_baclofen_causes_dystonia_rarely(kg: drugkg.KnowledgeGraph) -> None:
    effects = [e for e in kg.effects("baclofen", effect="dystonia") if "abrupt cessation" not in e.contexts]
    contexts = {c for e in effects for c in e.contexts}
    assert {"initiation", "dose increase"} <= contexts
    starting = next(e for e in effects if "dose increase" in e.contexts)
    assert starting.frequency == "rare"
    ids = {i for ev in starting.evidence for i in ev.identifiers}
    assert "DOI:10.4103/jopsys.jopsys_5_21" in ids  # CR1, DOI only
    assert any("reduction" in m or "discontinu" in m for m in starting.management)
    renal = [e for e in effects if "renal" in " ".join(e.risk_factors).lower() or "accumulation" in e.contexts]
    assert renal and "PMID:27789113" in {i for e in renal for ev in e.evidence for i in ev.identifiers}


def test_q3_mechanism_is_a_hypothesis(kg: drugkg.KnowledgeGraph) -> None:
    rows = kg.query("mechanism-paths", drugA="baclofen", drugB="haloperidol")
    mech = {r["mechA"] for r in rows if r["converges"]}
    assert "dkgr:mechanism-baclofen-nigrostriatal-dopamine" in mech
    assert kg.claim_level("https://w3id.org/drugkg/resource/mechanism-baclofen-nigrostriatal-dopamine") == (1, "hypothesis")


def test_q3_cli(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("effects", "baclofen", "--effect", "dystonia", "--format", "csv")
    assert code == 0
    assert "Dystonia" in out and "dose increase" in out and "CR1" in out


# -- 4. Why might baclofen and clozapine together raise movement-disorder risk? ----------------


def test_q4_explanation_path(kg: drugkg.KnowledgeGraph) -> None:
    c = kg.explain("baclofen", "clozapine")
    assert c is not None
    mech = [e for e in c.explanation if e.kind == "mechanism"]
    assert mech
    labels = [s.label for s in mech[0].path]
    assert labels[0] == "baclofen" and labels[-1] == "clozapine"
    assert "baclofen agonist of GABBR1" in labels and "clozapine antagonist of DRD2" in labels
    assert "nigrostriatal pathway" in labels
    assert mech[0].level == "hypothesis"


def test_q4_cli(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("explain", "baclofen", "clozapine")
    assert code == 0
    assert "baclofen agonist of GABBR1 (target action)" in out and "nigrostriatal pathway (pathway)" in out
    code, out, _ = cli("explain", "clozapine", "baclofen", "--format", "json")
    assert code == 0 and json.loads(out)["drugs"] == ["baclofen", "clozapine"]


def test_q4_unrelated_pair_has_no_explanation(cli, kg: drugkg.KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    assert kg.explain("carbidopa", "valproic acid") is None
    code, _, err = cli("explain", "carbidopa", "valproic acid")
    assert code == 1 and "no recorded or inferred" in err


# -- 5. Is status dystonicus a movement disorder? ----------------------------------------------


def test_q5_status_dystonicus_is_a_movement_disorder_by_classification(kg: drugkg.KnowledgeGraph) -> None:
    asserted = kg.ask("ASK { GRAPH <https://w3id.org/drugkg/resource/graph/ontology> "
                      "{ dkg:StatusDystonicus rdfs:subClassOf dkg:MovementDisorder } }")
    inferred = kg.ask("ASK { GRAPH <https://w3id.org/drugkg/resource/graph/inferred> "
                      "{ dkg:StatusDystonicus rdfs:subClassOf dkg:MovementDisorder } }")
    assert not asserted and inferred
    chain = kg.sparql("SELECT ?p WHERE { GRAPH <https://w3id.org/drugkg/resource/graph/ontology> "
                      "{ dkg:StatusDystonicus rdfs:subClassOf ?p } }")
    assert {"HP:0007325"} <= {r["p"] for r in chain}
    assert kg.ask("ASK { obo:HP_0007325 rdfs:subClassOf obo:HP_0001332 }")


def test_q5_cli(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("query", "class-members", "--param", "class=D2 antagonist", "--format", "csv")
    assert code == 0 and "haloperidol" in out


# -- 6. Which drugs both treat and can cause dystonia? -----------------------------------------


def test_q6_treat_and_cause(kg: drugkg.KnowledgeGraph, cli) -> None:  # type: ignore[no-untyped-def]
    rows = kg.query("treat-and-cause", effect="dystonia")
    assert {r["drugLabel"] for r in rows} == {"baclofen"}
    assert "status dystonicus" in {r["treatsLabel"] for r in rows}
    code, out, _ = cli("query", "treat-and-cause", "--param", "effect=Dystonia")
    assert code == 0 and "baclofen" in out


def test_qt_prolongation_or_torsades_joins_the_two_hpo_branches(kg: drugkg.KnowledgeGraph) -> None:
    """HPO keeps Prolonged QT interval and Torsade de pointes in different branches; the grouping
    class researchers ask for reaches the pairs of both, including those a source names only
    through torsades, while "QT prolongation" stays HPO's term."""
    group = kg.resolve("QT prolongation or torsades de pointes", "effect")
    assert kg.resolve("QT/TdP", "effect") == group != kg.resolve("QT prolongation", "effect")

    def pairs(effect: str) -> set[tuple[str, ...]]:
        return {c.drugs for c in kg.risky_combinations(effect)}

    qt, tdp, both = pairs("QT prolongation"), pairs("torsades de pointes"), pairs("QT/TdP")
    assert qt | tdp == both
    assert tdp - qt, "some pairs are reached through torsades alone"
