"""Resolving user-supplied names (labels, synonyms, CURIEs, IRIs) to graph nodes.

Names are matched case-insensitively, with hyphens, underscores and repeated spaces treated as a
single space, so ``movement-disorder``, ``Movement disorder`` and ``HP:0100022`` style inputs all
work. An unknown name raises :class:`~drugkg.errors.NotFound` with close matches.

Examples
--------
>>> normalise("  Movement-Disorder ")
'movement disorder'
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable

from .errors import DrugNotFound, EffectNotFound, NotFound
from .namespaces import SPARQL_PREFIXES, expand_curie

_SPACES = re.compile(r"[\s_\-]+")
_OBO_ID = re.compile(r"^(?:obo:)?([A-Za-z][A-Za-z0-9.]*)_(\d+)$")
_FIELD_RANK = {"label": 0, "identifier": 1, "synonym": 2}


def normalise(name: str) -> str:
    """Case- and punctuation-insensitive key of a name."""
    return _SPACES.sub(" ", name.strip().lower()).strip()


def obo_to_curie(name: str) -> str:
    """``HP:0001300`` for the OBO-style id ``HP_0001300`` (or ``obo:HP_0001300``); other names unchanged.

    Examples
    --------
    >>> obo_to_curie("HP_0001300"), obo_to_curie("obo:HP_0001332"), obo_to_curie("baclofen")
    ('HP:0001300', 'HP:0001332', 'baclofen')
    """
    match = _OBO_ID.match(name.strip())
    return f"{match.group(1)}:{match.group(2)}" if match else name


class NameIndex:
    """Index of every name of every node, by kind (``drug``, ``effect``, ``route``...).

    Parameters
    ----------
    rows : iterable of (node IRI, kind, name, field)
        As returned by the ``lookup-names`` query; ``field`` is ``label``, ``synonym`` or
        ``identifier``.

    Examples
    --------
    >>> idx = NameIndex([("http://x/b", "drug", "baclofen", "label"), ("http://x/b", "drug", "Lioresal", "synonym")])
    >>> idx.resolve("LIORESAL", "drug")
    'http://x/b'
    >>> idx.resolve("baclophen", "drug")
    Traceback (most recent call last):
    ...
    drugkg.errors.DrugNotFound: unknown drug 'baclophen'; did you mean: baclofen?
    """

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        self._by_kind: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._rank: dict[tuple[str, str, str], int] = {}
        self._nodes: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, str] = {}
        for node, kind, name, field in rows:
            key = normalise(name)
            self._by_kind[kind][key].add(node)
            rank = _FIELD_RANK.get(field, 3)
            self._rank[(kind, key, node)] = min(rank, self._rank.get((kind, key, node), rank))
            self._nodes[kind].add(node)
            if field == "label" and (node not in self.labels or len(name) < len(self.labels[node])):
                self.labels[node] = name

    def kinds(self) -> list[str]:
        return sorted(self._by_kind)

    def nodes(self, kind: str) -> set[str]:
        """IRIs of every node of a kind."""
        return set(self._nodes.get(kind, ()))

    def resolve(self, name: str, kind: str) -> str:
        """The IRI of the node of ``kind`` that ``name`` names.

        ``name`` may be a label, a synonym, an identifier CURIE, a CURIE of the node itself
        (``dkgr:drug-baclofen``, ``HP:0001332``), an OBO-style id (``HP_0001332``) or a full IRI.

        Raises
        ------
        NotFound
            (:class:`DrugNotFound` for drugs, :class:`EffectNotFound` for effects) when nothing
            matches, or when the name is ambiguous.
        """
        if not isinstance(name, str) or not name.strip():
            raise _not_found(kind, str(name), [])
        name = obo_to_curie(name)
        key = normalise(name)
        hits = self._by_kind.get(kind, {}).get(key)
        if not hits:
            iri = as_iri(name.strip())
            if iri is not None and iri in self._nodes.get(kind, ()):
                return iri
        if hits:
            best = min(self._rank[(kind, key, h)] for h in hits)
            hits = {h for h in hits if self._rank[(kind, key, h)] == best}
        if hits and len(hits) == 1:
            return next(iter(hits))
        if hits:
            names = sorted(self.labels.get(h, h) for h in hits)
            raise NotFound(kind, name, names)
        raise _not_found(kind, name, self.suggest(name, kind))

    def suggest(self, name: str, kind: str, n: int = 3) -> list[str]:
        """Labels of the nodes of ``kind`` whose names are closest to ``name``."""
        names = self._by_kind.get(kind, {})
        close = difflib.get_close_matches(normalise(name), list(names), n=n * 3, cutoff=0.6)
        out: list[str] = []
        for c in close:
            for node in sorted(names[c], key=lambda n: (self._rank[(kind, c, n)], n)):
                label = self.labels.get(node, c)
                if label not in out:
                    out.append(label)
        return out[:n]

def as_iri(text: str) -> str | None:
    """The full IRI of ``<iri>``, an ``http(s)`` IRI or a CURIE with a known prefix; None otherwise.

    Examples
    --------
    >>> as_iri("HP:0001332")
    'http://purl.obolibrary.org/obo/HP_0001332'
    >>> as_iri("nope") is None
    True
    """
    if text.startswith(("http://", "https://")):
        return text
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix = text.partition(":")[0]
    if prefix in SPARQL_PREFIXES:
        return SPARQL_PREFIXES[prefix] + text.partition(":")[2]
    try:
        return expand_curie(text)
    except ValueError:
        return None


def _not_found(kind: str, name: str, suggestions: list[str]) -> NotFound:
    if kind == "drug":
        return DrugNotFound(name, suggestions)
    if kind == "effect":
        return EffectNotFound(name, suggestions)
    return NotFound(kind, name, suggestions)
