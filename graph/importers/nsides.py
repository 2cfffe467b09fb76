"""nSIDES OFFSIDES and TWOSIDES (https://tatonettilab.org/offsides/): FAERS disproportionality signals.

CSV with the released header (plain, gzip; the release's ``.csv.xz`` must be decompressed first):

* OFFSIDES: ``drug_rxnorn_id`` (sic, the release's spelling; ``drug_rxnorm_id`` also accepted),
  ``drug_concept_name``, ``condition_meddra_id``, ``condition_concept_name``, ``A``, ``B``, ``C``,
  ``D``, ``PRR``, ``PRR_error``, ``mean_reporting_frequency``;
* TWOSIDES: ``drug_1_rxnorn_id``, ``drug_1_concept_name``, ``drug_2_rxnorm_id``,
  ``drug_2_concept_name``, then the same condition and statistic columns.

Each row becomes a claim whose evidence is a *pharmacovigilance signal*: a statistical association
in spontaneous reports, never a cause. Supported: nSIDES release v0.1 (2019).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from .base import BadRow, Format, Row, header_index, number, read_rows
from .identity import DrugRef
from .session import ImportSession

STATS = {"a": ("A",), "b": ("B",), "c": ("C",), "d": ("D",), "prr": ("PRR",), "prr_error": ("PRR_error",),
         "mean_reporting_frequency": ("mean_reporting_frequency",)}
CONDITION = {"meddra": ("condition_meddra_id",), "condition": ("condition_concept_name",)}
DRUG = {"rx": ("drug_rxnorn_id", "drug_rxnorm_id"), "name": ("drug_concept_name",)}
PAIR = {"rx1": ("drug_1_rxnorn_id", "drug_1_rxnorm_id"), "name1": ("drug_1_concept_name",),
        "rx2": ("drug_2_rxnorm_id", "drug_2_rxnorn_id"), "name2": ("drug_2_concept_name",)}


def _stats(row: Row, col: dict[str, int]) -> dict[str, float | int | bool | None]:
    out: dict[str, float | int | bool | None] = {}
    for key, (name,) in STATS.items():
        out[key] = number(row, row.fields[col[key]], name, integer=key in "abcd")
    if out["prr"] is None:
        raise row.bad("PRR is empty")
    return out


def _text(what: str) -> str:
    return (f"disproportionality signal in FAERS reports ({what}); each claim carries its PRR, PRR error, "
            "report counts A-D and mean reporting frequency; a reporting association, not evidence of causation")


def _rows(paths: list[str], s: ImportSession, columns: dict[str, tuple[str, ...]]) -> Iterator[tuple[Row, dict[str, int], str]]:
    for p in paths:
        col: dict[str, int] | None = None
        width = 0
        base = os.path.basename(p)
        for row in read_rows(p, delimiter=","):
            if col is None:
                col = header_index(row, columns)  # a wrong header is not a row to skip: the file is another format
                width = len(row.fields)
                continue
            s.report.rows += 1
            if len(row.fields) != width:
                s.reject(row.bad(f"expected {width} comma-separated columns, found {len(row.fields)}"
                                 if row.fields else "undecodable or badly quoted line"))
                continue
            yield row, col, base


def run_offsides(paths: list[str], s: ImportSession) -> Iterator[None]:
    text = _text("OFFSIDES, single drug")
    for row, col, base in _rows(paths, s, {**DRUG, **CONDITION, **{k: v for k, v in STATS.items()}}):
        f = row.fields
        try:
            stats = _stats(row, col)
            drug = s.drug(DrugRef(ids=(("RXNORM", f[col["rx"]].strip()),), names=(f[col["name"]].strip(),)))
            effect = s.effect((("MEDDRA", f[col["meddra"]].strip()),), f[col["condition"]].strip())
            s.adverse_effect(drug, effect, f"{base}-{row.line}", level="signal", stats=stats, text=text, file=base)
        except BadRow as err:
            s.reject(err)
        yield None


def run_twosides(paths: list[str], s: ImportSession) -> Iterator[None]:
    text = _text("TWOSIDES, drug pair")
    for row, col, base in _rows(paths, s, {**PAIR, **CONDITION, **{k: v for k, v in STATS.items()}}):
        f = row.fields
        try:
            stats = _stats(row, col)
            a = s.drug(DrugRef(ids=(("RXNORM", f[col["rx1"]].strip()),), names=(f[col["name1"]].strip(),)))
            b = s.drug(DrugRef(ids=(("RXNORM", f[col["rx2"]].strip()),), names=(f[col["name2"]].strip(),)))
            if a == b:
                raise row.bad("both drugs of the pair are the same drug")
            effect = s.effect((("MEDDRA", f[col["meddra"]].strip()),), f[col["condition"]].strip())
            label = f"{f[col['name1']].strip().lower()} + {f[col['name2']].strip().lower()}"
            s.interaction((a, b), effect, f"{base}-{row.line}", level="signal", stats=stats, label=label,
                          text=text, file=base)
        except BadRow as err:
            s.reject(err)
        yield None


def version(paths: list[str]) -> str:
    return "0.1"


FORMATS = [
    Format("offsides", "OFFSIDES", "nSIDES OFFSIDES single-drug FAERS signals", "nSIDES OFFSIDES.csv[.gz]", run_offsides, version),
    Format("twosides", "TWOSIDES", "nSIDES TWOSIDES drug-pair FAERS signals", "nSIDES TWOSIDES.csv[.gz]", run_twosides, version,
           signals=True),
]
