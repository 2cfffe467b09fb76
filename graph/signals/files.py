"""Where a store keeps its signal files, and the cleaning of leftovers.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> d = Path(tempfile.mkdtemp())
>>> signal_file(d, "twosides-0.1").name
'signals-twosides-0.1.parquet'
>>> _ = signal_file(d, "twosides-0.1").write_bytes(b"PAR1"); _ = (d / ".signals-x.tsv.tmp").write_bytes(b"")
>>> [p.name for p in signal_files(d)]
['signals-twosides-0.1.parquet']
>>> clean(d, keep=[]); sorted(p.name for p in d.iterdir())
[]
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

PREFIX, SUFFIX, TEMP = "signals-", ".parquet", ".tmp"


def signal_file(store: Path, local: str) -> Path:
    """The signal file of one imported dataset version (``local``: its source name, e.g. ``twosides-0.1``)."""
    return store / f"{PREFIX}{local}{SUFFIX}"


def signal_files(store: Path) -> list[Path]:
    """The complete signal files of a store directory, by name."""
    if not store.is_dir():
        return []
    return sorted(p for p in store.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX))


def temporary(store: Path, local: str, kind: str) -> Path:
    """A file an import writes before it completes (hidden, removed by :func:`clean` if left)."""
    return store / f".{PREFIX}{local}.{kind}{TEMP}"


def clean(store: Path, *, keep: Iterable[str]) -> None:
    """Remove temporary signal files and the signal files of sources the store no longer holds
    (``keep``: the names of its complete imports)."""
    held = set(keep)
    if not store.is_dir():
        return
    complete = set(signal_files(store))
    for p in store.iterdir():
        left = p.name.startswith(f".{PREFIX}") and p.name.endswith(TEMP)
        orphan = p in complete and p.name[len(PREFIX):-len(SUFFIX)] not in held
        if left or orphan:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
