"""Withdrawal syndromes (curation/withdrawal.yaml, curation/pharmacopoeia/withdrawal.yaml).

General properties the data define, not hard-coded answers: every syndrome is evidenced and has
at least one evidenced manifestation in the abrupt-cessation context of the syndrome's own drug;
``withdrawal()`` and ``effects(context=abrupt cessation)`` agree; and syndromes span several
curated drug classes (not only baclofen).
"""

from __future__ import annotations

import drugkg


def syndromes(kg: drugkg.KnowledgeGraph) -> dict[str, str]:
    """syndrome IRI -> drug label."""
    rows = kg.sparql("SELECT ?w ?label WHERE { ?w a dkg:WithdrawalSyndrome ; dkg:withdrawalOf/rdfs:label ?label }")
    return {r["w"]: r["label"] for r in rows}


def test_every_syndrome_has_evidence_and_evidenced_manifestations(kg: drugkg.KnowledgeGraph) -> None:
    assert syndromes(kg)
    bad = kg.sparql(
        """SELECT ?w ?why WHERE {
             ?w a dkg:WithdrawalSyndrome .
             { FILTER NOT EXISTS { ?w dkg:hasEvidence ?e } BIND("no evidence" AS ?why) }
             UNION { FILTER NOT EXISTS { ?w dkg:hasManifestation ?m } BIND("no manifestation" AS ?why) }
             UNION { ?w dkg:hasManifestation ?m . FILTER NOT EXISTS { ?m dkg:hasEvidence ?e }
                     BIND("manifestation without evidence" AS ?why) }
             UNION { ?w dkg:hasManifestation ?m . FILTER NOT EXISTS { ?m dkg:inContext dkgr:context-abrupt-cessation }
                     BIND("manifestation outside abrupt cessation" AS ?why) }
             UNION { ?w dkg:withdrawalOf ?d ; dkg:hasManifestation ?m . ?m dkg:subject ?other . FILTER(?other != ?d)
                     BIND("manifestation of another drug" AS ?why) }
             UNION { ?w dkg:hasEvidence/dkg:fromSource ?s . FILTER NOT EXISTS { ?s dkg:sourceKey ?k }
                     BIND("evidence from an undefined source" AS ?why) } }"""
    )
    assert not bad, bad


def test_withdrawal_and_abrupt_cessation_effects_agree(kg: drugkg.KnowledgeGraph) -> None:
    for drug in sorted(set(syndromes(kg).values())):
        manifested = {m.assertion for w in kg.withdrawal(drug) for m in w.manifestations}
        effects = {e.assertion for e in kg.effects(drug, context="abrupt-cessation")}
        assert manifested, drug
        assert manifested <= effects, (drug, manifested - effects)


def test_syndromes_span_at_least_three_unrelated_drug_classes(kg: drugkg.KnowledgeGraph) -> None:
    rows = kg.sparql(
        """SELECT ?d ?cls WHERE { ?w a dkg:WithdrawalSyndrome ; dkg:withdrawalOf ?d . ?d a ?cls .
             FILTER(STRSTARTS(STR(?cls), STR(dkg:)) && ?cls != dkg:Drug) }"""
    )
    classes: dict[str, set[str]] = {}
    for r in rows:
        classes.setdefault(r["d"], set()).add(r["cls"])
    # drugs whose class sets share nothing: withdrawal is not one class's curiosity
    picked: list[set[str]] = []
    for cls in sorted(classes.values(), key=len):
        if all(not (cls & other) for other in picked):
            picked.append(cls)
    assert len(picked) >= 3, classes
