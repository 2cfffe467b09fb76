"""The data model of the pharmacopoeia (issue 9): pharmacokinetic roles with strength and
evidence, levodopa as a dopamine precursor, directions and signals of physiological effects,
interaction severities, qualifiers, brand names and the new effect classes.

The expectations are the project's own fixture list, written from the curated YAML and the
pharmacology it records; they are not read from the graph.
"""

from __future__ import annotations

import pytest

import drugkg
from drugkg.errors import NotFound
from drugkg.namespaces import expand_curie


def pk_roles(kg: drugkg.KnowledgeGraph, drug: str, target: str) -> dict[str, dict[str, object]]:
    """role label -> {strength, sources} of the PK roles of ``drug`` on ``target``."""
    rows = kg.sparql(
        """SELECT ?drug ?target ?role ?strength (GROUP_CONCAT(DISTINCT ?key; SEPARATOR="|") AS ?sources) WHERE {
             ?pk a dkg:PharmacokineticRole ; dkg:subject ?drug ; dkg:onTarget ?target ; dkg:pkRole/rdfs:label ?role ;
                 dkg:hasEvidence/dkg:fromSource/dkg:sourceKey ?key .
             OPTIONAL { ?pk dkg:strength/rdfs:label ?strength } }
           GROUP BY ?drug ?target ?role ?strength""",
        params={"drug": kg.resolve(drug, "drug"), "target": kg.resolve(target, "target")},
    )
    return {r["role"]: {"strength": r["strength"], "sources": set(r["sources"].split("|"))} for r in rows}


@pytest.mark.parametrize(
    ("drug", "strength"),
    [("paroxetine", "strong"), ("fluoxetine", "strong"), ("sertraline", "weak")],
)
def test_cyp2d6_inhibitors_carry_their_fda_strength_and_evidence(kg: drugkg.KnowledgeGraph, drug: str, strength: str) -> None:
    roles = pk_roles(kg, drug, "CYP2D6")
    assert roles["inhibitor"]["strength"] == strength
    assert roles["inhibitor"]["sources"], "a PK role without evidence"
    # the shortcut edge of the claim
    assert kg.ask("ASK { ?d dkg:inhibits dkgr:target-CYP2D6 }", params={"d": kg.resolve(drug, "drug")})


def test_paroxetine_inhibition_rests_on_the_fda_table(kg: drugkg.KnowledgeGraph) -> None:
    assert "FDA_DDI_TABLE" in pk_roles(kg, "Paxil", "CYP2D6")["inhibitor"]["sources"]


@pytest.mark.parametrize(("drug", "target"), [("risperidone", "CYP2D6"), ("tetrabenazine", "CYP2D6"), ("clozapine", "CYP1A2")])
def test_victims_are_substrates_without_a_strength(kg: drugkg.KnowledgeGraph, drug: str, target: str) -> None:
    roles = pk_roles(kg, drug, target)
    assert "substrate" in roles and roles["substrate"]["strength"] is None
    assert kg.ask("ASK { ?d dkg:isSubstrateOf ?t }", params={"d": kg.resolve(drug, "drug"), "t": kg.resolve(target, "target")})


def test_lithium_clearance_is_a_major_renal_route(kg: drugkg.KnowledgeGraph) -> None:
    assert kg.ask("""ASK { ?pk dkg:subject dkgr:drug-lithium ; dkg:onTarget dkgr:target-RENAL_LITHIUM_CLEARANCE ;
                          dkg:pkRole dkgr:pkrole-substrate ; dkg:majorPathway true }""")


def test_levodopa_is_a_dopamine_precursor_not_a_d2_agonist(kg: drugkg.KnowledgeGraph) -> None:
    actions = {(r["target"], r["action"]) for r in kg.sparql(
        """SELECT ?target ?action WHERE { dkgr:drug-levodopa dkg:hasTargetAction ?ta .
             ?ta dkg:onTarget/dkg:symbol ?target ; dkg:actionType/rdfs:label ?action }""")}
    assert ("DRD2", "precursor") in actions and ("DRD2", "agonist") not in actions
    [via] = [r["action"] for r in kg.sparql(
        """SELECT ?action WHERE { dkgr:mechanism-levodopa-dopamine-replacement dkg:viaTargetAction/dkg:actionType/rdfs:label ?action ;
             dkg:hasPhysiologicalEffect dkgr:physio-increased-dopaminergic-signalling ; dkg:inPathway dkgr:pathway-nigrostriatal }""")]
    assert via == "precursor"
    # indicated for the condition its opponents worsen (the opposition rule needs it)
    assert kg.ask("ASK { dkgr:drug-levodopa dkg:treats obo:HP_0001300 }")


