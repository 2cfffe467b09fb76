"""DrugBank full database XML (https://go.drugbank.com/releases), streamed with ``iterparse``.

Per ``<drug>`` (namespace ``http://www.drugbank.ca``, schema ``drugbank.xsd`` 5.x): the primary
``drugbank-id``, ``name``, ``synonyms``, ``international-brands``, ``external-identifiers``
(``ChEBI``, ``PubChem Compound``, ``RxCUI``), ``atc-codes``, ``categories``, the
``targets``/``enzymes``/``transporters``/``carriers`` with their ``actions`` and polypeptide
``gene-name``, and ``drug-interactions`` (partner id and description). Each drug element is freed
once read, so memory stays flat over the 1.5 GB file. Supported: DrugBank 5.0 and 5.1 schemas.

Target actions become ``dkg:TargetAction`` claims (so the drug is classified: D2 antagonist,
CYP2D6 inhibitor...); interactions become ``dkg:Interaction`` claims with their description and no
outcome class (DrugBank gives the outcome as free text only).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from .base import BadRow, Format, open_binary
from .identity import DrugRef
from .session import ImportSession
from .writer import dkg, lit

NS = "{http://www.drugbank.ca}"
RESOURCES = {"ChEBI": "CHEBI", "PubChem Compound": "PUBCHEM.COMPOUND", "RxCUI": "RXNORM"}
PARTNERS = ("targets", "enzymes", "transporters", "carriers")
ACTION_NAMES = {"blocker": "antagonist", "potentiator": "positive allosteric modulator"}


def _text(el: ET.Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def version(paths: list[str]) -> str:
    with open_binary(paths[0]) as fh:
        for _, el in ET.iterparse(fh, events=("start",)):
            return el.get("version") or "5"
    return "5"


def run(paths: list[str], s: ImportSession) -> Iterator[None]:
    for path in paths:
        base = os.path.basename(path)
        with open_binary(path) as fh:
            depth = 0
            n = 0
            try:
                for event, el in ET.iterparse(fh, events=("start", "end")):
                    if event == "start":
                        depth += 1
                        continue
                    depth -= 1
                    if el.tag == f"{NS}drug" and depth == 1:
                        n += 1
                        s.report.rows += 1
                        try:
                            _drug(el, s, f"{base}-{n}")
                        except BadRow as err:
                            s.reject(err)
                        el.clear()
                        yield None
            except ET.ParseError as exc:
                raise BadRow(path, exc.position[0], f"malformed XML: {exc}") from None


def _drug(el: ET.Element, s: ImportSession, where: str) -> None:
    primary = next((_text(i) for i in el.findall(f"{NS}drugbank-id") if i.get("primary") == "true"), "")
    name = _text(el.find(f"{NS}name"))
    if not primary or not name:
        raise BadRow(where.rsplit("-", 1)[0], 0, f"drug #{where.rsplit('-', 1)[-1]} has no primary drugbank-id or name")
    ids = [("DRUGBANK", primary)]
    for x in el.iterfind(f"{NS}external-identifiers/{NS}external-identifier"):
        scheme = RESOURCES.get(_text(x.find(f"{NS}resource")))
        value = _text(x.find(f"{NS}identifier"))
        if scheme and value:
            ids.append((scheme, value.removeprefix("CHEBI:")))
    ids += [("ATC", c.get("code", "")) for c in el.iterfind(f"{NS}atc-codes/{NS}atc-code") if c.get("code")]
    synonyms = [_text(x) for x in el.iterfind(f"{NS}synonyms/{NS}synonym")]
    brands = [_text(x.find(f"{NS}name")) for x in el.iterfind(f"{NS}international-brands/{NS}international-brand")]
    drug = s.drug(DrugRef(ids=tuple(ids), names=(name, *synonyms)), label=name, extra_names=brands)
    for cat in el.iterfind(f"{NS}categories/{NS}category/{NS}category"):
        if _text(cat):
            s.w.triple(drug, dkg("category"), lit(_text(cat)))
    for group in PARTNERS:
        for i, partner in enumerate(el.iterfind(f"{NS}{group}/{NS}{group[:-1]}")):
            gene = _text(partner.find(f"{NS}polypeptide/{NS}gene-name"))
            if not gene:
                continue
            label = _text(partner.find(f"{NS}name"))
            actions = [_text(a).lower() for a in partner.iterfind(f"{NS}actions/{NS}action") if _text(a)] or ["unknown"]
            for raw in actions:
                action = ACTION_NAMES.get(raw, raw)
                s.target_action(drug, gene, action, label, f"{where}-{group}-{i}-{action.replace(' ', '-')}")
    for i, x in enumerate(el.iterfind(f"{NS}drug-interactions/{NS}drug-interaction")):
        other_id, other_name = _text(x.find(f"{NS}drugbank-id")), _text(x.find(f"{NS}name"))
        if not other_id or other_id < primary:  # each pair once: the release lists it from both sides
            continue
        other = s.drug(DrugRef(ids=(("DRUGBANK", other_id),), names=(other_name,) if other_name else ()), label=other_name)
        s.interaction((drug, other), "", f"{where}-ddi-{i}", level="database", stats={},
                      text=_text(x.find(f"{NS}description")), label=f"{name.lower()} + {other_name.lower()}")


FORMATS = [Format("drugbank", "DrugBank", "DrugBank full database", "DrugBank full-database XML[.gz]", run, version)]
