"""RDF inputs: the ontology modules shipped in the package and the user's data files.

Every input becomes a :class:`SourceFile` (name, bytes, format, target graph); :func:`parse_all`
turns them into quads, naming the file and position of the first syntax error.

User files are read with :func:`drugkg.inputs.read_user_file` (regular files only, at most
:data:`~drugkg.inputs.MAX_FILE_BYTES`), must be UTF-8, may not carry a ``DOCTYPE`` (RDF/XML
entity expansion is refused) and may not hold a literal longer than :data:`MAX_LITERAL_CHARS`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .. import resources
from ..defaults import MAX_LITERAL_CHARS
from ..errors import DataError
from ..inputs import MAX_FILE_BYTES, decode_utf8, read_user_file
from ..namespaces import GRAPH_DATA, GRAPH_ONTOLOGY

DATA_MODULES = ("drugkg-data.ttl",)



#: Base IRI of relative IRIs in every source.
BASE_IRI = "https://w3id.org/drugkg/resource/"


@dataclass(frozen=True)
class SourceFile:
    """One RDF input: its name (for messages), bytes, format and target graph."""

    name: str
    data: bytes
    graph: str
    format: ox.RdfFormat = ox.RdfFormat.TURTLE
    max_literal: int | None = None  # None: shipped, trusted

    @property
    def user(self) -> bool:
        """Whether this is a user file (checked for size and contradictions) rather than a shipped module."""
        return self.max_literal is not None


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


def user_sources(paths: list[str | os.PathLike[str]], *, max_file_size: int = MAX_FILE_BYTES,
                 max_literal: int = MAX_LITERAL_CHARS) -> list[SourceFile]:
    """Read user data files (Turtle, N-Triples, N-Quads, RDF/XML, JSON-LD by extension).

    Raises
    ------
    DataError
        If a path is not a regular file, is too large, is not UTF-8, has an unknown extension,
        or is RDF/XML with a ``DOCTYPE``.

    Examples
    --------
    >>> user_sources(["data.csv"])
    Traceback (most recent call last):
    ...
    drugkg.errors.DataError: data.csv: unknown RDF file extension '.csv' (use one of .ttl, .nt, .nq, .rdf, .owl, .jsonld)
    """
    if isinstance(paths, (str, os.PathLike)):
        raise DataError(f"data must be a list of file paths, got the single path {str(paths)!r}; write data=[{str(paths)!r}]")
    out = []
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise DataError(f"data must list file paths, got {p!r}")
        path = Path(p)
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise DataError(f"{path}: unknown RDF file extension {path.suffix!r} (use one of {', '.join(FORMATS)})")
        data = read_user_file(path, what="RDF file", limit=max_file_size)
        text = decode_utf8(data, str(path))
        if fmt == ox.RdfFormat.RDF_XML and ("<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper()):
            raise DataError(f"{path}: RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion); remove it")
        out.append(SourceFile(str(path), data, GRAPH_DATA, fmt, max_literal))
    return out


def digest_of(sources: list[SourceFile]) -> str:
    """Content digest the inferences and on-disk stores are keyed on."""
    return resources.content_digest([(Path(s.name).name, s.data) for s in sources])


def load_into(store: ox.Store, sources: list[SourceFile]) -> None:
    """Add every source to ``store``: shipped modules straight from their bytes (parsed in Rust,
    no Python object per triple), user files through :func:`parse_all` (with its literal limit).

    Raises
    ------
    DataError
        As :func:`parse_all`.
    """
    for s in sources:
        if s.user:
            store.extend(parse_all([s]))
            continue
        try:
            store.load(s.data, format=s.format, base_iri=BASE_IRI, to_graph=ox.NamedNode(s.graph))
        except SyntaxError as exc:
            raise DataError(f"{s.name}: malformed RDF: {str(exc).splitlines()[0]}") from None


def parse_all(sources: list[SourceFile]) -> list[ox.Quad]:
    """Parse every source into quads, failing with the file and position of the first error.

    Raises
    ------
    DataError
        Malformed RDF (with position), or a literal over the source's ``max_literal``.
    """
    quads: list[ox.Quad] = []
    for s in sources:
        graph = ox.NamedNode(s.graph)
        try:
            for q in ox.parse(s.data, format=s.format, base_iri=BASE_IRI, lenient=False):
                o = q.object
                if s.max_literal is not None and isinstance(o, ox.Literal) and len(o.value) > s.max_literal:
                    raise DataError(f"{s.name}: a literal of {len(o.value):,} characters on {q.subject} is longer than the limit "
                                    f"of {s.max_literal:,} (raise it with --max-literal / max_literal=)")
                quads.append(ox.Quad(q.subject, q.predicate, o, graph))
        except SyntaxError as exc:
            raise DataError(f"{s.name}: malformed RDF: {str(exc).splitlines()[0]}") from None
        except MemoryError:
            raise DataError(f"{s.name}: too large to parse in the available memory") from None
        except (OSError, ValueError) as exc:
            if isinstance(exc, DataError):
                raise
            raise DataError(f"{s.name}: cannot parse: {' '.join(str(exc).split())}") from None
    return quads
