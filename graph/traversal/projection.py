"""The knowledge graph as a typed NetworkX MultiDiGraph, and traversals over it.

:func:`project` turns the store into a :class:`networkx.MultiDiGraph`:

* nodes are keyed by CURIE and carry ``type`` (``drug``, ``drug_class``, ``target``,
  ``target_action``, ``mechanism``, ``action_mechanism``, ``physiological_effect``, ``pathway``, ``effect``,
  ``risk_factor``, ``assertion``, ``interaction``, ``withdrawal``, ``management``, ``evidence``,
  ``source``, ``context``, ``route``, ``vocabulary``), ``label``, ``iri``, and for claims their
  evidence ``level``, ``level_rank`` and ``evidence`` (one line per item);
* edges are keyed by relation (the local name of the RDF predicate: ``subject``, ``effect``,
  ``hasTargetAction``, ``onTarget``, ``viaTargetAction``, ``hasPhysiologicalEffect``,
  ``inPathway``, ``leadsTo``, ``hasParticipant``, ``hasOutcome``, ``hasEvidence`` ...) plus
  ``member_of`` (drug to pharmacological class; ``inferred`` is True when the reasoner classified
  it) and ``is_a`` (effect class hierarchy, the transitive reduction of the reasoner's closure;
  equivalent classes are linked both ways).
  The direct edges ``hasAdverseEffect`` and ``treats`` carry the ``claims`` behind them and their
  best ``level``.

:func:`risk_reasons` answers the combination-risk question by traversal alone, independently of
the SPARQL query, so the two can be checked against each other.

Examples
--------
>>> import drugkg
>>> g = drugkg.load().to_networkx()
>>> g.nodes["dkgr:drug-clozapine"]["type"], g.nodes["HP:0001332"]["label"]
('drug', 'Dystonia')
>>> sorted({k for _, _, k in g.out_edges("dkgr:mechanism-baclofen-nigrostriatal-dopamine", keys=True)})
['hasEvidence', 'hasPhysiologicalEffect', 'inPathway', 'leadsTo', 'mechanismOf', 'viaTargetAction']
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from ..namespaces import DKG, GRAPH_DATA, GRAPH_INFERRED, OWL, RDF, RDFS, compress_iri
from ..reasoning.hermit import ancestors
from ..records import LEVEL_NAMES

if TYPE_CHECKING:
    from ..context import GraphContext

#: rdf:type -> node type, most specific first.
TYPE_OF_CLASS = [
    ("Drug", "drug"), ("TargetAction", "target_action"), ("Target", "target"), ("Mechanism", "mechanism"),
    ("PhysiologicalEffect", "physiological_effect"), ("Pathway", "pathway"), ("Interaction", "interaction"),
    ("WithdrawalSyndrome", "withdrawal"), ("DrugEffectAssertion", "assertion"), ("ManagementAction", "management"),
    ("Evidence", "evidence"), ("Source", "source"), ("ExposureContext", "context"), ("Route", "route"),
    ("MolecularAction", "action"), ("PharmacokineticRole", "pk_role"), ("ActionMechanism", "action_mechanism"), ("Claim", "claim"),
]
#: Vocabulary facts the rules read wherever they are stated (ontology or data graph): the direction
#: and signal of physiological effects, the rank of strengths, sensitivities and severities.
_VOCABULARY_PREDICATES = (DKG + "direction", DKG + "signal", DKG + "rank")
_SKIP_PREDICATES = {RDF + "type", RDFS + "label", OWL + "sameAs"}


def project(kg: GraphContext) -> nx.MultiDiGraph:
    """Build the typed MultiDiGraph of ``kg`` (see the module docstring)."""
    store = kg.store
    g = nx.MultiDiGraph(name="drugkg")
    data = ox.NamedNode(GRAPH_DATA)
    typ = ox.NamedNode(RDF + "type")

    types: dict[str, set[str]] = defaultdict(set)
    asserted: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, typ, None, None):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
            types[quad.subject.value].add(quad.object.value)
            if quad.graph_name == data:
                asserted[quad.subject.value].add(quad.object.value)
    solutions = store.query(
        "SELECT DISTINCT ?c WHERE { ?c dkg:isPharmacologicalClass true }", prefixes={"dkg": DKG}, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query
    pharm = {sol["c"].value for sol in solutions}
    parents: dict[str, set[str]] = defaultdict(set)
    stated: set[tuple[str, str]] = set()
    for quad in store.quads_for_pattern(None, ox.NamedNode(RDFS + "subClassOf"), None, None):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
            parents[quad.subject.value].add(quad.object.value)
            if quad.graph_name != ox.NamedNode(GRAPH_INFERRED):
                stated.add((quad.subject.value, quad.object.value))
    risk_classes = ancestors_of_set(parents, DKG + "RiskFactor")

    def node_type(iri: str) -> str:
        ts = types.get(iri, set())
        for local, name in TYPE_OF_CLASS:
            if DKG + local in ts:
                return name
        if iri in pharm:
            return "drug_class"
        if iri in risk_classes:
            return "risk_factor"
        if iri in parents or iri.startswith(("http://purl.obolibrary.org/obo/HP_", DKG)):
            return "effect"
        return "vocabulary"

    def ensure(iri: str) -> str:
        key = compress_iri(iri)
        if key not in g:
            kind = node_type(iri)
            g.add_node(key, iri=iri, label=kg.label(iri), type=kind)
            if kind == "assertion":
                g.nodes[key]["kind"] = "therapeutic" if DKG + "TherapeuticAssertion" in types[iri] else "adverse"
        return key

    literals: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for quad in store.quads_for_pattern(None, None, None, data):
        s, p, o = quad.subject, quad.predicate, quad.object
        if not isinstance(s, ox.NamedNode) or p.value in _SKIP_PREDICATES:
            continue
        rel = _local(p.value)
        if isinstance(o, ox.NamedNode):
            g.add_edge(ensure(s.value), ensure(o.value), key=rel, relation=rel, predicate=compress_iri(p.value), inferred=False)
        elif isinstance(o, ox.Literal):
            literals[s.value][rel].append(o.value)
    for pred in _VOCABULARY_PREDICATES:
        rel = _local(pred)
        for quad in store.quads_for_pattern(None, ox.NamedNode(pred), None, None):
            s, o = quad.subject, quad.object
            key = compress_iri(s.value) if isinstance(s, ox.NamedNode) else None
            if key is None or key not in g or quad.graph_name == data or not isinstance(s, ox.NamedNode):
                continue  # the data graph's own statements were added above
            if isinstance(o, ox.NamedNode):
                g.add_edge(key, ensure(o.value), key=rel, relation=rel, predicate=compress_iri(pred), inferred=False)
            elif isinstance(o, ox.Literal):
                literals[s.value][rel].append(o.value)
    for iri, props in literals.items():
        attrs = g.nodes[ensure(iri)]
        for rel, values in props.items():
            attrs[rel] = "; ".join(sorted(set(values)))

    for drug in [n for n, d in g.nodes(data=True) if d["type"] == "drug"]:
        iri = g.nodes[drug]["iri"]
        for cls in sorted(types[iri] & pharm):
            g.add_edge(drug, ensure(cls), key="member_of", relation="member_of", predicate="rdf:type",
                       inferred=cls not in asserted[iri])

    # the ontology's own effect classes are there even when no claim names them (a rule's outcome,
    # such as the loss of a therapeutic effect, may be a class that only the rules use)
    phenotype = "http://purl.obolibrary.org/obo/HP_0000118"
    for c in sorted(parents):
        if c.startswith(DKG) and phenotype in ancestors(c, parents):
            ensure(c)
    effect_nodes = {d["iri"] for _, d in g.nodes(data=True) if d["type"] in ("effect", "risk_factor")}
    closure = {c: ancestors(c, parents) for c in effect_nodes}
    keep = set(effect_nodes)
    for c in effect_nodes:
        keep |= {a for a in closure[c] if not a.startswith(OWL)}
    full = {c: {a for a in ancestors(c, parents) if a in keep and a != c} for c in keep}
    # equivalent classes (each an ancestor of the other) are linked both ways; the rest of the
    # hierarchy is the transitive reduction over strict ancestors
    strict = {c: {a for a in full[c] if c not in full[a]} for c in keep}
    for c in sorted(keep):
        direct = (strict[c] - {x for p in strict[c] for x in strict[p]}) | (full[c] - strict[c])
        for parent in sorted(direct):
            g.add_edge(ensure(c), ensure(parent), key="is_a", relation="is_a", predicate="rdfs:subClassOf",
                       inferred=(c, parent) not in stated)

    _grade(kg, g)
    return g


def ancestors_of_set(parents: dict[str, set[str]], root: str) -> set[str]:
    """Classes whose ancestors include ``root`` (``root`` itself included)."""
    return {c for c in parents if root in ancestors(c, parents)} | {root}


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def _grade(kg: GraphContext, g: nx.MultiDiGraph) -> None:
    """Put evidence grades on claim nodes and on the direct drug-effect edges they back."""
    best: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
    kg.evidence_by_claim.fill()
    for node, attrs in g.nodes(data=True):
        refs = kg.evidence_by_claim.get(attrs["iri"])
        if not refs:
            continue
        rank, level = kg.claim_level(attrs["iri"])
        attrs.update(level=level, level_rank=rank, evidence="\n".join(r.short() for r in refs))
        if attrs["type"] == "assertion":
            subj = [v for _, v, k in g.out_edges(node, keys=True) if k == "subject"]
            eff = [v for _, v, k in g.out_edges(node, keys=True) if k == "effect"]
            rel = "treats" if attrs.get("kind") == "therapeutic" else "hasAdverseEffect"
            for s in subj:
                for e in eff:
                    best[(s, e, rel)].append((rank, node))
    for (s, e, rel), claims in best.items():
        if g.has_edge(s, e, key=rel):
            data = g.edges[s, e, rel]
            data["claims"] = "; ".join(sorted(c for _, c in claims))
            top = max(r for r, _ in claims)
            data["level_rank"] = top
            data["level"] = _level_name(top)


def _level_name(rank: int) -> str:
    return LEVEL_NAMES.get(rank, "none")
