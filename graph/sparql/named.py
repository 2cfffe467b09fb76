"""Named SPARQL queries: the ``.rq`` files in ``queries/``, their headers and safe execution.

Each file starts with a comment header::

    # title: Combination risk for an effect class
    # description: Pairs of drugs whose combination ... (continuation lines are indented)
    # param: effect effect = dkg:MovementDisorder -- effect class (label, synonym or CURIE)

A parameter has a name (a SPARQL variable of the query), a type that says how a user's value is
resolved (``drug``, ``effect``, ``context``, ``route``, ``target``, ``action``, ``physio``,
``pathway``, ``drugclass`` are names looked up in the graph; ``iri`` is an IRI or CURIE;
``string`` and ``integer`` are literals), and an optional default. Values are bound as
pre-bound variables (pyoxigraph substitutions), never spliced into the query text.

Examples
--------
>>> from drugkg.sparql import named_queries
>>> q = named_queries()["withdrawal-profile"]
>>> q.title
'Withdrawal profile of a drug by route'
>>> [(p.name, p.type, p.default) for p in q.params]
[('drug', 'drug', None), ('route', 'route', 'dkg:any')]
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..errors import QueryError
from ..namespaces import DKG

#: Parameter types resolved by name lookup in the graph.
NAME_TYPES = ("drug", "effect", "context", "route", "target", "action", "physio", "pathway", "drugclass")
#: Parameter types bound as given.
VALUE_TYPES = ("iri", "string", "integer")
PARAM_TYPES = NAME_TYPES + VALUE_TYPES

#: Sentinel an optional parameter defaults to; queries test ``?x = dkg:any``.
ANY = DKG + "any"

_HEADER = re.compile(r"^#\s*(title|description|param):\s?(.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\s*=\s*(?P<default>\S+))?\s*(?:--\s*(?P<doc>.*))?$")


@dataclass(frozen=True)
class Param:
    """A typed query parameter declared in a query header."""

    name: str
    type: str
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query file with its parsed header."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (parameters: {known})")


def parse_query(name: str, text: str) -> NamedQuery:
    """Parse the header of a query file.

    Raises
    ------
    QueryError
        If a ``# param:`` line is malformed, has an unknown type or names a variable the query
        does not project.

    Examples
    --------
    >>> q = parse_query("x", "# title: T\\n# param: drug drug -- a drug\\nSELECT ?drug WHERE { ?drug a dkg:Drug }")
    >>> q.params[0].description
    'a drug'
    >>> parse_query("x", "# param: drug pill\\nSELECT ?drug {}")
    Traceback (most recent call last):
    ...
    drugkg.errors.QueryError: x: parameter 'drug' has unknown type 'pill' (one of: drug, effect, ...)
    """
    title, desc, params = name, [], []
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            key, value = m.groups()
            last = key
            if key == "title":
                title = value.strip()
            elif key == "description":
                desc.append(value.strip())
            else:
                pm = _PARAM.match(value.strip())
                if not pm:
                    raise QueryError(f"{name}: malformed parameter line {line!r} (expected '# param: NAME TYPE [= DEFAULT] -- text')")
                if pm["type"] not in PARAM_TYPES:
                    raise QueryError(f"{name}: parameter {pm['name']!r} has unknown type {pm['type']!r} "
                                     f"(one of: {', '.join(PARAM_TYPES[:2])}, ...)")
                params.append(Param(pm["name"], pm["type"], pm["default"], (pm["doc"] or "").strip()))
        elif last == "description" and line.startswith("#  "):
            desc.append(line[1:].strip())
    return NamedQuery(name, title, " ".join(desc), tuple(params), text)


#: Largest ``.rq`` file read, in bytes.
MAX_QUERY_FILE = 1_000_000


@functools.cache
def shipped_texts() -> frozenset[str]:
    """The texts of the shipped named queries (they run in-process, see :func:`drugkg.sparql.engine.run`)."""
    return frozenset(q.text for q in named_queries().values())


def is_shipped(text: str) -> bool:
    """Whether ``text`` is exactly one of the shipped named queries.

    Examples
    --------
    >>> is_shipped(named_queries()["graph-summary"].text), is_shipped("SELECT * { ?s ?p ?o }")
    (True, False)
    """
    return text in shipped_texts()


@functools.cache
def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped in ``queries/``, by file stem.

    Examples
    --------
    >>> "combination-risk" in named_queries()
    True
    """
    out = {}
    for f in sorted(resources.queries_dir().iterdir(), key=lambda t: t.name):
        if f.name.endswith(".rq"):
            stem = f.name[:-3]
            out[stem] = parse_query(stem, f.read_text(encoding="utf-8"))
    return out


def load_query(name_or_path: str | os.PathLike[str]) -> NamedQuery:
    """A shipped query by name, or a ``.rq`` file by path.

    Raises
    ------
    QueryError
        If there is no such query or file.
    """
    text = str(name_or_path)
    if text.endswith(".rq") or "/" in text or isinstance(name_or_path, Path):
        from ..inputs import read_text_file

        path = Path(name_or_path)
        return parse_query(path.stem, read_text_file(path, what="query file", limit=MAX_QUERY_FILE, error=QueryError))
    queries = named_queries()
    if text not in queries:
        import difflib

        close = difflib.get_close_matches(text, list(queries), n=3, cutoff=0.5)
        hint = f"; did you mean: {', '.join(close)}?" if close else f" (known: {', '.join(queries)})"
        raise QueryError(f"unknown query {text!r}{hint}")
    return queries[text]
