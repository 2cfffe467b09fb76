"""Validate the ontology and curated data: SHACL shapes, content checks, OWL consistency, unsatisfiable classes.

Four checks, each reported as :class:`Finding` records that name the offending node and the
rule it breaks:

``shacl``
    The shapes in ``ontology/shapes.ttl`` (pyshacl) over the ontology modules plus the data:
    every claim has evidence, every interaction two participants and an outcome, evidence has
    one source, level and verification status, identifiers match their database's syntax.
``content``
    The checks loading runs on user files (:mod:`drugkg.store.checks`): every node of a user file
    that loading would refuse (typed ``owl:Nothing`` or two disjoint classes, a class made
    unsatisfiable, a drug given another drug's label), all of them rather than the first; no Java
    needed. Run when there are user files.
``consistency``
    HermiT over the whole terminology and *all* the data (not only the curated core that
    :mod:`drugkg.reasoning` classifies for queries). When the ontology is inconsistent, the
    individuals typed with two disjoint classes are named where that is the cause.
``unsatisfiable``
    Named classes HermiT finds equivalent to ``owl:Nothing``.

Examples
--------
>>> from drugkg import store
>>> from drugkg.reasoning.validate import validate
>>> report = validate(store.shipped_sources(), reasoner=False)
>>> report.ok, report.checks
(True, ('shacl',))
>>> broken = store.SourceFile("broken.ttl", b'''
...   @prefix dkg: <https://w3id.org/drugkg/ontology/> .
...   <https://w3id.org/drugkg/resource/x> a dkg:Interaction ;
...       dkg:hasEvidence <https://w3id.org/drugkg/resource/evidence-interaction-baclofen-lithium-1> .
... ''', "https://w3id.org/drugkg/resource/graph/data")
>>> for f in validate(store.shipped_sources() + [broken], reasoner=False).findings:
...     print(f.node, f.rule)
dkgr:x dkgsh:Interaction-hasParticipant
dkgr:x dkgsh:InteractionOutcomeOrSeverity
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any, TypeAlias

import pyoxigraph as ox

from .. import resources
from ..errors import ReasonerError
from ..namespaces import GRAPH_DATA, GRAPH_ONTOLOGY, OWL, RDF, RDFS, compress_iri
from ..store.checks import contradictions
from ..store.sources import SourceFile, parse_all
from . import hermit as reasoning

log = logging.getLogger(__name__)

#: Any RDF term pyoxigraph can put in a quad's object position.
_Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

SHAPES = "https://w3id.org/drugkg/shapes/"
SH = "http://www.w3.org/ns/shacl#"

#: rdf:type values that make a subject a term of the ontology rather than an individual.
_NOT_INDIVIDUALS = frozenset(OWL + t for t in (
    "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "Ontology", "Restriction",
    "FunctionalProperty", "SymmetricProperty", "TransitiveProperty", "InverseFunctionalProperty",
    "AllDisjointClasses", "AxiomAnnotation", "Axiom",
)) | {RDFS + "Class", RDFS + "Datatype", RDF + "Property"}


@dataclass(frozen=True)
class Finding:
    """One violation.

    Attributes
    ----------
    check : str
        ``shacl``, ``content``, ``consistency`` or ``unsatisfiable`` (``store`` for ``drugkg
        validate --store DIR --full``).
    node : str
        The offending node as a CURIE (``dkgr:interaction-x``), or ``ontology`` when HermiT
        cannot localise an inconsistency.
    rule : str
        The SHACL shape (``dkgsh:Interaction-hasParticipant``), content check (``dkg:duplicate-label``)
        or OWL rule broken.
    message : str
        What is wrong, in one line.
    """

    check: str
    node: str
    rule: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.check}: {self.node}: {self.rule}: {self.message}"


@dataclass
class Report:
    """The result of :func:`validate`: findings, the checks that ran and the size of the input."""

    findings: list[Finding] = field(default_factory=list)
    checks: tuple[str, ...] = ()
    triples: int = 0

    @property
    def ok(self) -> bool:
        """True when no check found anything."""
        return not self.findings

    def summary(self) -> str:
        """One line: the verdict, the checks run and the number of findings."""
        ran = ", ".join(self.checks)
        if self.ok:
            return f"valid: {self.triples} triples passed {ran}"
        n = len(self.findings)
        return f"invalid: {n} finding{'s' if n != 1 else ''} in {self.triples} triples ({ran})"

    def to_dicts(self) -> list[dict[str, str]]:
        """The findings as plain dicts with keys ``check``, ``node``, ``rule``, ``message``."""
        return [f.to_dict() for f in self.findings]

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in f.to_dict().values()) + "</tr>" for f in self.findings
        )
        table = f"<table><tr><th>check</th><th>node</th><th>rule</th><th>message</th></tr>{rows}</table>" if rows else ""
        return f"<p>{escape(self.summary())}</p>{table}"


def validate(sources: list[SourceFile], *, reasoner: bool = True) -> Report:
    """Validate RDF sources (ontology modules and data) with SHACL and, optionally, HermiT.

    Parameters
    ----------
    sources : list of SourceFile
        Usually :func:`drugkg.store.shipped_sources` plus user data files.
    reasoner : bool
        Also run HermiT for consistency and unsatisfiable classes (needs Java).

    Returns
    -------
    Report

    Raises
    ------
    DataError
        If a source is not well-formed RDF.
    ReasonerError
        If ``reasoner`` is true and Java is missing or HermiT fails for a reason other than an
        inconsistency (an inconsistency is a finding, not an error).
    """
    return _validate_quads(parse_all(sources), reasoner=reasoner, user=[s for s in sources if s.user])


def validate_store(store: ox.Store, *, reasoner: bool = True) -> Report:
    """Validate the ontology and data graphs of a loaded store (the inferred graph is left out).

    Examples
    --------
    >>> import drugkg
    >>> drugkg.load().validate(reasoner=False).summary()  # doctest: +ELLIPSIS
    'valid: ... triples passed shacl'
    """
    quads = [q for g in (GRAPH_ONTOLOGY, GRAPH_DATA) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
    return _validate_quads(quads, reasoner=reasoner)


def _validate_quads(quads: list[ox.Quad], *, reasoner: bool, user: list[SourceFile] | None = None) -> Report:
    report = Report(triples=len({(q.subject, q.predicate, q.object) for q in quads}))
    report.findings.extend(shacl_findings(quads))
    report.checks = ("shacl",)
    if user:
        report.findings.extend(content_findings(quads, user))
        report.checks += ("content",)
    if reasoner:
        report.findings.extend(reasoner_findings(quads))
        report.checks += ("consistency", "unsatisfiable")
    return report


# --------------------------------------------------------------------------------------- SHACL

def shacl_findings(quads: Iterable[ox.Quad]) -> list[Finding]:
    """Run the shipped SHACL shapes over ``quads`` (all graphs merged) with pyshacl."""
    import pyshacl  # heavy; only validation needs it
    import rdflib

    triples = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
    data = rdflib.Graph().parse(data=triples, format="nt")
    shapes = rdflib.Graph().parse(data=resources.shapes_file().read_bytes(), format="turtle")
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=False, advanced=False,
    )
    sh = rdflib.Namespace(SH)
    out = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        shape = results.value(result, sh.sourceShape)
        component = results.value(result, sh.sourceConstraintComponent)
        value = results.value(result, sh.value)
        message = str(results.value(result, sh.resultMessage) or component)
        if value is not None and not isinstance(value, rdflib.BNode):
            message += f" (found {_show(value)})"
        rule = _shape_name(shape) if isinstance(shape, rdflib.URIRef) else _shape_name(component)
        out.append(Finding("shacl", _show(focus), rule, message))
    return sorted(set(out), key=lambda f: (f.node, f.rule, f.message))


def _shape_name(term: Any) -> str:
    iri = str(term)
    if iri.startswith(SHAPES):
        return "dkgsh:" + iri[len(SHAPES):]
    if iri.startswith(SH):
        return "sh:" + iri[len(SH):]
    return compress_iri(iri)


def _show(term: Any) -> str:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return compress_iri(str(term))
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    return repr(str(term))


def content_findings(quads: list[ox.Quad], user: list[SourceFile]) -> list[Finding]:
    """What loading would refuse in the user's files (:func:`drugkg.store.checks.contradictions`), every node of it."""
    store = ox.Store()
    store.extend(quads)
    return [Finding("content", c.node, c.rule, f"{c.file}: {c.why}") for c in contradictions(store, user)]


