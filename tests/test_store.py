"""Loading: in memory, on disk (reopened without work), inference caching, bad inputs, packaging."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pyoxigraph as ox
import pytest

import drugkg
from drugkg import resources, store
from drugkg.namespaces import GRAPH_INFERRED

REPO = Path(__file__).resolve().parent.parent


def test_shipped_inferences_are_current() -> None:
    """ontology/inferred.nt was computed from the shipped modules (else load() would start a JVM)."""
    data = resources.shipped_inferences().read_bytes()
    digest = store.digest_of(store.shipped_sources())
    assert data.startswith(f"# digest: {digest}\n".encode()), "run: python scripts/build_inferences.py"


@pytest.mark.skipif(not drugkg.reasoning.java_available(), reason="HermiT needs Java")
def test_shipped_inferences_equal_a_fresh_hermit_run() -> None:
    s = ox.Store()
    s.extend(store.parse_all(store.shipped_sources()))
    fresh = set(store.compute_inferences(s))
    shipped = {(t.subject.value, t.predicate.value, t.object.value)
               for t in ox.parse(resources.shipped_inferences().read_bytes().partition(b"\n")[2], format=ox.RdfFormat.N_TRIPLES)}
    assert fresh == shipped


def test_on_disk_store_is_reopened_without_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kg"
    first = drugkg.load(path)
    n = len(first.store)
    assert first.info()["drugs"] >= 20
    del first

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("reopening must not parse or reason again")

    monkeypatch.setattr(store, "fill", fail)
    again = drugkg.load(path)
    assert len(again.store) == n and again.drug("baclofen").label == "baclofen"


def test_store_path_that_is_a_file(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(drugkg.StoreError, match="not a directory"):
        drugkg.load(f)


def test_store_in_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(drugkg.StoreError):
        drugkg.load(tmp_path / "other")
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"


def test_malformed_data_leaves_no_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(drugkg.DataError, match=r"bad\.ttl: malformed RDF"):
        drugkg.load(tmp_path / "kg", data=[bad])
    assert not (tmp_path / "kg").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".kg.building")]


@pytest.mark.skipif(not drugkg.reasoning.java_available(), reason="HermiT needs Java")
def test_user_data_is_reasoned_once_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRUGKG_CACHE_DIR", str(tmp_path / "cache"))
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix dkg: <https://w3id.org/drugkg/ontology/> .\n@prefix dkgr: <https://w3id.org/drugkg/resource/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "dkgr:drug-examplezine a dkg:Drug ; rdfs:label \"examplezine\" ; dkg:hasTargetAction dkgr:ta-examplezine .\n"
        "dkgr:ta-examplezine a dkg:TargetAction ; dkg:onTarget dkgr:target-DRD2 ; dkg:actionType dkgr:action-antagonist .\n",
        encoding="utf-8")
    kg = drugkg.load(data=[extra])
    assert kg.ask("ASK { dkgr:drug-examplezine a dkg:D2ReceptorAntagonist }")
    assert len(list((tmp_path / "cache").glob("inferred-*.nt"))) == 1
    monkeypatch.setattr(store, "compute_inferences", lambda s: (_ for _ in ()).throw(AssertionError("recomputed")))
    again = drugkg.load(data=[extra])
    assert again.ask("ASK { dkgr:drug-examplezine a dkg:D2ReceptorAntagonist }")
    assert any(True for _ in again.store.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH_INFERRED)))


def test_wheel_installs_into_clean_venv_and_loads_elsewhere(tmp_path: Path) -> None:
    """pip install . (not editable) and run from another directory: data files come from the wheel."""
    if os.environ.get("DRUGKG_SKIP_INSTALL_TEST"):
        pytest.skip("DRUGKG_SKIP_INSTALL_TEST is set")
    wheel_dir = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(REPO)],
                   check=True, capture_output=True)
    [wheel] = list(wheel_dir.glob("drugkg-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # reuse the test environment's installed dependencies (appended after the venv's own
    # site-packages, so the package itself comes only from the wheel)
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import drugkg, sys; kg = drugkg.load(); "
            "print(drugkg.__file__); print(kg.info()['drugs']); print(kg.risky_combinations(drugs=['baclofen'])[0].drugs)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([str(py), "-c", code], cwd=elsewhere, capture_output=True, text=True, env=env, check=True)
    where, drugs, top = proc.stdout.strip().splitlines()
    assert str(venv) in where and str(REPO) not in where
    assert int(drugs) >= 20 and "baclofen" in top
    cli = subprocess.run([str(venv / "bin" / "drugkg"), "query", "--list"], cwd=elsewhere, capture_output=True, text=True, env=env,
                         check=False)
    assert cli.returncode == 0 and "combination-risk" in cli.stdout
