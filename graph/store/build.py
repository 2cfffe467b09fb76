"""Building and opening the embedded Oxigraph store that holds the knowledge graph.

Named graphs keep provenance visible: ``<https://w3id.org/drugkg/resource/graph/ontology>``
(terminology and HPO import), ``<https://w3id.org/drugkg/resource/graph/data>`` (curated facts
and any user files), ``<https://w3id.org/drugkg/resource/graph/inferred>`` (the reasoner's
closure) and ``<https://w3id.org/drugkg/resource/graph/meta>`` (the content digest). Queries see
their union.

An on-disk store cannot be corrupted by drugkg:

* one builder at a time: builders hold an exclusive ``fcntl`` lock on ``.NAME.lock`` beside the
  store; a second builder waits, then finds the store built;
* a store is built in a temporary sibling and moved into place complete; leftovers of an
  interrupted build (``.NAME.building-*``, ``.NAME.old-*``) are removed by the next builder;
* the store directory holds a manifest (``drugkg-store.json``) with the content digest and the
  size, modification time and SHA-256 of every database file. Opening compares every file's name
  and size, and the SHA-256 of RocksDB's small metadata files (``CURRENT``, ``IDENTITY``,
  ``MANIFEST-*``, ``OPTIONS-*``) and of any file whose modification time changed; data files
  (``*.sst``, ``*.blob``) are written once and never changed in place, and RocksDB checksums their
  blocks itself as it reads them, as it does the records of its write-ahead log (``*.log``), so
  reopening costs milliseconds at any size. :func:`check_store` with ``full=True`` (``drugkg
  validate --store DIR --full``) compares every file's SHA-256, which also finds damage that
  changed neither size nor time (a disk error). A store whose files do not match is reported as
  damaged (:class:`~drugkg.errors.StoreError`), or rebuilt when asked (``rebuild=True``,
  ``--rebuild``);
* a non-empty directory without a manifest is someone else's: it is refused before anything is
  written in it;
* a built store is opened read-only, so any number of processes (and the same process twice)
  can read it at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import DrugKGError, StoreError
from . import names
from .filling import fill
from .sources import SourceFile, digest_of

log = logging.getLogger(__name__)

#: The manifest file of an on-disk store.
MANIFEST = "drugkg-store.json"
_VOLATILE = ("LOCK", "LOG")  # RocksDB's lock and info log change without changing the data
#: Manifest format: 2 records ``{"size", "mtime_ns", "sha256"}`` per file; 1 recorded the SHA-256 alone (still read).
_FORMAT = 2
#: Files RocksDB writes once and checksums block by block (or record by record) itself, and drugkg's
#: signal files (:mod:`drugkg.signals`: written whole, moved into place, never changed): opening
#: compares their sizes and times; ``--full`` their SHA-256.
_SELF_CHECKED = (".sst", ".blob", ".log", ".duckdb", ".parquet")
def _store_files(directory: Path) -> list[Path]:
    return [f for f in sorted(directory.iterdir())
            if not (f.name == MANIFEST or f.name in _VOLATILE or f.name.startswith("LOG.old"))]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _file_records(directory: Path) -> dict[str, dict[str, object]]:
    """Every database file's size, modification time and SHA-256, as the manifest records them (read once, when written)."""
    out: dict[str, dict[str, object]] = {}
    for f in _store_files(directory):
        st = f.stat()
        out[f.name] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": _sha256(f)}
    return out


def hashed_on_open(name: str) -> bool:
    """Whether opening a store compares this file's SHA-256 (RocksDB's small metadata files), not only its size.

    Examples
    --------
    >>> [hashed_on_open(n) for n in ("CURRENT", "MANIFEST-000005", "OPTIONS-000007", "000012.sst", "000008.log")]
    [True, True, True, False, False]
    """
    return not name.endswith(_SELF_CHECKED)


def read_manifest(directory: Path) -> dict[str, object] | None:
    """The manifest of a drugkg store directory, or None when there is none."""
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{directory}: damaged store: unreadable {MANIFEST} ({exc}); rebuild it with --rebuild") from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise StoreError(f"{directory}: damaged store: {MANIFEST} is not a drugkg manifest; rebuild it with --rebuild")
    return data


