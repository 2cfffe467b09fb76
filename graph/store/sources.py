"""RDF inputs: the ontology modules shipped in the package and the user's data files.

Every input becomes a :class:`SourceFile` (name, bytes, format, target graph); :func:`parse_all`
turns them into quads, naming the file and position of the first syntax error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .. import resources
from ..errors import DataError
from ..namespaces import GRAPH_DATA, GRAPH_ONTOLOGY

DATA_MODULES = ("drugkg-data.ttl",)


@dataclass(frozen=True)
class SourceFile:
    """One RDF input: its name (for messages), bytes, format and target graph."""

    name: str
    data: bytes
    graph: str
    format: ox.RdfFormat = ox.RdfFormat.TURTLE


FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def shipped_sources() -> list[SourceFile]:
    """The ontology modules shipped in the package."""
    out = []
    for f in resources.ontology_files():
        graph = GRAPH_DATA if f.name in DATA_MODULES else GRAPH_ONTOLOGY
        out.append(SourceFile(f.name, f.read_bytes(), graph))
    return out


def user_sources(paths: list[str | os.PathLike[str]]) -> list[SourceFile]:
    """Read user data files (Turtle, N-Triples, RDF/XML, JSON-LD by extension)."""
    out = []
    for p in paths:
        path = Path(p)
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise DataError(f"{path}: unknown RDF file extension {path.suffix!r} (use one of {', '.join(FORMATS)})")
        try:
            out.append(SourceFile(str(path), path.read_bytes(), GRAPH_DATA, fmt))
        except OSError as exc:
            raise DataError(f"{path}: cannot read: {exc.strerror}") from None
    return out


def digest_of(sources: list[SourceFile]) -> str:
    """Content digest the inferences and on-disk stores are keyed on."""
    return resources.content_digest([(Path(s.name).name, s.data) for s in sources])


def parse_all(sources: list[SourceFile]) -> list[ox.Quad]:
    """Parse every source into quads, failing with the file and position of the first error."""
    quads: list[ox.Quad] = []
    for s in sources:
        graph = ox.NamedNode(s.graph)
        try:
            for q in ox.parse(s.data, format=s.format, base_iri="https://w3id.org/drugkg/resource/", lenient=False):
                quads.append(ox.Quad(q.subject, q.predicate, q.object, graph))
        except SyntaxError as exc:
            raise DataError(f"{s.name}: malformed RDF: {str(exc).splitlines()[0]}") from None
    return quads


