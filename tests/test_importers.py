"""Importers: each format from fixtures written here in its released layout (never copies of the data)."""
# ruff: noqa: E501 -- fixture rows and XML are kept on one line each, as released

from __future__ import annotations

import gc
import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest

import drugkg
from drugkg.cli import main
from drugkg.errors import DataError
from drugkg.importers.identity import stitch_to_pubchem
from drugkg.store.datasets import import_files, list_sources

TWOSIDES_HEADER = ("drug_1_rxnorn_id,drug_1_concept_name,drug_2_rxnorm_id,drug_2_concept_name,condition_meddra_id,"
                   "condition_concept_name,A,B,C,D,PRR,PRR_error,mean_reporting_frequency")
TWOSIDES_ROWS = [
    '61381,Olanzapine,990001,"Zetadrug, USP",10043118,Tardive dyskinesia,6,126,21,1299,2.85714,0.45382,0.0454545',
    '61381,Olanzapine,990001,"Zetadrug, USP",10044565,Tremor,3,10,5,900,4.5,,0.1',
    '61381,Olanzapine,990002,Omegadrug,10044565,Tremor,3,10,5,900,9.5,0.3,0.1',
    '61381,Olanzapine,990001,"Zetadrug, USP",10099999,Invented reaction,3,10,5,900,1.5,0.3,0.1',
    '990003,Alphadrug,61381,Olanzapine,10044565,Tremor,3,10,5,900,3.0,0.3,0.1',
]
BAD = ['61381,Olanzapine,990001,Zetadrug,10044565,Tremor,3,10,5,900,high,0.3,0.1', "61381,Olanzapine"]


def write(path: Path, lines: list[str], *, crlf: bool = False, gz: bool = False) -> Path:
    data = ("\r\n" if crlf else "\n").join(lines).encode() + (b"\r\n" if crlf else b"\n")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def undeclared(kg: drugkg.KnowledgeGraph) -> set[str]:
    """drugkg properties used in the store (imports and their records included) that the ontology does not declare."""
    rows = kg.sparql("SELECT DISTINCT ?p WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?p), STR(dkg:))) "
                     "FILTER NOT EXISTS { ?p a ?kind VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty } } }")
    assert isinstance(rows, list)
    return {str(r["p"]) for r in rows if isinstance(r, dict)}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


def test_stitch_ids_convert_to_pubchem() -> None:
    assert stitch_to_pubchem("CID100002818") == "2818"  # flat: PubChem CID + 100,000,000
    assert stitch_to_pubchem("CID000002818") == "2818"  # stereo: the CID itself
    assert stitch_to_pubchem("CIDm00002818") == stitch_to_pubchem("CIDs00002818") == "2818"
    assert stitch_to_pubchem("DB00181") is None


