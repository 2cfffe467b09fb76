"""Values about claims fetched in batches and kept: :class:`ClaimCache`.

An imported store holds millions of claims; an answer needs the evidence, links, qualifiers and
statistics of the few hundred it uses. :class:`~drugkg.context.GraphContext` keeps one cache per
kind and fills it a batch of claims at a time (:func:`batches`), never for the whole store unless
asked (:meth:`ClaimCache.fill`, for whole-graph projections).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

V = TypeVar("V")


def batches(iris: list[str] | None, size: int = 400) -> Iterator[list[str] | None]:
    """``iris`` in lists of at most ``size`` (``None``, meaning every node, stays one ``None``).

    >>> list(batches(['a', 'b', 'c'], 2)), list(batches(None))
    ([['a', 'b'], ['c']], [None])
    """
    if iris is None:
        yield None
        return
    for i in range(0, len(iris), size):
        yield iris[i:i + size]


class ClaimCache(Generic[V]):
    """A read-only mapping claim IRI -> value, fetched in batches on first use and kept.

    ``fetch(claims)`` returns the values of the claims that have one (``None``: of every claim in
    the store). Reading one claim fetches it alone; :meth:`prefetch` fetches many in a few queries,
    :meth:`fill` everything at once (for whole-graph work on small stores).

    >>> c = ClaimCache(lambda ks: {k: [k.upper()] for k in (ks or ["a", "b"]) if k != "z"})
    >>> c.get("a"), c["a"], "a" in c, "z" in c, c.get("z", [])
    (['A'], ['A'], True, False, [])
    >>> c.fill(); sorted(c.known())
    ['a', 'b']
    """

    def __init__(self, fetch: Callable[[list[str] | None], Mapping[str, V]]) -> None:
        self._fetch = fetch
        self._cache: dict[str, V] = {}
        self._asked: set[str] = set()
        self._full = False

    def prefetch(self, claims: Iterable[str]) -> None:
        """Fetch the claims not fetched yet."""
        if self._full:
            return
        missing = [c for c in dict.fromkeys(claims) if c not in self._asked]
        if missing:
            self._cache.update(self._fetch(missing))
            self._asked.update(missing)

    def fill(self) -> None:
        """Fetch every claim's value in one query."""
        if not self._full:
            self._cache = dict(self._fetch(None))
            self._full = True

    def known(self) -> list[str]:
        """The claims fetched so far that have a value."""
        return list(self._cache)

    def _ensure(self, claim: str) -> None:
        if not self._full and claim not in self._asked:
            self.prefetch([claim])

    def __getitem__(self, claim: str) -> V:
        self._ensure(claim)
        return self._cache[claim]

    def get(self, claim: str, default: Any = None) -> V | Any:
        self._ensure(claim)
        return self._cache.get(claim, default)

    def __contains__(self, claim: object) -> bool:
        if not isinstance(claim, str):
            return False
        self._ensure(claim)
        return claim in self._cache