def verify(directory: Path, manifest: dict[str, object], *, full: bool = False) -> str | None:
    """Why the store files do not match the manifest, or None when they do.

    Compares every file's name and size, and the SHA-256 of the metadata files
    (:func:`hashed_on_open`) and of files whose modification time is not the recorded one (a
    store copied without its times is still accepted, at the cost of reading those files); with
    ``full``, the SHA-256 of every file (reads the whole store). A format-1 manifest, which
    recorded digests only, is checked by digest.
    """
    expected = manifest["files"]
    assert isinstance(expected, dict)
    found = {f.name: f for f in _store_files(directory)}
    for name in sorted(set(expected) | set(found)):
        if name not in found:
            return f"file {name} is missing"
        if name not in expected:
            return f"unexpected file {name}"
        entry = expected[name]
        record = entry if isinstance(entry, dict) else {"sha256": entry}
        st = found[name].stat()
        if "size" in record and record["size"] != st.st_size:
            return f"file {name} was modified: {st.st_size:,} bytes, recorded {record['size']:,}"
        hash_it = full or hashed_on_open(name) or record.get("mtime_ns") != st.st_mtime_ns
        if hash_it and record.get("sha256") != _sha256(found[name]):
            return f"file {name} was modified: its SHA-256 is not the recorded one"
    return None


def check_store(path: str | os.PathLike[str], *, full: bool = True) -> str | None:
    """Why an on-disk store's files do not match its manifest, or None when they do.

    ``full`` (the default here) compares the SHA-256 of every file, the check opening a store
    leaves to RocksDB's own block checksums for data files; ``full=False`` is the open-time check.
    Taken under the store's shared lock, so no builder or import changes it meanwhile.

    Raises
    ------
    StoreError
        If ``path`` is not a drugkg store, its manifest is unreadable, or an import is under way.

    Examples
    --------
    >>> import tempfile, drugkg
    >>> path = tempfile.mkdtemp() + "/kg"
    >>> drugkg.load(path).close()
    >>> check_store(path) is None
    True
    """
    target = Path(path)
    with builder_lock(target, exclusive=False):
        manifest = read_manifest(target) if target.is_dir() else None
        if manifest is None:
            raise StoreError(f"{target}: not a drugkg store (no {MANIFEST})")
        if manifest.get("import") == "pending":
            raise StoreError(f"{target}: an import was interrupted or is under way; 'drugkg sources --store {target}' "
                             "removes an interrupted one")
        return verify(target, manifest, full=full)


