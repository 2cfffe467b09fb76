"""Compile the curated YAML facts in ``curation/`` into ``ontology/drugkg-data.ttl``.

The YAML files are what curators edit: compact, commented, one record per claim. This script
turns them into the reified RDF model described in ``docs/model.md`` (assertions with
qualifiers and evidence, plus their shortcut edges), checking every reference on the way: an
unknown source, drug, target, management action, local class or vocabulary term stops the
build with a one-line error naming the record. The output is written atomically and is
byte-identical for the same input.

Usage::

    python scripts/compile_curation.py            # rewrite ontology/drugkg-data.ttl
    python scripts/compile_curation.py --check    # exit 1 if the committed file is stale
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

ROOT = Path(__file__).resolve().parent.parent
DKG = Namespace("https://w3id.org/drugkg/ontology/")
DKGR = Namespace("https://w3id.org/drugkg/resource/")
OBO = Namespace("http://purl.obolibrary.org/obo/")

HPO_CURIE = re.compile(r"^HP:(\d{7})$")
SOURCE_LEVEL = {
    "drug-label": "label",
    "case-report": "primary",
    "clinical-study": "primary",
    "experimental-study": "primary",
}
LEVELS = {"label", "primary", "secondary", "hypothesis"}
STATUSES = {"verified", "secondary", "unverified", "not-located"}
STANCES = {"supports", "qualifies", "contradicts"}


class CurationError(Exception):
    """A curated record is malformed or refers to something that does not exist."""


def slug(text: str) -> str:
    """Lower-case, hyphen-separated form of ``text`` for use in an IRI."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class Compiler:
    """Build the curated graph from the parsed YAML documents."""

    def __init__(self, docs: dict[str, Any], tbox: Graph) -> None:
        self.docs = docs
        self.tbox = tbox
        self.g = Graph()
        self.g.bind("dkg", DKG)
        self.g.bind("dkgr", DKGR)
        self.g.bind("obo", OBO)
        self.g.bind("skos", SKOS)
        self.g.bind("owl", OWL)
        self.g.bind("dcterms", DCTERMS)
        self.sources: dict[str, dict[str, Any]] = docs.get("sources", {})
        self.drugs: dict[str, dict[str, Any]] = docs.get("drugs", {})
        self.targets: dict[str, dict[str, Any]] = docs.get("targets", {})
        self.management: dict[str, dict[str, Any]] = docs.get("management", {})
        self.mechanisms: dict[str, dict[str, Any]] = docs.get("mechanisms", {})
        self.local_classes = {
            str(s)[len(DKG):] for s in tbox.subjects(RDF.type, OWL.Class) if str(s).startswith(str(DKG))
        }
        self.vocab = {str(s)[len(DKGR):] for s in tbox.subjects(RDF.type, OWL.NamedIndividual)}
        self.assertion_ids: set[str] = set()

    # ---- references -------------------------------------------------------------------------

    def drug(self, name: str, where: str) -> URIRef:
        if name not in self.drugs:
            raise CurationError(f"{where}: unknown drug {name!r}")
        return DKGR["drug-" + slug(name)]

    def effect(self, name: str, where: str) -> URIRef:
        match = HPO_CURIE.match(str(name))
        if match:
            iri = OBO["HP_" + match.group(1)]
            if (iri, RDF.type, OWL.Class) not in self.tbox:
                raise CurationError(f"{where}: {name} is not in the HPO import; run scripts/build_hpo_import.py")
            return iri
        if name in self.local_classes:
            return DKG[name]
        raise CurationError(f"{where}: unknown effect or class {name!r}")

    def participant(self, name: str, where: str) -> URIRef:
        if name in self.drugs:
            return self.drug(name, where)
        if name in self.local_classes:
            return DKG[name]
        raise CurationError(f"{where}: participant {name!r} is neither a drug nor a drug class")

    def term(self, prefix: str, name: str, where: str) -> URIRef:
        local = f"{prefix}-{name}"
        if local not in self.vocab:
            raise CurationError(f"{where}: unknown {prefix} {name!r}")
        return DKGR[local]

    def target(self, symbol: str, where: str) -> URIRef:
        if symbol not in self.targets:
            raise CurationError(f"{where}: unknown target {symbol!r}")
        return DKGR["target-" + symbol]

    def target_action(self, drug: str, spec: dict[str, Any], where: str) -> URIRef:
        iri = DKGR[f"targetaction-{slug(drug)}-{spec['target']}-{slug(spec['action'])}"]
        if (iri, RDF.type, DKG.TargetAction) not in self.g:
            raise CurationError(f"{where}: {drug} has no target action {spec['target']} {spec['action']}")
        return iri

    # ---- building blocks --------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        if o is None:
            return
        if not isinstance(o, URIRef) and not isinstance(o, Literal):
            o = Literal(o)
        self.g.add((s, p, o))

    def individual(self, iri: URIRef, cls: URIRef, label: str | None = None) -> URIRef:
        self.g.add((iri, RDF.type, OWL.NamedIndividual))
        self.g.add((iri, RDF.type, cls))
        if label:
            self.g.add((iri, RDFS.label, Literal(label)))
        return iri

    def evidence(self, claim: URIRef, entries: Iterable[Any], where: str) -> None:
        entries = list(entries)
        if not entries:
            raise CurationError(f"{where}: no evidence")
        for n, entry in enumerate(entries, start=1):
            spec = {"source": entry} if isinstance(entry, str) else dict(entry)
            key = spec.get("source")
            if key not in self.sources:
                raise CurationError(f"{where}: unknown source {key!r}")
            src = self.sources[key]
            level = spec.get("level", SOURCE_LEVEL.get(src["type"], "secondary"))
            status = spec.get("status", src["status"])
            stance = spec.get("stance", "supports")
            if level not in LEVELS or status not in STATUSES or stance not in STANCES:
                raise CurationError(f"{where}: bad level/status/stance {level!r}/{status!r}/{stance!r}")
            ev = self.individual(DKGR[f"evidence-{claim[len(DKGR):]}-{n}"], DKG.Evidence)
            self.add(claim, DKG.hasEvidence, ev)
            self.add(ev, DKG.fromSource, DKGR["source-" + slug(key)])
            self.add(ev, DKG.evidenceLevel, DKGR["level-" + level])
            self.add(ev, DKG.verificationStatus, DKGR["status-" + status])
            self.add(ev, DKG.stance, Literal(stance))
            self.add(ev, DKG.supportingText, spec.get("text"))
            for ref in as_list(spec.get("ref")):
                self.add(ev, DKG.curationRef, Literal(str(ref)))

    # ---- records ----------------------------------------------------------------------------

    def build_sources(self) -> None:
        for key, src in sorted(self.sources.items()):
            iri = self.individual(DKGR["source-" + slug(key)], DKG.Source, src.get("title", key))
            self.add(iri, DKG.sourceKey, Literal(key))
            self.add(iri, DKG.sourceType, self.term("sourcetype", src["type"], f"source {key}"))
            self.add(iri, DKG.sourceStatus, self.term("status", src["status"], f"source {key}"))
            self.add(iri, DCTERMS.bibliographicCitation, src.get("citation"))
            self.add(iri, DKG.note, src.get("note"))
            for field, prop, prefix in (("pmid", DKG.pmid, "PMID:"), ("doi", DKG.doi, "DOI:"), ("pmcid", DKG.pmcid, "PMCID:")):
                if field in src:
                    self.add(iri, prop, Literal(prefix + str(src[field])))
            if "label_set_id" in src:
                self.add(iri, DKG.labelSetId, Literal(src["label_set_id"]))
            if "pmid_status" in src:
                self.add(iri, DKG.note, Literal(f"PMID known only from a {src['pmid_status']} source"))

    def build_targets(self) -> None:
        for symbol, t in sorted(self.targets.items()):
            cls = t.get("class", "Target")
            if cls not in self.local_classes:
                raise CurationError(f"target {symbol}: unknown class {cls!r}")
            iri = self.individual(DKGR["target-" + symbol], DKG[cls], t["label"])
            self.add(iri, DKG.symbol, Literal(symbol))
            self.add(iri, SKOS.altLabel, Literal(symbol))
            for syn in as_list(t.get("synonyms")):
                self.add(iri, SKOS.altLabel, Literal(syn))
            for curie in as_list(t.get("ids")):
                self.add(iri, DKG.identifier, Literal(curie))
            self.add(iri, DKG.note, t.get("note"))

    def build_drugs(self) -> None:
        for name, d in sorted(self.drugs.items()):
            where = f"drug {name}"
            iri = self.individual(DKGR["drug-" + slug(name)], DKG.Drug, name)
            for cls in as_list(d.get("classes")):
                if cls not in self.local_classes:
                    raise CurationError(f"{where}: unknown class {cls!r}")
                self.g.add((iri, RDF.type, DKG[cls]))
            for syn in as_list(d.get("synonyms")):
                self.add(iri, SKOS.altLabel, Literal(syn))
            for curie in as_list(d.get("ids")):
                self.add(iri, DKG.identifier, Literal(curie))
                if curie.startswith("ATC:"):
                    self.add(iri, DKG.atcCode, Literal(curie[4:]))
            for route in as_list(d.get("routes")):
                self.add(iri, DKG.availableRoute, self.term("route", route, where))
            self.add(iri, DKG.note, d.get("note"))
            self.add(iri, DKG.identifierNote, d.get("id_notes"))
            for ta in as_list(d.get("targets")):
                target = self.target(ta["target"], where)
                action = self.term("action", slug(ta["action"]), where)
                ta_iri = self.individual(
                    DKGR[f"targetaction-{slug(name)}-{ta['target']}-{slug(ta['action'])}"],
                    DKG.TargetAction,
                    f"{name} {ta['action']} of {ta['target']}",
                )
                self.add(iri, DKG.hasTargetAction, ta_iri)
                self.add(iri, DKG.hasTarget, target)
                self.add(ta_iri, DKG.onTarget, target)
                self.add(ta_iri, DKG.actionType, action)
                self.evidence(ta_iri, as_list(ta.get("evidence")), f"{where} target {ta['target']}")

    def build_management(self) -> None:
        for key, m in sorted(self.management.items()):
            where = f"management {key}"
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
            where = f"mechanism {key}"
            drug = self.drug(m["drug"], where)
            iri = self.individual(DKGR["mechanism-" + key], DKG.Mechanism, m.get("label", key.replace("-", " ")))
            self.add(drug, DKG.hasMechanism, iri)
            self.add(iri, DKG.mechanismOf, drug)
            self.add(iri, DKG.viaTargetAction, self.target_action(m["drug"], m["via"], where))
            self.add(iri, DKG.hasPhysiologicalEffect, self.term("physio", m["physiological_effect"], where))
            self.add(iri, DKG.inPathway, self.term("pathway", m["pathway"], where))
            if "context" in m:
                self.add(iri, DKG.inContext, self.term("context", m["context"], where))
            for eff in as_list(m.get("leads_to")):
                self.add(iri, DKG.leadsTo, self.effect(eff, where))
            self.add(iri, DKG.mechanismDescription, m.get("description"))
            self.evidence(iri, as_list(m.get("evidence")), where)

    def mechanism_ref(self, key: str, where: str) -> URIRef:
        if key not in self.mechanisms:
            raise CurationError(f"{where}: unknown mechanism {key!r}")
        return DKGR["mechanism-" + key]

    def risk_factor(self, name: str, where: str) -> URIRef:
        return self.effect(name, where)

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
        iri = self.individual(DKGR["assertion-" + aid], cls)
        self.add(iri, DKG.subject, drug)
        self.add(iri, DKG.effect, effect)
        self.add(drug, DKG.hasAdverseEffect if kind == "adverse" else DKG.treats, effect)
        for ctx in as_list(rec.get("contexts")):
            self.add(iri, DKG.inContext, self.term("context", ctx, where))
        for route in as_list(rec.get("routes")):
            self.add(iri, DKG.viaRoute, self.term("route", route, where))
        for field, prop in (("frequency", DKG.frequency), ("stage", DKG.stage)):
            if field in rec:
                self.add(iri, prop, self.term(field, rec[field], where))
        self.add(iri, DKG.frequencyText, rec.get("frequency_text"))
        self.add(iri, DKG.modifier, rec.get("modifier"))
        self.add(iri, DKG.dose, rec.get("dose"))
        self.add(iri, DKG.note, rec.get("note"))
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
            self.add(iri, DKG.hasRiskFactor, self.risk_factor(rf, where))
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
            suffix = slug(self.effect_label(eff))
            out.append((f"{rec['id']}-{suffix}", merged))
        return out

    def effect_label(self, name: str) -> str:
        iri = self.effect(name, "label lookup")
        label = self.tbox.value(iri, RDFS.label)
        return str(label) if label else name

    def build_assertions(self) -> None:
        for rec in self.docs.get("assertions", []):
            for aid, item in self.expand(rec):
                self.assertion(aid, item, f"assertion {aid}")

    def build_withdrawal(self) -> None:
        for rec in self.docs.get("withdrawal", []):
            wid = rec["id"]
            where = f"withdrawal {wid}"
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

    def build_interactions(self) -> None:
        for rec in self.docs.get("interactions", []):
            iid = rec["id"]
            where = f"interaction {iid}"
            parts = [self.participant(p, where) for p in as_list(rec.get("participants"))]
            iri = self.individual(DKGR["interaction-" + iid], DKG.Interaction,
                                  " + ".join(str(p) for p in rec.get("participants", [])))
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
            for route in as_list(rec.get("routes")):
                self.add(iri, DKG.viaRoute, self.term("route", route, where))
            for rf in as_list(rec.get("risk_factors")):
                self.add(iri, DKG.hasRiskFactor, self.risk_factor(rf, where))
            for m in as_list(rec.get("mechanisms")):
                self.add(iri, DKG.viaMechanism, self.mechanism_ref(m, where))
            self.add(iri, DKG.mechanismDescription, rec.get("mechanism"))
            self.add(iri, DKG.modifier, rec.get("modifier"))
            self.add(iri, DKG.note, rec.get("note"))
            self.evidence(iri, as_list(rec.get("evidence")), where)

    def build_terminology(self) -> None:
        for rec in self.docs.get("terminology", []):
            where = f"terminology {rec['id']}"
            iri = self.individual(DKGR["claim-" + rec["id"]], DKG.TerminologyClaim, rec["id"].replace("-", " "))
            for a in as_list(rec.get("about")):
                self.add(iri, DKG.about, self.effect(a, where))
            self.add(iri, DKG.note, rec.get("note"))
            self.evidence(iri, as_list(rec.get("evidence")), where)

    def build_note_evidence(self) -> None:
        for name, d in sorted(self.drugs.items()):
            if "note_evidence" in d:
                for entry in as_list(d["note_evidence"]):
                    key = entry if isinstance(entry, str) else entry["source"]
                    self.add(DKGR["drug-" + slug(name)], DKG.noteSource, DKGR["source-" + slug(key)])

    def build(self) -> Graph:
        ont = URIRef("https://w3id.org/drugkg/ontology/data")
        self.g.add((ont, RDF.type, OWL.Ontology))
        self.g.add((ont, RDFS.comment, Literal(
            "Curated drugkg facts. Generated by scripts/compile_curation.py from curation/*.yaml; do not edit by hand.")))
        self.build_sources()
        self.build_targets()
        self.build_drugs()
        self.build_note_evidence()
        self.build_management()
        self.build_mechanisms()
        self.build_assertions()
        self.build_withdrawal()
        self.build_interactions()
        self.build_terminology()
        return self.g


