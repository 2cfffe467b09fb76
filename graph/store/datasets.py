"""Imported datasets in an on-disk store: one named graph per dataset and version.

:func:`import_files` streams a format's rows (see :mod:`drugkg.importers`) as N-Triples into
Oxigraph's bulk loader, a chunk at a time in bounded memory, then classifies the drugs that gained target actions
(:mod:`drugkg.reasoning.rules`) and runs ``optimize()``.

* **Atomic.** Before loading, the meta graph records the import as *pending*; only when every row
  is in does it record it *complete* (one transaction). A failed import removes its graph at once;
  an interrupted one (power cut, kill) is removed by :func:`recover`, which every open of the
  store for an import, a listing or a query runs first. Either way the store is as it was.
* **Idempotent.** The graph records the SHA-256 of its files; importing the same files again adds
  nothing. Other files for the same dataset and version are refused until the old ones are
  removed (:func:`remove_source`).
* **Bad rows** are reported with file and line, skipped and counted; with ``strict`` the first
  one fails the import, which then adds nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import queue
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .. import importers
from ..errors import DataError, StoreError
from ..importers.base import BadRow, Report, file_digest
from ..importers.effects import EffectMap
from ..importers.identity import DrugIndex
from ..importers.session import Dataset, ImportSession
from ..importers.writer import slug
from ..namespaces import DKG, DKGR, GRAPH_META, OBO, RDFS, SKOS
from ..reasoning.rules import classify
from ..signals import SignalSink
from ..signals import clean as clean_signals
from . import names
from .build import MANIFEST, builder_lock, open_store, read_manifest, reseal
from .sources import shipped_sources

META = ox.NamedNode(GRAPH_META)
_P = {k: ox.NamedNode(DKG + k) for k in ("importState", "datasetKey", "datasetVersion", "fileDigest", "importedAt",
                                         "rowsRead", "assertionsAdded", "triplesAdded", "rowsRejected", "importFormat")}
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
#: Triples per bulk-loaded chunk (a few tens of megabytes of N-Triples).
CHUNK_TRIPLES = 200_000
#: Threads that bulk-load chunks at the same time (Oxigraph loads one chunk on about one core).
LOADERS = 2


@dataclass(frozen=True)
class ImportedSource:
    """One imported dataset as ``drugkg sources`` lists it."""

    name: str
    dataset: str
    version: str
    format: str
    graph: str
    digest: str
    imported: str
    rows: int
    assertions: int
    triples: int
    rejected: int


def graph_iri(key: str, version: str) -> str:
    """The named graph of a dataset version.

    >>> graph_iri("TWOSIDES", "0.1")
    'https://w3id.org/drugkg/resource/graph/import/twosides/0.1'
    """
    return f"{DKGR}graph/import/{slug(key.lower())}/{slug(version)}"


def recover(store: ox.Store) -> list[str]:
    """Remove the graphs of imports that never completed; returns their IRIs."""
    gone = []
    for q in list(store.quads_for_pattern(None, _P["importState"], ox.Literal("pending"), META)):
        g = q.subject
        assert isinstance(g, ox.NamedNode)
        _drop(store, g)
        gone.append(g.value)
    return gone


def _drop(store: ox.Store, graph: ox.NamedNode) -> None:
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    for q in list(store.quads_for_pattern(graph, None, None, META)):
        store.remove(q)


def list_sources(store: ox.Store) -> list[ImportedSource]:
    """The complete imports the store holds, by name."""
    out = []
    for q in store.quads_for_pattern(None, _P["importState"], ox.Literal("complete"), META):
        g = q.subject
        assert isinstance(g, ox.NamedNode)
        v = {p: next((str(getattr(x.object, "value", "")) for x in store.quads_for_pattern(g, node, None, META)), "")
             for p, node in _P.items()}
        out.append(ImportedSource(
            name=f"{slug(v['datasetKey'].lower())}-{slug(v['datasetVersion'])}", dataset=v["datasetKey"],
            version=v["datasetVersion"], format=v["importFormat"], graph=g.value, digest=v["fileDigest"],
            imported=v["importedAt"], rows=int(v["rowsRead"] or 0), assertions=int(v["assertionsAdded"] or 0),
            triples=int(v["triplesAdded"] or 0), rejected=int(v["rowsRejected"] or 0)))
    return sorted(out, key=lambda s: s.name)


def remove_source(store: ox.Store, name: str) -> ImportedSource:
    """Take one imported dataset out (by ``NAME`` as listed, or its dataset key when unique)."""
    found = [s for s in list_sources(store) if name.lower() in (s.name, s.dataset.lower())]
    if len(found) != 1:
        known = ", ".join(s.name for s in list_sources(store)) or "none"
        raise DataError(f"no single imported source named {name!r} (imported: {known})")
    _drop(store, ox.NamedNode(found[0].graph))
    store.optimize()
    return found[0]


class Writable:
    """An on-disk store open for writing, as :func:`open_for_import` hands it out: ``.store``.

    The store is dropped (``None``) when the block ends, so that nothing keeps its files open while
    their digests are recorded; do not keep ``.store`` in a variable of your own beyond the block.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store: ox.Store | None = store

    @property
    def open(self) -> ox.Store:
        if self.store is None:
            raise StoreError("the store was closed at the end of its import")
        return self.store


