"""Commands that put the graph on the network or in other stores: serve, publish, dump."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from typing import Any

from ..errors import DrugKGError
from .base import Command, UsageError, fail


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2), metavar="N",
                   help="worker processes, i.e. queries answered at once (default: the number of cores, at least 2)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="time limit of a query (default: 10)")
    p.add_argument("--max-rows", type=int, default=10_000, metavar="N", help="result cap of a query (default: 10000)")
    p.add_argument("--max-body", type=int, default=1_000_000, metavar="BYTES", help="request body cap (default: 1000000)")
    p.add_argument("--quiet", action="store_true", help="no access log")


def cmd_serve(args: argparse.Namespace) -> int:
    from ..server import Settings, make_server

    for name, value in (("--workers", args.workers), ("--max-rows", args.max_rows), ("--max-body", args.max_body)):
        if value < 1:
            raise UsageError(f"{name} must be at least 1, got {value}")
    if args.timeout <= 0:
        raise UsageError(f"--timeout must be positive, got {args.timeout}")
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    settings = Settings(timeout=args.timeout, max_rows=args.max_rows, max_body=args.max_body)
    try:
        server = make_server(args.host, args.port, store=args.store, data=args.data, workers=args.workers, settings=settings)
    except OSError as exc:
        if isinstance(exc, DrugKGError):
            raise
        return fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", 3)

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"drugkg: serving {server.url}/ (SPARQL at {server.url}/sparql, API at {server.url}/openapi.json); Ctrl-C stops",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _publish_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="Graph Store Protocol URL of the server (e.g. http://127.0.0.1:7879/store)")


def cmd_publish(args: argparse.Namespace) -> int:
    from ..sparql.remote import publish

    kg = _graph(args)
    for graph, count in publish(kg.store, args.endpoint).items():
        print(f"{graph}: {count} triples")
    return 0


def _dump_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", dest="dump_format", choices=("nquads", "trig"), default="nquads", help="output format (default: nquads)")
    p.add_argument("-o", "--output", metavar="PATH", help="output file (default: standard output)")


def cmd_dump(args: argparse.Namespace) -> int:
    from ..sparql.remote import dump

    kg = _graph(args)
    if args.output:
        count = dump(kg.store, args.output, format=args.dump_format)
        print(f"wrote {count} quads to {args.output}", file=sys.stderr)
    else:
        dump(kg.store, sys.stdout.buffer, format=args.dump_format)
    return 0


def _graph(args: argparse.Namespace) -> Any:
    from .base import load_graph

    return load_graph(args)


COMMANDS = [
    Command("serve", "serve a read-only SPARQL 1.1 endpoint, a JSON API and the workbench over HTTP", _serve_args, cmd_serve,
            parents=("store",)),
    Command("publish", "upload the graph to a SPARQL 1.1 Graph Store (one named graph per source)", _publish_args, cmd_publish,
            parents=("store",)),
    Command("dump", "write the graph (every named graph) as N-Quads or TriG for a server's bulk loader", _dump_args, cmd_dump,
            parents=("store",)),
]
