"""Values about claims fetched in batches and kept: :class:`ClaimCache`.

An imported store holds millions of claims; an answer needs the evidence, links, qualifiers and
statistics of the few hundred it uses. :class:`~drugkg.context.GraphContext` keeps one cache per
kind and fills it a batch of claims at a time (:func:`batches`), never for the whole store unless
asked (:meth:`ClaimCache.fill`, for whole-graph projections).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from .records import EvidenceRef

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


# -- the values, from the solutions of the claim queries (variable -> term, None when unbound) --------

Solution = Mapping[str, Any]


def evidence_from(evidence: Iterable[Solution], statistics: Iterable[Solution]) -> dict[str, list[EvidenceRef]]:
    """claim IRI -> its evidence, from ``assertion-evidence`` and ``claim-statistics`` solutions."""
    out: dict[str, list[EvidenceRef]] = defaultdict(list)
    for sol in evidence:
        ids = sol["identifiers"].value.split("|") if sol["identifiers"] and sol["identifiers"].value else []
        refs = sol["refs"].value.split("|") if sol["refs"] and sol["refs"].value else []
        out[sol["claim"].value].append(
            EvidenceRef(
                source=sol["sourceKey"].value, title=sol["title"].value, level=sol["level"].value,
                level_rank=int(sol["levelRank"].value), status=sol["status"].value, identifiers=tuple(sorted(ids)),
                text=sol["text"].value if sol["text"] else None, stance=sol["stance"].value, refs=tuple(sorted(refs)),
                citation=sol["citation"].value if sol["citation"] else None,
                url=sol["url"].value if sol["url"] else None,
            )
        )
    stats: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for sol in statistics:
        v = sol["value"].value
        stats[sol["claim"].value].append((sol["name"].value, float(v == "true") if v in ("true", "false") else float(v)))
    for claim, values in stats.items():
        if claim in out:
            out[claim] = [dataclasses.replace(e, statistics=tuple(values)) for e in out[claim]]
    return out


def qualifiers_from(solutions: Iterable[Solution]) -> dict[str, dict[str, list[str]]]:
    """claim IRI -> qualifier field -> values, from ``claim-qualifiers`` solutions."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for sol in solutions:
        out[sol["claim"].value][sol["field"].value].append(sol["value"].value)
    return out


def links_from(solutions: Iterable[Solution]) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """claim IRI -> relation -> ``(node IRI, label)`` without repeats, from ``claim-links`` solutions.

    >>> import pyoxigraph as ox
    >>> row = {"claim": ox.NamedNode("http://x/c"), "relation": ox.Literal("route"), "node": ox.NamedNode("http://x/r"),
    ...        "label": ox.Literal("intrathecal")}
    >>> dict(links_from([row, row])["http://x/c"])
    {'route': [('http://x/r', 'intrathecal')]}
    """
    out: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for sol in solutions:
        pair = (sol["node"].value, sol["label"].value)
        bucket = out[sol["claim"].value][sol["relation"].value]
        if pair not in bucket:
            bucket.append(pair)
    return out
