"""Loading a graph in the background while the caller does something else.

The command line knows which graph it needs as soon as it has read its arguments, long before
it has imported the code that answers (the rules, the records, the name index: a third of a
cold start). :func:`start` begins filling an in-memory store on a worker thread; Oxigraph parses
and indexes in Rust without holding the interpreter lock, so on two cores the load and the
imports overlap. :func:`~drugkg.store.build.open_store` then takes the store with
:func:`take` instead of loading the same content again; an error of the load (a malformed or
contradicting file) is raised there, as it would have been without the head start.

Examples
--------
>>> from drugkg.store import shipped_sources
>>> sources = shipped_sources()
>>> start(sources)
>>> len(take(sources, check=True)) > 40000
True
>>> take(sources, check=True) is None  # taken once
True
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

import pyoxigraph as ox

from .filling import fill
from .sources import SourceFile, digest_of

_pending: dict[tuple[str, bool], Future[ox.Store]] = {}
_lock = threading.Lock()


def _fill(sources: list[SourceFile], digest: str, check: bool, future: Future[ox.Store]) -> None:
    try:
        store = ox.Store()
        fill(store, sources, digest, check=check)
    except BaseException as exc:  # noqa: BLE001 -- handed, whatever it is, to whoever takes the store
        future.set_exception(exc)
    else:
        future.set_result(store)


def start(sources: list[SourceFile], *, check: bool = True) -> None:
    """Begin loading ``sources`` (and their inferences) into an in-memory store on a worker thread.

    Starting the same content twice loads it once.
    """
    digest = digest_of(sources)
    with _lock:
        if (digest, check) in _pending:
            return
        future: Future[ox.Store] = Future()
        _pending[(digest, check)] = future
    threading.Thread(target=_fill, args=(sources, digest, check, future), name="drugkg-preload").start()


def take(sources: list[SourceFile], *, check: bool) -> ox.Store | None:
    """The store started for these sources and check, once loaded; None when none was started.

    Raises
    ------
    DrugKGError
        Whatever loading the sources raised.
    """
    with _lock:
        future = _pending.pop((digest_of(sources), check), None)
    return None if future is None else future.result()
