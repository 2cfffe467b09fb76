"""The HTTP server: SPARQL 1.1 Protocol at ``/sparql``, the JSON API at ``/api/``, its OpenAPI
document at ``/openapi.json`` and the workbench at ``/``.

Requests are read by threads (:class:`http.server.ThreadingHTTPServer`); queries and questions
are answered by worker processes (:mod:`drugkg.server.pool`) under a time limit and a row cap.
Every response carries CORS headers; every request is logged (``drugkg.server`` logger) with its
status, size and duration.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .openapi import openapi_document
from .pool import Busy, TimedOut, WorkerPool
from .protocol import GRAPH_TYPES, Reply, media_type, negotiate, query_form, refusal, write_graph
from .service import service_description

log = logging.getLogger("drugkg.server")
TEXT = "text/plain; charset=utf-8"
ASSET_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
               ".svg": "image/svg+xml", ".txt": TEXT, ".json": "application/json"}


@dataclass(frozen=True)
class Settings:
    """Limits of a server: seconds per query, rows per result, bytes per request body."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_body: int = 1_000_000


class DrugkgServer(ThreadingHTTPServer):
    """A threading HTTP server with a worker pool and limits."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], pool: WorkerPool | None, settings: Settings) -> None:
        self._pool = pool
        self.settings = settings
        super().__init__(address, Handler)

    @property
    def pool(self) -> WorkerPool:
        if self._pool is None:
            raise RuntimeError("the server has no worker pool yet")
        return self._pool

    @pool.setter
    def pool(self, pool: WorkerPool) -> None:
        self._pool = pool

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def server_close(self) -> None:
        super().server_close()
        if self._pool is not None:
            self._pool.close()


def asset(name: str) -> bytes | None:
    """A bundled workbench file, or None."""
    if not name or "/" in name or name.startswith("."):
        return None
    f = resources.files("drugkg.server").joinpath("assets", name)
    return f.read_bytes() if f.is_file() else None


class Handler(BaseHTTPRequestHandler):
    server: DrugkgServer
    server_version = "drugkg"
    protocol_version = "HTTP/1.1"

    # -- plumbing -----------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        log.debug(format, *args)

    def send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "Drugkg-Truncated")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in reply.headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)
        took = (time.monotonic() - self._start) * 1000
        log.info('%s "%s %s" %d %d %.1fms', self.client_address[0], self.command, self.path[:300], reply.status, len(reply.body), took)

    def fail(self, status: int, message: str) -> None:
        self.send(Reply(status, TEXT, (message.rstrip() + "\n").encode()))

    def body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None:
            self.fail(411, "a POST needs a Content-Length")
            return None
        if not length.isdigit():
            self.fail(400, f"bad Content-Length {length!r}")
            return None
        if int(length) > self.server.settings.max_body:
            self.close_connection = True
            self.fail(413, f"request body of {length} bytes is over the limit of {self.server.settings.max_body}")
            return None
        return self.rfile.read(int(length))

    def run_job(self, job: tuple[Any, ...]) -> None:
        try:
            self.send(self.server.pool.submit(job))
        except TimedOut as exc:
            self.fail(503, str(exc))
        except Busy as exc:
            self.fail(503, str(exc))

    # -- methods ------------------------------------------------------------------------------

    def do_OPTIONS(self) -> None:
        self._start = time.monotonic()
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self._start = time.monotonic()
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        path = url.path.rstrip("/") or "/"
        if path in ("/sparql", "/query"):
            self.sparql(params)
        elif path.startswith("/api/"):
            self.run_job(("api", path, params))
        elif path == "/openapi.json":
            self.send(Reply(200, "application/json", openapi_document(self.server.url)))
        elif path == "/" or path.startswith("/assets/"):
            data = asset("index.html" if path == "/" else path[len("/assets/"):])
            name = "index.html" if path == "/" else path
            if data is None:
                self.fail(404, f"no such file {path!r}")
            else:
                ctype = next((t for ext, t in ASSET_TYPES.items() if name.endswith(ext)), "application/octet-stream")
                self.send(Reply(200, ctype, data, (("Cache-Control", "no-cache"),)))
        else:
            self.fail(404, f"no such resource {path!r}: try /sparql, /api/..., /openapi.json or /")

    def do_POST(self) -> None:
        self._start = time.monotonic()
        url = urlsplit(self.path)
        path = url.path.rstrip("/")
        if path not in ("/sparql", "/query"):
            self.fail(405 if path.startswith("/api/") else 404, f"POST is for /sparql only, not {path!r}")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        raw = self.body()
        if raw is None:
            return
        if ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True))
        elif ctype == "application/sparql-query":
            params["query"] = [raw.decode("utf-8", "replace")]
        elif ctype == "application/sparql-update":
            self.fail(403, "updates are refused: this endpoint is read-only")
            return
        else:
            self.fail(415, f"POST needs application/x-www-form-urlencoded or application/sparql-query, not {ctype or 'nothing'!r}")
            return
        self.sparql(params)

    # -- SPARQL -------------------------------------------------------------------------------

    def sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self.fail(403, "updates are refused: this endpoint is read-only")
            return
        for key in ("default-graph-uri", "named-graph-uri"):
            if params.get(key):
                self.fail(400, f"{key} is not supported: queries see the union of the store's graphs")
                return
        queries = params.get("query", [])
        explicit = params["format"][-1] if params.get("format") else None
        if not queries:
            sd_fmt = negotiate(self.headers.get("Accept"), "graph", explicit) or "turtle"
            triples = service_description(self.server.url + "/sparql")
            self.send(Reply(200, media_type(sd_fmt), write_graph(sd_fmt, triples)))
            return
        if len(queries) > 1:
            self.fail(400, "give one query, not several")
            return
        text = queries[0]
        why = refusal(text)
        if why:
            self.fail(403, why)
            return
        form = query_form(text)
        fmt = negotiate(self.headers.get("Accept"), form, explicit)
        if fmt is None:
            kinds = "SPARQL results JSON, XML, CSV or TSV" if form == "select" else ", ".join(GRAPH_TYPES.values())
            self.fail(406, f"cannot answer in {explicit or self.headers.get('Accept')!r}; this query gives {kinds}")
            return
        self.run_job(("sparql", text, fmt, self.server.settings.max_rows))


def make_server(host: str = "127.0.0.1", port: int = 7878, *, store: str | None = None, data: list[str] | tuple[()] = (),
                workers: int = 2, settings: Settings | None = None) -> DrugkgServer:
    """A ready server (workers loaded, socket bound); call ``serve_forever()`` on it.

    The socket is bound first (a busy port fails at once with ``OSError``). An on-disk ``store``
    is built or checked once here, then every worker opens it read-only. ``port=0`` picks a free
    port (see ``server.url``).

    Examples
    --------
    >>> import threading, urllib.request, json
    >>> srv = make_server(port=0, workers=1)
    >>> t = threading.Thread(target=srv.serve_forever, daemon=True); t.start()
    >>> q = "ASK%20%7B%20dkgr%3Adrug-baclofen%20a%20dkg%3ADrug%20%7D"
    >>> json.load(urllib.request.urlopen(f"{srv.url}/sparql?query={q}"))["boolean"]
    True
    >>> srv.shutdown(); srv.server_close()
    """
    server = DrugkgServer((host, port), None, settings or Settings())
    try:
        if store is not None:
            import gc

            from ..kg import load

            kg = load(store, data=list(data))  # builds or validates the store once
            del kg
            gc.collect()
        server.pool = WorkerPool(workers, {"store": store, "data": list(data)}, timeout=server.settings.timeout)
    except BaseException:
        server.server_close()
        raise
    return server


__all__ = ["DrugkgServer", "Settings", "make_server"]
