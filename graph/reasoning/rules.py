"""Classification that scales: the ontology's defined classes compiled into SPARQL rules.

Every ``owl:equivalentClass`` definition built from ``owl:intersectionOf``, ``owl:unionOf``,
``owl:someValuesFrom`` (a named class or a nested expression) and ``owl:hasValue`` becomes one
SPARQL graph pattern; an individual that matches it is a member of the class, and of the class's
superclasses. Inverse properties (``owl:inverseOf``) are followed both ways. For drugs imported in
bulk this gives the same memberships as HermiT on drug-level facts (the definitions are EL: no
negation, no cardinality, no universal restriction), without a JVM; ``tests/test_rules.py``
checks the equality on the curated graph and on synthetic drugs.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> rules = compile_rules(kg.store)
>>> any(r.cls.endswith("D2ReceptorAntagonist") for r in rules)
True
>>> clozapine = "https://w3id.org/drugkg/resource/drug-clozapine"
>>> "https://w3id.org/drugkg/ontology/D2ReceptorAntagonist" in classify(kg.store, [clozapine])[clozapine]
True
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from ..namespaces import OWL, RDF, RDFS

_OWL = {k: ox.NamedNode(OWL + k) for k in ("equivalentClass", "intersectionOf", "unionOf", "someValuesFrom",
                                             "hasValue", "onProperty", "inverseOf", "Class")}
_FIRST, _REST, _NIL = (ox.NamedNode(RDF + x) for x in ("first", "rest", "nil"))


class Unsupported(Exception):
    """A class expression outside what the compiler handles (the class is left to HermiT)."""


@dataclass(frozen=True)
class Rule:
    """A defined class and the SPARQL pattern (over ``?x``) its members match."""

    cls: str
    pattern: str


def _list(store: ox.Store, head: ox.NamedNode | ox.BlankNode) -> list[object]:
    out: list[object] = []
    while head != _NIL:
        first = next(store.quads_for_pattern(head, _FIRST, None), None)
        rest = next(store.quads_for_pattern(head, _REST, None), None)
        if first is None or rest is None:
            raise Unsupported("broken rdf:List")
        out.append(first.object)
        head = rest.object  # type: ignore[assignment]
    return out


class _Compiler:
    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.n = itertools.count()
        self.inverse: dict[str, str] = {}
        for q in store.quads_for_pattern(None, _OWL["inverseOf"], None):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                self.inverse[q.subject.value] = q.object.value
                self.inverse[q.object.value] = q.subject.value

    def one(self, node: object, p: ox.NamedNode) -> object | None:
        q = next(self.store.quads_for_pattern(node, p, None), None)  # type: ignore[arg-type]
        return q.object if q is not None else None

    def edge(self, x: str, prop: str, y: str) -> str:
        inv = self.inverse.get(prop)
        if inv is None:
            return f"{x} <{prop}> {y} ."
        return f"{{ {x} <{prop}> {y} }} UNION {{ {y} <{inv}> {x} }}"

    def expr(self, node: object, x: str) -> str:
        if isinstance(node, ox.NamedNode):
            t = f"?t{next(self.n)}"
            return f"{x} a {t} . {t} <{RDFS}subClassOf>* <{node.value}> ."
        inter = self.one(node, _OWL["intersectionOf"])
        if inter is not None:
            return " ".join(self.expr(m, x) for m in _list(self.store, inter))  # type: ignore[arg-type]
        union = self.one(node, _OWL["unionOf"])
        if union is not None:
            return " UNION ".join(f"{{ {self.expr(m, x)} }}" for m in _list(self.store, union))  # type: ignore[arg-type]
        prop = self.one(node, _OWL["onProperty"])
        if not isinstance(prop, ox.NamedNode):
            raise Unsupported("restriction without a named property")
        value = self.one(node, _OWL["hasValue"])
        if value is not None:
            return self.edge(x, prop.value, str(value))
        some = self.one(node, _OWL["someValuesFrom"])
        if some is not None:
            y = f"?y{next(self.n)}"
            return f"{self.edge(x, prop.value, y)} {self.expr(some, y)}"
        raise Unsupported("restriction other than someValuesFrom / hasValue")


def compile_rules(store: ox.Store) -> list[Rule]:
    """A rule for every defined class whose definition the compiler handles."""
    comp = _Compiler(store)
    rules = []
    for q in store.quads_for_pattern(None, _OWL["equivalentClass"], None):
        if not isinstance(q.subject, ox.NamedNode) or isinstance(q.object, ox.NamedNode):
            continue  # named equivalences are in the inferred subclass closure already
        try:
            rules.append(Rule(q.subject.value, comp.expr(q.object, "?x")))
        except Unsupported:
            continue
    return sorted(set(rules), key=lambda r: r.cls)


def classify(store: ox.Store, individuals: Iterable[str], rules: list[Rule] | None = None) -> dict[str, set[str]]:
    """Defined classes (and their superclasses) each individual belongs to, by the compiled rules.

    Iterates to a fixpoint, so a definition over another defined class is honoured.
    """
    rules = compile_rules(store) if rules is None else rules
    wanted = sorted(set(individuals))
    found: dict[str, set[str]] = defaultdict(set)
    if not wanted:
        return found
    values = " ".join(f"<{i}>" for i in wanted)
    extra = ox.Store()
    changed = True
    while changed:
        changed = False
        for r in rules:
            q = f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {values} }} {r.pattern} }}"
            for sol in _union_query(store, extra, q):
                x = sol["x"].value
                if r.cls not in found[x]:
                    changed = True
                    for sup in superclasses(store, r.cls):
                        found[x].add(sup)
                        extra.add(ox.Quad(ox.NamedNode(x), ox.NamedNode(RDF + "type"), ox.NamedNode(sup)))
    return found


def _union_query(store: ox.Store, extra: ox.Store, q: str) -> list[ox.QuerySolution]:
    res = list(store.query(q, use_default_graph_as_union=True))  # type: ignore[arg-type]
    if len(extra):
        combined = ox.Store()
        combined.extend(extra)
        res += list(combined.query(q))  # type: ignore[arg-type]
    return res


def superclasses(store: ox.Store, cls: str) -> set[str]:
    """``cls`` and its named superclasses in the store (``rdfs:subClassOf*``)."""
    q = f"SELECT DISTINCT ?s WHERE {{ <{cls}> <{RDFS}subClassOf>* ?s . FILTER(isIRI(?s)) }}"
    return {s["s"].value for s in store.query(q, use_default_graph_as_union=True)} | {cls}  # type: ignore[union-attr]
