"""The reified claims: management actions, mechanisms, drug-effect assertions, withdrawal
syndromes, interactions and terminology claims, and the whole :class:`Compiler`."""

from __future__ import annotations

from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from .compiler import DKG, DKGR, CompilerBase, as_list, slug
from .loader import CurationError


class Compiler(CompilerBase):
    """Build the curated graph from the merged YAML documents."""

    def where(self, section: str, key: str, kind: str) -> str:
        return f"{self.docs.where(section, key)}{kind} {key}"

    def build_management(self) -> None:
        for key, m in sorted(self.management.items()):
            where = self.where("management", key, "management")
            iri = self.individual(DKGR["management-" + key], DKG.ManagementAction, m["label"])
            self.add(iri, SKOS.definition, m.get("description"))
            if "drug" in m:
                self.add(iri, DKG.usesDrug, self.drug(m["drug"], where))
            self.evidence(iri, as_list(m.get("evidence")), where)

    def management_ref(self, key: str, where: str) -> URIRef:
        if key not in self.management:
            raise CurationError(f"{where}: unknown management action {key!r}")
        return DKGR["management-" + key]

    def build_mechanisms(self) -> None:
        for key, m in sorted(self.mechanisms.items()):
            where = self.where("mechanisms", key, "mechanism")
            drug = self.drug(m["drug"], where)
            iri = self.individual(DKGR["mechanism-" + key], DKG.Mechanism, m.get("label", key.replace("-", " ")))
            self.add(drug, DKG.hasMechanism, iri)
            self.add(iri, DKG.mechanismOf, drug)
            self.add(iri, DKG.viaTargetAction, self.target_action(m["drug"], m["via"], where))
            self.mechanism_effects(iri, m, where)
            self.common(iri, m, where)
            self.evidence(iri, as_list(m.get("evidence")), where)

    def mechanism_effects(self, iri: URIRef, m: dict[str, Any], where: str) -> None:
        """Physiological effect, pathway, contexts, effects led to and conditions relieved."""
        self.add(iri, DKG.hasPhysiologicalEffect, self.term("physio", m["physiological_effect"], where))
        self.add(iri, DKG.inPathway, self.term("pathway", m["pathway"], where))
        for ctx in as_list(m.get("context")):
            self.add(iri, DKG.inContext, self.term("context", ctx, where))
        for eff in as_list(m.get("leads_to")):
            self.add(iri, DKG.leadsTo, self.effect(eff, where))
        for eff in as_list(m.get("relieves")):
            self.add(iri, DKG.relieves, self.effect(eff, where))
        self.add(iri, DKG.mechanismDescription, m.get("description"))

    def build_action_mechanisms(self) -> None:
        """What an action on a target does, whichever drug acts so (``action_mechanisms:``)."""
        for key, m in sorted(self.action_mechanisms.items()):
            where = self.where("action_mechanisms", key, "action mechanism")
            target = self.target(m["target"], where)
            action = self.term("action", slug(str(m["action"])), where)
            effect, pathway = m["physiological_effect"].replace("-", " "), m["pathway"].replace("-", " ")
            label = m.get("label") or f"{m['action']} of {m['target']}: {effect} ({pathway})"
            iri = self.individual(DKGR["actionmechanism-" + key], DKG.ActionMechanism, label)
            self.add(iri, DKG.forTarget, target)
            self.add(iri, DKG.forAction, action)
            self.mechanism_effects(iri, m, where)
            self.common(iri, m, where)
            self.evidence(iri, as_list(m.get("evidence")), where)

    def mechanism_ref(self, key: str, where: str) -> URIRef:
        if key not in self.mechanisms:
            raise CurationError(f"{where}: unknown mechanism {key!r}")
        return DKGR["mechanism-" + key]

    def assertion(self, aid: str, rec: dict[str, Any], where: str) -> URIRef:
        """Create one reified drug-effect assertion and its shortcut edge."""
        if aid in self.assertion_ids:
            raise CurationError(f"{where}: duplicate assertion id {aid!r}")
        self.assertion_ids.add(aid)
        kind = rec.get("kind", "adverse")
        if kind not in ("adverse", "therapeutic"):
            raise CurationError(f"{where}: kind must be adverse or therapeutic, not {kind!r}")
        cls = DKG.AdverseEffectAssertion if kind == "adverse" else DKG.TherapeuticAssertion
        drug = self.drug(rec["drug"], where)
        effect = self.effect(rec["effect"], where)
        # labelled as read in an explanation path: "hydrochlorothiazide causes Hypokalemia"
        verb = "causes" if kind == "adverse" else "treats"
        label = f"{self.g.value(drug, RDFS.label) or rec['drug']} {verb} {self.effect_label(rec['effect'])}"
        iri = self.individual(DKGR["assertion-" + aid], cls, label)
        self.add(iri, DKG.subject, drug)
        self.add(iri, DKG.effect, effect)
        self.add(drug, DKG.hasAdverseEffect if kind == "adverse" else DKG.treats, effect)
        for field, prop in (("frequency", DKG.frequency), ("stage", DKG.stage)):
            if field in rec:
                self.add(iri, prop, self.term(field, rec[field], where))
        self.add(iri, DKG.frequencyText, rec.get("frequency_text"))
        self.add(iri, DKG.modifier, rec.get("modifier"))
        self.add(iri, DKG.dose, rec.get("dose"))
        self.common(iri, rec, where)
        self.qualifiers(iri, rec, where)
        return iri

    def qualifiers(self, iri: URIRef, rec: dict[str, Any], where: str) -> None:
        """Qualifiers shared by assertions and withdrawal syndromes: onset, severity, risk factors,
        management, mechanisms, and the evidence."""
        self.add(iri, DKG.onset, rec.get("onset"))
        for field, prop in (("onset_min_hours", DKG.onsetMinHours), ("onset_max_hours", DKG.onsetMaxHours)):
            if field in rec:
                self.add(iri, prop, Literal(str(rec[field]), datatype=XSD.decimal))
        if "severity" in rec:
            self.add(iri, DKG.severity, self.term("severity", rec["severity"], where))
        for rf in as_list(rec.get("risk_factors")):
            self.add(iri, DKG.hasRiskFactor, self.effect(rf, where))
        for m in as_list(rec.get("management")):
            self.add(iri, DKG.managedBy, self.management_ref(m, where))
        for m in as_list(rec.get("mechanisms")):
            self.add(iri, DKG.viaMechanism, self.mechanism_ref(m, where))
        self.evidence(iri, as_list(rec.get("evidence")), where)

    def expand(self, rec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """Split a record with ``effects:`` into one record per effect."""
        if "effects" not in rec:
            return [(rec["id"], rec)]
        base = {k: v for k, v in rec.items() if k != "effects"}
        out = []
        for item in rec["effects"]:
            merged = {**base, **item}
            eff = str(item["effect"])
            out.append((f"{rec['id']}-{slug(self.effect_label(eff))}", merged))
        return out

    def effect_label(self, name: str) -> str:
        iri = self.effect(name, "label lookup")
        label = self.tbox.value(iri, RDFS.label)
        return str(label) if label else name

    def build_assertions(self) -> None:
        for rec in self.docs.get("assertions", []):
            prefix = self.docs.where("assertions", str(rec.get("id")))
            for aid, item in self.expand(rec):
                self.assertion(aid, item, f"{prefix}assertion {aid}")

    def build_withdrawal(self) -> None:
        for rec in self.docs.get("withdrawal", []):
            wid = rec["id"]
            where = self.where("withdrawal", wid, "withdrawal")
            drug = self.drug(rec["drug"], where)
            iri = self.individual(DKGR["withdrawal-" + wid], DKG.WithdrawalSyndrome,
                                  f"{rec['drug']} withdrawal syndrome ({rec['route']}{', ' + rec['context'] if 'context' in rec else ''})")
            self.add(iri, DKG.withdrawalOf, drug)
            self.add(iri, DKG.triggeredBy, self.term("context", "abrupt-cessation", where))
            if "context" in rec:
                self.add(iri, DKG.inContext, self.term("context", rec["context"], where))
            self.add(iri, DKG.viaRoute, self.term("route", rec["route"], where))
            for r in as_list(rec.get("resembles")):
                self.add(iri, DKG.resembles, self.effect(r, where))
            self.add(iri, DKG.population, rec.get("population"))
            self.qualifiers(iri, rec, where)
            for man in rec.get("manifestations", []):
                eff = str(man["effect"])
                stage = man.get("stage", "")
                aid = f"{wid}-{slug(self.effect_label(eff))}" + (f"-{stage}" if stage else "")
                # the syndrome's severity is not copied: an early sign (pruritus) is not
                # life-threatening because the syndrome is; a manifestation records its own
                item = {
                    "drug": rec["drug"],
                    "effect": eff,
                    "contexts": ["abrupt-cessation", *as_list(rec.get("context"))],
                    "routes": [rec["route"]],
                    "mechanisms": rec.get("mechanisms"),
                    **man,
                }
                a = self.assertion(aid, item, f"{where} manifestation {eff}")
                self.add(iri, DKG.hasManifestation, a)

    def participant_name(self, name: str) -> str:
        """How an interaction's label names a participant: a drug as the curator wrote it, a drug
        class by its label ("MAO inhibitor", not the class id ``MAOInhibitor``)."""
        if name in self.drugs or name.lower() in self.drug_alias or name not in self.local_classes:
            return name
        label = self.tbox.value(DKG[name], RDFS.label)
        return str(label) if label is not None else name

    def build_interactions(self) -> None:
        for rec in self.docs.get("interactions", []):
            iid = rec["id"]
            where = self.where("interactions", iid, "interaction")
            if not rec.get("outcomes") and "severity" not in rec:
                # says neither what happens nor what to do: kept out, like a doubtful identifier
                self.warnings.append(f"{where}: no outcomes and no severity; left out of the graph")
                continue
            parts = [self.participant(p, where) for p in as_list(rec.get("participants"))]
            iri = self.individual(DKGR["interaction-" + iid], DKG.Interaction,
                                  " + ".join(self.participant_name(str(p)) for p in rec.get("participants", [])))
            self.add(iri, DKG.inContext, self.term("context", "co-administration", where))
            for p in parts:
                self.add(iri, DKG.hasParticipant, p)
            for a in parts:
                for b in parts:
                    if a != b and str(a).startswith(str(DKGR)):
                        self.add(a, DKG.interactsWith, b)
                        if str(b).startswith(str(DKGR)):
                            self.add(a, DKG.interactsWithDrug, b)
            for o in as_list(rec.get("outcomes")):
                self.add(iri, DKG.hasOutcome, self.effect(o, where))
            if "severity" in rec:
                self.add(iri, DKG.interactionSeverity, self.term("ddi", str(rec["severity"]), where))
            for rf in as_list(rec.get("risk_factors")):
                self.add(iri, DKG.hasRiskFactor, self.effect(rf, where))
            for m in as_list(rec.get("mechanisms")):
                self.add(iri, DKG.viaMechanism, self.mechanism_ref(m, where))
            self.add(iri, DKG.mechanismDescription, rec.get("mechanism"))
            self.add(iri, DKG.modifier, rec.get("modifier"))
            self.add(iri, DKG.dose, rec.get("dose"))
            self.common(iri, rec, where)
            self.evidence(iri, as_list(rec.get("evidence")), where)

    def build_terminology(self) -> None:
        for rec in self.docs.get("terminology", []):
            where = self.where("terminology", rec["id"], "terminology")
            iri = self.individual(DKGR["claim-" + rec["id"]], DKG.TerminologyClaim, rec["id"].replace("-", " "))
            for a in as_list(rec.get("about")):
                self.add(iri, DKG.about, self.effect(a, where))
            self.add(iri, DKG.note, rec.get("note"))
            self.evidence(iri, as_list(rec.get("evidence")), where)

    def build(self) -> Graph:
        ont = URIRef("https://w3id.org/drugkg/ontology/data")
        self.g.add((ont, RDF.type, OWL.Ontology))
        self.g.add((ont, RDFS.comment, Literal(
            "Curated drugkg facts. Generated by scripts/compile_curation.py from curation/**/*.yaml; do not edit by hand.")))
        self.build_sources()
        self.build_targets()
        self.build_drugs()
        self.build_management()
        self.build_mechanisms()
        self.build_action_mechanisms()
        self.build_assertions()
        self.build_withdrawal()
        self.build_interactions()
        self.build_terminology()
        return self.g