def test_twosides_import_is_idempotent_and_answers_risk_as_signals(store: Path, tmp_path: Path) -> None:
    f = write(tmp_path / "TWOSIDES.csv.gz", [TWOSIDES_HEADER, *TWOSIDES_ROWS, *BAD], crlf=True, gz=True)
    r = import_files(store, "twosides", [f], quiet=True)
    assert (r.rows, r.assertions, r.rejected) == (7, 5, 2)
    assert any(":7: PRR is not a number" in b for b in r.bad) and any(":8: expected 13" in b for b in r.bad)
    assert r.drugs["matched"] == 1 and r.drugs["new"] == 3
    assert (r.effects["mapped"], r.effects["unmapped"]) == (2, 1)
    before = len(ox.Store.read_only(str(store)))
    again = import_files(store, "twosides", [f], quiet=True)
    assert again.skipped and len(ox.Store.read_only(str(store))) == before
    kg = drugkg.load(store)
    assert undeclared(kg) == set()
    combos = kg.risky_combinations("movement disorder", drugs=["olanzapine"])
    signals = [c for c in combos if c.level == "pharmacovigilance signal"]
    # two signals outrank one; among single signals (same score) the stronger PRR (9.5) comes before 3.0
    assert [c.drugs for c in signals] == [("olanzapine", "zetadrug, usp"), ("olanzapine", "omegadrug"), ("alphadrug", "olanzapine")]
    assert all("not a cause" in c.reason and "causes" not in c.reason for c in signals)
    assert {"Tardive dyskinesia (MedDRA 10043118)", "Tremor (MedDRA 10044565)"} <= set(signals[0].outcomes)
    assert not any("Invented reaction" in o for o in signals[0].outcomes)
    ev = signals[1].evidence[0]
    assert ev.source == "TWOSIDES" and "not evidence of causation" in (ev.text or "")
    assert dict(ev.statistics)["prr"] == 9.5 and "PRR 9.5 ± 0.3" in ev.short()
    assert "(PRR 9.5; a signal, not a cause)" in signals[1].reason
    # the evidence of a row names its file; the claim IRI its line
    assert kg.ask("ASK { ?e dkg:fromFile 'TWOSIDES.csv.gz' ; dkg:fromSource/dkg:fileDigest ?d }")
    assert all("TWOSIDES.csv.gz-" in claim for e in signals[1].explanation for claim in e.claims)
    stats = {r["name"]: r["value"] for r in kg.query("claim-statistics", claim=signals[1].explanation[0].claims[0])}
    assert (stats["prr"], stats["prrError"]) == (9.5, 0.3)
    assert set(stats) == {"prr", "prrError", "countA", "countB", "countC", "countD", "meanReportingFrequency"}
    prr = kg.sparql("SELECT ?p WHERE { ?e dkg:prr ?p } ORDER BY DESC(?p) LIMIT 1")
    assert prr[0]["p"] == 9.5  # type: ignore[index]


def test_strict_bad_row_adds_nothing(store: Path, tmp_path: Path) -> None:
    good = write(tmp_path / "ok.csv", [TWOSIDES_HEADER, TWOSIDES_ROWS[0]])
    import_files(store, "twosides", [good], quiet=True)
    n = len(ox.Store.read_only(str(store)))
    bad = write(tmp_path / "OFFSIDES.csv", ["drug_rxnorn_id,drug_concept_name,condition_meddra_id,condition_concept_name,"
                                            "A,B,C,D,PRR,PRR_error,mean_reporting_frequency",
                                            "61381,olanzapine,10044565,Tremor,1,2,3,4,2.0,0.1,0.01",
                                            "61381,olanzapine,10044565,Tremor,1,2,3,4,x,0.1,0.01"])
    try:
        import_files(store, "offsides", [bad], strict=True, quiet=True)
        raise AssertionError("a strict import with a bad row must fail")
    except DataError as err:
        assert "OFFSIDES.csv:3: PRR is not a number" in str(err)
    st = ox.Store.read_only(str(store))
    assert len(st) == n and [s.name for s in list_sources(st)] == ["twosides-0.1"]
    del st
    gc.collect()
    assert drugkg.load(store).info()["triples"] > 0  # the store is intact (its manifest matches its files)


def test_sider_files_merge_by_pubchem_and_map_umls(store: Path, tmp_path: Path) -> None:
    se = write(tmp_path / "meddra_all_se.tsv.gz", [
        "CID100004585\tCID000004585\tC0686347\tLLT\tC0686347\tTardive dyskinesia",
        "CID100004585\tCID000004585\tC0686347\tPT\tC0686347\tTardive dyskinesia",
        "CID100123456\tCID000123456\tC0040822\tPT\tC0040822\tTremor",
        "CID100123456\tbroken"], gz=True)
    freq = write(tmp_path / "meddra_freq.tsv", [
        "CID100004585\tCID000004585\tC0686347\t\t3%\t0.03\t0.03\tPT\tC0686347\tTardive dyskinesia",
        "CID100004585\tCID000004585\tC0686347\tplacebo\t1%\t0.01\t0.01\tPT\tC0686347\tTardive dyskinesia"], crlf=True)
    names = write(tmp_path / "drug_names.tsv", ["CID100004585\tolanzapine", "CID100123456\tsiderdrug"])
    atc = write(tmp_path / "drug_atc.tsv", ["CID100123456\tN05AX99"])
    r = import_files(store, "sider", [se, freq, names, atc], quiet=True)
    assert r.assertions == 4 and r.rejected == 1 and r.drugs["matched"] == 1
    kg = drugkg.load(store)
    rows = kg.sparql("SELECT ?d ?lo ?pl WHERE { ?a dkg:subject ?d ; dkg:hasEvidence ?e ; dkg:frequencyLower ?lo ; dkg:placebo ?pl }")
    assert {(r["d"], r["lo"], r["pl"]) for r in rows} == {("dkgr:drug-olanzapine", 0.03, False), ("dkgr:drug-olanzapine", 0.01, True)}  # type: ignore[index]
    assert undeclared(kg) == set()
    assert kg.ask("ASK { ?a dkg:subject dkgr:drug-olanzapine ; dkg:effect ?e . ?e rdfs:subClassOf* dkg:MovementDisorder }")


