"""Timing shared by the bench scripts (run as ``python bench/bench_x.py``, so this folder is on
``sys.path`` and they import it as ``from timing import timed``).

Examples
--------
>>> timed(lambda: None, 3) >= 0
True
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)
