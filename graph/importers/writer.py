"""The shared streaming writer: importers emit triples, the writer turns them into N-Triples bytes.

Every importer writes into one named graph (its dataset and version). The writer mints the IRIs
of assertions, evidence and sources the same way for every format, writes the dataset's source
and evidence vocabulary once, and hands N-Triples over in chunks of a few megabytes, each given whole to Oxigraph's
bulk loader (into the import's graph): no row is kept once loaded.

Examples
--------
>>> w = QuadWriter("http://g")
>>> w.triple(iri("http://a"), iri("http://p"), lit('say "hi"'))
>>> w.take().decode()
'<http://a> <http://p> "say \\\\"hi\\\\"" .\\n'
"""

from __future__ import annotations

import re

from ..namespaces import DKG, DKGR, OWL, RDF, RDFS, SKOS, XSD

RDF_TYPE = f"<{RDF}type>"
RDFS_LABEL = f"<{RDFS}label>"
RDFS_SUBCLASS = f"<{RDFS}subClassOf>"
SKOS_ALT = f"<{SKOS}altLabel>"
OWL_CLASS = f"<{OWL}Class>"
_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def iri(value: str) -> str:
    """An IRI term in N-Quads syntax."""
    return f"<{value}>"


def dkg(local: str) -> str:
    """A term of the drugkg ontology."""
    return f"<{DKG}{local}>"


def dkgr(local: str) -> str:
    """A drugkg resource."""
    return f"<{DKGR}{local}>"


def lit(value: str) -> str:
    """A plain string literal."""
    return f'"{value.translate(_ESC)}"'


def typed(value: float | int | bool, kind: str) -> str:
    """A typed literal: ``kind`` is an XSD local name (double, integer, boolean)."""
    text = str(value).lower() if isinstance(value, bool) else repr(value) if isinstance(value, float) else str(value)
    return f'"{text}"^^<{XSD}{kind}>'


def slug(text: str) -> str:
    """A safe IRI segment.

    >>> slug("ergoloid mesylates, USP")
    'ergoloid-mesylates-USP'
    """
    return _SLUG.sub("-", text.strip()).strip("-") or "x"


class QuadWriter:
    """Collects N-Triples lines for one named graph; :meth:`take` hands over what was written
    (loaded with ``to_graph`` set to :attr:`graph`)."""

    def __init__(self, graph: str) -> None:
        self.graph = graph
        self._buf: list[str] = []
        self.count = 0

    def triple(self, s: str, p: str, o: str) -> None:
        self._buf.append(f"{s} {p} {o} .\n")
        self.count += 1

    def lines(self, lines: list[str]) -> None:
        """Whole N-Triples lines (each string may hold several, each ending in a newline)."""
        text = "".join(lines)
        self._buf.append(text)
        self.count += text.count("\n")

    def pending(self) -> int:
        return len(self._buf)

    def take(self) -> bytes:
        out = "".join(self._buf).encode()
        self._buf.clear()
        return out
