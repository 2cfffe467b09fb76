"""Names a package re-exports from its modules, imported on first use (:pep:`562`).

The command line reads its arguments, looks in the answer cache and starts loading the graph
before it imports the code that answers; packages whose ``__init__`` re-exported everything
eagerly would import it all at the first ``from drugkg.store import ...``.

Examples
--------
>>> __getattr__ = exports("json", {"JSONDecoder": "decoder"})
>>> __getattr__("JSONDecoder").__name__
'JSONDecoder'
>>> __getattr__("nothing")
Traceback (most recent call last):
...
AttributeError: module 'json' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def exports(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name of ``homes`` from the module of the
    package it names (``name -> module``), imported once and then kept in the package.

    No name may also be a module of the package: importing that module sets the package's
    attribute to the module, which would then stand in for the name.
    """

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
