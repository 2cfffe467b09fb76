"""Where queries run: the embedded pyoxigraph store, or any SPARQL 1.1 endpoint.

:data:`Backend` is what :class:`~drugkg.context.GraphContext` holds as ``store``: a pyoxigraph
``Store``, or a :class:`~drugkg.sparql.remote.RemoteStore` with the same read interface
(``query``, ``quads_for_pattern``, ``len``, iteration). Everything above the context -- answers,
NetworkX projection, exports -- works on either.

Examples
--------
>>> import drugkg
>>> is_remote(drugkg.load().store)
False
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TypeAlias

import pyoxigraph as ox

if TYPE_CHECKING:
    from .remote import RemoteStore

#: A store drugkg can query.
Backend: TypeAlias = "ox.Store | RemoteStore"


def is_remote(store: Any) -> bool:
    """Whether ``store`` is a remote SPARQL endpoint.

    :mod:`drugkg.sparql.remote` (and the HTTP client it needs) is imported only by
    :func:`drugkg.connect`; while it is not imported, no remote store exists.
    """
    remote = sys.modules.get(__package__ + ".remote")
    return remote is not None and isinstance(store, remote.RemoteStore)


def remote_store(url: str, *, timeout: float) -> RemoteStore:
    """A :class:`~drugkg.sparql.remote.RemoteStore` for ``url`` (imports the HTTP client on first use)."""
    from .remote import RemoteStore

    return RemoteStore(url, timeout=timeout)


__all__ = ["Backend", "is_remote", "remote_store"]
