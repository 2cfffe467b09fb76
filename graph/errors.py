"""The drugkg exception family.

Every error drugkg raises on bad input derives from :class:`DrugKGError`, so a caller can catch
one type; the subclasses also derive from the matching built-in where one fits.

Examples
--------
>>> import drugkg
>>> issubclass(drugkg.DrugNotFound, LookupError)
True
>>> try:
...     drugkg.load().drug("baclophen")
... except drugkg.DrugNotFound as exc:
...     print(exc)
unknown drug 'baclophen'; did you mean: baclofen?
"""

from __future__ import annotations

from collections.abc import Sequence


class DrugKGError(Exception):
    """Base class of every error drugkg raises on bad input or data."""


class NotFound(DrugKGError, LookupError):
    """A name did not resolve to a node of the graph.

    Parameters
    ----------
    kind : str
        What was looked up ("drug", "effect", "context"...).
    name : str
        The name as given.
    suggestions : sequence of str
        Close matches, best first.
    """

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")

    def __str__(self) -> str:  # KeyError-style quoting would add extra quotes
        return str(self.args[0])


class DrugNotFound(NotFound):
    """No drug with that label, synonym or CURIE."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__("drug", name, suggestions)


class EffectNotFound(NotFound):
    """No effect class with that label, synonym or CURIE."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__("effect", name, suggestions)


class QueryError(DrugKGError, ValueError):
    """A SPARQL query is malformed, unknown, reaches the network, or got bad parameters."""


class LimitExceeded(QueryError):
    """A query hit its time, row or memory limit and was stopped (see :mod:`drugkg.sparql.engine`)."""


class DataError(DrugKGError, ValueError):
    """An input file is missing, not a regular file, too large, not valid RDF, or contradicts the ontology."""


class StoreError(DrugKGError, OSError):
    """An on-disk store cannot be opened or built."""


class ReasonerError(DrugKGError, RuntimeError):
    """The OWL reasoner could not run, or found the ontology inconsistent."""


class ExportError(DrugKGError, ValueError):
    """An export format or selection is invalid."""
