"""The store room: RDF sources, their OWL inferences, and the embedded Oxigraph store built from them.

* :mod:`drugkg.store.sources` -- shipped ontology modules and user files as :class:`SourceFile`;
* :mod:`drugkg.store.inferences` -- shipped, cached or HermiT-computed inferences per content digest;
* :mod:`drugkg.store.build` -- filling, building and reopening in-memory and on-disk stores,
  checking an on-disk store's files against its manifest (:func:`check_store`).
"""

from __future__ import annotations

from .build import DIGEST, META_NODE, check_store, fill, open_store, stored_digest
from .inferences import (
    cache_dir,
    compute_inferences,
    inferences_for,
    inferred_ntriples,
    read_inferences_file,
    write_inferences_file,
)
from .sources import DATA_MODULES, FORMATS, SourceFile, digest_of, parse_all, shipped_sources, user_sources

__all__ = [
    "DATA_MODULES", "DIGEST", "FORMATS", "META_NODE", "SourceFile", "cache_dir", "check_store", "compute_inferences", "digest_of",
    "fill", "inferences_for", "inferred_ntriples", "open_store", "parse_all", "read_inferences_file", "shipped_sources", "stored_digest",
    "user_sources", "write_inferences_file",
]
