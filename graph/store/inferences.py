"""OWL inferences of the curated core: shipped, cached per content digest, or computed with HermiT.

Inferences are looked up, in order, in the closure shipped with the package (when its digest
matches the content), in the user cache (``$DRUGKG_CACHE_DIR`` or ``~/.cache/drugkg``), and only
then computed with HermiT and written to the cache. A cache file carries the SHA-256 of its body:
a damaged one (truncated, or with a triple appended) is reported in the log and recomputed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .. import resources
from ..errors import ReasonerError, StoreError
from ..namespaces import GRAPH_DATA, GRAPH_INFERRED, GRAPH_ONTOLOGY
from ..reasoning import hermit as reasoning

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where computed inferences are cached."""
    env = os.environ.get("DRUGKG_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "drugkg"


#: Header lines an inferences file may start with (``# name: value``).
_HEADERS = ("digest", "only-added", "sha256")


def _headers(data: bytes) -> tuple[dict[str, str], bytes]:
    """The ``# name: value`` header lines at the start of an inferences file, and the rest."""
    headers: dict[str, str] = {}
    rest = data
    while rest.startswith(b"# "):
        line, _, after = rest.partition(b"\n")
        name, sep, value = line[2:].decode("ascii", "replace").partition(":")
        if not sep or name.strip() not in _HEADERS or name.strip() in headers:
            break
        headers[name.strip()] = value.strip()
        rest = after
    return headers, rest


def read_inferences_body(data: bytes, digest: str, *, checked: bool = True) -> tuple[bytes, bool] | None:
    """The N-Triples body of an inferences file if its ``# digest:`` header matches the content
    digest, and whether it holds only what the reasoner added (``# only-added: true``: no triple
    that the content asserts; files written before that header may repeat some).

    A cache file also carries ``# sha256:`` of its body; with ``checked`` a missing or wrong body
    digest (a truncated file, an appended triple) makes it invalid.

    Raises
    ------
    StoreError
        If the file was written for ``digest`` but its body is damaged.

    Examples
    --------
    >>> read_inferences_body(b"# digest: d\\n# only-added: true\\n<a:x> <a:p> <a:y> .\\n", "d", checked=False)
    (b'<a:x> <a:p> <a:y> .\\n', True)
    >>> read_inferences_body(b"# digest: other\\n", "d") is None
    True
    """
    headers, body = _headers(data)
    if headers.get("digest") != digest:
        return None
    if "sha256" in headers:
        if headers["sha256"] != hashlib.sha256(body).hexdigest():
            raise StoreError("damaged inference cache: its content does not match its sha256")
    elif checked:
        raise StoreError("damaged inference cache: no sha256 line")
    return body, headers.get("only-added") == "true"


def read_inferences_file(data: bytes, digest: str, *, checked: bool = True) -> list[ox.Quad] | None:
    """Parse an inferences N-Triples file (:func:`read_inferences_body`) into quads of the inferred graph.

    Raises
    ------
    StoreError
        If the file was written for ``digest`` but its body is damaged or malformed.
    """
    found = read_inferences_body(data, digest, checked=checked)
    if found is None:
        return None
    graph = ox.NamedNode(GRAPH_INFERRED)
    try:
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(found[0], format=ox.RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"damaged inference cache: {str(exc).splitlines()[0]}") from None


def ntriples(triples: list[tuple[str, str, str]]) -> bytes:
    """IRI triples as sorted N-Triples, without repeats.

    >>> ntriples([("http://x/a", "http://x/p", "http://x/b")] * 2)
    b'<http://x/a> <http://x/p> <http://x/b> .\\n'
    """
    body = ox.serialize(
        (ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in sorted(set(triples))),
        format=ox.RdfFormat.N_TRIPLES,
    )
    assert body is not None  # serialize() returns the bytes when given no output
    return body


def write_inferences_file(path: Path, digest: str, triples: list[tuple[str, str, str]]) -> None:
    """Write inferences (what :func:`compute_inferences` returns) atomically as N-Triples with
    digest, only-added and body sha256 headers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ntriples(triples)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".inferred-", suffix=".nt")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(f"# digest: {digest}\n# only-added: true\n# sha256: {hashlib.sha256(body).hexdigest()}\n".encode() + body)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def compute_inferences(store: ox.Store) -> list[tuple[str, str, str]]:
    """Run HermiT over the terminology and curated core of ``store`` and close all types.

    Only what the reasoner added: a triple that a graph of ``store`` already holds is left out,
    so the inferred graph repeats nothing of the union and loads as it is.
    """
    tbox = [ox.NamedNode(GRAPH_ONTOLOGY)]
    data = [ox.NamedNode(GRAPH_DATA)]
    inf = reasoning.run_hermit(reasoning.core_quads(store, tbox, data))
    if inf.unsatisfiable:
        raise ReasonerError(f"unsatisfiable classes: {', '.join(inf.unsatisfiable)}")
    found = dict.fromkeys(inf.triples + reasoning.close_types(store, inf, data))
    return [t for t in found
            if next(store.quads_for_pattern(ox.NamedNode(t[0]), ox.NamedNode(t[1]), ox.NamedNode(t[2])), None) is None]


def inferred_ntriples(store: ox.Store, digest: str, *, use_shipped: bool = True) -> tuple[bytes, bool]:
    """Find or compute the inferences for content ``digest``: an N-Triples body, and whether it
    holds only what the reasoner added (see :func:`read_inferences_body`).

    In order: the closure shipped with the package (when its digest matches), the user cache, and
    HermiT (its result written to the cache).
    """
    if use_shipped:
        shipped = resources.shipped_inferences()
        if shipped.is_file():
            found = read_inferences_body(shipped.read_bytes(), digest, checked=False)
            if found is not None:
                log.debug("using shipped inferences")
                return found
    cached = cache_dir() / f"inferred-{digest}.nt"
    if cached.is_file():
        try:
            found = read_inferences_body(cached.read_bytes(), digest)
        except (StoreError, OSError) as exc:  # a cache is only a cache: recompute and replace it
            log.warning("%s: %s; recomputing", cached, exc)
            found = None
        if found is not None:
            log.debug("using cached inferences %s", cached)
            return found
    log.info("computing inferences with HermiT (cached afterwards in %s)", cached.parent)
    triples = compute_inferences(store)
    try:
        write_inferences_file(cached, digest, triples)
    except OSError as exc:  # a read-only home must not stop the load
        log.warning("could not cache inferences in %s: %s", cached.parent, exc)
    return ntriples(triples), True


def inferences_for(store: ox.Store, digest: str, *, use_shipped: bool = True) -> list[ox.Quad]:
    """Find or compute the inferred quads for content ``digest`` (:func:`inferred_ntriples`, parsed).

    Raises
    ------
    StoreError
        If the inferences found are malformed.
    """
    graph = ox.NamedNode(GRAPH_INFERRED)
    body, _ = inferred_ntriples(store, digest, use_shipped=use_shipped)
    try:
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"damaged inferences for {digest}: {str(exc).splitlines()[0]}") from None
