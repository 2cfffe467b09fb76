"""Compute the OWL inferences of the shipped ontology with HermiT and write ``ontology/inferred.nt``.

The file starts with ``# digest: <sha256>`` of the ontology modules it was computed from;
``drugkg.load()`` uses it only while that digest matches, so a stale file is never used (the
loader then computes and caches the inferences itself). Run after any change to ``ontology/``
or ``curation/``::

    python scripts/build_inferences.py          # writes ontology/inferred.nt
    python scripts/build_inferences.py --check  # exit 1 if the file is missing or stale
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from drugkg import store as st

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "ontology" / "inferred.nt"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="where to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="only check that the file is present and current")
    args = parser.parse_args(argv)
    sources = st.shipped_sources()
    digest = st.digest_of(sources)
    if args.check:
        current = args.output.is_file() and args.output.read_bytes().partition(b"\n")[0] == f"# digest: {digest}".encode()
        print(f"{args.output}: {'current' if current else 'missing or stale'}")
        return 0 if current else 1
    store = ox.Store()
    store.extend(st.parse_all(sources))
    triples = st.compute_inferences(store)
    st.write_inferences_file(args.output, digest, triples)
    print(f"wrote {len(set(triples))} inferred triples to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
