"""Identity: imported drugs merge with known ones by identifier, then by exact normalised name.

The order is DrugBank id, RxNorm, PubChem CID (STITCH ids converted), ChEBI, then the exact
normalised name or synonym (:func:`drugkg.lookup.normalise`: case, spaces, hyphens and
underscores). Never a fuzzy match. A key that names two or more known drugs is *ambiguous*: the
import does not merge on it, mints a drug of its own, and reports it.

Examples
--------
>>> stitch_to_pubchem("CID100003345"), stitch_to_pubchem("CID000003345"), stitch_to_pubchem("CIDm00003345")
('3345', '3345', '3345')
>>> idx = DrugIndex([("http://x/b", "identifier", "RXNORM:1292"), ("http://x/b", "label", "baclofen")])
>>> idx.resolve(DrugRef(ids=(("RXNORM", "1292"),), names=("Baclofen",)))
('http://x/b', 'matched')
>>> idx.resolve(DrugRef(ids=(("RXNORM", "99"),), names=("newdrug",)))[1]
'new'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from ..lookup import normalise
from ..namespaces import DKG, DKGR, RDFS, SKOS
from .writer import slug

#: Identifier schemes in the order they are trusted for merging (CURIE prefixes).
SCHEMES = ("DRUGBANK", "RXNORM", "PUBCHEM.COMPOUND", "CHEBI")
_STITCH = re.compile(r"^CID([ms]?)(\d+)$")
_FLAT_OFFSET = 100_000_000


def stitch_to_pubchem(stitch: str) -> str | None:
    """PubChem CID of a STITCH compound id.

    STITCH flat ids (``CIDm…``, or in SIDER ``CID1…``) are the PubChem CID plus 100,000,000;
    stereo ids (``CIDs…``, or ``CID0…``) are the PubChem CID itself.
    """
    m = _STITCH.match(stitch.strip())
    if not m:
        return None
    n = int(m.group(2))
    if m.group(1) == "m" or (m.group(1) == "" and n >= _FLAT_OFFSET):
        n -= _FLAT_OFFSET if n >= _FLAT_OFFSET else 0
    return str(n) if n > 0 else None


@dataclass(frozen=True)
class DrugRef:
    """How a dataset names a drug: identifiers ``(scheme, value)`` and names, best first."""

    ids: tuple[tuple[str, str], ...] = ()
    names: tuple[str, ...] = ()

    def minted(self) -> str:
        """IRI of a new drug: from its first identifier, else its first name."""
        for scheme in SCHEMES:
            for s, v in self.ids:
                if s == scheme and v:
                    return f"{DKGR}drug-{slug(scheme.lower())}-{slug(v)}"
        return f"{DKGR}drug-name-{slug(normalise(self.names[0]) if self.names else 'unnamed')}"


class DrugIndex:
    """Known drugs by identifier CURIE and by normalised name; learns the drugs an import adds.

    Parameters
    ----------
    rows : iterable of (drug IRI, field, value)
        ``field`` is ``identifier`` (a CURIE) or ``label``/``synonym`` (a name).
    """

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        self._ids: dict[str, set[str]] = defaultdict(set)
        self._names: dict[str, set[str]] = defaultdict(set)
        self.known: set[str] = set()
        for node, fld, value in rows:
            self._add(node, fld, value)
            self.known.add(node)
        self._cache: dict[DrugRef, tuple[str, str]] = {}
        self.ambiguous: list[str] = []

    @classmethod
    def from_store(cls, store: ox.Store) -> DrugIndex:
        q = f"""SELECT ?d ?f ?v WHERE {{ ?d a <{DKG}Drug> .
            {{ ?d <{DKG}identifier> ?v BIND("identifier" AS ?f) }} UNION {{ ?d <{RDFS}label> ?v BIND("label" AS ?f) }}
            UNION {{ ?d <{SKOS}altLabel> ?v BIND("synonym" AS ?f) }} }}"""
        res = store.query(q, use_default_graph_as_union=True)
        return cls((s["d"].value, s["f"].value, s["v"].value) for s in res)  # type: ignore[union-attr]

    def _add(self, node: str, fld: str, value: str) -> None:
        if fld == "identifier":
            self._ids[value.strip().upper()].add(node)
        else:
            self._names[normalise(value)].add(node)

    def resolve(self, ref: DrugRef) -> tuple[str, str]:
        """``(IRI, status)``: status ``matched`` (a known drug), ``new`` or ``ambiguous`` (new, reported)."""
        hit = self._cache.get(ref)
        if hit is not None:
            return hit
        status = "new"
        found: str | None = None
        keys = [(f"{s}:{v}".upper(), self._ids) for scheme in SCHEMES for s, v in ref.ids if s == scheme and v]
        keys += [(normalise(n), self._names) for n in ref.names if n.strip()]
        for key, table in keys:
            nodes = table.get(key)
            if not nodes:
                continue
            if len(nodes) == 1:
                found = next(iter(nodes))
                break
            status = "ambiguous"
            self.ambiguous.append(f"{key!r} names {len(nodes)} drugs: {', '.join(sorted(nodes)[:3])}")
            break
        if found is not None:
            result = (found, "new" if found not in self.known else "matched")
        else:
            iri = ref.minted()
            result = (iri, status)
        for s, v in ref.ids:
            if v:
                self._ids[f"{s}:{v}".upper()].add(result[0])
        for n in ref.names:
            if n.strip() and status != "ambiguous":
                self._names[normalise(n)].add(result[0])
        self._cache[ref] = result
        return result
