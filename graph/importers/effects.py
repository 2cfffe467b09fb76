"""Effects: UMLS CUIs and MedDRA terms mapped into HPO classes and so into drugkg's hierarchy.

Every imported term becomes an effect class of its own, named by its code
(``dkgr:effect-meddra-10043118``), labelled with the dataset's term name and carrying its codes as
``dkg:identifier``. It is placed under the classes it maps to: first HPO's own cross-references
(``xref: UMLS:…`` and ``xref: MEDDRA:…`` in hp.obo), otherwise an exact normalised label or
EXACT synonym of an HPO term or of a drugkg effect class. An unmapped term is placed under
Phenotypic abnormality (HP:0000118) only, so it is never lost and never counted in a narrower class.
The mapping table ships as ``ontology/hpo-effect-map.tsv.gz`` (``scripts/build_effect_map.py``).

Examples
--------
>>> m = EffectMap.shipped()
>>> m.targets([("UMLS", "C0686347")], "Tardive dyskinesia")
['http://purl.obolibrary.org/obo/HP_0040141']
>>> m.targets([("MEDDRA", "10001541")], "Akathisia")
['http://purl.obolibrary.org/obo/HP_0031943']
>>> m.targets([("MEDDRA", "99999999")], "no such thing")
[]
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from collections.abc import Iterable

from .. import resources
from ..lookup import normalise
from ..namespaces import OBO

MAP_FILE = "hpo-effect-map.tsv.gz"
ROOT = OBO + "HP_0000118"


def _hp(curie: str) -> str:
    return OBO + curie.replace(":", "_")


class EffectMap:
    """HPO terms (label, parents), cross-references and exact names, plus the store's own effect names."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.terms: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.xrefs: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, set[str]] = defaultdict(set)
        self.local: dict[str, set[str]] = defaultdict(set)
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            kind, a, b, *rest = [*line.rstrip("\n").split("\t"), ""]
            if kind == "T":
                self.terms[_hp(a)] = (b, tuple(_hp(p) for p in rest[0].split("|") if p))
            elif kind == "X":
                self.xrefs[a.upper()].add(_hp(b))
            elif kind == "N":
                self.names[a].add(_hp(b))

    @classmethod
    def shipped(cls) -> EffectMap:
        data = (resources.ontology_dir() / MAP_FILE).read_bytes()
        return cls(gzip.decompress(data).decode("utf-8").splitlines())

    def add_local_names(self, rows: Iterable[tuple[str, str]]) -> None:
        """Names of the store's effect classes (``(class IRI, label or synonym)``), matched before HPO's."""
        for node, name in rows:
            self.local[normalise(name)].add(node)

    def targets(self, codes: Iterable[tuple[str, str]], name: str) -> list[str]:
        """Classes a term maps to: cross-references first, then exact names; empty when unmapped."""
        found: set[str] = set()
        for scheme, code in codes:
            if scheme in ("UMLS", "MEDDRA") and code:
                found |= self.xrefs.get(f"{scheme}:{code}".upper(), set())
        if not found and name.strip():
            key = normalise(name)
            found = set(self.local.get(key, ())) or set(self.names.get(key, ()))
        return sorted(found)

    def ancestors_to_add(self, iri: str, present: set[str]) -> list[tuple[str, str, tuple[str, ...]]]:
        """HPO terms to declare so that ``iri`` reaches the store's hierarchy: ``(IRI, label, parents)``.

        Stops at terms already ``present`` (which it updates).
        """
        out = []
        todo = [iri]
        while todo:
            t = todo.pop()
            if t in present or t not in self.terms:
                continue
            present.add(t)
            label, parents = self.terms[t]
            out.append((t, label, parents))
            todo.extend(parents)
        return out
