"""The :class:`KnowledgeGraph`: one object for SPARQL, lookups and the researcher's questions.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> kg.drug("Lioresal").label
'baclofen'
>>> kg.info()["drugs"] > 10
True
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from . import sparql as q
from . import store as st
from .errors import NotFound, QueryError
from .lookup import NameIndex
from .namespaces import compress_iri
from .records import Combination, Drug, Effect, EvidenceRef, Results, Withdrawal
from .risk import LEVEL_NAMES

if TYPE_CHECKING:
    import networkx as nx

#: The effect class risk questions default to.
DEFAULT_EFFECT = "movement disorder"


def load(path: str | os.PathLike[str] | None = None, *, data: list[str | os.PathLike[str]] | tuple[()] = ()) -> KnowledgeGraph:
    """Load the curated knowledge graph, with its OWL inferences, into an embedded Oxigraph store.

    Parameters
    ----------
    path : str or PathLike, optional
        Directory of an on-disk store. Missing or built from other content: it is (re)built
        atomically. Built from the same content: reopened as is, with no work. Default: in memory.
    data : list of str or PathLike, optional
        Extra RDF files (``.ttl``, ``.nt``, ``.nq``, ``.rdf``/``.owl``, ``.jsonld``) to add to the
        curated data. Their inferences are computed once with HermiT and cached.

    Returns
    -------
    KnowledgeGraph

    Raises
    ------
    DataError
        If a data file is missing or malformed.
    StoreError
        If ``path`` cannot hold a store.

    Examples
    --------
    >>> kg = load()
    >>> kg.ask("ASK { dkgr:drug-clozapine a dkg:D2ReceptorAntagonist }")
    True
    """
    sources = st.shipped_sources() + st.user_sources(list(data))
    store = st.open_store(path, sources)
    return KnowledgeGraph(store, path=Path(path) if path is not None else None)


class KnowledgeGraph:
    """The drug-effect knowledge graph over an embedded Oxigraph store.

    Use :func:`load` to get one. Every name argument (drug, effect, route, context) accepts a
    label, a synonym or a CURIE, case-insensitively.
    """

    def __init__(self, store: ox.Store, *, path: Path | None = None) -> None:
        self.store = store
        self.path = path
        self._index: NameIndex | None = None
        self._evidence: dict[str, list[EvidenceRef]] | None = None
        self._nx: Any = None
        self._claim_links: dict[str, dict[str, list[tuple[str, str]]]] | None = None

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "in memory"
        return f"<KnowledgeGraph {where}: {len(self.store)} triples>"

    def _repr_html_(self) -> str:
        from .records import Results as _R

        return "<p><b>drugkg KnowledgeGraph</b></p>" + _R([self.info()])._repr_html_()

    # -- SPARQL ---------------------------------------------------------------------------------

    def sparql(self, query: str, *, params: dict[str, str] | None = None) -> Results[dict[str, Any]] | bool | list[tuple[Any, Any, Any]]:
        """Run a SPARQL query over the graph (all named graphs, inferences included).

        Parameters
        ----------
        query : str
            SPARQL 1.1 query text. Prefixes ``dkg:``, ``dkgr:``, ``obo:``, ``rdf:``, ``rdfs:``,
            ``owl:``, ``skos:``, ``xsd:`` are predeclared.
        params : dict, optional
            Variable name -> IRI or CURIE (``<...>``, ``dkgr:...``) or plain string, bound before
            evaluation; the value never becomes query text.

        Returns
        -------
        Results of dict for SELECT (IRIs shown as CURIEs), bool for ASK, list of triples for
        CONSTRUCT/DESCRIBE.

        Raises
        ------
        QueryError
            If the query is malformed or uses ``SERVICE``/``LOAD``.

        Examples
        --------
        >>> kg = load()
        >>> kg.sparql("SELECT ?d ?l WHERE { ?d rdfs:label ?l }", params={"d": "dkgr:drug-clozapine"})[0]["l"]
        'clozapine'
        """
        bindings = {k: _term(v) for k, v in (params or {}).items()}
        result = q.run(self.store, query, bindings)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            return Results(q.rows(result))
        return [(q.to_python(t.subject), q.to_python(t.predicate), q.to_python(t.object)) for t in result]

    def ask(self, query: str, *, params: dict[str, str] | None = None) -> bool:
        """Run an ASK query.

        Examples
        --------
        >>> load().ask("ASK { obo:HP_0007325 rdfs:subClassOf dkg:MovementDisorder }")
        True
        """
        result = self.sparql(query, params=params)
        if not isinstance(result, bool):
            raise QueryError("ask() needs an ASK query")
        return result

    def query(self, name: str | os.PathLike[str], **params: Any) -> Results[dict[str, Any]]:
        """Run a named query from ``queries/`` (or a ``.rq`` file) with typed parameters.

        Parameters
        ----------
        name : str or PathLike
            Query name (file stem, e.g. ``"withdrawal-profile"``) or path to a ``.rq`` file.
        **params
            Values for the parameters its header declares. Names of drugs, effects, routes...
            are resolved like everywhere else; omitted optional parameters take their defaults.

        Raises
        ------
        QueryError
            Unknown query or parameter, missing required parameter.
        NotFound
            A name did not resolve.

        Examples
        --------
        >>> rows = load().query("withdrawal-profile", drug="baclofen", route="intrathecal")
        >>> "status dystonicus" in {r["effectLabel"] for r in rows}
        True
        """
        nq = q.load_query(name)
        given = {k: v for k, v in params.items() if v is not None}
        for k in given:
            nq.param(k)
        bindings: dict[str, ox.NamedNode | ox.Literal] = {}
        for p in nq.params:
            value = given.get(p.name, p.default)
            if value is None:
                raise QueryError(f"query {nq.name!r} needs parameter {p.name!r} ({p.type}: {p.description})")
            bindings[p.name] = self._bind(p, value)
        return Results(q.rows(q.run(self.store, nq.text, bindings)))

    def _bind(self, p: q.Param, value: Any) -> ox.NamedNode | ox.Literal:
        text = str(value)
        if p.type in q.NAME_TYPES:
            if text == "dkg:any" or text == q.ANY:
                return ox.NamedNode(q.ANY)
            return ox.NamedNode(self.resolve(text, p.type))
        if p.type == "iri":
            return _iri(text)
        if p.type == "integer":
            try:
                return ox.Literal(str(int(text)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
            except ValueError:
                raise QueryError(f"parameter {p.name!r} needs an integer, got {text!r}") from None
        return ox.Literal(text)

    def _rows(self, name: str, **bindings: str) -> list[dict[str, Any]]:
        """Internal: a named query with only the given variables bound (others left free)."""
        nq = q.load_query(name)
        return q.rows(q.run(self.store, nq.text, {k: ox.NamedNode(v) for k, v in bindings.items()}))

    # -- names ----------------------------------------------------------------------------------

    @property
    def names(self) -> NameIndex:
        """The name index behind every lookup."""
        if self._index is None:
            result = q.run(self.store, q.load_query("lookup-names").text)
            self._index = NameIndex(
                (sol["node"].value, sol["kind"].value, sol["name"].value, sol["field"].value) for sol in result
            )
        return self._index

    def resolve(self, name: str, kind: str) -> str:
        """IRI of the node of ``kind`` (``drug``, ``effect``, ``route``, ``context``, ``target``...)
        named ``name``.

        Raises
        ------
        NotFound
            With close matches.

        Examples
        --------
        >>> load().resolve("movement-disorder", "effect")
        'https://w3id.org/drugkg/ontology/MovementDisorder'
        """
        if kind == "drugclass":
            try:
                return self.names.resolve(name, "drugclass")
            except NotFound as exc:
                raise NotFound("drug class", name, exc.suggestions) from None
        return self.names.resolve(name, kind)

    def label(self, iri: str) -> str:
        """Preferred label of a node (its CURIE when it has none)."""
        return self.names.labels.get(iri) or self._label_of(iri)

    def _label_of(self, iri: str) -> str:
        for quad in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None):
            if not isinstance(quad.object, ox.Triple):  # a quoted triple has no value
                return str(quad.object.value)
        return compress_iri(iri)

    def drug(self, name: str) -> Drug:
        """The drug named ``name`` (label, synonym, brand or CURIE, any case).

        Raises
        ------
        DrugNotFound
            With close matches when the name is unknown.

        Examples
        --------
        >>> d = load().drug("DRUGBANK:DB00181")
        >>> d.label, "CHEBI:2972" in d.identifiers
        ('baclofen', True)
        """
        iri = self.resolve(name, "drug")
        fields: dict[str, list[str]] = defaultdict(list)
        for row in self._rows("drug-profile", drug=iri):
            fields[row["field"]].append(row["valueLabel"] or row["value"])
        return Drug(
            iri=iri,
            curie=compress_iri(iri),
            label=fields["label"][0] if fields["label"] else compress_iri(iri),
            synonyms=tuple(fields["synonym"]),
            identifiers=tuple(fields["identifier"]),
            classes=tuple(sorted(set(fields["class"]))),
        )

    def drugs(self) -> Results[Drug]:
        """Every drug, sorted by label."""
        return Results(sorted((self.drug(iri) for iri in self.names.nodes("drug")), key=lambda d: d.label))

    def info(self) -> dict[str, int]:
        """Counts: triples, drugs, effects, assertions, interactions, withdrawals, mechanisms,
        evidence, sources.

        Examples
        --------
        >>> info = load().info()
        >>> info["sources"] > 0 and info["triples"] > info["assertions"]
        True
        """
        row = self._rows("graph-summary")[0]
        return {k: int(v) for k, v in row.items()}

    # -- evidence -------------------------------------------------------------------------------

    @property
    def _evidence_by_claim(self) -> dict[str, list[EvidenceRef]]:
        if self._evidence is None:
            out: dict[str, list[EvidenceRef]] = defaultdict(list)
            nq = q.load_query("assertion-evidence")
            for sol in q.run(self.store, nq.text):
                claim = sol["claim"].value
                ids = sol["identifiers"].value.split("|") if sol["identifiers"] and sol["identifiers"].value else []
                refs = sol["refs"].value.split("|") if sol["refs"] and sol["refs"].value else []
                out[claim].append(
                    EvidenceRef(
                        source=sol["sourceKey"].value,
                        title=sol["title"].value,
                        level=sol["level"].value,
                        level_rank=int(sol["levelRank"].value),
                        status=sol["status"].value,
                        identifiers=tuple(sorted(ids)),
                        text=sol["text"].value if sol["text"] else None,
                        stance=sol["stance"].value,
                        refs=tuple(sorted(refs)),
                    )
                )
            self._evidence = dict(out)
        return self._evidence

    def evidence(self, claim: str) -> Results[EvidenceRef]:
        """Evidence behind a claim (assertion, interaction, mechanism, withdrawal...), best first.

        Parameters
        ----------
        claim : str
            IRI or CURIE of the claim, e.g. ``dkgr:interaction-baclofen-lithium``.

        Examples
        --------
        >>> ev = load().evidence("dkgr:interaction-baclofen-lithium")
        >>> ev[0].level
        'drug label'
        """
        iri = _iri(claim).value
        if iri not in self._evidence_by_claim and not self.ask("ASK { ?c ?p ?o }", params={"c": f"<{iri}>"}):
            raise NotFound("claim", claim)
        return Results(self._evidence_by_claim.get(iri, []))

    def claim_level(self, claim: str) -> tuple[int, str]:
        """Grade of a claim: the best effective rank of its supporting evidence, and its name.

        Evidence whose source is unverified or not located counts as a hypothesis (rank 1);
        evidence that qualifies or contradicts does not raise the grade.
        """
        refs = self._evidence_by_claim.get(claim, [])
        rank = max((e.effective_rank for e in refs), default=0)
        return rank, LEVEL_NAMES.get(rank, "none")

    # -- questions ------------------------------------------------------------------------------

    def effects(self, drug: str, *, context: str | None = None, route: str | None = None, effect: str | None = None) -> Results[Effect]:
        """Effects of a drug, with qualifiers and evidence.

        Parameters
        ----------
        drug : str
            The drug.
        context : str, optional
            Keep assertions in this exposure context (``initiation``, ``dose increase``,
            ``overdose``, ``abrupt cessation``, ``co-administration``, ``accumulation``...).
        route : str, optional
            Keep assertions by this route (``oral``, ``intrathecal``); assertions recorded without
            a route apply to every route.
        effect : str, optional
            Keep assertions whose effect falls under this class (e.g. ``movement disorder``).

        Examples
        --------
        >>> kg = load()
        >>> [e.effect_label for e in kg.effects("baclofen", context="dose increase", effect="dystonia")]
        ['Dystonia']
        """
        rows = self.query("drug-effects", drug=drug, context=context, route=route, effect=effect)
        links = self._links()
        return Results([self._effect(r, links) for r in rows])

    def _effect(self, r: dict[str, Any], links: dict[str, dict[str, list[str]]]) -> Effect:
        """An :class:`Effect` from a ``drug-effects`` row, its qualifier links and its evidence."""
        iri = _iri(r["assertion"]).value
        rank, level = self.claim_level(iri)
        lk = links.get(iri, {})
        return Effect(
            assertion=r["assertion"],
            drug=self.label(_iri(r["drug"]).value),
            kind=r["kind"],
            effect=r["effectClass"],
            effect_label=r["effectLabel"],
            contexts=_split(r["contexts"]),
            routes=_split(r["routes"]),
            onset=r["onset"],
            severity=r["severity"],
            frequency=r["frequency"],
            frequency_text=r["frequencyText"],
            modifier=r["modifier"],
            stage=r["stage"],
            risk_factors=tuple(lk.get("risk_factor", ())),
            management=tuple(lk.get("management", ())),
            mechanisms=tuple(lk.get("mechanism", ())),
            evidence=tuple(self._evidence_by_claim.get(iri, ())),
            level=level,
            level_rank=rank,
        )

    def _links(self) -> dict[str, dict[str, list[str]]]:
        """claim IRI -> relation -> labels of the linked nodes."""
        return {c: {r: [label for _, label in nodes] for r, nodes in rels.items()} for c, rels in self.links().items()}

    def links(self) -> dict[str, dict[str, list[tuple[str, str]]]]:
        """claim IRI -> relation -> ``(node IRI, label)`` of its qualifier links (``claim-links`` query)."""
        if self._claim_links is None:
            out: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
            for sol in q.run(self.store, q.load_query("claim-links").text):
                pair = (sol["node"].value, sol["label"].value)
                bucket = out[sol["claim"].value][sol["relation"].value]
                if pair not in bucket:
                    bucket.append(pair)
            self._claim_links = out
        return self._claim_links

    def withdrawal(self, drug: str, *, route: str | None = None) -> Results[Withdrawal]:
        """Withdrawal syndromes of a drug, optionally for one route, with manifestations by stage.

        Examples
        --------
        >>> w = load().withdrawal("baclofen", route="intrathecal")[0]
        >>> w.route, "status dystonicus" in [m.effect_label for m in w.manifestations]
        ('intrathecal', True)
        """
        rows = self.query("withdrawal-profile", drug=drug, route=route)
        links = self._links()
        # manifestations are drug-effect assertions: the same records, with every qualifier, as effects()
        effects = {e.assertion: e for e in self.effects(drug)} if rows else {}
        by_syndrome: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            by_syndrome[r["syndrome"]].append(r)
        out = []
        for syn, rs in by_syndrome.items():
            iri = _iri(syn).value
            lk = links.get(iri, {})
            first = rs[0]
            manifestations = tuple(
                dataclasses.replace(effects[r["manifestation"]], kind="withdrawal manifestation") for r in rs
            )
            out.append(
                Withdrawal(
                    syndrome=syn, drug=self.label(_iri(first["drug"]).value), label=first["label"], route=first["routeLabel"],
                    contexts=tuple(lk.get("context", ())), onset=first["onset"], onset_min_hours=first["onsetMinHours"],
                    onset_max_hours=first["onsetMaxHours"], severity=first["severity"],
                    risk_factors=tuple(lk.get("risk_factor", ())), manifestations=manifestations,
                    management=tuple(lk.get("management", ())), mechanisms=tuple(lk.get("mechanism", ())),
                    resembles=tuple(lk.get("resembles", ())), evidence=tuple(self._evidence_by_claim.get(iri, ())),
                )
            )
        return Results(out)

    def risky_combinations(self, effect: str = DEFAULT_EFFECT, *, drugs: list[str] | tuple[str, ...] | None = None) -> Results[Combination]:
        """Pairs of drugs whose combination raises the risk of an effect class, ranked.

        Parameters
        ----------
        effect : str, default "movement disorder"
            Effect class (label, synonym or CURIE such as ``HP:0001332``).
        drugs : list of str, optional
            Keep pairs involving any of these drugs.

        Returns
        -------
        Results of Combination
            Best first. Each carries ``basis`` ("recorded" or "inferred"), a ``score`` (see
            :mod:`drugkg.risk`), the outcomes in the class, explanation paths and evidence.

        Examples
        --------
        >>> top = load().risky_combinations(drugs=["baclofen"])[0]
        >>> top.basis, "baclofen" in top.drugs
        ('recorded', True)
        """
        from .risk import combinations

        return combinations(self, effect=effect, drugs=drugs)

    def explain(self, a: str, b: str, *, effect: str = DEFAULT_EFFECT) -> Combination | None:
        """Why drugs ``a`` and ``b`` together raise the risk of an effect class (None if they don't).

        Examples
        --------
        >>> c = load().explain("baclofen", "clozapine")
        >>> c.basis, [e.kind for e in c.explanation]
        ('recorded', ['interaction', 'interaction', 'mechanism'])
        >>> [step.label for step in c.explanation[-1].path][:3]
        ['baclofen', 'baclofen agonist of GABBR1', 'baclofen nigrostriatal dopamine']
        """
        from .risk import combinations

        ia, ib = self.resolve(a, "drug"), self.resolve(b, "drug")
        if ia == ib:
            raise QueryError(f"explain needs two different drugs, got {a!r} twice")
        for combo in combinations(self, effect=effect, drugs=[a]):
            if set(combo.drug_iris) == {ia, ib}:
                return combo
        return None

    # -- graph views ----------------------------------------------------------------------------

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a typed NetworkX MultiDiGraph (see :mod:`drugkg.traversal`).

        Examples
        --------
        >>> g = load().to_networkx()
        >>> g.nodes["dkgr:drug-baclofen"]["type"]
        'drug'
        """
        if self._nx is None:
            from .traversal import project

            self._nx = project(self)
        return self._nx

    def export(self, path: str | os.PathLike[str], *, format: str | None = None, focus: str | None = None, depth: int = 1,
               explain: tuple[str, str] | None = None, effect: str | None = None) -> Path:
        """Write the graph, or a selected subgraph, to ``path`` (see :mod:`drugkg.export`)."""
        from .export import export

        return export(self, path, format=format, focus=focus, depth=depth, explain=explain, effect=effect)

    def validate(self, *, reasoner: bool = True) -> Any:
        """SHACL shapes, HermiT consistency and unsatisfiable classes (see :mod:`drugkg.validate`)."""
        from .validate import validate_store

        return validate_store(self.store, reasoner=reasoner)





def _split(value: str | None) -> tuple[str, ...]:
    return tuple(sorted(v for v in (value or "").split("|") if v))


def _iri(text: str) -> ox.NamedNode:
    """An IRI from ``<iri>``, a full IRI or a CURIE with a known prefix."""
    t = text.strip()
    if t.startswith("<") and t.endswith(">"):
        t = t[1:-1]
    if not t.startswith(("http://", "https://", "urn:")):
        iri = NameIndex._as_iri(t)
        if iri is None:
            raise QueryError(f"not an IRI or CURIE with a known prefix: {text!r}")
        t = iri
    try:
        return ox.NamedNode(t)
    except ValueError:
        raise QueryError(f"invalid IRI {text!r}") from None


def _term(value: Any) -> ox.NamedNode | ox.Literal:
    """A parameter value for :meth:`KnowledgeGraph.sparql`: IRIs/CURIEs become IRIs, else literals."""
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    text = str(value)
    if (text.startswith("<") and text.endswith(">")) or (":" in text and " " not in text and NameIndex._as_iri(text)):
        return _iri(text)
    if isinstance(value, bool):
        return ox.Literal(value)
    if isinstance(value, (int, float)):
        return ox.Literal(value)
    return ox.Literal(text)


__all__ = ["DEFAULT_EFFECT", "KnowledgeGraph", "load"]