# ------------------------------------------------------------------------------------ HermiT

def reasoner_findings(quads: list[ox.Quad]) -> list[Finding]:
    """Classify the whole ontology and data with HermiT; report inconsistency and ``owl:Nothing`` classes."""
    individuals = _individuals(quads)
    declarations = [
        ox.Quad(s, ox.NamedNode(RDF + "type"), ox.NamedNode(OWL + "NamedIndividual")) for s in sorted(individuals, key=str)
    ]
    try:
        inferred = reasoning.run_hermit([*quads, *declarations])
    except ReasonerError as exc:
        if "inconsistent" not in str(exc):
            raise
        return _locate_inconsistency(quads, individuals) or [
            Finding("consistency", "ontology", "owl:consistency", "HermiT found the ontology inconsistent: no model satisfies its axioms"),
        ]
    return [
        Finding("unsatisfiable", compress_iri(c), "owl:Nothing", "class is unsatisfiable: no individual can belong to it")
        for c in inferred.unsatisfiable
    ]


def _individuals(quads: list[ox.Quad]) -> set[ox.NamedNode]:
    """Named subjects of the data graph that are not classes, properties or ontologies."""
    typ = ox.NamedNode(RDF + "type")
    data = ox.NamedNode(GRAPH_DATA)
    terms = {q.subject for q in quads if q.predicate == typ and not isinstance(q.object, ox.Triple) and q.object.value in _NOT_INDIVIDUALS}
    return {q.subject for q in quads if q.graph_name == data and isinstance(q.subject, ox.NamedNode)} - terms


