"""The curated graph holds the sourced facts and every claim of the source article, with sources and marks.

The expectations below are the project's own fixture list, written from the curated sources
(fact sheet and article claims S1..S19); they are not read from the graph or from outside the repo.
"""

from __future__ import annotations

import pytest

import drugkg

#: Verified identifiers per drug (DrugBank extract, UniChem ChEBI mapping, exact-InChI PubChem CIDs, CPIC RxNorm).
DRUG_IDS = {
    "baclofen": ["CHEBI:2972", "DRUGBANK:DB00181", "ATC:M03BX01", "PUBCHEM.COMPOUND:2284", "INCHIKEY:KPYSYYIEGFHWSV-UHFFFAOYSA-N"],
    "haloperidol": ["DRUGBANK:DB00502", "CHEBI:5613", "PUBCHEM.COMPOUND:3559", "ATC:N05AD01", "RXNORM:5093"],
    "risperidone": ["DRUGBANK:DB00734", "CHEBI:8871", "PUBCHEM.COMPOUND:5073", "ATC:N05AX08", "RXNORM:35636"],
    "olanzapine": ["DRUGBANK:DB00334", "CHEBI:7735", "ATC:N05AH03", "RXNORM:61381"],
    "clozapine": ["DRUGBANK:DB00363", "CHEBI:3766", "ATC:N05AH02", "RXNORM:2626"],
    "metoclopramide": ["DRUGBANK:DB01233", "PUBCHEM.COMPOUND:4168", "ATC:A03FA01", "RXNORM:6915"],
    "prochlorperazine": ["DRUGBANK:DB00433", "PUBCHEM.COMPOUND:4917", "ATC:N05AB04"],
    "promethazine": ["DRUGBANK:DB01069", "PUBCHEM.COMPOUND:4927", "ATC:R06AD02"],
    "lithium": ["DRUGBANK:DB01356", "CHEBI:49713", "PUBCHEM.COMPOUND:28486", "ATC:N05AN01"],
    "valproic acid": ["DRUGBANK:DB00313", "CHEBI:39867", "PUBCHEM.COMPOUND:3121", "ATC:N03AG01", "RXNORM:11118"],
    "levodopa": ["DRUGBANK:DB01235", "CHEBI:15765", "PUBCHEM.COMPOUND:6047", "ATC:N04BA01"],
    "carbidopa": ["DRUGBANK:DB00190"],
    "tetrabenazine": ["DRUGBANK:DB04844", "CHEBI:64028", "PUBCHEM.COMPOUND:6018", "ATC:N07XX06", "RXNORM:10390"],
    "fluoxetine": ["DRUGBANK:DB00472", "CHEBI:5118", "PUBCHEM.COMPOUND:3386", "ATC:N06AB03", "RXNORM:4493"],
    "sertraline": ["DRUGBANK:DB01104", "CHEBI:9123", "PUBCHEM.COMPOUND:68617", "ATC:N06AB06", "RXNORM:36437"],
    "paroxetine": ["DRUGBANK:DB00715", "CHEBI:7936", "PUBCHEM.COMPOUND:43815", "ATC:N06AB05", "RXNORM:32937"],
    "amitriptyline": ["DRUGBANK:DB00321", "CHEBI:2666", "RXNORM:704"],
    "imipramine": ["DRUGBANK:DB00458", "RXNORM:5691"],
    "nortriptyline": ["DRUGBANK:DB00540", "CHEBI:7640", "RXNORM:7531"],
}

#: Identifiers the sources mark unverified: they must not be asserted as identifiers.
UNVERIFIED_IDS = {"baclofen": ["RXNORM:1292", "MESH:D001418"]}

TARGET_IDS = {
    "GABBR1": ["UniProtKB:Q9UBS5", "NCBIGene:2550", "HGNC:4070"],
    "GABBR2": ["UniProtKB:O75899", "NCBIGene:9568", "HGNC:4507"],
    "DRD2": ["UniProtKB:P14416", "NCBIGene:1813", "HGNC:3023"],
    "SLC18A2": ["UniProtKB:Q05940", "NCBIGene:6571", "HGNC:10935"],
    "SLC6A4": ["UniProtKB:P31645", "NCBIGene:6532"],
    "HTR2A": ["UniProtKB:P28223", "NCBIGene:3356"],
    "HRH1": ["UniProtKB:P35367", "NCBIGene:3269"],
    "DDC": ["UniProtKB:P20711", "NCBIGene:1644"],
    "GSK3B": ["UniProtKB:P49841", "NCBIGene:2932"],
}

