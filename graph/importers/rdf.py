"""RDF in drugkg's own model (what ``load(data=...)`` takes): Turtle, N-Triples, N-Quads, RDF/XML, JSON-LD.

The file is parsed as a stream and written into the import's named graph (graphs of an N-Quads
file are merged into it). A syntax error stops the import: an RDF file has no rows to skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from .base import BadRow, Format, file_digest
from .session import ImportSession

RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
               ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD}


def run(paths: list[str], s: ImportSession) -> Iterator[None]:
    for path in paths:
        fmt = RDF_FORMATS.get(Path(path).suffix.lower())
        if fmt is None:
            raise BadRow(path, 0, f"unknown RDF file extension {Path(path).suffix!r} (use one of {', '.join(RDF_FORMATS)})")
        try:
            for q in ox.parse(path=path, format=fmt, base_iri="https://w3id.org/drugkg/resource/"):
                s.report.rows += 1
                s.w.triple(str(q.subject), str(q.predicate), str(q.object))
                yield None
        except SyntaxError as exc:
            raise BadRow(path, 0, f"malformed RDF: {str(exc).splitlines()[0]}") from None


def version(paths: list[str]) -> str:
    return file_digest(list(paths))[:12]


FORMATS = [Format("rdf", "RDF", "RDF in drugkg's model", "Turtle / N-Triples / N-Quads / RDF/XML / JSON-LD in drugkg's model",
                  run, version)]
