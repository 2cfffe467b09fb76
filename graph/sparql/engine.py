"""Running SPARQL on the store: the network check, pre-bound variables, plain Python results."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import SPARQL_PREFIXES, XSD, compress_iri

_STRIP = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_NETWORK = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)


def check_local(text: str) -> None:
    """Refuse a query that would reach the network (``SERVICE`` or ``LOAD``).

    Keywords inside strings, IRIs and comments do not count.

    Raises
    ------
    QueryError
        If the query uses ``SERVICE`` or ``LOAD``.

    Examples
    --------
    >>> check_local('SELECT * { ?s ?p "SERVICE" } # LOAD')
    >>> check_local("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    drugkg.errors.QueryError: the query uses SERVICE, which would reach the network; drugkg only queries its local store
    """
    m = _NETWORK.search(_STRIP.sub(" ", text))
    if m:
        raise QueryError(f"the query uses {m.group(1).upper()}, which would reach the network; drugkg only queries its local store")


def to_python(term: Any) -> Any:
    """A query result term as a plain Python value; IRIs become CURIEs where a prefix is known.

    Examples
    --------
    >>> to_python(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    3
    >>> to_python(ox.NamedNode("http://purl.obolibrary.org/obo/HP_0001332"))
    'HP:0001332'
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compress_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
                return int(term.value)
            if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
                return float(term.value)
            if dt == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            return term.value
        return term.value
    return str(term)


def run(store: ox.Store, text: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None) -> Any:
    """Run a SPARQL query on the union of the store's graphs with pre-bound variables.

    Returns pyoxigraph's result object (solutions, boolean or triples).

    Raises
    ------
    QueryError
        If the query is malformed or would reach the network.
    """
    check_local(text)
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v for k, v in (bindings or {}).items()
    }
    try:
        return store.query(text, prefixes=SPARQL_PREFIXES, use_default_graph_as_union=True, substitutions=subs)
    except SyntaxError as exc:
        msg = " ".join(str(exc).split())
        if "expected one of" in msg:  # the parser lists every possible character class; keep it readable
            msg = msg[: msg.index("expected one of")] + "unexpected input"
        raise QueryError(f"malformed SPARQL: {msg}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        msg = " ".join(str(exc).split())
        if "in its SELECT projection" in msg:
            msg += " (a bound parameter must be a projected variable, or use SELECT *)"
        raise QueryError(f"query failed: {msg}") from None


def rows(result: Any) -> list[dict[str, Any]]:
    """Solutions as dicts of plain values (unbound variables are None)."""
    names = [v.value for v in result.variables]
    return [{n: to_python(sol[n]) for n in names} for sol in result]



def run_for(store: ox.Store, text: str, var: str, iris: list[str] | None, *, batch: int = 400) -> Iterator[Any]:
    """Solutions of ``text`` with ``?var`` bound to each IRI of ``iris`` (``None``: left open), a batch at a time.

    The IRIs (from the store, e.g. claims found by an earlier query) go in as a ``VALUES`` block
    after the query's first ``WHERE {``, serialised by pyoxigraph so they cannot break the query.

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://p"), ox.Literal("x")))
    >>> [r["o"].value for r in run_for(s, "SELECT ?s ?o WHERE { ?s <http://p> ?o }", "s", ["http://a", "http://b"])]
    ['x']
    """
    if iris is None:
        yield from run(store, text)
        return
    at = text.index("WHERE {") + len("WHERE {")
    for i in range(0, len(iris), batch):
        values = " ".join(str(ox.NamedNode(x)) for x in iris[i:i + batch])
        yield from run(store, f"{text[:at]} VALUES ?{var} {{ {values} }} {text[at:]}")