def test_onsides_v3_tables(store: Path, tmp_path: Path) -> None:
    files = [
        write(tmp_path / "product_adverse_effect.csv", ["product_label_id,effect_id,label_section,effect_meddra_id,match_method,pred0,pred1",
                                                        "1,10,AR,10001541,PMB,0.1,0.9", "1,11,BW,10044565,PMB,,", "9,12,AR,10044565,PMB,0,0.5"]),
        write(tmp_path / "product_to_rxnorm.csv", ["label_id,rxnorm_product_id", "1,5001"]),
        write(tmp_path / "vocab_rxnorm_ingredient_to_product.csv", ["product_id,ingredient_id", "61381,5001"]),  # swapped, as released
        write(tmp_path / "vocab_rxnorm_ingredient.csv", ["rxnorm_id,rxnorm_name,rxnorm_term_type", "61381,olanzapine,IN"]),
        write(tmp_path / "vocab_meddra_adverse_effect.csv", ["meddra_id,meddra_name,meddra_term_type", "10001541,Akathisia,PT", "10044565,Tremor,PT"]),
    ]
    r = import_files(store, "onsides", files, quiet=True)
    assert r.assertions == 2 and r.rejected == 1 and r.drugs["matched"] == 1
    kg = drugkg.load(store)
    assert kg.ask("ASK { ?a dkg:subject dkgr:drug-olanzapine ; dkg:effect/rdfs:subClassOf obo:HP_0031943 }")
    assert undeclared(kg) == set()


DRUGBANK = """<?xml version="1.0" encoding="UTF-8"?>
<drugbank xmlns="http://www.drugbank.ca" version="5.1">
<drug type="small molecule"><drugbank-id primary="true">DB99901</drugbank-id><drugbank-id>APRD0</drugbank-id>
<name>Syntheprazine</name><synonyms><synonym language="english">Synthe-P</synonym></synonyms>
<international-brands><international-brand><name>Synthax</name></international-brand></international-brands>
<categories><category><category>Antipsychotic Agents</category><mesh-id>D014150</mesh-id></category></categories>
<atc-codes><atc-code code="N05AX98"/></atc-codes>
<external-identifiers><external-identifier><resource>PubChem Compound</resource><identifier>99990001</identifier></external-identifier></external-identifiers>
<targets><target position="1"><id>BE0000756</id><name>D(2) dopamine receptor</name><organism>Humans</organism>
<actions><action>antagonist</action></actions><known-action>yes</known-action>
<polypeptide id="P14416" source="Swiss-Prot"><name>D(2) dopamine receptor</name><gene-name>DRD2</gene-name></polypeptide></target></targets>
<enzymes><enzyme><id>BE0002363</id><name>Cytochrome P450 2D6</name><actions><action>inhibitor</action></actions>
<polypeptide id="P10635" source="Swiss-Prot"><gene-name>CYP2D6</gene-name></polypeptide></enzyme></enzymes>
<drug-interactions><drug-interaction><drugbank-id>DB99902</drugbank-id><name>Otherdrug</name>
<description>May increase the sedative effect.</description></drug-interaction></drug-interactions>
</drug>
<drug type="small molecule"><drugbank-id primary="true">DB00334</drugbank-id><name>Olanzapine</name></drug>
</drugbank>
"""


