"""Filling an empty store: the sources, the inferences kept for their content digest, and the
digest itself (:func:`fill`), and reading the digest back (:func:`stored_digest`).

Kept apart from :mod:`drugkg.store.build` (on-disk stores, manifests, locks) so that
:mod:`drugkg.store.preload` can start a load before the command line has imported the rest:
this module needs Oxigraph, the source files and the inferences, nothing more.

Examples
--------
>>> import pyoxigraph as ox
>>> from drugkg.store.sources import shipped_sources, digest_of
>>> sources = shipped_sources()
>>> store = ox.Store()
>>> fill(store, sources, digest_of(sources))
>>> stored_digest(store) == digest_of(sources)
True
"""

from __future__ import annotations

import pyoxigraph as ox

from ..errors import StoreError
from ..namespaces import DKG, GRAPH_INFERRED, GRAPH_META
from .checks import check_contradictions
from .inferences import inferred_ntriples
from .sources import SourceFile, load_into

DIGEST = ox.NamedNode(DKG + "contentDigest")
META_NODE = ox.NamedNode(GRAPH_META)
#: Removes from the inferred graph what another graph asserts (in Rust, after a native load).
_ONLY_ADDED = (f"DELETE {{ GRAPH <{GRAPH_INFERRED}> {{ ?s ?p ?o }} }} "
               f"WHERE {{ GRAPH <{GRAPH_INFERRED}> {{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{GRAPH_INFERRED}>) }}")


def fill(store: ox.Store, sources: list[SourceFile], digest: str, *, check: bool = True) -> None:
    """Load sources, inferences and the digest into an empty store.

    With ``check``, user files that contradict the ontology are refused first
    (:func:`~drugkg.store.checks.check_contradictions`).
    """
    load_into(store, sources)
    if check:
        check_contradictions(store, [s for s in sources if s.user])
    body, only_added = inferred_ntriples(store, digest)
    try:
        store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH_INFERRED))
    except SyntaxError as exc:
        raise StoreError(f"damaged inferences for {digest}: {str(exc).splitlines()[0]}") from None
    if not only_added:  # the inferred graph holds only what the reasoner added, so the union has no duplicates
        store.update(_ONLY_ADDED)
    store.add(ox.Quad(META_NODE, DIGEST, ox.Literal(digest), META_NODE))


def stored_digest(store: ox.Store) -> str | None:
    """The content digest :func:`fill` wrote into ``store`` (None in a store it did not fill)."""
    for q in store.quads_for_pattern(META_NODE, DIGEST, None, META_NODE):
        if not isinstance(q.object, ox.Triple):  # a quoted triple has no value (and is never a digest)
            return q.object.value
    return None
