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

from typing import Any, TypeAlias

import pyoxigraph as ox

from .remote import RemoteStore

#: A store drugkg can query.
Backend: TypeAlias = ox.Store | RemoteStore


def is_remote(store: Any) -> bool:
    """Whether ``store`` is a remote SPARQL endpoint."""
    return isinstance(store, RemoteStore)


__all__ = ["Backend", "RemoteStore", "is_remote"]
