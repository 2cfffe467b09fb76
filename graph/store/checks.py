"""Refusing user data that contradicts the ontology, before it is reasoned over or stored.

Run on the stated graphs (ontology plus curated and user data) when a user file is loaded; each
finding names the file, the node and the reason. Checked:

* a node typed ``owl:Nothing``, or a class the ontology already uses declared a subclass of or
  equivalent to ``owl:Nothing`` (no model could exist);
* a node typed with two classes the ontology declares disjoint (through the class hierarchy,
  ``owl:disjointWith`` and ``owl:AllDisjointClasses``);
* a drug given the label of another drug (names would no longer say which drug is meant).

``load(data=..., check=False)`` (``--unchecked``) skips these checks. Loading stops at the first
finding; :func:`contradictions` lists them all, as ``drugkg validate`` reports them (check
``content``, with or without ``--no-reasoner``).

Examples
--------
>>> import pyoxigraph as ox
>>> from drugkg.store.sources import SourceFile, parse_all, shipped_sources
>>> bad = SourceFile("bad.ttl", b"@prefix dkgr: <https://w3id.org/drugkg/resource/> . "
...                  b"dkgr:drug-clozapine <http://www.w3.org/2000/01/rdf-schema#label> 'Baclofen' .",
...                  "https://w3id.org/drugkg/resource/graph/data", max_literal=100)
>>> store = ox.Store()
>>> store.extend(parse_all(shipped_sources() + [bad]))
>>> check_contradictions(store, [bad])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
drugkg.errors.DataError: bad.ttl: dkgr:drug-clozapine: duplicate drug label: 'Baclofen' is already the label of dkgr:drug-baclofen ...
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import DataError
from ..namespaces import SPARQL_PREFIXES, compress_iri
from .sources import SourceFile

_HIERARCHY = "(rdfs:subClassOf|owl:equivalentClass|^owl:equivalentClass)"

#: (rule, reason, query binding ?node, ?other and ?detail)
CHECKS: tuple[tuple[str, str, str], ...] = (
    ("owl:Nothing-type", "typed owl:Nothing, which no individual can be", f"""
SELECT DISTINCT ?node ?other ?detail WHERE {{
  ?node a ?other . ?other {_HIERARCHY}* owl:Nothing . BIND("" AS ?detail)
}}"""),
    ("owl:Nothing-class", "declared a subclass of or equivalent to owl:Nothing, which makes it unsatisfiable", f"""
SELECT DISTINCT ?node ?other ?detail WHERE {{
  ?node {_HIERARCHY}+ owl:Nothing . FILTER(?node != owl:Nothing && isIRI(?node))
  BIND(owl:Nothing AS ?other) BIND("" AS ?detail)
}}"""),
    ("owl:disjointWith", "typed with two disjoint classes", """
SELECT DISTINCT ?node ?other ?detail WHERE {
  { ?d1 owl:disjointWith ?d2 } UNION { ?all a owl:AllDisjointClasses ; owl:members ?list .
    ?list rdf:rest*/rdf:first ?d1 . ?list rdf:rest*/rdf:first ?d2 . FILTER(?d1 != ?d2) }
  ?c1 rdfs:subClassOf* ?d1 . ?node a ?c1 .
  ?c2 rdfs:subClassOf* ?d2 . ?node a ?c2 .
  BIND(?c1 AS ?other) BIND(STR(?c2) AS ?detail)
}"""),
    ("dkg:duplicate-label", "duplicate drug label", """
SELECT DISTINCT ?node ?other ?detail WHERE {
  ?node a/rdfs:subClassOf* dkg:Drug ; rdfs:label ?l .
  ?other a/rdfs:subClassOf* dkg:Drug ; rdfs:label ?l2 .
  FILTER(?node != ?other && LCASE(STR(?l)) = LCASE(STR(?l2)))
  BIND(STR(?l) AS ?detail)
}"""),
)


def _subjects(source: SourceFile) -> set[str]:
    return {q.subject.value for q in ox.parse(source.data, format=source.format, base_iri="https://w3id.org/drugkg/resource/")
            if isinstance(q.subject, ox.NamedNode | ox.BlankNode)}


@dataclass(frozen=True)
class Contradiction:
    """One node of a user file that contradicts the ontology: ``file``, ``node`` (CURIE), ``rule``, ``why``."""

    file: str
    node: str
    rule: str
    why: str


def contradictions(store: ox.Store, user: list[SourceFile]) -> list[Contradiction]:
    """Every node of the user's files that contradicts the ontology, in the order of :data:`CHECKS`, then by file and node.

    Parameters
    ----------
    store : pyoxigraph.Store
        Holding the stated graphs (before inferences).
    user : list of SourceFile
        The user's files; only nodes they describe are reported (the shipped graph is not refused).
    """
    if not user:
        return []
    owners = [(s.name, _subjects(s)) for s in user]
    out: list[Contradiction] = []
    for rule, reason, query in CHECKS:
        found: set[Contradiction] = set()
        result = store.query(query, prefixes=SPARQL_PREFIXES, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        for sol in result:
            node = sol["node"]
            other = sol["other"]
            assert node is not None and other is not None
            names = [name for name, subjects in owners if node.value in subjects]
            if not names:
                continue
            detail = sol["detail"].value if sol["detail"] is not None else ""
            what = compress_iri(node.value) if isinstance(node, ox.NamedNode) else f"_:{node.value}"
            if rule == "dkg:duplicate-label":
                why = f"{reason}: {detail!r} is already the label of {compress_iri(other.value)}"
            elif rule == "owl:disjointWith":
                first, second = sorted((compress_iri(other.value), compress_iri(detail)))  # each pair once
                why = f"{reason}: {first} and {second}"
            elif rule == "owl:Nothing-type" and other.value != SPARQL_PREFIXES["owl"] + "Nothing":
                why = f"{reason} (through {compress_iri(other.value)})"
            else:
                why = reason
            found.add(Contradiction(names[0], what, rule, why))
        out += sorted(found, key=lambda c: (c.file, c.node, c.why))
    return out


def check_contradictions(store: ox.Store, user: list[SourceFile]) -> None:
    """Raise :class:`~drugkg.errors.DataError` for the first node of a user file that contradicts the ontology
    (the first of :func:`contradictions`).
    """
    found = contradictions(store, user)
    if found:
        c = found[0]
        raise DataError(f"{c.file}: {c.node}: {c.why} (load with --unchecked / check=False to keep it)")