def _locate_inconsistency(quads: list[ox.Quad], individuals: set[ox.NamedNode]) -> list[Finding]:
    """Name individuals whose asserted types, closed over told subclass axioms, are declared disjoint."""
    typ, sub = RDF + "type", RDFS + "subClassOf"
    parents: dict[str, set[str]] = {}
    types: dict[str, set[str]] = {}
    names = {i.value for i in individuals}
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode) or not isinstance(o, ox.NamedNode):
            continue
        if p == sub:
            parents.setdefault(s.value, set()).add(o.value)
        elif p == typ and s.value in names:
            types.setdefault(s.value, set()).add(o.value)
    disjoint = _disjoint_pairs(quads)
    found = []
    for ind, told in sorted(types.items()):
        closed = set(told)
        for t in told:
            closed |= reasoning.ancestors(t, parents)
        for a, b in combinations(sorted(closed), 2):
            if frozenset((a, b)) in disjoint:
                found.append(Finding(
                    "consistency", compress_iri(ind), "owl:disjointWith",
                    f"typed both {compress_iri(a)} and {compress_iri(b)}, which are disjoint",
                ))
    return found


def _disjoint_pairs(quads: list[ox.Quad]) -> set[frozenset[str]]:
    """Pairs of named classes declared disjoint (owl:disjointWith and owl:AllDisjointClasses)."""
    pairs: set[frozenset[str]] = set()
    first: dict[_Term, _Term] = {}
    rest: dict[_Term, _Term] = {}
    members_of: list[_Term] = []
    for q in quads:
        p = q.predicate.value
        if p == OWL + "disjointWith" and isinstance(q.object, ox.NamedNode) and not isinstance(q.subject, ox.Triple):
            pairs.add(frozenset((q.subject.value, q.object.value)))
        elif p == RDF + "first":
            first[q.subject] = q.object
        elif p == RDF + "rest":
            rest[q.subject] = q.object
        elif p == OWL + "members":
            members_of.append(q.object)
    nil = ox.NamedNode(RDF + "nil")
    for head in members_of:
        members, node, seen = [], head, set()
        while node != nil and node in first and node not in seen:
            seen.add(node)
            member = first[node]
            if isinstance(member, ox.NamedNode):
                members.append(member.value)
            node = rest.get(node, nil)
        pairs.update(frozenset(pair) for pair in combinations(members, 2))
    return pairs
