"""One import in progress: the writer, the identity and effect maps, the counts.

Importers call the session for every row: :meth:`ImportSession.drug`, :meth:`ImportSession.effect`,
:meth:`ImportSession.adverse_effect`, :meth:`ImportSession.interaction`,
:meth:`ImportSession.target_action`; the session writes the triples in drugkg's model, once per
drug and effect class, and one claim per row.

Evidence of imported rows names the dataset, its version and the files' digest (on the
``dkg:Source``) and the file (``dkg:fromFile``), and has a level of its own (``database`` for
label-derived databases, rank 2; ``pharmacovigilance signal`` for disproportionality statistics,
rank 1). Rows whose evidence says the same thing share one evidence node per file and level
(SIDER, OFFSIDES, TWOSIDES); rows with text of their own (a DrugBank interaction description, an
OnSIDES label section) have one each. The row's statistics are typed literals on its claim
(``dkg:prr``, ``dkg:prrError``, ``dkg:countA``..``dkg:countD``, ``dkg:meanReportingFrequency``,
``dkg:frequencyLower``/``Upper``, ``dkg:placebo``, ``dkg:modelScore``); the claim's IRI names the
file and line it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..namespaces import DKG, DKGR, OBO
from ..signals import SignalSink
from .base import BadRow, Report
from .effects import ROOT, EffectMap
from .identity import DrugIndex, DrugRef
from .writer import OWL_CLASS, RDF_TYPE, RDFS_LABEL, RDFS_SUBCLASS, SKOS_ALT, QuadWriter, dkg, dkgr, iri, lit, slug, typed

#: Evidence levels of imported rows: IRI local name -> (label, rank).
LEVELS = {"database": ("database", 2), "signal": ("pharmacovigilance signal", 1)}
#: Display names of term schemes in effect class labels.
SCHEMES = {"MEDDRA": "MedDRA", "UMLS": "UMLS"}
#: Statistics by keyword: (drugkg property, XSD type).
STATS = {
    "prr": ("prr", "double"), "prr_error": ("prrError", "double"), "a": ("countA", "integer"),
    "b": ("countB", "integer"), "c": ("countC", "integer"), "d": ("countD", "integer"),
    "mean_reporting_frequency": ("meanReportingFrequency", "double"), "freq_lower": ("frequencyLower", "double"),
    "freq_upper": ("frequencyUpper", "double"), "placebo": ("placebo", "boolean"), "pred1": ("modelScore", "double"),
}


_STAT = {prop: dkg(prop) for prop, _ in STATS.values()}
_HAS_EVIDENCE, _AEA, _SUBJECT, _EFFECT = dkg("hasEvidence"), dkg("AdverseEffectAssertion"), dkg("subject"), dkg("effect")
_INTERACTION, _PARTICIPANT, _OUTCOME = dkg("Interaction"), dkg("hasParticipant"), dkg("hasOutcome")


@dataclass(frozen=True)
class Dataset:
    """What the source node of an import says."""

    key: str  # SIDER, OFFSIDES ...
    version: str
    title: str
    digest: str

    @property
    def local(self) -> str:
        return f"{slug(self.key.lower())}-{slug(self.version)}"


class ImportSession:
    """Writes one dataset's rows into its named graph; see the module docstring."""

    def __init__(self, dataset: Dataset, graph: str, drugs: DrugIndex, effects: EffectMap,
                 present_classes: set[str], *, actions: dict[str, str] | None = None, strict: bool = False,
                 signals: SignalSink | None = None) -> None:
        self.ds = dataset
        self.signals = signals
        self._signal_nodes: dict[str, str] = {}
        self.w = QuadWriter(graph)
        self.report = Report(dataset=dataset.key, version=dataset.version)
        self.drugs = drugs
        self.effects = effects
        self.present = present_classes
        self.strict = strict
        self.actions = dict(actions or {})
        self._drug_seen: set[str] = set()
        self._effect_seen: dict[tuple[tuple[str, str], ...], str] = {}
        self._targets: set[str] = set()
        self._shared: dict[tuple[str, str], str] = {}
        self.new_drugs: set[str] = set()
        self.targeted: set[str] = set()
        self.source = dkgr(f"source-{dataset.local}")
        self._n = 0
        self._start()

    def _start(self) -> None:
        t = self.w.triple
        ds = self.ds
        t(self.source, RDF_TYPE, dkg("Source"))
        t(self.source, RDFS_LABEL, lit(ds.title))
        t(self.source, dkg("sourceKey"), lit(ds.key))
        t(self.source, dkg("sourceType"), dkgr("sourcetype-database"))
        t(self.source, dkg("sourceStatus"), dkgr("status-verified"))
        t(self.source, dkg("datasetVersion"), lit(ds.version))
        t(self.source, dkg("fileDigest"), lit(ds.digest))
        for local, (label, rank) in LEVELS.items():
            t(dkgr(f"level-{local}"), RDF_TYPE, dkg("EvidenceLevel"))
            t(dkgr(f"level-{local}"), RDFS_LABEL, lit(label))
            t(dkgr(f"level-{local}"), dkg("rank"), typed(rank, "integer"))

    # -- rows ------------------------------------------------------------------------------------

    def reject(self, err: BadRow) -> None:
        """Count and report a bad row; with ``strict`` the import stops here."""
        if self.strict:
            raise err
        self.report.reject(err)

    def drug(self, ref: DrugRef, *, label: str | None = None, extra_names: Iterable[str] = ()) -> str:
        """IRI of the drug ``ref`` names; declares it (and its new identifiers) the first time."""
        node, status = self.drugs.resolve(ref)
        if node in self._drug_seen:
            return iri(node)
        self._drug_seen.add(node)
        self.report.drugs[status] += 1
        if status == "ambiguous":
            self.report.ambiguous.extend(self.drugs.ambiguous[-1:])
        s = iri(node)
        t = self.w.triple
        if status != "matched":
            self.new_drugs.add(node)
            t(s, RDF_TYPE, dkg("Drug"))
            t(s, RDFS_LABEL, lit((label or (ref.names[0] if ref.names else node.rsplit("-", 1)[-1])).lower()))
        for name in (*ref.names[1:], *extra_names):
            if name.strip():
                t(s, SKOS_ALT, lit(name))
        for scheme, value in ref.ids:
            if value:
                t(s, dkg("identifier"), lit(f"{scheme}:{value}"))
        return s

    def effect(self, codes: tuple[tuple[str, str], ...], name: str) -> str:
        """IRI of the effect class of a term (see :mod:`drugkg.importers.effects`); declared once."""
        known = self._effect_seen.get(codes)
        if known is not None:
            return known
        scheme, code = codes[0]
        s = dkgr(f"effect-{scheme.lower()}-{slug(code)}")
        self._effect_seen[codes] = s
        t = self.w.triple
        t(s, RDF_TYPE, OWL_CLASS)
        # labelled with its code, named by the dataset's term as a synonym: "tremor" still names
        # HPO's Tremor (which covers this class), and the outcome shows where the term came from
        t(s, RDFS_LABEL, lit(f"{name} ({SCHEMES.get(scheme, scheme)} {code})" if name else f"{scheme}:{code}"))
        if name:
            t(s, SKOS_ALT, lit(name))
        for sc, c in codes:
            if c:
                t(s, dkg("identifier"), lit(f"{sc}:{c}"))
        targets = self.effects.targets(codes, name)
        self.report.effects["mapped" if targets else "unmapped"] += 1
        for target in targets or [ROOT]:
            t(s, RDFS_SUBCLASS, iri(target))
            for hp, label, parents in self.effects.ancestors_to_add(target, self.present):
                t(iri(hp), RDF_TYPE, OWL_CLASS)
                t(iri(hp), RDFS_LABEL, lit(label))
                t(iri(hp), dkg("identifier"), lit(hp.replace(OBO, "").replace("_", ":")))
                for p in parents:
                    t(iri(hp), RDFS_SUBCLASS, iri(p))
        return s

    def _evidence(self, claim: str, level: str, stats: dict[str, float | int | bool | None], text: str,
                  file: str | None) -> list[str]:
        """Lines linking a claim to its evidence, and its statistics (typed literals on the claim).

        With ``file``, the evidence is one node per dataset file and level, shared by the file's rows
        (a row stays traceable: its claim IRI names the file and line); without, one node per row
        holding the row's own ``text`` (a DrugBank description, an OnSIDES label section).
        """
        out = []
        if file is not None:
            ev = self._shared.get((level, file))
            if ev is None:
                ev = self._shared[(level, file)] = dkgr(f"{self.ds.local}/evidence-{level}-{slug(file)}")
                self._evidence_node(ev, level, text)
                self.w.triple(ev, dkg("fromFile"), lit(file))
        else:
            ev = claim[:-1] + "-ev>"
            self._evidence_node(ev, level, text)
        out.append(f"{claim} {_HAS_EVIDENCE} {ev} .\n")
        for name, value in stats.items():
            if value is not None:
                prop, kind = STATS[name]
                out.append(f"{claim} {_STAT[prop]} {typed(value, kind)} .\n")
        return out

    def _evidence_node(self, ev: str, level: str, text: str) -> None:
        t = self.w.triple
        t(ev, RDF_TYPE, dkg("Evidence"))
        t(ev, dkg("fromSource"), self.source)
        t(ev, dkg("evidenceLevel"), dkgr(f"level-{level}"))
        t(ev, dkg("verificationStatus"), dkgr("status-verified"))
        t(ev, dkg("stance"), lit("supports"))
        t(ev, dkg("supportingText"), lit(text))

    def _claim(self, where: str) -> str:
        self._n += 1
        self.report.assertions += 1
        return f"<{DKGR}{self.ds.local}/{slug(where)}>"

    def adverse_effect(self, drug: str, effect: str, where: str, *, level: str,
                       stats: dict[str, float | int | bool | None], text: str, frequency: str | None = None,
                       file: str | None = None) -> None:
        """One drug-effect claim (``dkg:AdverseEffectAssertion``) with its evidence and statistics."""
        a = self._claim(where)
        lines = [f"{a} {RDF_TYPE} {_AEA} .\n{a} {_SUBJECT} {drug} .\n{a} {_EFFECT} {effect} .\n"]
        if frequency:
            lines.append(f"{a} {dkg('frequencyText')} {lit(frequency)} .\n")
        lines += self._evidence(a, level, stats, text, file)
        self.w.lines(lines)

    def interaction(self, drugs: tuple[str, str], effect: str, where: str, *, level: str,
                    stats: dict[str, float | int | bool | None], text: str, label: str, file: str | None = None) -> None:
        """One two-drug claim (``dkg:Interaction``) with an outcome class, its evidence and statistics.

        With a signal sink (an import ``--columns``), a signal row of a file goes to the sink
        instead: its claim keeps the IRI it would have had, and its evidence is the file's, reached
        from the file's node (see :mod:`drugkg.signals`).
        """
        a = self._claim(where)
        if self.signals is not None and level == "signal" and file is not None and effect:
            node = self._signal_nodes.get(file)
            if node is None:
                node = self._signal_nodes[file] = dkgr(f"{self.ds.local}/signals-{slug(file)}")
                self.w.triple(node, RDFS_LABEL, lit(f"{self.ds.key} {self.ds.version} {file}: signal rows kept as columns"))
                self.w.lines(self._evidence(node, level, {}, text, file))
            self.signals.add(a[1:-1], label, drugs[0][1:-1], drugs[1][1:-1], effect[1:-1], node[1:-1], stats)
            return
        lines = [f"{a} {RDF_TYPE} {_INTERACTION} .\n{a} {RDFS_LABEL} {lit(label)} .\n"
                 f"{a} {_PARTICIPANT} {drugs[0]} .\n{a} {_PARTICIPANT} {drugs[1]} .\n"]
        if effect:
            lines.append(f"{a} {_OUTCOME} {effect} .\n")
        lines += self._evidence(a, level, stats, text, file)
        self.w.lines(lines)

    def target_action(self, drug: str, gene: str, action: str, label: str, where: str) -> None:
        """A drug's action on a target named by its gene symbol (``dkgr:target-GENE``)."""
        target = dkgr(f"target-{slug(gene)}")
        t = self.w.triple
        if target not in self._targets:
            self._targets.add(target)
            if f"{DKGR}target-{slug(gene)}" not in self.present:
                t(target, RDF_TYPE, dkg("Target"))
                t(target, RDFS_LABEL, lit(label or gene))
                t(target, dkg("symbol"), lit(gene))
        act = self.actions.get(action.strip().lower())
        if act is None:
            act = self.actions[action.strip().lower()] = f"{DKGR}action-{slug(action.strip().lower())}"
            t(iri(act), RDF_TYPE, dkg("MolecularAction"))
            t(iri(act), RDFS_LABEL, lit(action.strip().lower()))
        ta = self._claim(where)
        t(ta, RDF_TYPE, dkg("TargetAction"))
        t(ta, RDFS_LABEL, lit(f"{gene} {action.strip().lower()}"))
        t(ta, dkg("onTarget"), target)
        t(ta, dkg("actionType"), iri(act))
        self.targeted.add(drug[1:-1])
        t(drug, dkg("hasTarget"), target)
        t(drug, dkg("hasTargetAction"), ta)
        self.w.lines(self._evidence(ta, "database", {}, f"{self.ds.key} {self.ds.version}: {label or gene}, action {action}", None))


__all__ = ["DKG", "LEVELS", "STATS", "Dataset", "ImportSession"]
