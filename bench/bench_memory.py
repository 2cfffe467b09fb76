"""Peak memory (resident set) of typical drugkg jobs, against ``import rdflib, networkx``.

Each job runs in a fresh Python process that reports its own peak RSS (``ru_maxrss``) on exit,
and that of its largest child process (HermiT's JVM, when validation starts one); the baseline
process only imports rdflib and networkx. The synthetic drugs come from
``bench_scale.synthetic_drugs`` and their inferences are computed once, before the measured runs.
Run: ``python bench/bench_memory.py [--drugs 1000]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_scale import synthetic_drugs

REPORT = ("import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
          " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")

JOBS = {
    "baseline: import rdflib, networkx": "import rdflib, networkx",
    "drugkg.load()": "import drugkg; drugkg.load()",
    "load + risky_combinations + to_networkx": "import drugkg; kg = drugkg.load(); kg.risky_combinations(); kg.to_networkx()",
    "load + validate (SHACL + HermiT)": "import drugkg; drugkg.load().validate()",
    "load with {n} synthetic drugs + risky_combinations": "import drugkg; kg = drugkg.load(data=[{path!r}]); kg.risky_combinations()",
}


def peak_mb(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Peak RSS in MB of a fresh interpreter running ``code``, and of its largest child (HermiT's JVM)."""
    out = subprocess.run([sys.executable, "-c", f"{code}\n{REPORT}"], capture_output=True, text=True, check=True, env=env)
    own, child = out.stdout.strip().splitlines()[-1].split()
    return int(own) / 1024, int(child) / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drugs", type=int, default=1000, help="synthetic drugs for the last job")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "DRUGKG_CACHE_DIR": str(Path(work) / "cache")}
        path = Path(work) / "synthetic.ttl"
        path.write_text(synthetic_drugs(args.drugs), encoding="utf-8")
        subprocess.run([sys.executable, "-c", f"import drugkg; drugkg.load(data=[{str(path)!r}])"], check=True, env=env)
        base = None
        for name, code in JOBS.items():
            mb, jvm = peak_mb(code.format(path=str(path)), env)
            base = base or mb
            extra = f"  (+ JVM {jvm:.0f} MB)" if jvm > 1 else ""
            print(f"{name.format(n=args.drugs):<55} {mb:7.0f} MB  x{mb / base:.2f}{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
