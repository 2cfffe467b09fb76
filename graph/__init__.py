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

from importlib.metadata import PackageNotFoundError, version

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
from .kg import KnowledgeGraph, connect, load

try:
    __version__ = version("drugkg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

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
