"""Files shipped with the package: ontology modules, SHACL shapes, named queries.

They are read through :mod:`importlib.resources`, so an installed wheel works from any
directory.

Examples
--------
>>> from drugkg.resources import ontology_files
>>> [p.name for p in ontology_files()][:2]
['drugkg.ttl', 'vocabulary.ttl']
"""

from __future__ import annotations

import hashlib
from importlib import resources
from importlib.resources.abc import Traversable

#: The ontology modules, in load order. The inferred closure is not among them: it is derived.
ONTOLOGY_MODULES = ("drugkg.ttl", "vocabulary.ttl", "hpo-import.ttl", "drugkg-data.ttl")
SHAPES_FILE = "shapes.ttl"
INFERRED_FILE = "inferred.nt"

#: Bump when the way inferences are computed changes, so caches are invalidated.
INFERENCE_VERSION = "2"


def ontology_dir() -> Traversable:
    """The shipped ``ontology/`` folder."""
    return resources.files("drugkg.ontology")


def queries_dir() -> Traversable:
    """The shipped ``queries/`` folder of named SPARQL queries."""
    return resources.files("drugkg.queries")


def ontology_files() -> list[Traversable]:
    """The ontology modules in load order."""
    base = ontology_dir()
    return [base / name for name in ONTOLOGY_MODULES]


def shapes_file() -> Traversable:
    """The SHACL shapes for the curated data."""
    return ontology_dir() / SHAPES_FILE


def shipped_inferences() -> Traversable:
    """The inferred closure computed for the shipped ontology (see ``scripts/build_inferences.py``)."""
    return ontology_dir() / INFERRED_FILE


def content_digest(blobs: list[tuple[str, bytes]]) -> str:
    """SHA-256 over named byte strings and :data:`INFERENCE_VERSION`.

    Examples
    --------
    >>> content_digest([("a.ttl", b"x")]) == content_digest([("a.ttl", b"x")])
    True
    >>> content_digest([("a.ttl", b"x")]) == content_digest([("a.ttl", b"y")])
    False
    """
    h = hashlib.sha256(f"drugkg-inference-{INFERENCE_VERSION}\n".encode())
    for name, data in blobs:
        h.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()
