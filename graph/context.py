"""What every answer needs from the graph: SPARQL, names, labels, evidence grades and claim links.

:class:`GraphContext` wraps an Oxigraph store. The answers (:mod:`drugkg.answers`), the NetworkX
projection (:mod:`drugkg.traversal`) and the exporters work on a context; the
:class:`~drugkg.kg.KnowledgeGraph` front door is one, with the researcher's questions on top.
What it knows about claims (evidence, grades, qualifiers, links) is :class:`~drugkg.claim_facts.ClaimFacts`.

Examples
--------
>>> import drugkg
>>> ctx = drugkg.load()
>>> ctx.resolve("Lioresal", "drug")
'https://w3id.org/drugkg/resource/drug-baclofen'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import sparql as q
from .claim_facts import ClaimFacts
from .claims import ClaimCache
from .errors import NotFound, QueryError, StoreError
from .lookup import NameIndex
from .namespaces import RDFS, compress_iri
from .records import EvidenceRef, Results
from .signals import SignalRows
from .sparql.backend import Backend
from .sparql.terms import to_iri, to_term
from .store import names as stored_names


class GraphContext(ClaimFacts):
    """A store with the lookups, evidence index and claim links the answers share.

    ``store`` is the embedded pyoxigraph store or a remote SPARQL 1.1 endpoint
    (:mod:`drugkg.sparql.backend`); every question reads it only through SPARQL and
    ``quads_for_pattern``.

    Every name argument (drug, effect, route, context) accepts a label, a synonym or a CURIE,
    case-insensitively.
    """

    def __init__(self, store: Backend, *, path: Path | None = None, signals: SignalRows | None = None) -> None:
        self._store: Backend | None = store
        self.path = path
        self.timeout = q.DEFAULT_TIMEOUT
        self.max_rows = q.DEFAULT_MAX_ROWS
        self._index: NameIndex | None = None
        self._other_labels: dict[str, str] = {}
        self._evidence: ClaimCache[list[EvidenceRef]] | None = None
        self._claim_links: ClaimCache[dict[str, list[tuple[str, str]]]] | None = None
        self._qualifiers: ClaimCache[dict[str, list[str]]] | None = None
        self._signals: list[SignalRows | None] = [] if signals is None else [signals]  # see ClaimFacts.signals

    @property
    def store(self) -> Backend:
        """The store: an embedded Oxigraph store or a remote endpoint (:mod:`drugkg.sparql.backend`).

        Raises
        ------
        StoreError
            After :meth:`close`.
        """
        if self._store is None:
            raise StoreError(f"the knowledge graph{' at ' + str(self.path) if self.path else ''} is closed")
        return self._store

    def close(self) -> None:
        """Release the store (an on-disk store's files are closed); later use raises :class:`StoreError`.

        Examples
        --------
        >>> from drugkg import load
        >>> with load() as kg:
        ...     kg.ask("ASK { ?s ?p ?o }")
        True
        >>> kg.ask("ASK { ?s ?p ?o }")
        Traceback (most recent call last):
        ...
        drugkg.errors.StoreError: the knowledge graph is closed
        """
        self._store = None
        import gc

        gc.collect()

    def __enter__(self) -> GraphContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, text: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None, *,
             timeout: float | None = None, max_rows: int | None = None, isolated: bool | None = None,
             values: tuple[str, list[str]] | None = None, values_last: bool = False) -> Any:
        return q.run(self.store, text, bindings, timeout=self.timeout if timeout is None else timeout, values=values,
                     values_last=values_last,
                     max_rows=self.max_rows if max_rows is None else max_rows, isolated=isolated,
                     path=str(self.path) if self.path is not None else None)

    # -- SPARQL ---------------------------------------------------------------------------------

    def sparql(self, query: str, *, params: dict[str, str] | None = None, timeout: float | None = None,
               max_rows: int | None = None, isolated: bool | None = None) -> Results[dict[str, Any]] | bool | list[tuple[Any, Any, Any]]:
        """Run a SPARQL query over the graph (all named graphs, inferences included).

        Parameters
        ----------
        query : str
            SPARQL 1.1 query text. Prefixes ``dkg:``, ``dkgr:``, ``obo:``, ``rdf:``, ``rdfs:``,
            ``owl:``, ``skos:``, ``xsd:`` are predeclared.
        params : dict, optional
            Variable name -> IRI or CURIE (``<...>``, ``dkgr:...``) or plain string, bound before
            evaluation; the value never becomes query text.
        timeout : float, optional
            Seconds before the query is stopped (default ``kg.timeout``, 30 s).
        max_rows : int, optional
            Most rows returned (default ``kg.max_rows``, 100,000).
        isolated : bool, optional
            Run in a killable worker with no network under the limits (default: yes, unless the
            text is a shipped named query). drugkg's own fixed queries pass ``False``.

        Returns
        -------
        Results of dict for SELECT (IRIs shown as CURIEs), bool for ASK, list of triples for
        CONSTRUCT/DESCRIBE.

        Raises
        ------
        QueryError
            If the query is malformed, uses ``SERVICE``/``LOAD``/an update, or nests too deeply.
        LimitExceeded
            If it ran out of time, rows or memory.

        Examples
        --------
        >>> from drugkg import load
        >>> kg = load()
        >>> kg.sparql("SELECT ?d ?l WHERE { ?d rdfs:label ?l }", params={"d": "dkgr:drug-clozapine"})[0]["l"]
        'clozapine'
        """
        if not isinstance(query, str):
            raise QueryError(f"sparql() needs the query text as a string, got {type(query).__name__}")
        bindings = {k: to_term(v) for k, v in (params or {}).items()}
        result = self._run(query, bindings, timeout=timeout, max_rows=max_rows, isolated=isolated)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            return Results(q.rows(result))
        return [(q.to_python(t.subject), q.to_python(t.predicate), q.to_python(t.object)) for t in result]

    def ask(self, query: str, *, params: dict[str, str] | None = None, isolated: bool | None = None) -> bool:
        """Run an ASK query.

        Examples
        --------
        >>> from drugkg import load
        >>> load().ask("ASK { obo:HP_0007325 rdfs:subClassOf dkg:MovementDisorder }")
        True
        """
        result = self.sparql(query, params=params, isolated=isolated)
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
            The rows leave out the parameters' own columns (they would repeat the input).

        Raises
        ------
        QueryError
            Unknown query or parameter, missing required parameter.
        NotFound
            A name did not resolve.

        Examples
        --------
        >>> from drugkg import load
        >>> rows = load().query("withdrawal-profile", drug="baclofen", route="intrathecal")
        >>> "status dystonicus" in {r["effectLabel"] for r in rows}
        True
        >>> "drug" in rows[0] or "route" in rows[0]
        False
        """
        nq = q.load_query(name)
        bindings = self._bindings(nq, params)
        # a bound parameter is a projected column (pyoxigraph needs it) but repeats the input:
        # rows leave it out
        drop = set(bindings)
        return Results([{k: v for k, v in row.items() if k not in drop} for row in q.rows(self._run(nq.text, bindings))])

    def query_many(self, name: str, param: str, values: Sequence[str], *, anchor: bool = True,
                   **params: Any) -> Results[dict[str, Any]]:
        """Rows of a named query for several values of one of its parameters at once (a ``VALUES``
        block, not a query each), like :meth:`query` otherwise; a row found for two of the values
        comes once. ``anchor=False`` joins the values last, for a query that finds its rows from
        another parameter and filters on this one (a rule query from its effect class).

        >>> from drugkg import load
        >>> kg = load()
        >>> both = kg.query_many("rule-recorded", "drug", ["baclofen", "lithium"], effect="movement disorder")
        >>> one = kg.query("rule-recorded", drug="lithium", effect="movement disorder")
        >>> all(r in both for r in one) and len(both) >= len(one)
        True
        """
        nq = q.load_query(name)
        p = nq.param(param)
        iris = [self.bind(p, v).value for v in values]
        bindings = self._bindings(nq, {**params, param: p.default})
        del bindings[param]
        drop = {*bindings, param}
        rows = ({k: v for k, v in row.items() if k not in drop}
                for row in q.rows(self._run(nq.text, bindings, values=(param, iris), values_last=not anchor)))
        return Results(list({tuple(r.items()): r for r in rows}.values()))

    def _bindings(self, nq: q.NamedQuery, params: dict[str, Any]) -> dict[str, ox.NamedNode | ox.Literal]:
        given = {k: v for k, v in params.items() if v is not None}
        for k in given:
            nq.param(k)
        bindings: dict[str, ox.NamedNode | ox.Literal] = {}
        for p in nq.params:
            value = given.get(p.name, p.default)
            if value is None:
                raise QueryError(f"query {nq.name!r} needs parameter {p.name!r} ({p.type}: {p.description})")
            bindings[p.name] = self.bind(p, value)
        return bindings

    def bind(self, p: q.Param, value: Any) -> ox.NamedNode | ox.Literal:
        text = str(value)
        if p.type in q.NAME_TYPES:
            if (text == "dkg:any" or text == q.ANY) and p.default in ("dkg:any", q.ANY):  # the wildcard of optional parameters only
                return ox.NamedNode(q.ANY)
            return ox.NamedNode(self.resolve(text, p.type))
        if p.type == "iri":
            return to_iri(text)
        if p.type == "integer":
            try:
                return ox.Literal(str(int(text)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
            except ValueError:
                raise QueryError(f"parameter {p.name!r} needs an integer, got {text!r}") from None
        return ox.Literal(text)

    def rows(self, name: str, **bindings: str) -> list[dict[str, Any]]:
        """Rows of a named query with only the given variables bound to IRIs (others left free)."""
        nq = q.load_query(name)
        return q.rows(self._run(nq.text, {k: ox.NamedNode(v) for k, v in bindings.items()}))

    # -- names ----------------------------------------------------------------------------------

    @property
    def names(self) -> NameIndex:
        """The name index behind every lookup."""
        if self._index is None:
            # an on-disk store keeps its names (drugkg.store.names); others are asked
            kept = stored_names.read(self.path) if self.path is not None else None
            if kept is None:
                kept = stored_names.rows_of(self._run(q.load_query("lookup-names").text))
            self._index = NameIndex(kept)
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
        >>> from drugkg import load
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
        """The label of a node outside the name index (a claim, a mechanism), remembered."""
        found = self._other_labels.get(iri)
        if found is None:
            table = self.signals
            row = table.row(iri) if table is not None and table.owns(iri) else None
            found = row.label if row is not None else compress_iri(iri)
            for quad in () if row is not None else self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(RDFS + "label"), None):
                if not isinstance(quad.object, ox.Triple):  # a quoted triple has no value
                    found = str(quad.object.value)
                    break
            self._other_labels[iri] = found
        return found
