"""Cold start of ``drugkg risk --format json`` against ``python -c "import rdflib, networkx"``.

Both run as fresh processes, alternating, in the same session; the script prints the medians and
their ratio (goal: at most 2x). Run: ``python bench/bench_cli_risk.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(cmd: list[str]) -> tuple[float, bytes]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - t, proc.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("drugkg")
    drugkg_cmd = [str(exe) if exe.exists() else shutil.which("drugkg") or "drugkg", "risk", "--format", "json"]
    base_cmd = [sys.executable, "-c", "import rdflib, networkx"]
    run(drugkg_cmd), run(base_cmd)  # warm the OS file cache for both
    ours, base = [], []
    for _ in range(args.repeat):
        t, out = run(drugkg_cmd)
        ours.append(t)
        base.append(run(base_cmd)[0])
    pairs = json.loads(out)
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(f"drugkg risk --format json       median {m_ours:.3f} s  ({len(pairs)} pairs)")
    print(f"python -c 'import rdflib, networkx'  median {m_base:.3f} s")
    print(f"ratio {m_ours / m_base:.2f}x (goal <= 2x), {args.repeat} runs each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
