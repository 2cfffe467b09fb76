"""The SPARQL 1.1 Protocol: reading a request, refusing what a read-only endpoint must refuse,
choosing a result format by ``Accept`` and writing results in it.

SELECT and ASK results are written as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE
graphs as Turtle, N-Triples or JSON-LD. The writers take plain lists of pyoxigraph terms, so a
capped result is written like a complete one.

Examples
--------
>>> negotiate("application/sparql-results+xml;q=0.9, text/csv", "select")
'csv'
>>> negotiate("*/*", "graph")
'turtle'
>>> refusal("INSERT DATA { <a:b> <a:c> <a:d> }")
'updates are refused: this endpoint is read-only (INSERT)'
>>> refusal('SELECT * { ?s ?p "DELETE" }') is None
True
>>> refusal("SELECT * { #x\\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
'SERVICE is refused: this endpoint only queries its own store'
>>> refusal("SELECT ?service { ?service dkg:SERVICE 1 }") is None
True
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..errors import QueryError
from ..namespaces import SPARQL_PREFIXES
from ..sparql.lexer import NETWORK_KEYWORDS, QUERY_FORMS, UPDATE_KEYWORDS, tokenize
from ..sparql.terms import term_json

#: Result format name -> media type, for SELECT/ASK.
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Graph format name -> media type, for CONSTRUCT/DESCRIBE (and the service description).
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples", "jsonld": "application/ld+json"}
_ALIASES = {
    "application/json": "json", "text/xml": "xml", "application/xml": "xml", "text/plain": "ntriples",
    "application/x-turtle": "turtle", "text/n3": "turtle", "application/rdf+json": "jsonld",
}
_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def refusal(text: str) -> str | None:
    """Why a read-only endpoint refuses ``text`` (an update, ``LOAD`` or ``SERVICE``), or None.

    Decided on the query's tokens (:func:`drugkg.sparql.lexer.tokenize`, the SPARQL 1.1
    terminals), so keywords inside strings, IRIs, comments, variable and prefixed names never
    count and no comment or escape trick can hide one. A text that does not tokenize is left to
    the engine, which reports it as malformed (400).
    """
    try:
        tokens = tokenize(text)
    except QueryError:
        return None
    for t in tokens:
        if t.keyword in NETWORK_KEYWORDS:
            return f"{t.keyword} is refused: this endpoint only queries its own store"
        if t.keyword in UPDATE_KEYWORDS:
            return f"updates are refused: this endpoint is read-only ({t.keyword})"
    return None


def query_form(text: str) -> str:
    """``"select"`` (SELECT and ASK: a results table) or ``"graph"`` (CONSTRUCT, DESCRIBE), from the tokens.

    >>> query_form("PREFIX x: <http://x/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'graph'
    >>> query_form('SELECT ("CONSTRUCT" AS ?x) {}')
    'select'
    """
    try:
        tokens = tokenize(text)
    except QueryError:
        return "select"
    form = next((t.keyword for t in tokens if t.keyword in QUERY_FORMS), "SELECT")
    return "graph" if form in ("CONSTRUCT", "DESCRIBE") else "select"


def _accept(header: str) -> list[tuple[str, float]]:
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0]:
            out.append((fields[0].lower(), q - i * 1e-6))
    return sorted(out, key=lambda x: -x[1])


def negotiate(accept: str | None, form: str, explicit: str | None = None) -> str | None:
    """The format name to answer in: ``explicit`` (a ``format=`` parameter: a name or media type)
    if given, else the best ``Accept`` match for the query form; None when nothing fits (406)."""
    table = RESULT_TYPES if form == "select" else GRAPH_TYPES
    default = next(iter(table))
    by_type = {v: k for k, v in table.items()}
    if explicit:
        key = explicit.strip().lower()
        key = _ALIASES.get(key, by_type.get(key, key))
        return key if key in table else None
    for media, q in _accept(accept or "*/*"):
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            return default
        name = by_type.get(media) or _ALIASES.get(media)
        if name in table:
            return name
    return None


def media_type(name: str) -> str:
    """The media type of a format name, with the charset for text types."""
    media = RESULT_TYPES.get(name) or GRAPH_TYPES[name]
    return media + "; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    """A worker's answer: HTTP status, content type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


# -- writers ------------------------------------------------------------------------------------


def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def _csv_term(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return str(t.value) if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t)


def write_solutions(fmt: str, variables: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """SELECT results (``rows`` of terms or None, in ``variables`` order) in format ``fmt``.

    >>> rows = [[ox.NamedNode("http://x/a"), ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]]
    >>> write_solutions("csv", ["s", "n"], rows).decode()
    's,n\\r\\nhttp://x/a,1\\r\\n'
    >>> write_solutions("tsv", ["s", "n"], rows).decode()
    '?s\\t?n\\n<http://x/a>\\t"1"^^<http://www.w3.org/2001/XMLSchema#integer>\\n'
    """
    if fmt == "json":
        bindings = [{v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if fmt == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        body = "".join(
            "<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                 for v, t in zip(variables, row, strict=True) if t is not None) + "</result>"
            for row in rows)
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>{head}</head>'
                f"<results>{body}</results></sparql>\n").encode()
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow([_csv_term(t) for t in row])
        return buf.getvalue().encode()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"unknown results format {fmt!r}")


def write_boolean(fmt: str, value: bool) -> bytes:
    """ASK result in format ``fmt``.

    >>> write_boolean("json", True)
    b'{"head": {}, "boolean": true}'
    """
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{text}</boolean></sparql>\n").encode()
    if fmt == "csv":
        return f"_askResult\r\n{text}\r\n".encode()
    return f"?_askResult\n{text}\n".encode()


def write_graph(fmt: str, triples: Sequence[ox.Triple]) -> bytes:
    """CONSTRUCT/DESCRIBE triples in format ``fmt`` (the project's prefixes in Turtle).

    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> t = ox.Triple(ox.NamedNode("https://w3id.org/drugkg/resource/drug-x"), label, ox.Literal("x"))
    >>> b"dkgr:drug-x rdfs:label" in write_graph("turtle", [t])
    True
    """
    prefixes = SPARQL_PREFIXES if fmt == "turtle" else None
    return ox.serialize(triples, format=_RDF_FORMATS[fmt], prefixes=prefixes) or b""


__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "Reply", "media_type", "negotiate", "query_form", "refusal", "write_boolean", "write_graph",
           "write_solutions"]
