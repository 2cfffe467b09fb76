"""Worker processes that answer queries under a wall-clock limit.

Each worker is a separate process holding its own copy of the graph (an on-disk store is opened
read-only by every worker). A request takes an idle worker, sends it one job and waits at most the
time limit; a worker that runs over is ended (its query stops with it) and replaced, so a slow
query never holds the server and never keeps a core busy after its client was told it timed out.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import threading
import time
from typing import Any

from .protocol import Reply
from .worker import worker_main

log = logging.getLogger("drugkg.server")


class TimedOut(Exception):
    """The job ran over the time limit (its worker was ended)."""


class Busy(Exception):
    """No worker became free within the time limit."""


class _Worker:
    def __init__(self, ctx: Any, config: dict[str, Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, config), daemon=True)
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        if self.conn.poll(timeout):
            msg = self.conn.recv()
            if msg == "ready":
                return True
            log.error("worker failed to start: %s", msg)
        return False

    def end(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the graph described by ``config`` (store path, data files).

    Parameters
    ----------
    size : int
        Number of worker processes: queries answered at once.
    config : dict
        ``store`` (directory or None) and ``data`` (extra RDF files), as :func:`drugkg.load` takes.
    timeout : float
        Seconds a job may run (and wait for a free worker) before it is stopped.
    """

    def __init__(self, size: int, config: dict[str, Any], *, timeout: float) -> None:
        self.timeout = timeout
        self.config = config
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._spawn() for _ in range(max(1, size))]
        for w in starting:
            if not w.wait_ready(120):
                self.close()
                raise RuntimeError("a worker process could not load the graph (see the log)")
            self._idle.put(w)

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self.config)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, old: _Worker) -> None:
        with self._lock:
            self._all.discard(old)
        old.end()
        if self._closed:
            return

        def start() -> None:
            w = self._spawn()
            if w.wait_ready(120) and not self._closed:
                self._idle.put(w)
            else:
                w.end()

        threading.Thread(target=start, daemon=True, name="drugkg-worker-start").start()

    def submit(self, job: tuple[Any, ...], *, timeout: float | None = None) -> Reply:
        """Run ``job`` on a free worker and return its reply.

        Raises
        ------
        Busy
            No worker was free within the limit.
        TimedOut
            The job ran over the limit; its worker was ended and is being replaced.
        """
        limit = self.timeout if timeout is None else timeout
        start = time.monotonic()
        try:
            w = self._idle.get(timeout=limit)
        except queue.Empty:
            raise Busy(f"every worker stayed busy for {limit:g} s") from None
        try:
            w.conn.send(job)
            left = max(0.0, limit - (time.monotonic() - start))
            if not w.conn.poll(left):
                raise TimedOut(f"the query ran over the time limit of {limit:g} s and was stopped")
            reply: Reply = w.conn.recv()
        except TimedOut:
            self._replace(w)
            raise
        except (EOFError, OSError, BrokenPipeError):
            self._replace(w)
            return Reply(500, "text/plain; charset=utf-8", b"the worker process ended unexpectedly\n")
        self._idle.put(w)
        return reply

    def close(self) -> None:
        """End every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.end()

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._all if w.proc.pid is not None]


__all__ = ["Busy", "Reply", "TimedOut", "WorkerPool"]
