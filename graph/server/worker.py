"""A worker process: loads the graph once, then answers jobs sent over a pipe.

Jobs are tuples: ``("sparql", text, format, max_rows)`` and ``("api", path, params)``; each reply
is a :class:`~drugkg.server.pool.Reply` ready to send to the client.
"""

from __future__ import annotations

import json
import logging
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import DrugKGError
from ..sparql.isolate import no_network
from .execute import QueryRefused, execute
from .protocol import Reply, media_type, write_boolean, write_graph, write_solutions

log = logging.getLogger("drugkg.server")
TEXT = "text/plain; charset=utf-8"


def open_graph(config: dict[str, Any]) -> Any:
    """The graph a worker serves: in memory, or the on-disk store opened read-only."""
    import pyoxigraph as ox

    from ..kg import KnowledgeGraph, load

    if config.get("store"):
        return KnowledgeGraph(ox.Store.read_only(str(config["store"])), path=Path(config["store"]))
    return load(data=list(config.get("data") or ()))


def sparql_reply(store: Any, text: str, fmt: str, max_rows: int) -> Reply:
    """Run a protocol query and write its results in ``fmt`` (the negotiated format name)."""
    try:
        out = execute(store, text, max_rows=max_rows)
    except QueryRefused as exc:
        return Reply(403, TEXT, f"{exc}\n".encode())
    except DrugKGError as exc:
        return Reply(400, TEXT, f"{' '.join(str(exc).split())}\n".encode())
    headers: tuple[tuple[str, str], ...] = ()
    if out.truncated:
        headers = (("Drugkg-Truncated", f"results capped at {max_rows} rows"),)
    if out.kind == "boolean":
        return Reply(200, media_type(fmt), write_boolean(fmt, out.boolean))
    if out.kind == "solutions":
        return Reply(200, media_type(fmt), write_solutions(fmt, out.variables, out.rows), headers)
    return Reply(200, media_type(fmt), write_graph(fmt, out.triples), headers)


def handle(kg: Any, job: tuple[Any, ...]) -> Reply:
    """Answer one job."""
    from .api import answer

    kind = job[0]
    if kind == "sparql":
        _, text, fmt, max_rows = job
        return sparql_reply(kg.store, text, fmt, max_rows)
    if kind == "api":
        status, ctype, body = answer(kg, job[1], job[2])
        return Reply(status, ctype, body)
    return Reply(500, TEXT, json.dumps({"error": f"unknown job {kind!r}"}).encode())


def worker_main(conn: Connection, config: dict[str, Any]) -> None:
    """Process entry point: leave the network (:func:`~drugkg.sparql.isolate.no_network`: the
    worker runs the clients' queries), load the graph, say ``ready``, answer jobs until the pipe
    closes."""
    no_network()
    try:
        kg = open_graph(config)
        kg.names  # noqa: B018 -- build the name index before the first request
    except Exception as exc:  # noqa: BLE001 -- reported to the parent, which stops
        conn.send(f"{type(exc).__name__}: {exc}")
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = handle(kg, job)
        except Exception as exc:
            log.exception("job failed")
            reply = Reply(500, TEXT, f"internal error: {type(exc).__name__}: {exc}\n".encode())
        conn.send(reply)


__all__ = ["handle", "open_graph", "sparql_reply", "worker_main"]