@contextlib.contextmanager
def open_for_import(path: str | os.PathLike[str]) -> Iterator[Writable]:
    """The on-disk store at ``path`` opened for writing (built from the curated graph when missing), recovered.

    Held under the store's exclusive builder lock (:func:`drugkg.store.build.builder_lock`):
    readers opening the store wait until the import ends. The manifest says an import is under way
    until the store is closed again and its files' digests are recorded anew
    (:func:`~drugkg.store.build.reseal`), so an interrupted import is recovered here, by the next
    import or listing, instead of the store being reported as damaged.

    >>> import tempfile
    >>> with open_for_import(tempfile.mkdtemp() + "/store") as w:
    ...     list_sources(w.open)
    []
    """
    target = Path(path)
    manifest = read_manifest(target) if (target / MANIFEST).is_file() else None
    if not (manifest and manifest.get("import") == "pending"):
        checked = open_store(target, shipped_sources())  # built if missing, verified if present
        del checked
        gc.collect()
    with builder_lock(target, exclusive=True):
        reseal(target, pending=True)
        try:
            w = Writable(ox.Store(str(target)))
        except OSError as exc:
            raise StoreError(f"{target}: cannot open store for writing: {str(exc).splitlines()[0]}") from None
        held: list[str] | None = None
        try:
            recover(w.open)
            yield w
        finally:
            kept: list[names.Row] | None = None
            if w.store is not None:
                w.store.flush()  # what a failed import dropped, too
                with contextlib.suppress(Exception):
                    held = [s.name for s in list_sources(w.store)]
                    kept = names.query_rows(w.store)  # the names of the store as it now is
            w.store = None
            gc.collect()  # the store's files are closed before their digests are taken
            if held is not None:  # what a failed, interrupted or removed import left beside the store
                clean_signals(target, keep=held)
            names.keep(target, kept)
            reseal(target, pending=False, imports=held)


def _session(store: ox.Store, ds: Dataset, graph: str, strict: bool, sink: SignalSink | None = None) -> ImportSession:
    effects = EffectMap.shipped()
    q = f"""SELECT ?c ?n WHERE {{ ?c <{RDFS}subClassOf>+ ?root . VALUES ?root {{ <{OBO}HP_0000118> <{DKG}MotorEffect> }}
             {{ ?c <{RDFS}label> ?n }} UNION {{ ?c <{SKOS}altLabel> ?n }} FILTER(isIRI(?c)) }}"""
    rows = [(s["c"].value, s["n"].value) for s in store.query(q, use_default_graph_as_union=True)]  # type: ignore[union-attr]
    effects.add_local_names(rows)
    present = {s["c"].value for s in store.query(  # type: ignore[union-attr]
        f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}label> ?l FILTER(STRSTARTS(STR(?c), '{OBO}HP_') || STRSTARTS(STR(?c), '{DKGR}target-')) }}",
        use_default_graph_as_union=True)}
    actions = {s["l"].value.lower(): s["a"].value for s in store.query(  # type: ignore[union-attr]
        f"SELECT ?a ?l WHERE {{ ?a a <{DKG}MolecularAction> ; <{RDFS}label>|<{SKOS}altLabel> ?l }}", use_default_graph_as_union=True)}
    return ImportSession(ds, graph, DrugIndex.from_store(store), effects, present, actions=actions, strict=strict,
                         signals=sink)