@contextlib.contextmanager
def builder_lock(target: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the store's ``fcntl`` lock (shared for readers, exclusive for builders); no-op when it cannot be created."""
    lock = target.parent / f".{target.name}.lock"
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError:  # a read-only parent: nobody can build there either
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def reseal(target: Path, *, pending: bool, imports: list[str] | None = None) -> None:
    """Rewrite the manifest of a store changed in place (an import: :mod:`drugkg.store.datasets`).

    ``pending=True`` before the change: the manifest says an import is under way, so a store left
    by an interrupted import is recovered by the next import or listing rather than reported as
    damaged. ``pending=False`` after it: the manifest records the new files' digests and the
    ``imports`` the store holds (a stale store with imports is not rebuilt silently: see
    :func:`open_store`).
    Call under the exclusive :func:`builder_lock`.
    """
    manifest = read_manifest(target) or {"format": _FORMAT, "digest": ""}
    if pending:
        manifest["import"] = "pending"
    else:
        manifest.pop("import", None)
        manifest["files"] = _file_records(target)
        manifest["format"] = _FORMAT
        if imports is not None:
            manifest["imports"] = imports
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _clean_leftovers(target: Path) -> None:
    for prefix in (f".{target.name}.building-", f".{target.name}.old-"):
        for old in target.parent.glob(prefix + "*"):
            log.info("removing %s, left by an interrupted build", old)
            shutil.rmtree(old, ignore_errors=True)


def _open_read_only(target: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(target))
    except (OSError, RuntimeError, ValueError) as exc:
        raise StoreError(f"{target}: cannot open store: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None


def _state(target: Path, digest: str) -> str:
    """``missing``, ``empty``, ``current``, ``stale`` or ``damaged: REASON`` (raises on a foreign directory)."""
    if not target.exists():
        return "missing"
    if not target.is_dir():
        raise StoreError(f"{target}: exists and is not a directory")
    if not any(target.iterdir()):
        return "empty"
    try:
        manifest = read_manifest(target)
    except StoreError as exc:
        return f"damaged: {str(exc).split('damaged store: ')[-1]}"
    if manifest is None:
        raise StoreError(f"{target}: not a drugkg store (a non-empty directory with no {MANIFEST}); choose an empty or new directory")
    if manifest.get("import") == "pending":
        return f"damaged: an import was interrupted or is under way; 'drugkg sources --store {target}' removes an interrupted one"
    problem = verify(target, manifest)
    if problem:
        return f"damaged: {problem}"
    return "current" if manifest.get("digest") == digest else "stale"


def _build(target: Path, sources: list[SourceFile], digest: str, check: bool) -> None:
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.building-"))
    old: Path | None = None
    try:
        store = ox.Store(str(tmp))
        fill(store, sources, digest, check=check)
        store.optimize()
        store.flush()
        names.keep(tmp, names.query_rows(store))
        del store
        gc.collect()
        manifest = {"format": _FORMAT, "digest": digest, "files": _file_records(tmp)}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        if target.exists():
            if any(target.iterdir()):
                old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
                os.replace(target, old / "store")
            else:
                target.rmdir()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def open_store(path: str | os.PathLike[str] | None, sources: list[SourceFile], *, rebuild: bool = False,
               check: bool = True) -> ox.Store:
    """Return a store holding ``sources`` and their inferences.

    In memory when ``path`` is None. On disk otherwise: an existing store built from the same
    content and intact is opened read-only with no work; a missing or stale one is built under
    the builder lock in a temporary sibling and moved into place complete. A damaged store is
    reported, or rebuilt when ``rebuild`` is true.

    Raises
    ------
    StoreError
        If ``path`` is a file, a foreign non-empty directory, a damaged store (without
        ``rebuild``), or cannot be written.
    """
    digest = digest_of(sources)
    if path is None:
        store = ox.Store()
        fill(store, sources, digest, check=check)
        return store
    target = Path(path)
    if target.is_dir() and not (target / MANIFEST).exists() and any(target.iterdir()):
        _state(target, digest)  # a foreign directory: refused before anything is written, even a lock beside it
    with builder_lock(target, exclusive=False):  # fast path: readers share the lock
        state = _state(target, digest)
        if state == "current" and not rebuild:
            return _open_read_only(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with builder_lock(target, exclusive=True):
            _clean_leftovers(target)
            state = _state(target, digest)  # another builder may have finished meanwhile
            if state.startswith("damaged") and not rebuild:
                raise StoreError(f"{target}: damaged store ({state[9:]}); rebuild it from its sources with --rebuild (rebuild=True)")
            held = (read_manifest(target) or {}).get("imports") if state == "stale" else None
            imports = [str(x) for x in held] if isinstance(held, list) else []
            if imports and not rebuild:  # a rebuild would start from the curated sources alone
                raise StoreError(f"{target}: the curated graph changed since this store was built, and the store holds "
                                 f"imported datasets ({', '.join(imports)}) that a rebuild would drop; import them "
                                 "into a new store, or rebuild this one without them (--rebuild, rebuild=True)")
            if state != "current" or rebuild:
                log.info("building store %s (%s)", target, state)
                _build(target, sources, digest, check)
    except OSError as exc:
        if isinstance(exc, DrugKGError):
            raise
        raise StoreError(f"{target}: cannot build store: {exc.strerror or exc}") from None
    return _open_read_only(target)