def test_drugbank_xml_classifies_by_targets(store: Path, tmp_path: Path) -> None:
    f = tmp_path / "full database.xml.gz"
    f.write_bytes(gzip.compress(DRUGBANK.encode()))
    r = import_files(store, "drugbank", [f], quiet=True)
    assert r.drugs["matched"] == 1 and r.classified >= 1
    kg = drugkg.load(store)
    d = kg.drug("Synthax")
    assert "dopamine D2 receptor antagonist" in d.classes and "DRUGBANK:DB99901" in d.identifiers
    assert kg.ask("ASK { ?d dkg:hasTargetAction/dkg:onTarget dkgr:target-CYP2D6 . ?d rdfs:label 'syntheprazine' }")
    assert kg.ask("ASK { ?i a dkg:Interaction ; dkg:hasParticipant ?d . ?d rdfs:label 'otherdrug' }")
    assert kg.ask("ASK { dkgr:target-CYP2D6 dkg:symbol 'CYP2D6' }")
    assert undeclared(kg) == set()


def test_drugbank_target_actions_take_part_in_same_mechanism_addition(store: Path, tmp_path: Path) -> None:
    # Syntheprazine (made up) has only DrugBank's DRD2 antagonist row: haloperidol's mechanism through
    # the same target action pairs them for movement disorder, graded as the database row allows
    f = tmp_path / "full database.xml.gz"
    f.write_bytes(gzip.compress(DRUGBANK.encode()))
    import_files(store, "drugbank", [f], quiet=True)
    kg = drugkg.load(store)
    combo = kg.explain("Synthax", "haloperidol", effect="movement disorder")
    assert combo is not None
    [add] = [e for e in combo.explanation if e.rule == "addition"]
    assert "antagonist" in add.summary and "DRD2" in add.summary and add.level_rank <= 2
    assert any(s.type == "target action" for s in add.path) and add.outcomes


DRUGBANK_AGONIST = """<?xml version="1.0" encoding="UTF-8"?>
<drugbank xmlns="http://www.drugbank.ca" version="5.1">
<drug type="small molecule"><drugbank-id primary="true">DB99903</drugbank-id><name>Dopaxamine</name>
<targets><target position="1"><id>BE0000756</id><name>D(2) dopamine receptor</name><organism>Humans</organism>
<actions><action>agonist</action></actions><known-action>yes</known-action>
<polypeptide id="P14416" source="Swiss-Prot"><name>D(2) dopamine receptor</name><gene-name>DRD2</gene-name></polypeptide></target></targets>
</drug>
</drugbank>
"""


def test_drugbank_agonist_opposes_a_curated_blocker_through_class_level_mechanisms(store: Path, tmp_path: Path) -> None:
    # Dopaxamine (made up) has only DrugBank's DRD2 agonist row and no indication: the class-level
    # mechanisms of DRD2 agonism (mesolimbic, chemoreceptor trigger zone) oppose haloperidol's
    # antipsychotic treatment and metoclopramide's antiemetic one, so each may lose its effect
    f = tmp_path / "drugbank.xml"
    f.write_text(DRUGBANK_AGONIST)
    import_files(store, "drugbank", [f], quiet=True)
    kg = drugkg.load(store)
    for blocker, pathway in (("haloperidol", "mesolimbic"), ("metoclopramide", "chemoreceptor")):
        combo = kg.explain("Dopaxamine", blocker, effect="loss of efficacy")
        assert combo is not None, blocker
        [opp] = [e for e in combo.explanation if e.rule == "opposition"]
        assert f"opposes {blocker}" in opp.summary and pathway in opp.summary
        assert opp.outcomes == ("loss of therapeutic effect",)
        assert any(s.type == "target action" for s in opp.path)
    # no indication of its own: nothing of Dopaxamine's is lost, so no movement-disorder outcome
    assert kg.explain("Dopaxamine", "haloperidol", effect="movement disorder") is None


