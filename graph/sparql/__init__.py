"""The SPARQL room: named queries (``queries/*.rq``), safe execution, user values as terms.

* :mod:`drugkg.sparql.named` -- the ``.rq`` files, their headers and typed parameters;
* :mod:`drugkg.sparql.engine` -- running a query on the store with pre-bound variables;
* :mod:`drugkg.sparql.terms` -- user values (IRIs, CURIEs, literals) as RDF terms.
"""

from __future__ import annotations

from .engine import check_local, rows, run, run_for, to_python
from .named import ANY, NAME_TYPES, PARAM_TYPES, VALUE_TYPES, NamedQuery, Param, load_query, named_queries, parse_query
from .terms import full_iri, to_iri, to_term

__all__ = [
    "ANY", "NAME_TYPES", "PARAM_TYPES", "VALUE_TYPES", "NamedQuery", "Param", "check_local", "full_iri", "load_query",
    "named_queries", "parse_query", "rows", "run", "run_for", "to_iri", "to_python", "to_term",
]
