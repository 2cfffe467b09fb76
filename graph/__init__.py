"""drugkg: an OWL/RDF knowledge graph of drug-effect relationships.

Load the curated graph (with its OWL inferences) and ask it questions::

    >>> import drugkg
    >>> kg = drugkg.load()
    >>> best = kg.risky_combinations("movement disorder")[0]
    >>> best.basis
    'recorded'

See :func:`load` and :class:`KnowledgeGraph`; the command line is ``drugkg --help``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    DataError,
    DrugKGError,
    DrugNotFound,
    EffectNotFound,
    ExportError,
    LimitExceeded,
    NotFound,
    QueryError,
    ReasonerError,
    StoreError,
)

if TYPE_CHECKING:
    from .kg import KnowledgeGraph, connect, load


def __getattr__(name: str) -> Any:
    """``load``, ``connect`` and ``KnowledgeGraph`` from :mod:`drugkg.kg` on first use (:pep:`562`:
    the command line reads its arguments, and starts loading the graph, before it imports the
    code that answers); ``__version__`` from the installed metadata (importlib.metadata is slow
    to import, and most commands never need it)."""
    if name in ("KnowledgeGraph", "connect", "load"):
        from . import kg

        value: Any = getattr(kg, name)
    elif name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("drugkg")
        except PackageNotFoundError:  # running from a source tree that is not installed
            value = "0+unknown"
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "DataError",
    "DrugKGError",
    "DrugNotFound",
    "EffectNotFound",
    "ExportError",
    "KnowledgeGraph",
    "LimitExceeded",
    "NotFound",
    "QueryError",
    "ReasonerError",
    "StoreError",
    "__version__",
    "connect",
    "load",
]
