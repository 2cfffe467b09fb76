"""Reading the user's files safely: regular files only, a size limit, decoding errors with a position.

A path that names a device (``/dev/zero``), a FIFO, a socket or a directory, even through a
symbolic link, is refused before anything is read; the file is opened non-blocking and checked
again on the open descriptor, so a FIFO swapped in meanwhile cannot block. Nothing larger than
the limit is read into memory.

Examples
--------
>>> read_user_file("/dev/zero", what="RDF file", limit=10)
Traceback (most recent call last):
...
drugkg.errors.DataError: /dev/zero: not a regular file (a character device); give a regular RDF file
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from .errors import DataError, DrugKGError

#: Largest input file read by default, in bytes (``--max-file-size``, ``max_file_size=``).
MAX_FILE_BYTES = 50_000_000

_KINDS = (
    (stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """``"a regular file"``, ``"a directory"``, ``"a FIFO"``... for a ``st_mode``.

    Examples
    --------
    >>> file_kind(os.stat("/dev/null").st_mode)
    'a character device'
    """
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


def read_user_file(path: str | os.PathLike[str], *, what: str, limit: int = MAX_FILE_BYTES,
                   error: type[DrugKGError] = DataError) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises
    ------
    DataError (or ``error``)
        If the path is missing, unreadable, not a regular file, or larger than ``limit``.
    """
    p = Path(path)
    try:
        st = os.stat(p)
    except OSError as exc:
        raise error(f"{p}: cannot read {what}: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{p}: not a regular file ({file_kind(st.st_mode)}); give a regular {what}")
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error(f"{p}: cannot read {what}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{p}: not a regular file ({file_kind(st.st_mode)}); give a regular {what}")
        if st.st_size > limit:
            raise error(f"{p}: {what} of {st.st_size:,} bytes is larger than the limit of {limit:,} bytes "
                        "(raise it with --max-file-size / max_file_size=)")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise error(f"{p}: cannot read {what}: {exc.strerror}") from None
    if len(data) > limit:
        raise error(f"{p}: {what} is larger than the limit of {limit:,} bytes (raise it with --max-file-size / max_file_size=)")
    return data


def decode_utf8(data: bytes, name: str, *, error: type[DrugKGError] = DataError) -> str:
    """Decode UTF-8, naming the file, line and column of the first invalid byte.

    Examples
    --------
    >>> decode_utf8(b"ok\\nab\\xff", "x.ttl")
    Traceback (most recent call last):
    ...
    drugkg.errors.DataError: x.ttl: not UTF-8 text: invalid byte 0xff at line 2, column 3
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise error(f"{name}: not UTF-8 text: invalid byte 0x{data[exc.start]:02x} at line {line}, column {column}") from None


def read_text_file(path: str | os.PathLike[str], *, what: str, limit: int = MAX_FILE_BYTES,
                   error: type[DrugKGError] = DataError) -> str:
    """A regular UTF-8 text file of at most ``limit`` bytes (see :func:`read_user_file`)."""
    return decode_utf8(read_user_file(path, what=what, limit=limit, error=error), str(path), error=error)


def split_names(names: Sequence[str]) -> list[str]:
    """Drug names from arguments that may hold comma-separated lists.

    Examples
    --------
    >>> split_names(["baclofen,clozapine", " lithium ", "a,,b"])
    ['baclofen', 'clozapine', 'lithium', 'a', 'b']
    """
    return [n.strip() for arg in names for n in arg.split(",") if n.strip()]