def load_docs(curation_dir: Path) -> dict[str, Any]:
    docs: dict[str, Any] = {}
    for path in sorted(curation_dir.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise CurationError(f"{path.name}: invalid YAML: {str(exc).splitlines()[0]}") from None
        for key, value in data.items():
            if key in docs:
                raise CurationError(f"{path.name}: section {key!r} is defined in two files")
            docs[key] = value
    return docs


def load_tbox(ontology_dir: Path) -> Graph:
    tbox = Graph()
    for name in ("drugkg.ttl", "vocabulary.ttl", "hpo-import.ttl"):
        tbox.parse(ontology_dir / name, format="turtle")
    return tbox


def compile_curation(curation_dir: Path, ontology_dir: Path) -> str:
    """Return the Turtle text of the compiled curated graph."""
    graph = Compiler(load_docs(curation_dir), load_tbox(ontology_dir)).build()
    header = (
        "# Curated drugkg facts: GENERATED by scripts/compile_curation.py from curation/*.yaml.\n"
        "# Edit the YAML and re-run `python scripts/compile_curation.py`; do not edit by hand.\n"
    )
    return header + graph.serialize(format="turtle")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curation-dir", type=Path, default=ROOT / "curation")
    parser.add_argument("--ontology-dir", type=Path, default=ROOT / "ontology")
    parser.add_argument("--output", type=Path, default=None, help="default: ONTOLOGY_DIR/drugkg-data.ttl")
    parser.add_argument("--check", action="store_true", help="exit 1 if the output file is not up to date")
    args = parser.parse_args(argv)
    output = args.output or args.ontology_dir / "drugkg-data.ttl"
    try:
        text = compile_curation(args.curation_dir, args.ontology_dir)
    except (CurationError, KeyError) as exc:
        print(f"compile_curation: error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"compile_curation: {output} is stale; run python scripts/compile_curation.py", file=sys.stderr)
            return 1
        return 0
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=".drugkg-data.", suffix=".ttl")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, output)
    print(f"compile_curation: wrote {output} ({text.count(chr(10))} lines)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
