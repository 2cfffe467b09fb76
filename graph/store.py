"""Building and opening the embedded Oxigraph store that holds the knowledge graph.

Named graphs keep provenance visible: ``<https://w3id.org/drugkg/resource/graph/ontology>``
(terminology and HPO import), ``<https://w3id.org/drugkg/resource/graph/data>`` (curated facts
and any user files), ``<https://w3id.org/drugkg/resource/graph/inferred>`` (the reasoner's
closure) and ``<https://w3id.org/drugkg/resource/graph/meta>`` (the content digest). Queries see
their union.

Inferences are looked up, in order, in the closure shipped with the package (when its digest
matches the content), in the user cache (``$DRUGKG_CACHE_DIR`` or ``~/.cache/drugkg``), and only
then computed with HermiT and written to the cache. An on-disk store records the digest it was
built from; reopening it with the same content does no work.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import reasoning, resources
from .errors import DataError, StoreError
from .namespaces import DKG, GRAPH_DATA, GRAPH_INFERRED, GRAPH_META, GRAPH_ONTOLOGY

log = logging.getLogger(__name__)

DIGEST = ox.NamedNode(DKG + "contentDigest")
META_NODE = ox.NamedNode(GRAPH_META)
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


def cache_dir() -> Path:
    """Where computed inferences are cached."""
    env = os.environ.get("DRUGKG_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "drugkg"


def read_inferences_file(data: bytes, digest: str) -> list[ox.Quad] | None:
    """Parse an inferences N-Triples file if its ``# digest:`` header matches."""
    first, _, rest = data.partition(b"\n")
    if first.strip() != f"# digest: {digest}".encode():
        return None
    graph = ox.NamedNode(GRAPH_INFERRED)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(rest, format=ox.RdfFormat.N_TRIPLES)]


def write_inferences_file(path: Path, digest: str, triples: list[tuple[str, str, str]]) -> None:
    """Write inferences atomically as N-Triples with a digest header."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ox.serialize(
        (ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in sorted(set(triples))),
        format=ox.RdfFormat.N_TRIPLES,
    )
    assert body is not None  # serialize() returns the bytes when given no output
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".inferred-", suffix=".nt")
    with os.fdopen(fd, "wb") as fh:
        fh.write(f"# digest: {digest}\n".encode() + body)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def compute_inferences(store: ox.Store) -> list[tuple[str, str, str]]:
    """Run HermiT over the terminology and curated core of ``store`` and close all types."""
    tbox = [ox.NamedNode(GRAPH_ONTOLOGY)]
    data = [ox.NamedNode(GRAPH_DATA)]
    inf = reasoning.run_hermit(reasoning.core_quads(store, tbox, data))
    if inf.unsatisfiable:
        from .errors import ReasonerError

        raise ReasonerError(f"unsatisfiable classes: {', '.join(inf.unsatisfiable)}")
    return inf.triples + reasoning.close_types(store, inf, data)


def inferences_for(store: ox.Store, digest: str, *, use_shipped: bool = True) -> list[ox.Quad]:
    """Find or compute the inferred quads for content ``digest``."""
    if use_shipped:
        shipped = resources.shipped_inferences()
        if shipped.is_file():
            quads = read_inferences_file(shipped.read_bytes(), digest)
            if quads is not None:
                log.debug("using shipped inferences")
                return quads
    cached = cache_dir() / f"inferred-{digest}.nt"
    if cached.is_file():
        quads = read_inferences_file(cached.read_bytes(), digest)
        if quads is not None:
            log.debug("using cached inferences %s", cached)
            return quads
    log.info("computing inferences with HermiT (cached afterwards in %s)", cached.parent)
    triples = compute_inferences(store)
    try:
        write_inferences_file(cached, digest, triples)
    except OSError as exc:  # a read-only home must not stop the load
        log.warning("could not cache inferences in %s: %s", cached.parent, exc)
    graph = ox.NamedNode(GRAPH_INFERRED)
    return [ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), graph) for s, p, o in triples]


def fill(store: ox.Store, sources: list[SourceFile], digest: str) -> None:
    """Load sources, inferences and the digest into an empty store."""
    stated = parse_all(sources)
    store.extend(stated)
    known = {(q.subject, q.predicate, q.object) for q in stated}
    # the inferred graph holds only what the reasoner added, so the union has no duplicates
    store.extend(q for q in inferences_for(store, digest) if (q.subject, q.predicate, q.object) not in known)
    store.add(ox.Quad(META_NODE, DIGEST, ox.Literal(digest), META_NODE))


def stored_digest(store: ox.Store) -> str | None:
    for q in store.quads_for_pattern(META_NODE, DIGEST, None, META_NODE):
        if not isinstance(q.object, ox.Triple):  # a quoted triple has no value (and is never a digest)
            return q.object.value
    return None


def open_store(path: str | os.PathLike[str] | None, sources: list[SourceFile]) -> ox.Store:
    """Return a store holding ``sources`` and their inferences.

    In memory when ``path`` is None. On disk otherwise: an existing store built from the same
    content is reopened as is; a missing or stale one is built in a temporary sibling directory
    and moved into place, so a failure never leaves a half-built store behind.
    """
    digest = digest_of(sources)
    if path is None:
        store = ox.Store()
        fill(store, sources, digest)
        return store
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target}: exists and is not a directory")
    if target.is_dir() and any(target.iterdir()):
        try:
            store = ox.Store(str(target))
        except OSError as exc:
            raise StoreError(f"{target}: cannot open store: {str(exc).splitlines()[0]}") from None
        found = stored_digest(store)
        if found == digest:
            return store
        if found is None:
            raise StoreError(f"{target}: not a drugkg store (no content digest); choose an empty directory")
        log.info("store %s was built from other content; rebuilding", target)
        del store
        gc.collect()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.building-"))
    try:
        store = ox.Store(str(tmp))
        fill(store, sources, digest)
        store.optimize()
        store.flush()
        del store
        gc.collect()
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    try:
        return ox.Store(str(target))
    except OSError as exc:
        raise StoreError(f"{target}: cannot open store: {str(exc).splitlines()[0]}") from None
