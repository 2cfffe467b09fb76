"""Any SPARQL 1.1 endpoint as the store: :class:`RemoteStore`, and moving the graph there.

:class:`RemoteStore` offers the read interface of a pyoxigraph ``Store`` that drugkg uses
(``query``, ``quads_for_pattern``, ``len``, iteration) over the SPARQL 1.1 Protocol, so a
:class:`~drugkg.KnowledgeGraph` on it answers every question the embedded store answers
(:func:`drugkg.connect`). It talks to the one URL it was given: no proxies from the environment,
no redirects to elsewhere.

Bound parameters are written into the query text as RDF terms in N-Triples syntax (never as
query text from the user): a variable the query projects becomes ``(TERM AS ?v)``, a variable in
``ORDER BY``/``GROUP BY`` becomes ``(TERM)``, any other occurrence the term itself -- the same
rows as pyoxigraph's substitution for the queries drugkg runs. A sub-select's projection drops
the variable (the term replaces it inside and outside, so it joins nothing, and projecting it
would clash with the outer ``(TERM AS ?v)``).

:func:`publish` uploads a store's named graphs with the SPARQL 1.1 Graph Store Protocol (one
``PUT`` per graph); :func:`dump` writes them as N-Quads or TriG for a bulk loader.

Examples
--------
>>> import pyoxigraph as ox
>>> substitute("SELECT ?d ?l WHERE { ?d rdfs:label ?l } ORDER BY ?d", {"d": ox.NamedNode("http://x/a")})
'SELECT (<http://x/a> AS ?d) ?l WHERE { <http://x/a> rdfs:label ?l } ORDER BY (<http://x/a>)'
>>> substitute("SELECT ?e ?o WHERE { { SELECT ?o ?e WHERE { ?o rdfs:subClassOf* ?e } } }", {"e": ox.NamedNode("http://x/e")})
'SELECT (<http://x/e> AS ?e) ?o WHERE { { SELECT ?o  WHERE { ?o rdfs:subClassOf* <http://x/e> } } }'
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import IO, Any
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox

from ..errors import QueryError, StoreError

_TOKEN = re.compile(
    r'(?P<skip>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*)'
    r"|(?P<var>[?$][A-Za-z_0-9\u00b7-\uffff]+)"
    r"|(?P<word>[A-Za-z_][\w-]*(?::[\w.%-]*)?)"
    r"|(?P<punct>[(){}])"
)
_ENDS_ORDER = {"LIMIT", "OFFSET", "HAVING", "VALUES", "ORDER"}


def _name(term: Any) -> str:
    return str(term)  # pyoxigraph terms print in N-Triples syntax


def substitute(text: str, bindings: dict[str, Any]) -> str:
    """``text`` with the variables in ``bindings`` replaced by their terms (see the module docstring).

    Raises
    ------
    QueryError
        A bound variable is the target of ``AS`` (it cannot be bound twice).
    """
    if not bindings:
        return text
    out: list[str] = []
    pos = 0
    mode = ""  # "select": in a projection; "order": in ORDER BY / GROUP BY
    depth = base = 0
    braces = 0  # group depth: a SELECT inside a group is a sub-select
    inner = False  # the projection being read is a sub-select's
    prev = ""  # the previous token that matters: an upper-cased keyword, a bracket, or "TERM"
    for m in _TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind == "skip":
            if not tok.startswith("#"):
                prev = "TERM"
            continue
        if kind == "word":
            up = tok.upper()
            if up == "SELECT":
                mode, base, inner = "select", depth, braces > 0
            elif up in ("WHERE", "FROM") and mode == "select":
                mode = ""
            elif up == "BY" and prev in ("ORDER", "GROUP"):
                mode, base = "order", depth
            elif up in _ENDS_ORDER and mode == "order":
                mode = ""
            prev = up
            continue
        if kind == "punct":
            depth += {"(": 1, ")": -1}.get(tok, 0)
            braces += {"{": 1, "}": -1}.get(tok, 0)
            if (tok == "{" and mode == "select") or (tok == "}" and mode == "order"):
                mode = ""
            prev = tok
            continue
        if tok[1:] in bindings:
            if prev == "AS":
                raise QueryError(f"variable {tok} is bound by a parameter and cannot also be the target of AS")
            term = _name(bindings[tok[1:]])
            if mode == "select" and depth == base:
                term = "" if inner else f"({term} AS {tok})"
            elif mode == "order" and depth == base:
                term = f"({term})"
            out.append(text[pos:m.start()] + term)
            pos = m.end()
        prev = "TERM"
    out.append(text[pos:])
    return "".join(out)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        raise StoreError(f"{req.full_url}: the endpoint redirects to {newurl!r}; give that URL instead")


class RemoteStore:
    """The read interface of a pyoxigraph ``Store`` over a SPARQL 1.1 endpoint.

    The endpoint must answer queries over the union of its graphs by default (Oxigraph server
    ``--union-default-graph``; Virtuoso does so without ``FROM``); :func:`publish` puts drugkg's
    graph there as named graphs.

    Parameters
    ----------
    url : str
        The query endpoint (``http://host:port/query``).
    timeout : float
        Seconds to wait for one response.
    """

    def __init__(self, url: str, *, timeout: float = 60.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise StoreError(f"not an http(s) SPARQL endpoint URL: {url!r}")
        self.url = url
        self.timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())

    def __repr__(self) -> str:
        return f"<RemoteStore {self.url}>"

    def _request(self, body: bytes, accept: str) -> tuple[str, bytes]:
        req = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept, "User-Agent": "drugkg"})
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                return resp.headers.get_content_type(), resp.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read().decode("utf-8", "replace").split())[:300]
            if 400 <= exc.code < 500:
                raise QueryError(f"the endpoint refused the query ({exc.code}): {detail}") from None
            raise StoreError(f"{self.url}: the endpoint failed ({exc.code}): {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{self.url}: cannot reach the endpoint: {getattr(exc, 'reason', exc)}") from None

    def query(self, query: str, *, prefixes: dict[str, str] | None = None, use_default_graph_as_union: bool = False,
              substitutions: dict[Any, Any] | None = None, **_: Any) -> Any:
        """Run a query on the endpoint; returns pyoxigraph results like ``Store.query``."""
        from ..server.protocol import query_form

        subs = {(k.value if isinstance(k, ox.Variable) else str(k)): v for k, v in (substitutions or {}).items()}
        prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in (prefixes or {}).items())
        text = prologue + substitute(query, subs)
        graph = query_form(text) == "graph"
        accept = "application/n-triples" if graph else "application/sparql-results+json, application/sparql-results+xml;q=0.9"
        ctype, body = self._request(urlencode({"query": text}).encode(), accept)
        if graph:
            return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        fmt = ox.QueryResultsFormat.XML if "xml" in ctype else ox.QueryResultsFormat.JSON
        return ox.parse_query_results(body, format=fmt)

    def quads_for_pattern(self, subject: Any, predicate: Any, object: Any, graph_name: Any = None) -> Iterator[ox.Quad]:
        """Quads of the named graphs matching the pattern (None matches anything)."""
        parts = [("s", subject), ("p", predicate), ("o", object), ("g", graph_name)]
        pattern = {k: (f"?{k}" if t is None else str(t)) for k, t in parts}
        sel = " ".join(f"?{k}" for k, t in parts if t is None) or "*"
        text = f"SELECT {sel} WHERE {{ GRAPH {pattern['g']} {{ {pattern['s']} {pattern['p']} {pattern['o']} }} }}"
        if sel == "*":
            text = f"ASK {{ GRAPH {pattern['g']} {{ {pattern['s']} {pattern['p']} {pattern['o']} }} }}"
            if bool(self.query(text)):
                yield ox.Quad(subject, predicate, object, graph_name)
            return
        for sol in self.query(text):
            yield ox.Quad(subject or sol["s"], predicate or sol["p"], object or sol["o"], graph_name or sol["g"])

    def __iter__(self) -> Iterator[ox.Quad]:
        return self.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value) if rows else 0


def named_graphs(store: Any) -> dict[str, list[ox.Quad]]:
    """The store's quads by named graph IRI (the default graph under ``""``)."""
    out: dict[str, list[ox.Quad]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        out.setdefault(key, []).append(q)
    return out


def publish(store: Any, endpoint: str, *, timeout: float = 300.0) -> dict[str, int]:
    """Upload every named graph of ``store`` to a Graph Store Protocol ``endpoint`` (``PUT
    endpoint?graph=IRI`` with N-Triples, replacing that graph); returns triples per graph."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"not an http(s) Graph Store URL: {endpoint!r}")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())
    counts: dict[str, int] = {}
    for graph, quads in sorted(named_graphs(store).items()):
        body = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
        target = endpoint + ("&" if "?" in endpoint else "?") + ("default" if not graph else "graph=" + quote(graph, safe=""))
        req = urllib.request.Request(target, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
        try:
            with opener.open(req, timeout=timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            raise StoreError(f"{target}: upload refused ({exc.code}): {exc.read().decode('utf-8', 'replace')[:300]}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{endpoint}: cannot reach the graph store: {getattr(exc, 'reason', exc)}") from None
        counts[graph or "(default graph)"] = len(quads)
    return counts


def dump(store: Any, output: str | os.PathLike[str] | IO[bytes], *, format: str = "nquads") -> int:
    """Write every quad of ``store`` as N-Quads (or TriG) to a path or binary stream; returns the count.

    >>> import drugkg
    >>> from io import BytesIO
    >>> buf = BytesIO()
    >>> dump(drugkg.load().store, buf) > 1000, b"<https://w3id.org/drugkg/resource/graph/data> ." in buf.getvalue()
    (True, True)
    """
    fmt = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}.get(format)
    if fmt is None:
        raise QueryError(f"unknown dump format {format!r}; use nquads or trig")
    quads = list(store.quads_for_pattern(None, None, None, None))
    if isinstance(output, (str, os.PathLike)):
        try:
            ox.serialize(quads, output=str(output), format=fmt)
        except OSError as exc:
            raise StoreError(f"{output}: cannot write: {exc.strerror or exc}") from None
    else:
        output.write(ox.serialize(quads, format=fmt) or b"")
    return len(quads)


__all__ = ["RemoteStore", "dump", "named_graphs", "publish", "substitute"]
