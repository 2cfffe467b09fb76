"""Cold start of ``drugkg risk --format json`` against ``python -c "import rdflib, networkx"``.

All run as fresh processes, alternating, in the same session; the script prints the medians and
their ratios (goal: at most 2x): the first run of a question (``DRUGKG_NO_CACHE=1``: load the
graph, run the six rules, write the JSON) and a repeated one (the answer read from the cache).
Run: ``python bench/bench_cli_risk.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, bytes]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=True, env=env)
    return time.perf_counter() - t, proc.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("drugkg")
    drugkg_cmd = [str(exe) if exe.exists() else shutil.which("drugkg") or "drugkg", "risk", "--format", "json"]
    base_cmd = [sys.executable, "-c", "import rdflib, networkx"]
    uncached = {**os.environ, "DRUGKG_NO_CACHE": "1"}
    run(drugkg_cmd), run(base_cmd), run(drugkg_cmd, uncached)  # warm the OS file cache, fill the answer cache
    first, cached, base = [], [], []
    for _ in range(args.repeat):
        t, out = run(drugkg_cmd, uncached)
        first.append(t)
        cached.append(run(drugkg_cmd)[0])
        base.append(run(base_cmd)[0])
    pairs = json.loads(out)
    m_first, m_cached, m_base = (statistics.median(x) for x in (first, cached, base))
    print(f"drugkg risk --format json, first run (DRUGKG_NO_CACHE=1)  median {m_first:.3f} s  ({len(pairs)} pairs)")
    print(f"drugkg risk --format json, answer cached                median {m_cached:.3f} s")
    print(f"python -c 'import rdflib, networkx'                     median {m_base:.3f} s")
    print(f"ratio first run {m_first / m_base:.2f}x, cached {m_cached / m_base:.2f}x (goal <= 2x), {args.repeat} runs each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