def test_baclofen_nigrostriatal_mechanism_stays_a_hypothesis(kg: drugkg.KnowledgeGraph) -> None:
    rank, level = kg.claim_level(expand_curie("dkgr:mechanism-baclofen-nigrostriatal-dopamine"))
    assert (rank, level) == (1, "hypothesis")


def test_clozapine_low_d2_occupancy_qualifies_its_d2_mechanism(kg: drugkg.KnowledgeGraph) -> None:
    assert kg.ask("""ASK { dkgr:mechanism-clozapine-d2-blockade dkg:hasEvidence ?ev . ?ev dkg:stance "qualifies" ;
                          dkg:supportingText ?t . FILTER(CONTAINS(?t, "20-67%")) }""")


def test_every_physiological_effect_has_one_direction_and_one_signal(kg: drugkg.KnowledgeGraph) -> None:
    rows = kg.sparql("""SELECT ?p (COUNT(DISTINCT ?d) AS ?nd) (COUNT(DISTINCT ?s) AS ?ns) WHERE {
        ?p a dkg:PhysiologicalEffect . OPTIONAL { ?p dkg:direction ?d } OPTIONAL { ?p dkg:signal ?s } } GROUP BY ?p""")
    assert len(rows) >= 16 and all(r["nd"] == 1 and r["ns"] == 1 for r in rows), rows


def test_dopaminergic_effects_oppose_on_one_signal(kg: drugkg.KnowledgeGraph) -> None:
    rows = kg.sparql("""SELECT ?dir WHERE { ?p dkg:signal dkgr:signal-dopaminergic ; dkg:direction/rdfs:label ?dir }""")
    assert sorted(r["dir"] for r in rows) == ["increased", "reduced"]


def test_interaction_severity_is_ranked_and_kept_apart_from_clinical_severity(kg: drugkg.KnowledgeGraph) -> None:
    ranks = {r["label"]: int(r["rank"]) for r in kg.sparql(
        "SELECT ?label ?rank WHERE { ?s a dkg:InteractionSeverity ; rdfs:label ?label ; dkg:rank ?rank }")}
    assert ranks == {"contraindicated": 4, "avoid combination": 3, "adjust dose or monitor": 2, "consider": 1}
    assert kg.ask("""ASK { ?ix a dkg:Interaction ; dkg:interactionSeverity dkgr:ddi-contraindicated ;
                          dkg:hasParticipant dkgr:drug-pimozide }""")
    assert not kg.ask("ASK { ?ix a dkg:Interaction ; dkg:severity ?s }")


def test_qualifiers_population_and_dose_relation(kg: drugkg.KnowledgeGraph) -> None:
    assert kg.ask("""ASK { dkgr:interaction-baclofen-levodopa dkg:population "in Parkinson disease" }""")
    assert kg.ask("ASK { ?a a dkg:AdverseEffectAssertion ; dkg:doseRelated true }")
    assert kg.ask("""ASK { dkgr:interaction-baclofen-intrathecal-morphine dkg:viaRoute dkgr:route-intrathecal }""")


def test_sources_keep_their_urls(kg: drugkg.KnowledgeGraph) -> None:
    rows = kg.sparql("SELECT ?u WHERE { dkgr:source-fda-ddi-table dkg:url ?u }")
    assert [r["u"] for r in rows] == [
        "https://www.fda.gov/drugs/drug-interactions-labeling/healthcare-professionals-fdas-examples-drugs-interact-cyp-enzymes-and-transporter-systems"]


@pytest.mark.parametrize(("brand", "drug"), [("Paxil", "paroxetine"), ("Haldol", "haloperidol"), ("Sinemet", "levodopa"),
                                             ("Clozaril", "clozapine"), ("Mirapex", "pramipexole"), ("Lithobid", "lithium")])
def test_brand_names_resolve(kg: drugkg.KnowledgeGraph, brand: str, drug: str) -> None:
    assert kg.drug(brand).label == drug
    assert kg.drug(brand.upper()).label == drug


