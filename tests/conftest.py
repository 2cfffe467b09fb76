"""Shared fixtures: one loaded graph and its NetworkX projection per test session."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import drugkg
from drugkg.cli import main


@pytest.fixture(scope="session")
def kg() -> drugkg.KnowledgeGraph:
    return drugkg.load()


@pytest.fixture(scope="session")
def nxg(kg: drugkg.KnowledgeGraph):  # type: ignore[no-untyped-def]
    return kg.to_networkx()


@pytest.fixture
def cli() -> Callable[..., tuple[int, str, str]]:
    """Run ``drugkg ARGS...`` in-process; returns (exit code, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
        return code, out.getvalue(), err.getvalue()

    return run


CONTRACT = Path(__file__).parent / "data" / "rules-contract.ttl"


@pytest.fixture(scope="session")
def contract_kg() -> drugkg.KnowledgeGraph:
    """The curated graph plus the made-up drugs of ``tests/data/rules-contract.ttl``, loaded without
    the reasoner (the fixture states the types it needs), for testing every rule."""
    import pyoxigraph as ox

    from drugkg import store

    shipped = store.shipped_sources()
    s = ox.Store()
    store.fill(s, shipped, store.digest_of(shipped))
    s.extend(store.parse_all(store.user_sources([CONTRACT])))
    return drugkg.KnowledgeGraph(s)
