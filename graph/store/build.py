"""Building and opening the embedded Oxigraph store that holds the knowledge graph.

Named graphs keep provenance visible: ``<https://w3id.org/drugkg/resource/graph/ontology>``
(terminology and HPO import), ``<https://w3id.org/drugkg/resource/graph/data>`` (curated facts
and any user files), ``<https://w3id.org/drugkg/resource/graph/inferred>`` (the reasoner's
closure) and ``<https://w3id.org/drugkg/resource/graph/meta>`` (the content digest). Queries see
their union.

Inferences come from :mod:`drugkg.store.inferences`. An on-disk store records the digest it was
built from; reopening it with the same content does no work.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..namespaces import DKG, GRAPH_META
from .inferences import inferences_for
from .sources import SourceFile, digest_of, parse_all

log = logging.getLogger(__name__)

DIGEST = ox.NamedNode(DKG + "contentDigest")
META_NODE = ox.NamedNode(GRAPH_META)


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
