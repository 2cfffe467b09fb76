"""SIDER 4.1 (http://sideeffects.embl.de): side effects extracted from drug labels.

Files as released, tab-separated, no header, plain or gzip:

* ``meddra_all_se.tsv``: STITCH flat id, STITCH stereo id, UMLS CUI on the label, MedDRA
  concept type (``LLT``/``PT``), UMLS CUI of the MedDRA term, side effect name (6 columns);
* ``meddra_freq.tsv``: flat id, stereo id, UMLS CUI on the label, ``placebo`` or empty, frequency
  description, lower bound, upper bound, then the MedDRA type, CUI and name (10 columns);
* ``drug_names.tsv``: flat id, name (2 columns); ``drug_atc.tsv``: flat id, ATC code (2 columns).

Files are recognised by their columns, not their names. Names and ATC codes are read first (they
are small) so that drugs merge by PubChem CID (the STITCH id converted) or by name. Only ``PT``
rows of ``meddra_all_se`` become assertions (every LLT also has its PT, per the SIDER README), so
no side effect is counted twice; frequency rows become assertions with their bounds and placebo flag.
Supported: SIDER 4.1 (4.0 has the same layout).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator

from .base import BadRow, Format, Row, number, read_rows
from .identity import DrugRef, stitch_to_pubchem
from .session import ImportSession

NAME = "sider"
TITLE = "SIDER side effect resource"
KEY = "SIDER"


def version(paths: list[str]) -> str:
    return "4.1"


def _kind(path: str) -> str:
    for row in read_rows(path, delimiter="\t"):
        n = len(row.fields)
        if n == 2:
            return "atc" if _looks_atc(row.fields[1]) else "names"
        return {6: "se", 10: "freq"}.get(n, "unknown")
    return "empty"


def _looks_atc(value: str) -> bool:
    v = value.strip()
    return len(v) == 7 and v[0].isalpha() and v[1:3].isdigit()


def run(paths: list[str], s: ImportSession) -> Iterator[None]:
    kinds = {p: _kind(p) for p in paths}
    names: dict[str, str] = {}
    atc: dict[str, list[str]] = defaultdict(list)
    for p, k in kinds.items():
        if k in ("names", "atc"):
            for row in read_rows(p, delimiter="\t"):
                s.report.rows += 1
                if len(row.fields) != 2:
                    s.reject(row.bad(f"expected 2 tab-separated columns, found {len(row.fields)}"))
                    continue
                if k == "atc":
                    atc[row.fields[0]].append(row.fields[1].strip())
                else:
                    names[row.fields[0]] = row.fields[1].strip()
                yield None
        elif k == "unknown":
            s.reject(BadRow(p, 1, "not a SIDER file (expected 2, 6 or 10 tab-separated columns)"))
    for p, k in kinds.items():
        if k not in ("se", "freq"):
            continue
        for i, row in enumerate(read_rows(p, delimiter="\t")):
            s.report.rows += 1
            try:
                _row(row, k, names, atc, s, f"{os.path.basename(p)}-{i}")
            except BadRow as err:
                s.reject(err)
            yield None


def _row(row: Row, kind: str, names: dict[str, str], atc: dict[str, list[str]], s: ImportSession, where: str) -> None:
    want = 6 if kind == "se" else 10
    f = row.fields
    if len(f) != want:
        raise row.bad(f"expected {want} tab-separated columns, found {len(f)}")
    flat, stereo = f[0].strip(), f[1].strip()
    cid = stitch_to_pubchem(flat)
    if cid is None:
        raise row.bad(f"not a STITCH compound id: {flat!r}")
    mtype, mcui, name = (f[3], f[4], f[5]) if kind == "se" else (f[7], f[8], f[9])
    if kind == "se" and mtype.strip() != "PT":
        return
    ids = [("PUBCHEM.COMPOUND", cid)]
    stereo_cid = stitch_to_pubchem(stereo)
    if stereo_cid and stereo_cid != cid:
        ids.append(("PUBCHEM.COMPOUND", stereo_cid))
    ids += [("ATC", code) for code in atc.get(flat, [])]
    drug = s.drug(DrugRef(ids=tuple(ids), names=(names[flat],) if flat in names else ()))
    effect = s.effect((("UMLS", mcui.strip()), ("UMLS", f[2].strip())) if f[2].strip() != mcui.strip() else (("UMLS", mcui.strip()),),
                      name.strip())
    if kind == "se":
        s.adverse_effect(drug, effect, where, level="database", stats={}, file=where.rsplit("-", 1)[0],
                         text=f"SIDER {s.ds.version}: side effect on the drug label (MedDRA preferred term)")
        return
    placebo = f[3].strip().lower() == "placebo"
    lower = number(row, f[5], "lower frequency bound")
    upper = number(row, f[6], "upper frequency bound")
    s.adverse_effect(drug, effect, where, level="database", frequency=f[4].strip() or None,
                     stats={"freq_lower": lower, "freq_upper": upper, "placebo": placebo}, file=where.rsplit("-", 1)[0],
                     text=f"SIDER {s.ds.version}: frequency of the side effect on the drug label "
                          "(bounds, and whether in a placebo arm, on each claim)")


FORMATS = [Format("sider", KEY, TITLE, "SIDER 4.1 meddra_all_se / meddra_freq / drug_names / drug_atc TSV[.gz]", run, version)]