#: (drug, target symbol, action) recorded as known actions.
TARGET_ACTIONS = [
    ("baclofen", "GABBR1", "agonist"), ("baclofen", "GABBR2", "agonist"), ("haloperidol", "DRD2", "antagonist"),
    ("risperidone", "DRD2", "antagonist"), ("risperidone", "HTR2A", "antagonist"), ("clozapine", "DRD2", "antagonist"),
    ("clozapine", "HTR2A", "antagonist"), ("olanzapine", "DRD2", "antagonist"), ("metoclopramide", "DRD2", "antagonist"),
    ("prochlorperazine", "DRD2", "antagonist"), ("promethazine", "HRH1", "antagonist"), ("tetrabenazine", "SLC18A2", "inhibitor"),
    ("fluoxetine", "SLC6A4", "inhibitor"), ("sertraline", "SLC6A4", "inhibitor"), ("paroxetine", "SLC6A4", "inhibitor"),
    ("lithium", "GSK3B", "inhibitor"), ("carbidopa", "DDC", "inhibitor"),
]

#: Sources with their identifier and verification status, as the curated fact sheet gives them.
SOURCES = [
    ("CR1", "DOI:10.4103/jopsys.jopsys_5_21", "verified"),
    ("CR2", "PMID:27789113", "verified"),
    ("CR6", "PMID:782159", "secondary"),
    ("COFFEY", "DOI:10.1053/apmr.2002.32820", "verified"),
    ("MUIRHEAD", "PMID:20807402", "verified"),
    ("PMID15301690", "PMID:15301690", "verified"),
    ("PMID8420527", "PMID:8420527", "verified"),
    ("PMID7689406", "PMID:7689406", "verified"),
    ("PMID12872287", "PMID:12872287", "verified"),
    ("US_IT", "e05080ef-53d9-4060-aaa4-86a6935467de", "verified"),
]

#: Recorded interactions: (participant labels, outcome CURIE under the effect class, sources that support it).
INTERACTIONS = [
    ({"baclofen", "lithium"}, "HP:0002487", {"CA_PM", "CH_FI"}),
    ({"baclofen", "levodopa"}, "HP:0001300", {"CA_PM", "CH_FI"}),
    ({"baclofen", "antipsychotic"}, "dkg:MovementDisorder", {"ARTICLE"}),
    ({"baclofen", "clozapine"}, "HP:0100660", {"ARTICLE"}),
    ({"baclofen", "tricyclic antidepressant"}, "HP:0001252", {"CA_PM", "CH_FI"}),
    ({"baclofen", "antihypertensive"}, "HP:0002615", {"CA_PM", "CH_FI"}),
]

#: Article claims S1..S19: a claim node that carries evidence from the article with that reference.
SEED_CLAIMS = {
    "S1": "assertion-baclofen-treats-spasticity", "S2": "mechanism-baclofen-spinal-reflex-inhibition",
    "S3": "assertion-baclofen-dystonia-on-starting", "S4": "assertion-baclofen-tremor-on-starting",
    "S5": "mechanism-baclofen-nigrostriatal-dopamine", "S6": "management-closer-monitoring",
    "S7": "withdrawal-baclofen-intrathecal-withdrawal", "S8": "mechanism-baclofen-withdrawal-rebound",
    "S9": "assertion-baclofen-intrathecal-withdrawal-altered-mental-status-progressive",
    "S10": "withdrawal-baclofen-intrathecal-withdrawal", "S11": "management-intensive-supportive-care",
    "S12": "interaction-baclofen-antipsychotics", "S13": "interaction-baclofen-clozapine",
    "S14": "claim-dyskinesia-vs-dystonia", "S15": "management-discontinuation",
    "S16": "assertion-baclofen-intrathecal-withdrawal-status-dystonicus-progressive",
    "S17": "assertion-baclofen-treats-dystonia", "S18": "management-slow-taper",
    "S19": "interaction-baclofen-antipsychotics",
}


@pytest.mark.parametrize(("drug", "ids"), DRUG_IDS.items())
def test_drug_identifiers(kg: drugkg.KnowledgeGraph, drug: str, ids: list[str]) -> None:
    d = kg.drug(drug)
    assert set(ids) <= set(d.identifiers)
    for curie in ids:  # each expands with a standard prefix, and names the drug
        drugkg.namespaces.expand_curie(curie)
        assert kg.drug(curie).label == d.label


@pytest.mark.parametrize(("drug", "ids"), UNVERIFIED_IDS.items())
def test_unverified_identifiers_not_asserted(kg: drugkg.KnowledgeGraph, drug: str, ids: list[str]) -> None:
    assert not set(ids) & set(kg.drug(drug).identifiers)


