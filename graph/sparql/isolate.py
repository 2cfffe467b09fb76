"""Running a query in a forked worker process that can be stopped, has no network, and a memory cap.

pyoxigraph evaluates in Rust without checking for interruption, and operators such as
``ORDER BY``, ``GROUP BY`` or a cross product materialise everything before the first row. So
a user query runs in a child forked from the caller (it shares the in-memory store copy-on-write,
or reopens an on-disk store read-only). The child:

* moves into its own network namespace when the kernel allows it (no interface but loopback
  down: ``SERVICE`` could not connect even if the text check missed it);
* limits its address space to what it had plus ``max_memory`` bytes;
* stops after ``max_rows`` rows, and sends the results back as SPARQL JSON (or N-Triples).

The parent waits at most ``timeout`` seconds, then kills the child; Ctrl-C kills it too. A crash
of the engine (stack overflow, out of memory) becomes a :class:`~drugkg.errors.QueryError`.

Examples
--------
>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p"), ox.Literal("1")))
>>> [s["o"].value for s in evaluate(store, None, "SELECT ?o { ?s ?p ?o }", {}, timeout=10, max_rows=5)]
['1']
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import select
import signal
import time
import warnings
from typing import Any

import pyoxigraph as ox

from ..errors import LimitExceeded, QueryError
from ..namespaces import SPARQL_PREFIXES
from .terms import term_json

_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


def no_network() -> bool:
    """Move this process into an empty network namespace (no interface but a loopback that is
    down) if the kernel allows it; whether it moved.

    Call it while the process has one thread (a new user namespace needs that): a forked query
    worker, or a server worker before it opens the graph. Where it is not allowed, the check of
    the query's tokens (no ``SERVICE``, ``LOAD``...) still holds.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0 or libc.unshare(_CLONE_NEWNET) == 0)
    except (OSError, AttributeError):  # not Linux
        return False


def _quiet() -> None:
    """Send the child's stderr to /dev/null: an engine abort is reported once, by the parent."""
    import faulthandler

    faulthandler.disable()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.close(null)


def _cap_memory(extra: int) -> None:
    import resource

    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))
    except (OSError, ValueError):
        pass


def _child(store: ox.Store, path: str | None, text: str, subs: dict[Any, Any], max_rows: int) -> tuple[str, str, bytes]:
    """Evaluate in the child; return ``(status, kind, payload)``."""
    if path is not None:
        store = ox.Store.read_only(path)
    try:
        result = store.query(text, prefixes=SPARQL_PREFIXES, use_default_graph_as_union=True, substitutions=subs)
        if isinstance(result, ox.QueryBoolean):
            return "ok", "boolean", json.dumps({"head": {}, "boolean": bool(result)}).encode()
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            bindings = []
            for n, sol in enumerate(result):
                if n >= max_rows:
                    return "limit", "rows", str(max_rows).encode()
                bindings.append({k: term_json(sol[k]) for k in names if sol[k] is not None})
            return "ok", "solutions", json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()
        triples = []
        for n, t in enumerate(result):
            if n >= max_rows:
                return "limit", "rows", str(max_rows).encode()
            triples.append(t)
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        return "ok", "triples", body or b""
    except SyntaxError as exc:
        return "syntax", "", str(exc).encode()
    except MemoryError:
        return "limit", "memory", b""
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        return "error", type(exc).__name__, str(exc).encode()


def evaluate(store: ox.Store, path: str | None, text: str, subs: dict[Any, Any], *, timeout: float, max_rows: int,
             max_memory: int = 2 << 30) -> Any:
    """Evaluate ``text`` in a forked child; return pyoxigraph results (solutions, boolean or triples).

    Raises
    ------
    LimitExceeded
        After ``timeout`` seconds, beyond ``max_rows`` rows or ``max_memory`` bytes.
    QueryError
        If the query is malformed or the engine fails or crashes.
    """
    rfd, wfd = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads: the child only evaluates and exits
        pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            os.close(rfd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _quiet()
            no_network()
            _cap_memory(max_memory)
            out = pickle.dumps(_child(store, path, text, subs, max_rows))
            with os.fdopen(wfd, "wb") as fh:
                fh.write(out)
        except BaseException:  # noqa: BLE001 - the child reports any failure by its exit code
            code = 70
        finally:
            os._exit(code)
    os.close(wfd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LimitExceeded(f"the query ran longer than the time limit of {timeout:g} s (raise it with --timeout / timeout=)")
            ready, _, _ = select.select([rfd], [], [], left)
            if ready:
                chunk = os.read(rfd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(rfd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if not chunks:
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        if sig == signal.SIGINT:
            raise KeyboardInterrupt
        if sig in (signal.SIGABRT, signal.SIGKILL) or os.WEXITSTATUS(status) == 70:
            raise LimitExceeded(f"the query needed more than the memory limit of {max_memory >> 20} MB")
        how = signal.Signals(sig).name if sig else f"exit {os.WEXITSTATUS(status)}"
        raise QueryError(f"the query crashed the query engine ({how}); it is probably nested too deeply: simplify it")
    status_, kind, payload = pickle.loads(b"".join(chunks))
    if status_ == "ok":
        if kind == "triples":
            return [q.triple for q in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
    if status_ == "limit":
        if kind == "rows":
            raise LimitExceeded(f"the query returned more than the row limit of {max_rows:,} rows (raise it with --max-rows / max_rows=)")
        raise LimitExceeded(f"the query needed more than the memory limit of {max_memory >> 20} MB")
    if status_ == "syntax":
        raise SyntaxError(payload.decode())
    raise QueryError(f"query failed: {' '.join(payload.decode().split())}")
