"""Typed result records shared by the API, the CLI and the exporters.

Every record is a frozen dataclass with ``to_dict()``; a :class:`Results` list converts to plain
dicts, to a pandas DataFrame when pandas is installed, and displays as a table in Jupyter.

Examples
--------
>>> from drugkg.records import Results, EvidenceRef
>>> rows = Results([EvidenceRef(source="US_ORAL", title="label", level="drug label", level_rank=4,
...                             status="verified", identifiers=(), text=None, stance="supports")])
>>> rows.to_dicts()[0]["source"]
'US_ORAL'
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")

#: Evidence rank -> level name, as in ``ontology/vocabulary.ttl``.
LEVEL_NAMES = {4: "drug label", 3: "primary report", 2: "secondary claim", 1: "hypothesis", 0: "none"}
#: Levels of imported rows (drugkg.importers), shown by their own names: rank -> name.
IMPORTED_LEVELS = {2: "database", 1: "pharmacovigilance signal"}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: conversion to plain data and an HTML repr."""

    def to_dict(self) -> dict[str, Any]:
        """Plain ``dict`` (nested records become dicts, tuples become lists)."""
        return _plain(self)  # type: ignore[no-any-return]

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td style='text-align:left'>{html.escape(_short(v))}</td></tr>"
            for k, v in self.to_dict().items()
        )
        return f"<table><caption>{type(self).__name__}</caption>{rows}</table>"


def _short(value: Any, limit: int = 160) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value if value is not None else "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Results(list[T], Generic[T]):
    """A list of records (or row dicts) with conversions.

    Examples
    --------
    >>> Results([{"a": 1}, {"a": 2}]).to_dicts()
    [{'a': 1}, {'a': 2}]
    """

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each item as a plain dict."""
        return [item.to_dict() if isinstance(item, Record) else dict(cast("Mapping[str, Any]", item)) for item in self]

    def to_dataframe(self) -> Any:
        """A :class:`pandas.DataFrame` of :meth:`to_dicts` (needs pandas).

        Raises
        ------
        ImportError
            If pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_dataframe() needs pandas: pip install pandas") from None
        return pd.DataFrame(self.to_dicts())

    def _repr_html_(self) -> str:
        dicts = self.to_dicts()
        if not dicts:
            return "<p>(no results)</p>"
        cols = list(dicts[0])
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td style='text-align:left'>{html.escape(_short(d.get(c)))}</td>" for c in cols) + "</tr>"
            for d in dicts
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@dataclasses.dataclass(frozen=True)
class EvidenceRef(Record):
    """One piece of evidence behind a claim."""

    source: str
    title: str
    level: str
    level_rank: int
    status: str
    identifiers: tuple[str, ...]
    text: str | None
    stance: str
    refs: tuple[str, ...] = ()

    @property
    def effective_rank(self) -> int:
        """Rank used for grading: evidence whose source was not verified or located counts as a hypothesis."""
        if self.stance != "supports":
            return 0
        if self.status in ("unverified", "primary source not located"):
            return 1
        return self.level_rank

    def short(self) -> str:
        """``KEY (level, status)`` for one-line reasons."""
        ids = f" {self.identifiers[0]}" if self.identifiers else ""
        return f"{self.source}{ids} ({self.level}; {self.status})"


@dataclasses.dataclass(frozen=True)
class Drug(Record):
    """A drug node."""

    iri: str
    curie: str
    label: str
    synonyms: tuple[str, ...]
    identifiers: tuple[str, ...]
    classes: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Effect(Record):
    """An effect assertion of a drug, with its qualifiers and evidence."""

    assertion: str
    drug: str
    kind: str
    effect: str
    effect_label: str
    contexts: tuple[str, ...]
    routes: tuple[str, ...]
    onset: str | None
    severity: str | None
    frequency: str | None
    frequency_text: str | None
    modifier: str | None
    stage: str | None
    risk_factors: tuple[str, ...]
    management: tuple[str, ...]
    mechanisms: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]
    level: str
    level_rank: int


@dataclasses.dataclass(frozen=True)
class Withdrawal(Record):
    """A withdrawal syndrome with its manifestations by stage."""

    syndrome: str
    drug: str
    label: str
    route: str
    contexts: tuple[str, ...]
    onset: str | None
    onset_min_hours: float | None
    onset_max_hours: float | None
    severity: str | None
    risk_factors: tuple[str, ...]
    manifestations: tuple[Effect, ...]
    management: tuple[str, ...]
    mechanisms: tuple[str, ...]
    resembles: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]


@dataclasses.dataclass(frozen=True)
class PathStep(Record):
    """One node of an explanation path."""

    node: str
    label: str
    type: str


@dataclasses.dataclass(frozen=True)
class Explanation(Record):
    """Why a pair of drugs is risky: one recorded claim or one inferred path."""

    basis: str
    kind: str
    summary: str
    outcomes: tuple[str, ...]
    level: str
    level_rank: int
    claims: tuple[str, ...]
    path: tuple[PathStep, ...]
    evidence: tuple[EvidenceRef, ...]


@dataclasses.dataclass(frozen=True)
class Combination(Record):
    """A pair of drugs whose combination raises the risk of an effect class."""

    drugs: tuple[str, str]
    drug_iris: tuple[str, str]
    basis: str
    score: float
    level: str
    outcomes: tuple[str, ...]
    reason: str
    explanation: tuple[Explanation, ...]
    evidence: tuple[EvidenceRef, ...]


def unique(items: Iterable[T]) -> list[T]:
    """Items in first-seen order without repeats.

    Examples
    --------
    >>> unique([3, 1, 3, 2, 1])
    [3, 1, 2]
    """
    seen: set[Any] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out