def test_rdf_and_cli(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ttl = tmp_path / "extra.ttl"
    ttl.write_text("@prefix dkg: <https://w3id.org/drugkg/ontology/> . @prefix dkgr: <https://w3id.org/drugkg/resource/> .\n"
                   "dkgr:drug-rdfdrug a dkg:Drug ; <http://www.w3.org/2000/01/rdf-schema#label> \"rdfdrug\" .\n")
    assert main(["import", "rdf", str(ttl), "--store", str(store), "--quiet"]) == 0
    assert main(["sources", "--store", str(store), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "rdf-" in out and ",1,0," not in out.splitlines()[-1][:3]
    assert drugkg.load(store).drug("rdfdrug").label == "rdfdrug"
    assert main(["import", "nosuch", str(ttl), "--store", str(store)]) == 2
    name = list_sources(ox.Store.read_only(str(store)))[0].name
    assert main(["sources", "remove", name, "--store", str(store)]) == 0
    assert list_sources(ox.Store.read_only(str(store))) == []


OFFSIDES_HEADER = ("drug_rxnorn_id,drug_concept_name,condition_meddra_id,condition_concept_name,"
                   "A,B,C,D,PRR,PRR_error,mean_reporting_frequency")


def test_pairs_are_unordered_whichever_column_a_drug_is_in(store: Path, tmp_path: Path) -> None:
    """A pair reported as (A, B) in one row and (B, A) in another is one pair: counting distinct
    (drug_1, drug_2) rows, as a quick pandas filter does, counts it twice."""
    rows = ['61381,Olanzapine,990002,Omegadrug,10044565,Tremor,3,10,5,900,2.0,0.3,0.1',
            '990002,Omegadrug,61381,Olanzapine,10001541,Akathisia,3,10,5,900,2.5,0.3,0.1',
            '990003,Alphadrug,61381,Olanzapine,10044565,Tremor,3,10,5,900,3.0,0.3,0.1',
            '61381,Olanzapine,990004,Betadrug,10099999,Invented reaction,3,10,5,900,8.0,0.3,0.1']
    f = write(tmp_path / "TWOSIDES.csv", [TWOSIDES_HEADER, *rows])
    import_files(store, "twosides", [f], quiet=True)
    combos = drugkg.load(store).risky_combinations("movement disorder", drugs=["olanzapine"])
    movement = [r.split(",") for r in rows if r.split(",")[5] in ("Tremor", "Akathisia")]
    ordered = {(r[1].lower(), r[3].lower()) for r in movement}
    unordered = {frozenset(p) for p in ordered}
    assert (len(ordered), len(unordered)) == (3, 2)
    imported = {"omegadrug", "alphadrug", "betadrug"}
    assert {frozenset(c.drugs) for c in combos if imported & set(c.drugs)} == unordered
    both = next(c for c in combos if "omegadrug" in c.drugs)
    assert set(both.outcomes) == {"Tremor (MedDRA 10044565)", "Akathisia (MedDRA 10001541)"} and both.reasons == 2


def test_explain_and_effects_on_imported_rows(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    two = write(tmp_path / "TWOSIDES.csv", [TWOSIDES_HEADER, *TWOSIDES_ROWS])
    off = write(tmp_path / "OFFSIDES.csv.gz", [OFFSIDES_HEADER, "990002,Omegadrug,10043118,Tardive dyskinesia,7,70,2,2000,6.25,0.4,0.02",
                                              "990002,Omegadrug,10099999,Invented reaction,1,70,2,2000,1.5,0.4,0.02"], gz=True)
    import_files(store, "twosides", [two], quiet=True)
    import_files(store, "offsides", [off], quiet=True)
    kg = drugkg.load(store)

    effects = kg.effects("omegadrug")
    by_label = {e.effect_label: e for e in effects}
    assert set(by_label) == {"Tardive dyskinesia (MedDRA 10043118)", "Invented reaction (MedDRA 10099999)"}
    td = by_label["Tardive dyskinesia (MedDRA 10043118)"]
    assert td.level == "pharmacovigilance signal" and td.level_rank == 1
    assert td.evidence[0].source == "OFFSIDES" and dict(td.evidence[0].statistics)["prr"] == 6.25
    assert dict(td.evidence[0].statistics)["countA"] == 7
    assert kg.effects("omegadrug", effect="movement disorder").to_dicts()[0]["effect_label"] == "Tardive dyskinesia (MedDRA 10043118)"
    # the dataset's term names HPO's class (which covers the imported one); an unmapped term is found by its name
    assert kg.resolve("tardive dyskinesia", "effect").endswith("HP_0040141")
    assert kg.effects("omegadrug", effect="tardive dyskinesia")[0].effect.endswith("effect-meddra-10043118")
    assert kg.resolve("invented reaction", "effect").endswith("effect-meddra-10099999")

    c = kg.explain("olanzapine", "omegadrug", effect="movement disorder")
    assert c is not None and c.level == "pharmacovigilance signal"
    recorded = [e for e in c.explanation if e.rule == "recorded"]
    assert len(recorded) == 1 and "reported together more often than expected" in recorded[0].summary
    assert "(PRR 9.5; a signal, not a cause)" in recorded[0].summary and ("PRR", "9.5") in recorded[0].details
    assert [s.type for s in recorded[0].path] == ["drug", "interaction", "drug"]
    assert dict(recorded[0].evidence[0].statistics)["prrError"] == 0.3
    assert kg.explain("olanzapine", "alphadrug", effect="dystonia") is None  # their one row is a tremor signal
    del kg, c, recorded, effects, by_label, td
    gc.collect()  # the CLI opens the store itself

    assert main(["explain", "olanzapine", "omegadrug", "--effect", "movement disorder", "--store", str(store), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "a signal, not a cause" in out and '"prr"' in out
    gc.collect()
    assert main(["effects", "omegadrug", "--store", str(store)]) == 0
    assert "Tardive dyskinesia" in capsys.readouterr().out


def test_an_interrupted_import_is_recovered_by_the_next_open_for_import(store: Path, tmp_path: Path) -> None:
    from drugkg.errors import StoreError
    from drugkg.store.build import builder_lock, reseal
    from drugkg.store.datasets import META, open_for_import

    f = write(tmp_path / "TWOSIDES.csv", [TWOSIDES_HEADER, TWOSIDES_ROWS[0]])
    import_files(store, "twosides", [f], quiet=True)
    n = len(ox.Store.read_only(str(store)))
    gc.collect()
    # what a killed import leaves: the manifest says an import is under way, its graph is pending
    with builder_lock(store, exclusive=True):
        reseal(store, pending=True)
        st = ox.Store(str(store))
        g = ox.NamedNode("https://w3id.org/drugkg/resource/graph/import/offsides/0.1")
        st.add(ox.Quad(g, ox.NamedNode("https://w3id.org/drugkg/ontology/importState"), ox.Literal("pending"), META))
        st.add(ox.Quad(ox.NamedNode("http://x/half"), ox.NamedNode("http://x/p"), ox.Literal("row"), g))
        st.flush()
        del st
        gc.collect()
    with pytest.raises(StoreError, match="import was interrupted"):
        drugkg.load(store)
    with open_for_import(store) as w:
        assert [s.name for s in list_sources(w.open)] == ["twosides-0.1"] and len(w.open) == n
    gc.collect()
    assert drugkg.load(store).info()["triples"] > 0


def test_a_stale_store_with_imports_is_not_rebuilt_silently(store: Path, tmp_path: Path) -> None:
    import json

    from drugkg.errors import StoreError
    from drugkg.store.build import MANIFEST

    import_files(store, "twosides", [write(tmp_path / "TWOSIDES.csv", [TWOSIDES_HEADER, TWOSIDES_ROWS[0]])], quiet=True)
    manifest = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["imports"] == ["twosides-0.1"]
    manifest["digest"] = "0" * 64  # as if the curated sources had changed since (a new drugkg release)
    (store / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StoreError, match="would drop"):
        drugkg.load(store)
    assert [s.name for s in list_sources(ox.Store.read_only(str(store)))] == ["twosides-0.1"]