def test_every_unique_brand_of_every_drug_resolves_to_it(kg: drugkg.KnowledgeGraph) -> None:
    rows = kg.sparql("SELECT ?drug ?brand WHERE { ?drug dkg:brandName ?brand }")
    owners: dict[str, set[str]] = {}
    for r in rows:
        owners.setdefault(r["brand"], set()).add(r["drug"])
    assert len(owners) >= 50
    for brand, drugs in owners.items():
        if len(drugs) == 1:
            assert kg.drug(brand).curie == next(iter(drugs)), brand
        else:  # a combination product sold under one name: the name is ambiguous, and says so
            with pytest.raises(NotFound):
                kg.drug(brand)


def test_curators_drug_aliases_are_the_same_drug(kg: drugkg.KnowledgeGraph) -> None:
    assert kg.drug("valproate").label == "valproic acid"
    assert not kg.ask("ASK { dkgr:drug-valproate ?p ?o }")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sedation", "dkg:Sedation"),
        ("somnolence", "HP:0002329"),
        ("serotonin-syndrome", "dkg:SerotoninSyndrome"),
        ("serotonin toxicity", "dkg:SerotoninSyndrome"),
        ("respiratory depression", "dkg:RespiratoryDepression"),
        ("QT prolongation", "dkg:QTProlongation"),
        ("torsades de pointes", "dkg:TorsadesDePointes"),
        ("NMS", "dkg:NeurolepticMalignantSyndrome"),
        ("seizure", "HP:0001250"),
        ("convulsions", "HP:0001250"),
        ("tremor", "HP:0001337"),
        ("akathisia", "HP:0031943"),
        ("tardive dyskinesia", "HP:0040141"),
        ("EPS", "dkg:ExtrapyramidalSymptoms"),
        ("worsened parkinsonism", "dkg:WorsenedParkinsonism"),
        ("CNS depression", "dkg:CNSDepression"),
        ("HP_0001300", "HP:0001300"),
        ("obo:HP_0001332", "HP:0001332"),
    ],
)
def test_effect_classes_resolve_and_have_members(kg: drugkg.KnowledgeGraph, name: str, expected: str) -> None:
    iri = kg.resolve(name, "effect")
    assert iri == expand_curie(expected)
    members = kg.sparql("SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d dkg:hasAdverseEffect ?x . ?x rdfs:subClassOf* ?e } GROUP BY ?e",
                        params={"e": iri})
    assert members and int(members[0]["n"]) >= 3, (name, members)


@pytest.mark.parametrize(
    ("narrow", "broad"),
    [
        ("respiratory depression", "CNS depression"),
        ("sedation", "CNS depression"),
        ("HP:0002791", "CNS depression"),       # hypoventilation, HPO's term for respiratory depression
        ("tardive dyskinesia", "movement disorder"),
        ("akathisia", "EPS"),
        ("EPS", "movement disorder"),
        ("worsened parkinsonism", "HP:0001300"),
        ("lowered seizure threshold", "seizure"),
        ("QT prolongation", "HP:0001657"),
        ("HP:0001657", "QT prolongation"),      # equivalent classes
    ],
)
def test_effect_hierarchy(kg: drugkg.KnowledgeGraph, narrow: str, broad: str) -> None:
    assert kg.ask("ASK { ?n rdfs:subClassOf* ?b }", params={"n": kg.resolve(narrow, "effect"), "b": kg.resolve(broad, "effect")})


def test_class_names_researchers_type(kg: drugkg.KnowledgeGraph) -> None:
    assert kg.resolve("SSRI", "drugclass") == expand_curie("dkg:SSRI")
    members = {r["drugLabel"] for r in kg.query("class-members", **{"class": "SSRIs"})}
    assert {"fluoxetine", "paroxetine", "sertraline"} <= members
    # the defined class also takes SNRIs and opioids that block SERT
    sri = {r["drugLabel"] for r in kg.query("class-members", **{"class": "serotonin reuptake inhibitor"})}
    assert members <= sri and len(sri) > len(members)


def test_treat_and_cause_has_one_row_per_drug_and_effect_pair(kg: drugkg.KnowledgeGraph) -> None:
    rows = list(kg.query("treat-and-cause", effect="dystonia"))
    keys = [(r["drug"], r["treats"], r["causes"]) for r in rows]
    assert len(keys) == len(set(keys)) and ("dkgr:drug-baclofen", "HP:0001332", "HP:0001332") in keys
    assert "effect" not in rows[0]
    [row] = [r for r in rows if r["treats"] == "HP:0001332" and r["causes"] == "HP:0001332"]
    assert "dkgr:assertion-baclofen-dystonia-on-starting" in row["adverse"].split("|")
