"""Load on ``drugkg serve``: bounded concurrent clients of mixed questions and SPARQL on 127.0.0.1.

Starts ``drugkg serve`` as its own process (``--workers N``), then C client threads each send R
requests over one keep-alive connection: the JSON API (risk for a drug, explain, effects,
withdrawal, drug, check) and SPARQL (a SELECT, an ASK, a named query's text). It prints requests per
second, p50/p95/p99 latency, errors (goal: none) and the resident memory of the server and its
workers before and after. The baseline is the same request mix answered in this process through
the embedded Python API, one at a time. Run:
``python bench/bench_server.py [--clients 16] [--requests 200] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import drugkg
from drugkg.sparql import load_query


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, MB."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                pids.append(int(entry.name))
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def mix(kg: drugkg.KnowledgeGraph, n: int, seed: int) -> list[tuple[str, str, Any]]:
    """``n`` requests: (HTTP path, kind, embedded-API call) chosen at random from the mix."""
    rnd = random.Random(seed)
    drugs = [d.label for d in kg.drugs()]
    pairs = [c.drugs for c in kg.risky_combinations()[:30]]
    named = load_query("drug-effects").text
    out = []
    for _ in range(n):
        d, (a, b) = rnd.choice(drugs), rnd.choice(pairs)
        regimen = rnd.sample(drugs, 4)
        choices = [
            (f"/api/risk?drug={quote(d)}", "risk", lambda d=d: kg.risky_combinations(drugs=[d])),
            (f"/api/explain?a={quote(a)}&b={quote(b)}", "explain", lambda a=a, b=b: kg.explain(a, b)),
            (f"/api/effects?drug={quote(d)}", "effects", lambda d=d: kg.effects(d)),
            (f"/api/withdrawal?drug={quote(d)}", "withdrawal", lambda d=d: kg.withdrawal(d)),
            (f"/api/drugs/{quote(d)}", "drug", lambda d=d: kg.drug(d)),
            ("/api/check?" + urlencode([("drug", x) for x in regimen]), "check", lambda r=regimen: kg.check(r)),
            ("/sparql?" + urlencode({"query": "SELECT ?d ?l WHERE { ?d a dkg:Drug ; rdfs:label ?l } ORDER BY ?l"}), "sparql",
             lambda: kg.sparql("SELECT ?d ?l WHERE { ?d a dkg:Drug ; rdfs:label ?l } ORDER BY ?l")),
            ("/sparql?" + urlencode({"query": "ASK { ?d a dkg:D2ReceptorAntagonist }"}), "sparql",
             lambda: kg.ask("ASK { ?d a dkg:D2ReceptorAntagonist }")),
            ("/sparql?" + urlencode({"query": named}), "sparql", lambda: kg.sparql(named)),
        ]
        out.append(rnd.choice(choices))
    return out


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def report(name: str, latencies: list[float], wall: float, errors: int) -> None:
    ms = [x * 1000 for x in latencies]
    print(f"{name:<34} {len(ms):>5} req  {len(ms) / wall:>7.1f} req/s  p50 {percentile(ms, .5):6.1f} ms  "
          f"p95 {percentile(ms, .95):6.1f} ms  p99 {percentile(ms, .99):6.1f} ms  errors {errors}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=200, help="requests per client")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2))
    args = parser.parse_args()
    kg = drugkg.load()
    plans = [mix(kg, args.requests, seed) for seed in range(args.clients)]

    # baseline: the embedded API, the same mix, one at a time
    flat = [call for plan in plans for _, _, call in plan]
    for call in flat[:50]:
        call()  # warm caches as the server's workers are warm
    lat = []
    t0 = time.perf_counter()
    for call in flat:
        t = time.perf_counter()
        call()
        lat.append(time.perf_counter() - t)
    base_wall = time.perf_counter() - t0
    report("embedded API (1 thread, baseline)", lat, base_wall, 0)

    port = free_port()
    exe = Path(sys.executable).with_name("drugkg")
    proc = subprocess.Popen([str(exe), "serve", "--port", str(port), "--workers", str(args.workers), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/api/drugs")
                c.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        mem_before = rss_mb(proc.pid)
        results: list[tuple[float, int, str]] = []
        lock = threading.Lock()

        def client(plan: list[tuple[str, str, Any]]) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine = []
            for path, kind, _ in plan:
                t = time.perf_counter()
                try:
                    conn.request("GET", path, headers={"Accept": "application/json, application/sparql-results+json"})
                    resp = conn.getresponse()
                    resp.read()
                    status = resp.status
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    status = 0
                mine.append((time.perf_counter() - t, status, kind))
            conn.close()
            with lock:
                results.extend(mine)

        threads = [threading.Thread(target=client, args=(plan,)) for plan in plans]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        mem_after = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
    errors = sum(1 for _, s, _ in results if s != 200)
    report(f"drugkg serve ({args.clients} clients, {args.workers} workers)", [r[0] for r in results], wall, errors)
    for kind in sorted({k for _, _, k in results}):
        ms = [r[0] * 1000 for r in results if r[2] == kind]
        print(f"  {kind:<12} {len(ms):>5} req  p50 {percentile(ms, .5):6.1f} ms  p95 {percentile(ms, .95):6.1f} ms")
    print(f"throughput vs baseline: {len(results) / wall / (len(flat) / base_wall):.2f}x")
    print(f"server memory (main + workers): {mem_before:.0f} MB before, {mem_after:.0f} MB after")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
