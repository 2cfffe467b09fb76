"""The SPARQL room: named queries (``queries/*.rq``), safe execution, user values as terms.

* :mod:`drugkg.sparql.named` -- the ``.rq`` files, their headers and typed parameters;
* :mod:`drugkg.sparql.lexer` -- the SPARQL tokenizer that decides what a query may do;
* :mod:`drugkg.sparql.isolate` -- evaluation in a killable worker with no network;
* :mod:`drugkg.sparql.engine` -- running a query on the store with pre-bound variables and limits;
* :mod:`drugkg.sparql.terms` -- user values (IRIs, CURIEs, literals) as RDF terms.
"""

from __future__ import annotations

from ..defaults import DEFAULT_MAX_MEMORY, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT
from .engine import rows, run, to_python, with_values
from .lexer import CheckedQuery, check_local, check_query
from .named import ANY, NAME_TYPES, PARAM_TYPES, VALUE_TYPES, NamedQuery, Param, load_query, named_queries, parse_query
from .terms import full_iri, term_json, to_iri, to_term

__all__ = [
    "ANY",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_TIMEOUT",
    "NAME_TYPES",
    "PARAM_TYPES",
    "VALUE_TYPES",
    "CheckedQuery",
    "NamedQuery",
    "Param",
    "check_local",
    "check_query",
    "full_iri",
    "load_query",
    "named_queries",
    "parse_query",
    "rows",
    "run",
    "term_json",
    "to_iri",
    "to_python",
    "to_term",
    "with_values",
]
