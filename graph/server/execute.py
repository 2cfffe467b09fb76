"""One query, bounded: the single place the server runs SPARQL.

:func:`execute` runs read-only SPARQL on a store and stops reading results at a row cap, so a
capped answer costs no more than the cap. The wall-clock limit is enforced around it by the worker
pool (:mod:`drugkg.server.pool`), which ends the worker process that runs over: pyoxigraph cannot
interrupt a query from another thread, and a process that is ended stops its work at once.

This is the adapter over :func:`drugkg.sparql.run`, which decides on the query's tokens (no
``SERVICE``, ``LOAD``, update or remote ``FROM``; bounded nesting) and runs the canonical text.
The pool's worker already is a killable process, so the query runs in it (``isolated=False``)
rather than in a second, nested worker.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> out = execute(kg.store, "SELECT ?d WHERE { ?d a dkg:Drug }", max_rows=2)
>>> out.kind, out.variables, len(out.rows), out.truncated
('solutions', ['d'], 2, True)
>>> execute(kg.store, "ASK { dkgr:drug-baclofen a dkg:Drug }", max_rows=10).boolean
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..sparql import run
from .protocol import refusal


class QueryRefused(QueryError):
    """A query a read-only endpoint refuses: an update, ``LOAD`` or ``SERVICE``."""


@dataclass
class Outcome:
    """What a query produced: ``kind`` is ``"boolean"``, ``"solutions"`` or ``"graph"``."""

    kind: str
    boolean: bool = False
    variables: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False


def execute(store: Any, text: str, *, max_rows: int, bindings: dict[str, Any] | None = None) -> Outcome:
    """Run ``text`` on ``store``, reading at most ``max_rows`` rows (or triples).

    Raises
    ------
    QueryRefused
        Updates, ``LOAD`` and ``SERVICE``.
    QueryError
        Malformed SPARQL or a failed evaluation.
    """
    why = refusal(text)
    if why:
        raise QueryRefused(why)
    result = run(store, text, bindings, isolated=False)
    if isinstance(result, ox.QueryBoolean):
        return Outcome("boolean", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [[sol[n] for n in names] for sol in islice(result, max_rows + 1)]
        return Outcome("solutions", variables=names, rows=rows[:max_rows], truncated=len(rows) > max_rows)
    triples = list(islice(result, max_rows + 1))
    return Outcome("graph", triples=triples[:max_rows], truncated=len(triples) > max_rows)


__all__ = ["Outcome", "QueryRefused", "execute"]
