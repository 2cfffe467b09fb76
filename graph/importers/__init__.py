"""Importers of researchers' datasets: one module per format over a shared streaming writer.

Formats are registered in one place, :data:`MODULES`, like rdflib's parser plugins: a module
lists its :class:`~drugkg.importers.base.Format` objects in ``FORMATS``; adding a format is one
module (and its test) plus its name here. :func:`drugkg.store.datasets.import_files` runs them.

Examples
--------
>>> sorted(formats())
['drugbank', 'offsides', 'onsides', 'rdf', 'sider', 'twosides']
>>> get("twosides").key
'TWOSIDES'
"""

from __future__ import annotations

import importlib

from ..errors import DataError
from .base import BadRow, Format, Report

#: Importer modules (siblings of this package), each with a ``FORMATS`` list.
MODULES = ("sider", "nsides", "onsides", "drugbank", "rdf")


def formats() -> dict[str, Format]:
    """Every registered format by name."""
    out: dict[str, Format] = {}
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for f in module.FORMATS:
            out[f.name] = f
    return out


def get(name: str) -> Format:
    """The format called ``name``; unknown names fail with the list of known ones."""
    known = formats()
    if name.lower() not in known:
        raise DataError(f"unknown import format {name!r} (use one of {', '.join(sorted(known))})")
    return known[name.lower()]


__all__ = ["MODULES", "BadRow", "Format", "Report", "formats", "get"]
