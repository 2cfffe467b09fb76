"""Read every ``curation/**/*.yaml`` file and merge their sections by key.

Mapping sections (``sources``, ``targets``, ``drugs``, ``management``, ``mechanisms``) merge by
key: the same key in two files is allowed only when both definitions are identical. List
sections (``assertions``, ``interactions``, ``withdrawal``, ``terminology``) are concatenated;
two records with the same ``id`` must be identical. ``drug_additions`` add fields to a drug
defined elsewhere: lists are extended, ``brands`` merged by region, a scalar may be given only
when the drug has none or the same value. Any conflict stops the build naming both files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAPPING_SECTIONS = ("sources", "targets", "drugs", "management", "mechanisms", "action_mechanisms")
LIST_SECTIONS = ("assertions", "interactions", "withdrawal", "terminology")
ADDITION_SECTIONS = ("drug_additions",)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that refuses a key written twice in one mapping (YAML keeps the last
    silently); libyaml's parser when PyYAML has it (the curation loads several times faster)."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *anchor` merges another mapping
            continue
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice (first on line {seen[key] + 1})", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


class CurationError(Exception):
    """A curated record is malformed, conflicts with another, or refers to nothing."""


class Docs(dict[str, Any]):
    """The merged sections, with the file each record came from (``origin``)."""

    def __init__(self) -> None:
        super().__init__()
        self.origin: dict[tuple[str, str], str] = {}

    def where(self, section: str, key: str) -> str:
        """``file: `` prefix for messages about a record, empty when unknown."""
        name = self.origin.get((section, key))
        return f"{name}: " if name else ""


def _merge_mapping(docs: Docs, section: str, data: dict[str, Any], name: str) -> None:
    target = docs.setdefault(section, {})
    for key, value in data.items():
        if key in target and target[key] != value:
            raise CurationError(
                f"{section} {key!r} is defined differently in {docs.origin[(section, str(key))]} and {name}")
        if key not in target:
            target[key] = value
            docs.origin[(section, str(key))] = name


def _merge_list(docs: Docs, section: str, data: list[Any], name: str) -> None:
    target = docs.setdefault(section, [])
    seen = {rec.get("id"): rec for rec in target if isinstance(rec, dict)}
    for rec in data:
        if not isinstance(rec, dict) or "id" not in rec:
            raise CurationError(f"{name}: every record of {section!r} needs an id")
        rid = str(rec["id"])
        if rid in seen:
            if seen[rid] != rec:
                raise CurationError(
                    f"{section[:-1] if section.endswith('s') else section} id {rid!r} is defined differently in "
                    f"{docs.origin[(section, rid)]} and {name}")
            continue
        seen[rid] = rec
        target.append(rec)
        docs.origin[(section, rid)] = name


def _apply_additions(docs: Docs, additions: list[tuple[str, dict[str, Any]]]) -> None:
    drugs = docs.setdefault("drugs", {})
    for name, section in additions:
        for drug, extra in section.items():
            if drug not in drugs:
                raise CurationError(f"{name}: drug_additions: unknown drug {drug!r}")
            base = dict(drugs[drug])
            base_file = docs.origin.get(("drugs", drug), "?")
            for field, value in (extra or {}).items():
                if field not in base:
                    base[field] = value
                elif isinstance(value, list) and isinstance(base[field], list):
                    base[field] = base[field] + [v for v in value if v not in base[field]]
                elif isinstance(value, dict) and isinstance(base[field], dict):
                    merged = dict(base[field])
                    for k, v in value.items():
                        if k in merged and isinstance(v, list) and isinstance(merged[k], list):
                            merged[k] = merged[k] + [x for x in v if x not in merged[k]]
                        elif k in merged and merged[k] != v:
                            raise CurationError(f"drug {drug!r} {field}.{k} differs in {base_file} and {name}")
                        else:
                            merged[k] = v
                    base[field] = merged
                elif base[field] != value:
                    raise CurationError(f"drug {drug!r} field {field!r} differs in {base_file} and {name}")
            drugs[drug] = base


def load_docs(curation_dir: Path) -> Docs:
    """Merge every YAML file under ``curation_dir`` (recursively, in path order)."""
    docs = Docs()
    additions: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(curation_dir.rglob("*.yaml")):
        name = path.relative_to(curation_dir).as_posix()
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader) or {}
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" line {where.line + 1}:" if where is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise CurationError(f"{name}:{line} invalid YAML: {problem}") from None
        if not isinstance(data, dict):
            raise CurationError(f"{name}: expected sections at the top level")
        for section, value in data.items():
            if section in MAPPING_SECTIONS:
                _merge_mapping(docs, section, value or {}, name)
            elif section in LIST_SECTIONS:
                _merge_list(docs, section, value or [], name)
            elif section in ADDITION_SECTIONS:
                additions.append((name, value or {}))
            else:
                raise CurationError(f"{name}: unknown section {section!r}")
    _apply_additions(docs, additions)
    return docs
