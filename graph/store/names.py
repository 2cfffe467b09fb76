"""The name index's rows kept with an on-disk store (``drugkg-names.json``).

Every question first builds the name index (:class:`~drugkg.lookup.NameIndex`) from the
``lookup-names`` query: every label, synonym and identifier of every drug, class, effect and
vocabulary term. On an on-disk store that query reads RocksDB at random (at 5 million imported
rows, 12,276 names in 0.15-0.2 s, once per process); the store changes only when it is built or
an import or removal ends, so :func:`keep` stores the query's rows then and keeps its rows in the store
directory, where the manifest records the file like every other (a changed file makes the store
damaged). :func:`read` gives the rows back (in 10 ms at that size), or None for a store built
before the file existed, whose names are then queried as before.

Examples
--------
>>> import tempfile
>>> import pyoxigraph as ox
>>> from pathlib import Path
>>> d = Path(tempfile.mkdtemp())
>>> s = ox.Store()
>>> s.add(ox.Quad(ox.NamedNode("http://x/b"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
...               ox.NamedNode("https://w3id.org/drugkg/ontology/Drug"), ox.NamedNode("http://x/g")))
>>> s.add(ox.Quad(ox.NamedNode("http://x/b"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
...               ox.Literal("baclofen"), ox.NamedNode("http://x/g")))
>>> keep(d, query_rows(s))
>>> read(d)
[('http://x/b', 'drug', 'baclofen', 'label')]
>>> read(Path(tempfile.mkdtemp())) is None
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..sparql import load_query, run
from ..sparql.backend import Backend

#: The file in a store directory.
NAMES = "drugkg-names.json"
_FORMAT = 1

Row = tuple[str, str, str, str]


def query_rows(store: Backend) -> list[Row]:
    """``(node IRI, kind, name, field)`` for every name the ``lookup-names`` query gives."""
    return rows_of(run(store, load_query("lookup-names").text))


def rows_of(result: Iterable[Sequence[Any]]) -> list[Row]:
    """The rows of a ``lookup-names`` result, as plain strings."""
    return [(node.value, kind.value, name.value, field.value) for node, kind, name, field in result]


def keep(directory: Path, rows: list[Row] | None) -> None:
    """Keep these names in ``directory`` (written under a temporary name, then moved); None
    removes the file (names not known: they are queried)."""
    if rows is None:
        (directory / NAMES).unlink(missing_ok=True)
        return
    tmp = directory / f".{NAMES}.tmp"
    tmp.write_text(json.dumps({"format": _FORMAT, "rows": rows}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, directory / NAMES)


def read(directory: Path) -> list[Row] | None:
    """The names kept in ``directory``, or None when it keeps none (or none this version reads)."""
    try:
        data = json.loads((directory / NAMES).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return None
    return [(str(a), str(b), str(c), str(d)) for a, b, c, d in data["rows"]]
