"""The store room: RDF sources, their OWL inferences, and the embedded Oxigraph store built from them.

* :mod:`drugkg.store.sources` -- shipped ontology modules and user files as :class:`SourceFile`;
* :mod:`drugkg.store.inferences` -- shipped, cached or HermiT-computed inferences per content digest;
* :mod:`drugkg.store.filling` -- filling an empty store with sources, inferences and their digest;
* :mod:`drugkg.store.build` -- building and reopening in-memory and on-disk stores, checking an
  on-disk store's files against its manifest (:func:`check_store`);
* :mod:`drugkg.store.preload` -- an in-memory store filled on a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import exports

if TYPE_CHECKING:
    from .build import check_store, open_store
    from .filling import DIGEST, META_NODE, fill, stored_digest
    from .inferences import (
        cache_dir,
        compute_inferences,
        inferences_for,
        inferred_ntriples,
        read_inferences_file,
        write_inferences_file,
    )
    from .sources import DATA_MODULES, FORMATS, SourceFile, digest_of, parse_all, shipped_sources, user_sources

#: Public name -> the module of this room that defines it; imported on first use (:pep:`562`), so
#: that the command line can start loading the graph (:mod:`drugkg.store.preload`) before it has
#: imported the on-disk store code and the SPARQL engine.
_HOMES = {
    **dict.fromkeys(("check_store", "open_store"), "build"),
    **dict.fromkeys(("DIGEST", "META_NODE", "fill", "stored_digest"), "filling"),
    **dict.fromkeys(("cache_dir", "compute_inferences", "inferences_for", "inferred_ntriples", "read_inferences_file",
                     "write_inferences_file"), "inferences"),
    **dict.fromkeys(("DATA_MODULES", "FORMATS", "SourceFile", "digest_of", "parse_all", "shipped_sources", "user_sources"),
                    "sources"),
}

__getattr__ = exports(__name__, _HOMES)


__all__ = [
    "DATA_MODULES", "DIGEST", "FORMATS", "META_NODE", "SourceFile", "cache_dir", "check_store", "compute_inferences", "digest_of",
    "fill", "inferences_for", "inferred_ntriples", "open_store", "parse_all", "read_inferences_file", "shipped_sources", "stored_digest",
    "user_sources", "write_inferences_file",
]
