"""OWL reasoning with HermiT (through owlready2), run once per ontology content and cached.

The reasoner sees the terminology (the ontology modules) and the *curated core*: drugs, their
target actions, targets and mechanisms, which is all the defined classes need. Assertions,
evidence and sources only get their types closed over the inferred class hierarchy, which is
cheap. The result is a list of triples (``rdfs:subClassOf`` closure of named classes, ``rdf:type``
closure of individuals) that :mod:`drugkg.store` loads into the inferred graph; everyday
queries never start a JVM.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> kg.ask("ASK { dkg:StatusDystonicus rdfs:subClassOf dkg:MovementDisorder }")
True
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import ReasonerError
from ..namespaces import DKG, OWL, RDF, RDFS, SPARQL_PREFIXES

log = logging.getLogger(__name__)

#: Predicates of the curated core that the defined classes depend on.
CORE_PREDICATES = (
    "rdf:type", "rdfs:label", "dkg:hasTargetAction", "dkg:onTarget", "dkg:actionType", "dkg:hasTarget",
    "dkg:hasMechanism", "dkg:mechanismOf", "dkg:viaTargetAction", "dkg:hasPhysiologicalEffect",
    "dkg:inPathway", "dkg:inContext",
)

_CORE_QUERY = f"""
CONSTRUCT {{ ?s ?p ?o . ?s a owl:NamedIndividual }} WHERE {{
  {{ ?s a dkg:Drug }} UNION {{ ?s a dkg:TargetAction }} UNION {{ ?s a dkg:Mechanism }}
  UNION {{ ?ta dkg:onTarget ?s }}
  ?s ?p ?o .
  VALUES ?p {{ {' '.join(CORE_PREDICATES)} }}
}}"""


@dataclass
class Inferences:
    """What the reasoner concluded.

    Attributes
    ----------
    triples : list of tuple of str
        ``(subject, predicate, object)`` IRIs to add to the inferred graph.
    unsatisfiable : list of str
        IRIs of named classes equivalent to ``owl:Nothing``.
    """

    triples: list[tuple[str, str, str]] = field(default_factory=list)
    unsatisfiable: list[str] = field(default_factory=list)


def java_available() -> bool:
    """Whether a ``java`` executable is on the PATH (HermiT needs one)."""
    return shutil.which("java") is not None


def core_quads(store: ox.Store, tbox_graphs: Iterable[ox.NamedNode], data_graphs: Iterable[ox.NamedNode]) -> Iterator[ox.Quad]:
    """Yield the triples the reasoner needs: the whole terminology plus the curated core."""
    for g in tbox_graphs:
        yield from store.quads_for_pattern(None, None, None, g)
    triples = store.query(_CORE_QUERY, prefixes=SPARQL_PREFIXES, default_graph=list(data_graphs))
    assert isinstance(triples, ox.QueryTriples)  # a CONSTRUCT query
    for triple in triples:
        yield ox.Quad(triple.subject, triple.predicate, triple.object)


def run_hermit(quads: Iterable[ox.Quad]) -> Inferences:
    """Classify the given triples with HermiT and return the materialised closure.

    Raises
    ------
    ReasonerError
        If Java is missing, HermiT fails, or the ontology is inconsistent.
    """
    if not java_available():
        raise ReasonerError("java not found: HermiT needs Java 11+ to compute the inferences")
    import owlready2  # heavy; imported only when reasoning is actually needed

    data = ox.serialize((ox.Quad(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
    tmpdir = tempfile.mkdtemp(prefix="drugkg-reason-")
    try:
        path = os.path.join(tmpdir, "core.nt")
        assert data is not None  # serialize() returns the bytes when given no output
        with open(path, "wb") as fh:
            fh.write(data)
        world = owlready2.World()
        onto = world.get_ontology("file://" + path).load(format="ntriples")
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            raise ReasonerError("the ontology is inconsistent (HermiT): no model satisfies its axioms") from None
        except (owlready2.OwlReadyJavaError, OSError) as exc:
            first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise ReasonerError(f"HermiT failed: {first}") from None
        return _collect(world)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _named(entity: object) -> str | None:
    iri = getattr(entity, "iri", None)
    return iri if isinstance(iri, str) and not iri.startswith(OWL) else None


def _collect(world: object) -> Inferences:
    import owlready2

    parents: dict[str, set[str]] = {}
    unsat: list[str] = []
    nothing = owlready2.Nothing
    for cls in world.classes():  # type: ignore[attr-defined]
        iri = _named(cls)
        if iri is None:
            continue
        ups = parents.setdefault(iri, set())
        for sup in list(cls.is_a) + list(cls.equivalent_to):
            if sup is nothing:
                unsat.append(iri)
            sup_iri = _named(sup)
            if sup_iri:
                ups.add(sup_iri)
        for eq in cls.equivalent_to:
            eq_iri = _named(eq)
            if eq_iri:
                parents.setdefault(eq_iri, set()).add(iri)
    unsat.extend(iri for iri in map(_named, world.inconsistent_classes()) if iri)  # type: ignore[attr-defined]
    closure = {c: ancestors(c, parents) for c in parents}
    out = Inferences(unsatisfiable=sorted(set(unsat)))
    sub, typ = RDFS + "subClassOf", RDF + "type"
    for c, ups in sorted(closure.items()):
        out.triples.extend((c, sub, u) for u in sorted(ups) if u != c)
    for ind in world.individuals():  # type: ignore[attr-defined]
        iri = _named(ind)
        if iri is None:
            continue
        types: set[str] = set()
        for t in ind.is_a:
            t_iri = _named(t)
            if t_iri:
                types.add(t_iri)
                types |= closure.get(t_iri, set())
        out.triples.extend((iri, typ, t) for t in sorted(types))
    return out


def ancestors(node: str, parents: dict[str, set[str]]) -> set[str]:
    """All nodes reachable from ``node`` along ``parents`` (excluding ``node`` unless in a cycle).

    Examples
    --------
    >>> sorted(ancestors("a", {"a": {"b"}, "b": {"c"}, "c": set()}))
    ['b', 'c']
    """
    seen: set[str] = set()
    todo = deque(parents.get(node, ()))
    while todo:
        n = todo.popleft()
        if n in seen:
            continue
        seen.add(n)
        todo.extend(parents.get(n, ()))
    return seen


def close_types(store: ox.Store, inferred: Inferences, data_graphs: list[ox.NamedNode]) -> list[tuple[str, str, str]]:
    """Type closure for the individuals the reasoner did not see (assertions, evidence...)."""
    parents: dict[str, set[str]] = {}
    sub = RDFS + "subClassOf"
    for s, p, o in inferred.triples:
        if p == sub:
            parents.setdefault(s, set()).add(o)
    seen_by_reasoner = {s for s, p, _ in inferred.triples if p == RDF + "type"}
    out: list[tuple[str, str, str]] = []
    typ = ox.NamedNode(RDF + "type")
    for g in data_graphs:
        for quad in store.quads_for_pattern(None, typ, None, g):
            subject = quad.subject
            if not isinstance(subject, ox.NamedNode) or subject.value in seen_by_reasoner or isinstance(quad.object, ox.Triple):
                continue
            for t in sorted(parents.get(quad.object.value, ())):
                out.append((subject.value, RDF + "type", t))
    return out


__all__ = ["DKG", "Inferences", "ancestors", "close_types", "core_quads", "java_available", "run_hermit"]
