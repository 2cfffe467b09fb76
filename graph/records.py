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


def level_name(rank: int, refs: Iterable[EvidenceRef] = ()) -> str:
    """The name of a grade: an imported level's own name when all the evidence at that grade has
    it (``database``, ``pharmacovigilance signal``), else the curated level's name.

    >>> level_name(1), level_name(0)
    ('hypothesis', 'none')
    >>> ev = EvidenceRef(source="TWOSIDES", title="t", level="pharmacovigilance signal", level_rank=1,
    ...                  status="verified", identifiers=(), text=None, stance="supports")
    >>> level_name(1, [ev])
    'pharmacovigilance signal'
    """
    named = {e.level for e in refs if e.effective_rank == rank and e.level_rank == rank}
    imported = IMPORTED_LEVELS.get(rank)
    if imported is not None and named == {imported}:
        return imported
    return LEVEL_NAMES.get(rank, "none")


def format_statistics(stats: Iterable[tuple[str, float]]) -> str:
    """A row's statistics in one phrase (names as the ``dkg:`` properties that hold them).

    >>> format_statistics([("prr", 2.5), ("prrError", 0.31), ("countA", 12), ("countB", 300)])
    'PRR 2.5 ± 0.31; A=12 B=300'
    >>> format_statistics([("frequencyLower", 0.01), ("frequencyUpper", 0.1), ("placebo", 0)])
    'frequency 0.01-0.1'
    """
    d = dict(stats)
    parts = []
    if "prr" in d:
        parts.append(f"PRR {d['prr']:.3g}" + (f" ± {d['prrError']:.3g}" if "prrError" in d else ""))
    counts = " ".join(f"{k[-1]}={int(d[k])}" for k in ("countA", "countB", "countC", "countD") if k in d)
    if counts:
        parts.append(counts)
    if "meanReportingFrequency" in d:
        parts.append(f"mean reporting frequency {d['meanReportingFrequency']:.3g}")
    if "frequencyLower" in d or "frequencyUpper" in d:
        lo, hi = d.get("frequencyLower"), d.get("frequencyUpper")
        parts.append("frequency " + (f"{lo:.3g}-{hi:.3g}" if lo is not None and hi is not None else f"{lo if lo is not None else hi:.3g}"))
    if d.get("placebo"):
        parts.append("placebo arm")
    if "modelScore" in d:
        parts.append(f"model score {d['modelScore']:.3g}")
    return "; ".join(parts)


_SCALARS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(value))
    return {n: _plain(getattr(value, n)) for n in names}


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
    citation: str | None = None
    url: str | None = None
    statistics: tuple[tuple[str, float], ...] = ()

    def __hash__(self) -> int:
        # computed once: the same items are deduplicated across thousands of explanations
        found: int | None = self.__dict__.get("_hash")
        if found is None:
            found = hash((self.source, self.title, self.level, self.level_rank, self.status, self.identifiers,
                          self.text, self.stance, self.refs, self.citation, self.url, self.statistics))
            object.__setattr__(self, "_hash", found)
        return found

    @property
    def effective_rank(self) -> int:
        """Rank used for grading: evidence whose source was not verified or located counts as a hypothesis."""
        if self.stance != "supports":
            return 0
        if self.status in ("unverified", "primary source not located"):
            return 1
        return self.level_rank

    @property
    def is_hypothesis(self) -> bool:
        """True when this item supports its claim only as a hypothesis (level or verification)."""
        return self.stance == "supports" and self.effective_rank == 1

    def short(self) -> str:
        """``KEY (level, status)`` for one-line reasons."""
        ids = f" {self.identifiers[0]}" if self.identifiers else ""
        stats = f" [{format_statistics(self.statistics)}]" if self.statistics else ""
        return f"{self.source}{ids} ({self.level}; {self.status}){stats}"

    def cite(self) -> str:
        """The citation a reader can follow: citation text (or title), identifiers and URL.

        Examples
        --------
        >>> EvidenceRef(source="K", title="A label", level="drug label", level_rank=4, status="verified",
        ...             identifiers=("PMID:1",), text=None, stance="supports", url="https://x.org").cite()
        'A label. PMID:1. https://x.org'
        """
        parts = [self.citation or self.title, *self.identifiers]
        if self.url:
            parts.append(self.url)
        return ". ".join(p.rstrip(".") for p in parts if p)


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
class Qualifiers(Record):
    """What limits a claim: routes, contexts, population or condition, dose, curator notes."""

    claim: str
    label: str
    routes: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    population: tuple[str, ...] = ()
    dose: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.routes or self.contexts or self.population or self.dose or self.notes)

    def short(self) -> str:
        """One line: ``route: intrathecal; population: in Parkinson disease``."""
        parts = [f"{name}: {', '.join(values)}" for name, values in
                 (("route", self.routes), ("context", self.contexts), ("population", self.population),
                  ("dose", self.dose), ("note", self.notes)) if values]
        return "; ".join(parts)


@dataclasses.dataclass(frozen=True)
class Explanation(Record):
    """Why a pair of drugs is risky: one recorded claim or one inferred path (one rule's reason).

    ``rule`` names the rule (:data:`drugkg.rules.RULES`), ``kind`` its kind (``interaction``,
    ``mechanism``, ``risk-factor``, ``shared-effect``); ``severity`` is the management severity a
    source gives (recorded interactions only); ``caveats`` say what weakens the reason
    (hypotheses, qualifying evidence); ``qualifiers`` limit the claims used.
    """

    basis: str
    kind: str
    summary: str
    outcomes: tuple[str, ...]
    level: str
    level_rank: int
    claims: tuple[str, ...]
    path: tuple[PathStep, ...]
    evidence: tuple[EvidenceRef, ...]
    rule: str = ""
    kind_rank: int = 0
    severity: str | None = None
    severity_rank: int = 0
    caveats: tuple[str, ...] = ()
    qualifiers: tuple[Qualifiers, ...] = ()
    details: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class Combination(Record):
    """A pair of drugs whose combination raises the risk of an effect class.

    ``effect`` is the class the pair was ranked for (its label): the score, outcomes and reasons
    count only the reasons under that class, so the same pair asked for every effect class
    (``kg.explain`` without an effect) may count more reasons than under movement disorder
    (``kg.risky_combinations()``'s default). ``reasons`` counts a reason that gathers a pair's
    disproportionality signals from one dataset once per signal.
    """

    drugs: tuple[str, str]
    drug_iris: tuple[str, str]
    basis: str
    score: float
    level: str
    outcomes: tuple[str, ...]
    reason: str
    explanation: tuple[Explanation, ...]
    evidence: tuple[EvidenceRef, ...]
    severity: str | None = None
    kind: str = ""
    reasons: int = 0
    effect: str = ""


def unique(items: Iterable[T]) -> list[T]:
    """Items in first-seen order without repeats.

    Examples
    --------
    >>> unique([3, 1, 3, 2, 1])
    [3, 1, 2]
    """
    return list(dict.fromkeys(items))  # a dict keeps insertion order; built in C



@dataclasses.dataclass(frozen=True)
class Group(Record):
    """Three or more drugs of a regimen converging on one mechanism or one effect (cumulative burden)."""

    drugs: tuple[str, ...]
    kind: str
    via: str
    outcomes: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class RegimenCheck(Record):
    """Every pair within a list of drugs: the risky ones ranked, the others listed as no known risk,
    and the groups of three or more drugs with a cumulative burden."""

    drugs: tuple[str, ...]
    effect: str
    pairs: tuple[Combination, ...]
    no_known_risk: tuple[tuple[str, str], ...]
    groups: tuple[Group, ...]
