"""OnSIDES (https://github.com/tatonetti-lab/onsides): adverse reactions extracted from drug labels.

Supported: the v3 release CSVs (v3.0.0, v3.1.0), passed together as one import:
``product_adverse_effect.csv`` (``product_label_id``, ``effect_id``, ``label_section``,
``effect_meddra_id``, ``match_method``, ``pred0``, ``pred1``), ``product_to_rxnorm.csv``
(``label_id``, ``rxnorm_product_id``), ``vocab_rxnorm_ingredient_to_product.csv``
(``product_id``, ``ingredient_id``), ``vocab_rxnorm_ingredient.csv`` (``rxnorm_id``,
``rxnorm_name``, ``rxnorm_term_type``), ``vocab_meddra_adverse_effect.csv`` (``meddra_id``,
``meddra_name``, ``meddra_term_type``); ``product_label.csv`` is optional. Files are recognised by
their header. Each adverse effect of a label becomes one claim per ingredient of the labelled
product (by ingredient RxCUI), at the ``database`` level with the model score ``pred1``.

The two columns of ``vocab_rxnorm_ingredient_to_product`` are read by content: the one whose
value is an ingredient of ``vocab_rxnorm_ingredient`` is the ingredient (releases differ in
which column holds it). The v1/v2 ``adverse_reactions.csv`` layout is not supported.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator

from ..errors import DataError
from .base import BadRow, Format, Row, header_index, number, read_rows
from .identity import DrugRef
from .session import ImportSession

TABLES = {
    "product_adverse_effect": {"label": ("product_label_id",), "meddra": ("effect_meddra_id",),
                               "section": ("label_section",), "pred1": ("pred1",)},
    "product_to_rxnorm": {"label": ("label_id",), "product": ("rxnorm_product_id",)},
    "vocab_rxnorm_ingredient_to_product": {"a": ("product_id",), "b": ("ingredient_id",)},
    "vocab_rxnorm_ingredient": {"id": ("rxnorm_id",), "name": ("rxnorm_name",)},
    "vocab_meddra_adverse_effect": {"id": ("meddra_id",), "name": ("meddra_name",)},
}


def _table(path: str) -> str:
    for row in read_rows(path, delimiter=","):
        cols = {c.strip() for c in row.fields}
        for name, spec in TABLES.items():
            if all(s[0] in cols for s in spec.values()) and (name != "vocab_rxnorm_ingredient" or "rxnorm_term_type" in cols):
                if name == "product_to_rxnorm" and "source" in cols:
                    continue
                return name
        return "other"
    return "other"


def _read(path: str, table: str, s: ImportSession) -> Iterator[tuple[int, list[str], dict[str, int]]]:
    col: dict[str, int] | None = None
    width = 0
    for row in read_rows(path, delimiter=","):
        if col is None:
            col = header_index(row, TABLES[table])
            width = len(row.fields)
            continue
        s.report.rows += 1
        if len(row.fields) != width:
            s.reject(row.bad(f"expected {width} comma-separated columns, found {len(row.fields)}"))
            continue
        yield row.line, row.fields, col


def run(paths: list[str], s: ImportSession) -> Iterator[None]:
    by_table: dict[str, str] = {}
    for p in paths:
        t = _table(p)
        if t != "other":
            by_table[t] = p
    missing = [t for t in TABLES if t not in by_table]
    if missing:
        raise DataError(f"OnSIDES v3 import needs {', '.join(f'{m}.csv' for m in missing)} among the files given")
    ing_rows = _read(by_table["vocab_rxnorm_ingredient"], "vocab_rxnorm_ingredient", s)
    ingredients = {f[c["id"]].strip(): f[c["name"]].strip() for _, f, c in ing_rows}
    meddra_rows = _read(by_table["vocab_meddra_adverse_effect"], "vocab_meddra_adverse_effect", s)
    meddra = {f[c["id"]].strip(): f[c["name"]].strip() for _, f, c in meddra_rows}
    product_ingredients: dict[str, set[str]] = defaultdict(set)
    for _, f, c in _read(by_table["vocab_rxnorm_ingredient_to_product"], "vocab_rxnorm_ingredient_to_product", s):
        x, y = f[c["a"]].strip(), f[c["b"]].strip()
        ing, prod = (x, y) if x in ingredients else (y, x)
        product_ingredients[prod].add(ing)
    label_ingredients: dict[str, set[str]] = defaultdict(set)
    for _, f, c in _read(by_table["product_to_rxnorm"], "product_to_rxnorm", s):
        label_ingredients[f[c["label"]].strip()] |= product_ingredients.get(f[c["product"]].strip(), set())
    yield None
    path = by_table["product_adverse_effect"]
    base = os.path.basename(path)
    for line, f, c in _read(path, "product_adverse_effect", s):
        try:
            label, code = f[c["label"]].strip(), f[c["meddra"]].strip()
            pred1 = number_row(path, line, f[c["pred1"]])
            ings = sorted(label_ingredients.get(label, ()))
            if not ings:
                raise BadRow(path, line, f"label {label!r} has no RxNorm ingredient in the tables given")
            effect = s.effect((("MEDDRA", code),), meddra.get(code, ""))
            for ing in ings:
                drug = s.drug(DrugRef(ids=(("RXNORM", ing),), names=(ingredients[ing],)))
                s.adverse_effect(drug, effect, f"{base}-{line}-{ing}", level="database", stats={"pred1": pred1},
                                 text=f"OnSIDES {s.ds.version}: extracted from the {f[c['section']].strip()} section of label {label}")
        except BadRow as err:
            s.reject(err)
        yield None


def number_row(path: str, line: int, value: str) -> float | None:
    v = number(Row(path, line, []), value, "pred1")
    return float(v) if v is not None else None


def version(paths: list[str]) -> str:
    return "3"


FORMATS = [Format("onsides", "OnSIDES", "OnSIDES adverse reactions from drug labels", "OnSIDES v3 release CSVs (all tables together)",
                  run, version)]
