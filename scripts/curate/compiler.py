"""The graph builder: references, evidence, sources, targets, drugs and pharmacokinetic roles.

Every reference is checked: an unknown source, drug, target, local class or vocabulary term stops
the build with a one-line error naming the record (and its file).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from .loader import CurationError, Docs

DKG = Namespace("https://w3id.org/drugkg/ontology/")
DKGR = Namespace("https://w3id.org/drugkg/resource/")
OBO = Namespace("http://purl.obolibrary.org/obo/")

HPO_CURIE = re.compile(r"^HP[:_](\d{7})$")
SOURCE_LEVEL = {
    "drug-label": "label",
    "case-report": "primary",
    "clinical-study": "primary",
    "experimental-study": "primary",
}
LEVELS = {"label", "primary", "secondary", "hypothesis"}
STATUSES = {"verified", "secondary", "unverified", "not-located"}
STANCES = {"supports", "qualifies", "contradicts"}
PK_ROLES = {"substrate", "inhibitor", "inducer"}
TERM_NAMES = {"ddi": "interaction severity", "physio": "physiological effect", "pkrole": "pharmacokinetic role",
              "sourcetype": "source type"}


def slug(text: str) -> str:
    """Lower-case, hyphen-separated form of ``text`` for use in an IRI."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def group(entries: Iterable[dict[str, Any]], key: tuple[str, ...], where: str) -> list[dict[str, Any]]:
    """Merge entries with the same ``key`` fields: their evidence is combined, any other field
    must agree (two files may each add evidence for the same fact)."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for entry in entries:
        k = tuple(str(entry.get(f)) for f in key)
        if k not in out:
            out[k] = dict(entry)
            continue
        have = out[k]
        for field, value in entry.items():
            if field == "evidence":
                have["evidence"] = as_list(have.get("evidence")) + [e for e in as_list(value) if e not in as_list(have.get("evidence"))]
            elif field not in have:
                have[field] = value
            elif have[field] != value:
                raise CurationError(f"{where}: two entries for {' '.join(k)} disagree on {field!r}")
    return list(out.values())


class CompilerBase:
    """References, building blocks and the non-claim records."""

    def __init__(self, docs: Docs, tbox: Graph) -> None:
        self.docs = docs
        self.tbox = tbox
        self.g = Graph()
        for prefix, ns in (("dkg", DKG), ("dkgr", DKGR), ("obo", OBO), ("skos", SKOS), ("owl", OWL), ("dcterms", DCTERMS)):
            self.g.bind(prefix, ns)
        self.sources: dict[str, dict[str, Any]] = docs.get("sources", {})
        self.drugs: dict[str, dict[str, Any]] = docs.get("drugs", {})
        self.targets: dict[str, dict[str, Any]] = docs.get("targets", {})
        self.management: dict[str, dict[str, Any]] = docs.get("management", {})
        self.mechanisms: dict[str, dict[str, Any]] = docs.get("mechanisms", {})
        self.action_mechanisms: dict[str, dict[str, Any]] = docs.get("action_mechanisms", {})
        self.local_classes = {
            str(s)[len(DKG):] for s in tbox.subjects(RDF.type, OWL.Class) if str(s).startswith(str(DKG))
        }
        self.vocab = {str(s)[len(DKGR):] for s in tbox.subjects(RDF.type, OWL.NamedIndividual)}
        self.assertion_ids: set[str] = set()
        self.warnings: list[str] = []
        # other names of a drug that curators may use to refer to it (valproate -> valproic acid)
        aliases: dict[str, set[str]] = {}
        for key, d in self.drugs.items():
            for syn in as_list(d.get("synonyms")):
                aliases.setdefault(str(syn).lower(), set()).add(key)
        self.drug_alias = {k: next(iter(v)) for k, v in aliases.items() if len(v) == 1 and k not in self.drugs}

    # ---- references -------------------------------------------------------------------------

    def drug_key(self, name: str, where: str) -> str:
        if name in self.drugs:
            return name
        alias = self.drug_alias.get(str(name).lower())
        if alias is None:
            raise CurationError(f"{where}: unknown drug {name!r}")
        return alias

    def drug(self, name: str, where: str) -> URIRef:
        return DKGR["drug-" + slug(self.drug_key(name, where))]

    def effect(self, name: str, where: str) -> URIRef:
        match = HPO_CURIE.match(str(name))
        if match:
            iri = OBO["HP_" + match.group(1)]
            if (iri, RDF.type, OWL.Class) not in self.tbox:
                raise CurationError(f"{where}: {name} is not in the HPO import; run scripts/build_hpo_import.py")
            return iri
        if name in self.local_classes:
            local = DKG[name]
            # an unlabelled local class equivalent to an HPO term is an alias: write the HPO term
            if self.tbox.value(local, RDFS.label) is None:
                for eq in self.tbox.objects(local, OWL.equivalentClass):
                    if isinstance(eq, URIRef) and str(eq).startswith(str(OBO)):
                        return eq
            return local
        raise CurationError(f"{where}: unknown effect or class {name!r}")

    def participant(self, name: str, where: str) -> URIRef:
        if name in self.drugs or str(name).lower() in self.drug_alias:
            return self.drug(name, where)
        if name in self.local_classes:
            return DKG[name]
        raise CurationError(f"{where}: participant {name!r} is neither a drug nor a drug class")

    def term(self, prefix: str, name: str, where: str) -> URIRef:
        local = f"{prefix}-{name}"
        if local not in self.vocab:
            raise CurationError(f"{where}: unknown {TERM_NAMES.get(prefix, prefix)} {name!r}")
        return DKGR[local]

    def target(self, symbol: str, where: str) -> URIRef:
        if symbol not in self.targets:
            raise CurationError(f"{where}: unknown target {symbol!r}")
        return DKGR["target-" + symbol]

    def target_action(self, drug: str, spec: dict[str, Any], where: str) -> URIRef:
        key = self.drug_key(drug, where)
        iri = DKGR[f"targetaction-{slug(key)}-{spec['target']}-{slug(spec['action'])}"]
        if (iri, RDF.type, DKG.TargetAction) not in self.g:
            raise CurationError(f"{where}: {key} has no target action {spec['target']} {spec['action']}")
        return iri

    def source_ref(self, entry: Any, where: str) -> URIRef:
        key = entry if isinstance(entry, str) else dict(entry).get("source")
        if key not in self.sources:
            raise CurationError(f"{where}: unknown source {key!r}")
        return DKGR["source-" + slug(key)]

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
            source = self.source_ref(key, where)
            src = self.sources[key]
            level = spec.get("level", SOURCE_LEVEL.get(src["type"], "secondary"))
            status = spec.get("status", src["status"])
            stance = spec.get("stance", "supports")
            if level not in LEVELS or status not in STATUSES or stance not in STANCES:
                raise CurationError(f"{where}: bad level/status/stance {level!r}/{status!r}/{stance!r}")
            ev = self.individual(DKGR[f"evidence-{claim[len(DKGR):]}-{n}"], DKG.Evidence)
            self.add(claim, DKG.hasEvidence, ev)
            self.add(ev, DKG.fromSource, source)
            self.add(ev, DKG.evidenceLevel, DKGR["level-" + level])
            self.add(ev, DKG.verificationStatus, DKGR["status-" + status])
            self.add(ev, DKG.stance, Literal(stance))
            self.add(ev, DKG.supportingText, spec.get("text"))
            for ref in as_list(spec.get("ref")):
                self.add(ev, DKG.curationRef, Literal(str(ref)))

    def common(self, iri: URIRef, rec: dict[str, Any], where: str) -> None:
        """Qualifiers any claim may carry: population, dose relation, contexts, routes, note."""
        self.add(iri, DKG.population, rec.get("population"))
        if "dose_related" in rec:
            if not isinstance(rec["dose_related"], bool):
                raise CurationError(f"{where}: dose_related must be true or false, not {rec['dose_related']!r}")
            self.add(iri, DKG.doseRelated, Literal(rec["dose_related"]))
        for ctx in as_list(rec.get("contexts")):
            self.add(iri, DKG.inContext, self.term("context", ctx, where))
        for route in as_list(rec.get("routes")):
            self.add(iri, DKG.viaRoute, self.term("route", route, where))
        self.add(iri, DKG.note, rec.get("note"))

    # ---- records ----------------------------------------------------------------------------

    def build_sources(self) -> None:
        for key, src in sorted(self.sources.items()):
            where = f"{self.docs.where('sources', key)}source {key}"
            for field in ("type", "status"):
                if field not in src:
                    raise CurationError(f"{where}: missing {field!r}")
            iri = self.individual(DKGR["source-" + slug(key)], DKG.Source, src.get("title", key))
            self.add(iri, DKG.sourceKey, Literal(key))
            self.add(iri, DKG.sourceType, self.term("sourcetype", src["type"], where))
            self.add(iri, DKG.sourceStatus, self.term("status", src["status"], where))
            self.add(iri, DCTERMS.bibliographicCitation, src.get("citation"))
            self.add(iri, DKG.note, src.get("note"))
            for field, prop, prefix in (("pmid", DKG.pmid, "PMID:"), ("doi", DKG.doi, "DOI:"), ("pmcid", DKG.pmcid, "PMCID:")):
                if field in src:
                    value = str(src[field])
                    self.add(iri, prop, Literal(value if value.startswith(prefix) else prefix + value))
            if "label_set_id" in src:
                self.add(iri, DKG.labelSetId, Literal(src["label_set_id"]))
            if "url" in src:
                url = str(src["url"])
                if not url.startswith(("http://", "https://")):
                    raise CurationError(f"{where}: url must start with http:// or https://, not {url!r}")
                self.add(iri, DKG.url, Literal(url, datatype=XSD.anyURI))
            if "pmid_status" in src:
                self.add(iri, DKG.note, Literal(f"PMID known only from a {src['pmid_status']} source"))

    def build_targets(self) -> None:
        for symbol, t in sorted(self.targets.items()):
            cls = t.get("class", "Target")
            if cls not in self.local_classes:
                raise CurationError(f"{self.docs.where('targets', symbol)}target {symbol}: unknown class {cls!r}")
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
            where = f"{self.docs.where('drugs', name)}drug {name}"
            iri = self.individual(DKGR["drug-" + slug(name)], DKG.Drug, name)
            for cls in as_list(d.get("classes")):
                if cls not in self.local_classes:
                    raise CurationError(f"{where}: unknown class {cls!r}")
                self.g.add((iri, RDF.type, DKG[cls]))
            for syn in as_list(d.get("synonyms")):
                self.add(iri, SKOS.altLabel, Literal(syn))
            brands = d.get("brands") or {}
            if not isinstance(brands, dict):
                raise CurationError(f"{where}: brands must map a region to names, e.g. {{US: [Paxil]}}")
            for region in sorted(brands):
                for brand in as_list(brands[region]):
                    self.add(iri, SKOS.altLabel, Literal(str(brand)))
                    self.add(iri, DKG.brandName, Literal(str(brand)))
            for entry in as_list(d.get("brand_evidence")):
                self.add(iri, DKG.brandSource, self.source_ref(entry, f"{where} brand_evidence"))
            for curie in as_list(d.get("ids")):
                self.add(iri, DKG.identifier, Literal(curie))
                if curie.startswith("ATC:"):
                    self.add(iri, DKG.atcCode, Literal(curie[4:]))
            for route in as_list(d.get("routes")):
                self.add(iri, DKG.availableRoute, self.term("route", route, where))
            self.add(iri, DKG.note, d.get("note"))
            self.add(iri, DKG.identifierNote, d.get("id_notes"))
            for entry in as_list(d.get("note_evidence")):
                self.add(iri, DKG.noteSource, self.source_ref(entry, f"{where} note_evidence"))
            for ta in group(as_list(d.get("targets")), ("target", "action"), where):
                self.target_action_record(name, iri, ta, where)
            for pk in group(as_list(d.get("pk")), ("enzyme", "role"), where):
                self.pk_record(name, iri, pk, where)

    def target_action_record(self, name: str, drug: URIRef, ta: dict[str, Any], where: str) -> None:
        target = self.target(ta["target"], where)
        action = self.term("action", slug(str(ta["action"])), where)
        iri = self.individual(
            DKGR[f"targetaction-{slug(name)}-{ta['target']}-{slug(ta['action'])}"],
            DKG.TargetAction,
            # a precursor acts through the ligand it becomes ("levodopa precursor of the DRD2 ligand")
            f"{name} precursor of the {ta['target']} ligand" if ta["action"] == "precursor" else f"{name} {ta['action']} of {ta['target']}",
        )
        self.add(drug, DKG.hasTargetAction, iri)
        self.add(drug, DKG.hasTarget, target)
        self.add(iri, DKG.onTarget, target)
        self.add(iri, DKG.actionType, action)
        self.common(iri, ta, where)
        self.evidence(iri, as_list(ta.get("evidence")), f"{where} target {ta['target']}")

    def pk_record(self, name: str, drug: URIRef, pk: dict[str, Any], where: str) -> None:
        """A reified pharmacokinetic role and its shortcut edge (isSubstrateOf/inhibits/induces)."""
        symbol, role = pk.get("enzyme"), pk.get("role")
        where = f"{where} pk {symbol} {role}"
        if role not in PK_ROLES:
            raise CurationError(f"{where}: role must be substrate, inhibitor or inducer, not {role!r}")
        target = self.target(str(symbol), where)
        iri = self.individual(DKGR[f"pk-{slug(name)}-{symbol}-{role}"], DKG.PharmacokineticRole,
                              f"{name} {role} of {symbol}")
        self.add(iri, DKG.subject, drug)
        self.add(iri, DKG.onTarget, target)
        self.add(iri, DKG.pkRole, self.term("pkrole", role, where))
        shortcut = {"substrate": DKG.isSubstrateOf, "inhibitor": DKG.inhibits, "inducer": DKG.induces}[role]
        self.add(drug, shortcut, target)
        if "strength" in pk:
            if role == "substrate":
                raise CurationError(f"{where}: strength is for inhibitors and inducers; a substrate has a sensitivity")
            self.add(iri, DKG.strength, self.term("strength", pk["strength"], where))
        if "sensitivity" in pk:
            if role != "substrate":
                raise CurationError(f"{where}: sensitivity is for substrates; an {role} has a strength")
            self.add(iri, DKG.sensitivity, self.term("sensitivity", pk["sensitivity"], where))
        if "major" in pk:
            if role != "substrate" or not isinstance(pk["major"], bool):
                raise CurationError(f"{where}: major: true|false is for substrates only")
            self.add(iri, DKG.majorPathway, Literal(pk["major"]))
        self.common(iri, pk, where)
        self.evidence(iri, as_list(pk.get("evidence")), where)
