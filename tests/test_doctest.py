"""Run the docstring examples of every drugkg module as doctests (they are part of the docs)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import drugkg

MODULES = sorted(m.name for m in pkgutil.walk_packages(drugkg.__path__, "drugkg.") if not m.name.endswith(".__main__"))


def test_every_module_is_collected() -> None:
    rooms = {"drugkg.kg", "drugkg.cli", "drugkg.answers", "drugkg.traversal", "drugkg.sparql", "drugkg.store",
             "drugkg.export", "drugkg.reasoning", "drugkg.answers.risk", "drugkg.export.html"}
    assert rooms <= set(MODULES)


@pytest.mark.parametrize("name", ["drugkg", *MODULES])
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, report=True)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