@pytest.mark.parametrize(("symbol", "ids"), TARGET_IDS.items())
def test_target_identifiers(kg: drugkg.KnowledgeGraph, symbol: str, ids: list[str]) -> None:
    rows = kg.sparql("SELECT ?s ?t ?id WHERE { ?t dkg:symbol ?s ; dkg:identifier ?id }", params={"s": symbol})
    assert set(ids) <= {r["id"] for r in rows}


@pytest.mark.parametrize(("drug", "symbol", "action"), TARGET_ACTIONS)
def test_target_actions(kg: drugkg.KnowledgeGraph, drug: str, symbol: str, action: str) -> None:
    rows = kg.query("drugs-by-target", target=symbol, action=action)
    assert drug in {r["drugLabel"] for r in rows}
    ta = next(r["ta"] for r in kg.sparql(
        "SELECT ?d ?s ?ta WHERE { ?d dkg:hasTargetAction ?ta . ?ta dkg:onTarget/dkg:symbol ?s }",
        params={"d": kg.drug(drug).curie, "s": symbol}))
    assert kg.evidence(ta), f"{ta} has no evidence"


@pytest.mark.parametrize(("key", "identifier", "status"), SOURCES)
def test_sources_and_marks(kg: drugkg.KnowledgeGraph, key: str, identifier: str, status: str) -> None:
    rows = kg.sparql(
        "SELECT ?key ?src ?id ?status WHERE { ?src dkg:sourceKey ?key ; dkg:pmid|dkg:doi|dkg:labelSetId ?id . "
        "?e dkg:fromSource ?src ; dkg:verificationStatus/rdfs:label ?status }", params={"key": key})
    assert identifier in {r["id"] for r in rows}
    assert status in {r["status"] for r in rows}


def test_clozapine_case_report_marked_not_located(kg: drugkg.KnowledgeGraph) -> None:
    ev = {e.source: e for e in kg.evidence("dkgr:interaction-baclofen-clozapine")}
    assert ev["CLOZ_CASE"].status == "primary source not located" and ev["CLOZ_CASE"].effective_rank == 1


@pytest.mark.parametrize(("participants", "outcome", "sources"), INTERACTIONS,
                         ids=lambda v: "+".join(sorted(v)) if isinstance(v, set) else None)
def test_interactions(kg: drugkg.KnowledgeGraph, participants: set[str], outcome: str, sources: set[str]) -> None:
    rows = kg.sparql("SELECT ?i ?plabel ?o WHERE { ?i a dkg:Interaction ; dkg:hasParticipant/rdfs:label ?plabel ; dkg:hasOutcome ?o }")
    by_claim: dict[str, set[str]] = {}
    outcomes: dict[str, set[str]] = {}
    for r in rows:
        by_claim.setdefault(r["i"], set()).add(r["plabel"].lower())
        outcomes.setdefault(r["i"], set()).add(r["o"])
    matches = [i for i, ps in by_claim.items() if ps == participants and outcome in outcomes[i]]
    assert matches, f"no interaction {participants} -> {outcome}"
    supporting = {e.source for i in matches for e in kg.evidence(i) if e.stance == "supports"}
    assert sources <= supporting


@pytest.mark.parametrize(("ref", "claim"), SEED_CLAIMS.items())
def test_seed_claims_carry_the_article(kg: drugkg.KnowledgeGraph, ref: str, claim: str) -> None:
    ev = kg.evidence(f"dkgr:{claim}")
    assert any(ref in e.refs and e.source in ("ARTICLE", "CR1") for e in ev), f"{ref} not on {claim}"


def test_every_seed_claim_is_represented(kg: drugkg.KnowledgeGraph) -> None:
    rows = kg.sparql("SELECT DISTINCT ?ref WHERE { ?e dkg:curationRef ?ref }")
    refs = {r["ref"] for r in rows}
    assert {f"S{i}" for i in range(1, 20)} <= refs


def test_status_dystonicus_is_local_and_under_generalized_dystonia(kg: drugkg.KnowledgeGraph) -> None:
    assert kg.resolve("status dystonicus", "effect") == "https://w3id.org/drugkg/ontology/StatusDystonicus"
    assert kg.ask("ASK { dkg:StatusDystonicus rdfs:subClassOf obo:HP_0007325 }")
    assert kg.ask("ASK { dkg:StatusDystonicus skos:altLabel ?s FILTER(LCASE(?s) = 'dystonic storm') }")