def _chunks(rows: Iterator[None], s: ImportSession, bar: Any) -> Iterator[bytes]:
    """N-Triples of the rows in chunks of about :data:`CHUNK_TRIPLES` triples."""
    n = 0
    mark = s.w.count
    for _ in rows:
        n += 1
        if s.w.count - mark >= CHUNK_TRIPLES:
            bar.update(n)
            n, mark = 0, s.w.count
            yield s.w.take()
        elif n >= 100_000:  # rows kept as columns write few triples: the bar still moves
            bar.update(n)
            n = 0
    bar.update(n)
    yield s.w.take()


def _load(store: ox.Store, chunks: Iterator[bytes], graph: ox.NamedNode) -> None:
    """Bulk-load the chunks into ``graph`` while the next ones are being written.

    The rows are read and turned into N-Triples in one thread, at most :data:`LOADERS` chunks
    ahead; :data:`LOADERS` threads (this one included) each hand a chunk whole to Oxigraph's bulk
    loader, which parses and writes it without holding the GIL, so reading and loading overlap.
    An error in any thread stops the others and is raised here, in the caller's thread.
    """
    ready: queue.Queue[bytes | None] = queue.Queue(maxsize=LOADERS)
    stop = threading.Event()
    errors: list[BaseException] = []

    def take() -> bytes | None:
        while not stop.is_set():
            with contextlib.suppress(queue.Empty):
                return ready.get(timeout=0.1)
        return None

    def produce() -> None:
        try:
            for chunk in chunks:
                while not stop.is_set():
                    with contextlib.suppress(queue.Full):
                        ready.put(chunk, timeout=0.1)
                        break
                if stop.is_set():
                    return
            for _ in range(LOADERS):
                while not stop.is_set():
                    with contextlib.suppress(queue.Full):
                        ready.put(None, timeout=0.1)
                        break
        except BaseException as exc:  # noqa: BLE001 -- raised by the calling thread
            errors.append(exc)
            stop.set()

    def consume() -> None:
        try:
            while (chunk := take()) is not None:
                if chunk:
                    store.bulk_load(input=chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        except BaseException as exc:  # noqa: BLE001 -- raised by the calling thread
            errors.append(exc)
            stop.set()

    threads = [threading.Thread(target=produce, name="drugkg-import-rows", daemon=True)]
    threads += [threading.Thread(target=consume, name=f"drugkg-import-load-{i}", daemon=True) for i in range(1, LOADERS)]
    for t in threads:
        t.start()
    try:
        consume()
        for t in threads[1:]:
            t.join()
    finally:
        stop.set()
        for t in threads:
            t.join()
    if errors:
        raise errors[0]


def _detached(err: BaseException) -> BaseException:
    """The same error without the frames that still hold the store open."""
    if isinstance(err, BadRow):
        return BadRow(err.path, err.line, err.reason)
    if isinstance(err, DataError | StoreError):
        return type(err)(str(err))
    return err.with_traceback(None)


def import_files(store_path: str | os.PathLike[str], fmt: str, paths: list[str | os.PathLike[str]], *,
                 strict: bool = False, quiet: bool = False, columns: bool = False) -> Report:
    """Import dataset files of format ``fmt`` into the on-disk store at ``store_path``.

    ``columns`` keeps a signal format's drug-pair rows (TWOSIDES) as typed columns in a DuckDB
    file beside the store instead of as triples (:mod:`drugkg.signals`): the import is then bound
    by reading the rows, not by the bulk loader, and the questions answer the same.

    Returns the :class:`~drugkg.importers.base.Report` (its ``lines()`` are the summary).
    Raises :class:`~drugkg.importers.base.BadRow` (a ``DataError``) with ``strict`` on the first
    bad row, ``DataError`` for unreadable files, ``StoreError`` when the store cannot be used.
    """

    f = importers.get(fmt)
    if columns and not f.signals:
        known = ", ".join(sorted(n for n, x in importers.formats().items() if x.signals))
        raise DataError(f"--columns keeps drug-pair signal rows as columns ({known}); {f.name} has none")
    files = [str(p) for p in paths]
    if not files:
        raise DataError(f"no files given to import as {fmt}")
    for p in files:
        if not Path(p).is_file():
            raise DataError(f"{p}: no such file")
    digest = file_digest(list(files))
    version = f.version(files)
    with open_for_import(store_path) as w:
        return _import(w.open, store_path, f, files, digest, version, strict=strict, quiet=quiet, columns=columns)


def _import(store: ox.Store, store_path: str | os.PathLike[str], f: importers.Format, files: list[str], digest: str,
            version: str, *, strict: bool, quiet: bool, columns: bool) -> Report:
    from tqdm import tqdm

    try:
        graph = graph_iri(f.key, version)
        for src in list_sources(store):
            if src.graph == graph:
                if src.digest == digest:
                    return Report(dataset=f.key, version=version, skipped=True)
                raise DataError(f"the store already holds {src.name} from other files; "
                                f"remove it first with: drugkg sources remove {src.name}")
        ds = Dataset(f.key, version, f"{f.title} {version}", digest)
        sink = SignalSink(Path(store_path), ds.local) if columns else None
        session = _session(store, ds, graph, strict, sink)
        g = ox.NamedNode(graph)
        store.add(ox.Quad(g, _P["importState"], ox.Literal("pending"), META))
        bar = tqdm(desc=f"import {f.name}", unit=" rows", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
        failed: BaseException | None = None
        try:
            _load(store, _chunks(f.run(files, session), session, bar), g)
            bar.close()
            report = session.report
            written = sink.finish() if sink is not None else None
            report.columns = sink.rows if sink is not None else 0
            typed = classify(store, session.targeted)
            store.extend(ox.Quad(ox.NamedNode(d), _TYPE, ox.NamedNode(c), g) for d, cs in typed.items() for c in cs)
            report.classified = sum(1 for cs in typed.values() if any(not c.endswith("/Drug") for c in cs))
            report.quads = session.w.count
            now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
            store.extend([
                ox.Quad(g, _P["datasetKey"], ox.Literal(f.key), META), ox.Quad(g, _P["datasetVersion"], ox.Literal(version), META),
                ox.Quad(g, _P["importFormat"], ox.Literal(f.name), META), ox.Quad(g, _P["fileDigest"], ox.Literal(digest), META),
                ox.Quad(g, _P["importedAt"], ox.Literal(now), META), ox.Quad(g, _P["rowsRead"], ox.Literal(report.rows), META),
                ox.Quad(g, _P["assertionsAdded"], ox.Literal(report.assertions), META),
                ox.Quad(g, _P["triplesAdded"], ox.Literal(report.quads), META),
                ox.Quad(g, _P["rowsRejected"], ox.Literal(report.rejected), META),
                ox.Quad(g, _P["importState"], ox.Literal("complete"), META),
            ])
            if sink is not None and written is not None:
                sink.commit(written)  # in place before the import is complete: complete means its rows are there
            store.remove(ox.Quad(g, _P["importState"], ox.Literal("pending"), META))
        except BaseException as exc:
            bar.close()
            _drop(store, g)
            if sink is not None:
                sink.discard()
            if isinstance(exc, DataError | StoreError):
                error: BaseException = exc
            elif isinstance(exc, OSError | SyntaxError):
                error = StoreError(f"{store_path}: import failed: {str(exc).splitlines()[0]}")
            else:
                raise
            failed = _detached(error)  # raised below, outside this handler: no frame keeps the store open
            del exc, error
        if failed is not None:
            raise failed
        store.optimize()
        store.flush()
        return report
    finally:
        del store
        gc.collect()


__all__ = ["BadRow", "ImportedSource", "Writable", "graph_iri", "import_files", "list_sources", "open_for_import", "recover",
           "remove_source"]
