"""Where a store keeps its signal files, and the cleaning of leftovers.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> d = Path(tempfile.mkdtemp())
>>> signal_file(d, "twosides-0.1").name
'signals-twosides-0.1.duckdb'
>>> _ = signal_file(d, "twosides-0.1").write_bytes(b"DUCK"); _ = (d / "signals-offsides-0.1.parquet").write_bytes(b"PAR1")
>>> _ = (d / ".signals-x.tsv.tmp").write_bytes(b""); (d / ".signals-x.spill.tmp").mkdir()
>>> [p.name for p in signal_files(d)]
['signals-offsides-0.1.parquet', 'signals-twosides-0.1.duckdb']
>>> clean(d, keep=["offsides-0.1"]); sorted(p.name for p in d.iterdir())
['signals-offsides-0.1.parquet']
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable
from pathlib import Path

PREFIX, SUFFIX, TEMP = "signals-", ".duckdb", ".tmp"
#: What earlier versions wrote (a Parquet file per import), still read.
LEGACY = ".parquet"


def local_of(path: Path) -> str:
    """The source name a signal file belongs to (``twosides-0.1``)."""
    return path.name[len(PREFIX):].rsplit(".", 1)[0]


def signal_file(store: Path, local: str) -> Path:
    """The signal file of one imported dataset version (``local``: its source name, e.g. ``twosides-0.1``)."""
    return store / f"{PREFIX}{local}{SUFFIX}"  # a DuckDB database holding one table, ``signals``


def signal_files(store: Path) -> list[Path]:
    """The complete signal files of a store directory, by name."""
    if not store.is_dir():
        return []
    return sorted(p for p in store.iterdir() if p.name.startswith(PREFIX) and p.name.endswith((SUFFIX, LEGACY)))


def temporary(store: Path, local: str, kind: str) -> Path:
    """A file (or, for ``spill``, a directory) an import writes before it completes (hidden,
    removed by :func:`clean` if left)."""
    return store / f".{PREFIX}{local}.{kind}{TEMP}"


def clean(store: Path, *, keep: Iterable[str]) -> None:
    """Remove temporary signal files and the signal files of sources the store no longer holds
    (``keep``: the names of its complete imports)."""
    held = set(keep)
    if not store.is_dir():
        return
    complete = set(signal_files(store))
    for p in store.iterdir():
        # DuckDB writes its log beside a database being written (``....duckdb.tmp.wal``)
        left = p.name.startswith(f".{PREFIX}") and p.name.endswith((TEMP, f"{TEMP}.wal"))
        orphan = p in complete and local_of(p) not in held
        if left and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        elif left or orphan:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
