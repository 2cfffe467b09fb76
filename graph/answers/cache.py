"""Answers cached per content digest in the user cache (``$DRUGKG_CACHE_DIR`` or ``~/.cache/drugkg``).

An answer depends only on the graph's content (the digest of its source files, see
:func:`drugkg.store.digest_of`), the question (e.g. the effect class and drugs of ``drugkg risk``)
and the package's code; so ``drugkg risk`` keeps its JSON answer under the SHA-256 of all three,
and the next run with the same content and question prints it without loading the graph. A cache
file is one header line (JSON: the digest, the question and the SHA-256 of the body) and the body.
It is written to a temporary file and renamed into place (readers never see half a file), and it
is used only when its header names the same digest and question and its body has the SHA-256 the
header gives; anything else (a damaged, foreign or stale file) is ignored and rewritten. Changing
the curated data, the ``--data`` files or the package's code or queries changes the key: nothing is ever invalidated
by hand. ``DRUGKG_NO_CACHE=1`` turns the cache off.

Examples
--------
>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     os.environ["DRUGKG_CACHE_DIR"] = d
...     try:
...         put("abc", {"effect": "tremor"}, b'[{"drugs": ["a", "b"]}]')
...         hit = get("abc", {"effect": "tremor"})
...         miss = get("abd", {"effect": "tremor"})
...     finally:
...         del os.environ["DRUGKG_CACHE_DIR"]
>>> hit, miss
(b'[{"drugs": ["a", "b"]}]', None)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from ..store.inferences import cache_dir

log = logging.getLogger(__name__)

#: Bump when the shape or meaning of cached answers changes.
FORMAT = 1


_CODE: list[str] = []


def code_digest() -> str:
    """SHA-256 of the package's code and named queries (``*.py``, ``*.rq``): answers computed by
    other code (another release, or a source checkout being edited) are never reused."""
    if not _CODE:
        from .. import resources

        h = hashlib.sha256()
        roots = [Path(__file__).resolve().parent.parent, resources.queries_dir()]
        for root in roots:
            files = sorted((str(f), f) for f in _walk(root) if f.name.endswith((".py", ".rq")))
            for name, f in files:
                h.update(name.encode() + b"\0" + f.read_bytes() + b"\0")
        _CODE.append(h.hexdigest())
    return _CODE[0]


def _walk(root: Any) -> list[Any]:
    out = []
    for f in root.iterdir():
        if f.is_dir():
            if f.name != "__pycache__":
                out += _walk(f)
        else:
            out.append(f)
    return out


def enabled() -> bool:
    """False when ``DRUGKG_NO_CACHE`` is set to a true value."""
    return os.environ.get("DRUGKG_NO_CACHE", "").lower() not in ("1", "true", "yes")


def _path(digest: str, question: dict[str, Any]) -> Path:
    key = json.dumps({"format": FORMAT, "code": code_digest(), "digest": digest, "question": question}, sort_keys=True)
    return cache_dir() / "answers" / (hashlib.sha256(key.encode()).hexdigest() + ".json")


def get(digest: str, question: dict[str, Any]) -> bytes | None:
    """The cached body (UTF-8 JSON) for this content and question, or None (missing, damaged or foreign)."""
    if not enabled():
        return None
    path = _path(digest, question)
    try:
        with open(path, "rb") as fh:
            header = json.loads(fh.readline())
            body = fh.read()
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("digest") != digest or header.get("question") != question:
        return None
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        log.warning("ignoring damaged answer cache %s", path)
        return None
    return body


def put(digest: str, question: dict[str, Any], body: bytes) -> None:
    """Store ``body`` (UTF-8 JSON) atomically; a cache that cannot be written is skipped (logged), never an error."""
    if not enabled():
        return
    path = _path(digest, question)
    header = json.dumps({"digest": digest, "question": question, "sha256": hashlib.sha256(body).hexdigest()},
                        sort_keys=True, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".answer-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(header.encode("utf-8") + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        log.info("answer cache not written (%s)", exc)
