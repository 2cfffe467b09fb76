"""On-disk stores and caches cannot be corrupted, are checked, and can be read by many at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import drugkg
from drugkg.store import inferences
from drugkg.store.build import MANIFEST


def _drugkg(*argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "drugkg.cli", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_racing_builders_never_corrupt_the_store(tmp_path: Path) -> None:
    """The reported race: several `drugkg info --store s` at once on a missing store, three times."""
    for run in range(3):
        store = tmp_path / f"s{run}"
        procs = [_drugkg("info", "--store", str(store)) for _ in range(3)]
        results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
        assert all(code == 0 and "triples" in out for code, out, _ in results), results
        assert len({out for _, out, _ in results}) == 1
        again = subprocess.run([sys.executable, "-m", "drugkg.cli", "info", "--store", str(store)], capture_output=True,
                               text=True, check=False)
        assert again.returncode == 0 and again.stdout == results[0][1]
        assert not list(tmp_path.glob(f".s{run}.building-*"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "kg"
    drugkg.load(path).close()
    return path


def test_read_only_opens_in_one_process_and_while_another_holds_it(built: Path) -> None:
    a = drugkg.load(built)
    b = drugkg.load(built)
    holder = subprocess.Popen([sys.executable, "-c", f"import drugkg, time; kg = drugkg.load({str(built)!r}); print('ok', flush=True); "
                               "time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        c = drugkg.load(built)
        assert a.info() == b.info() == c.info()
        assert a.sparql("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == c.sparql("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    finally:
        holder.kill()
        holder.wait()


def test_close_and_with(built: Path) -> None:
    with drugkg.load(built) as kg:
        assert kg.drug("baclofen").label == "baclofen"
    with pytest.raises(drugkg.StoreError, match="is closed"):
        kg.info()


def test_damaged_store_is_reported_then_rebuilt(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kg"
    drugkg.load(path).close()
    sst = sorted(path.glob("*.sst"))[0]
    with open(sst, "ab") as fh:
        fh.write(b"garbage")
    code, _, err = cli("info", "--store", str(path))
    assert code == 3 and f"damaged store (file {sst.name} was modified: " in err and "--rebuild" in err
    code, out, err = cli("info", "--store", str(path), "--rebuild")
    assert code == 0 and "triples" in out, err
    assert cli("info", "--store", str(path))[0] == 0
    (path / MANIFEST).write_text("{not json")
    code, _, err = cli("info", "--store", str(path))
    assert code == 3 and "damaged store" in err


def _flip_byte(path: Path, *, keep_time: bool) -> None:
    """Change one byte in place (same size); with ``keep_time``, as a disk error would: the modification time stays."""
    st = path.stat()
    with open(path, "r+b") as fh:
        fh.seek(st.st_size // 2)
        byte = fh.read(1)
        fh.seek(st.st_size // 2)
        fh.write(bytes([byte[0] ^ 0xFF]))
    if keep_time:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_open_checks_sizes_times_and_metadata_digests_and_full_checks_every_digest(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    from drugkg.store import check_store

    path = tmp_path / "kg"
    drugkg.load(path).close()
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == 2 and all({"size", "mtime_ns", "sha256"} <= set(e) for e in manifest["files"].values())
    assert check_store(path) is None and cli("validate", "--no-reasoner", "--store", str(path), "--full")[0] == 0
    sst = max(path.glob("*.sst"), key=lambda f: f.stat().st_size)
    # damage that changes neither size nor time: opening leaves it to RocksDB's block checksums; the full check finds it
    _flip_byte(sst, keep_time=True)
    drugkg.load(path).close()
    assert check_store(path, full=False) is None
    assert check_store(path) == f"file {sst.name} was modified: its SHA-256 is not the recorded one"
    code, out, _ = cli("validate", "--no-reasoner", "--store", str(path), "--full")
    assert code == 1 and f"store: {path}: sha256: file {sst.name} was modified" in out
    # a data file written again (new time) is hashed at open
    _flip_byte(sst, keep_time=True)  # back to the recorded bytes
    os.utime(sst, ns=(0, 10**18))
    drugkg.load(path).close()  # a copy without its times is still accepted
    _flip_byte(sst, keep_time=False)
    with pytest.raises(drugkg.StoreError, match=f"file {sst.name} was modified"):
        drugkg.load(path)
    # RocksDB's metadata files are always hashed
    drugkg.load(path, rebuild=True).close()
    options = next(path.glob("OPTIONS-*"))
    _flip_byte(options, keep_time=True)
    with pytest.raises(drugkg.StoreError, match=f"file {options.name} was modified"):
        drugkg.load(path)


def test_a_format_1_manifest_is_still_checked_by_digest(tmp_path: Path) -> None:
    path = tmp_path / "kg"
    drugkg.load(path).close()
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    manifest.update(format=1, files={name: e["sha256"] for name, e in manifest["files"].items()})
    (path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    drugkg.load(path).close()
    sst = sorted(path.glob("*.sst"))[-1]
    _flip_byte(sst, keep_time=True)
    with pytest.raises(drugkg.StoreError, match=f"file {sst.name} was modified"):
        drugkg.load(path)


def test_full_check_needs_a_store(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("validate", "--no-reasoner", "--full")
    assert code == 2 and "--full checks the files of an on-disk store" in err


def test_foreign_directory_is_refused_before_anything_is_written(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    user = tmp_path / "userdir"
    user.mkdir()
    (user / "notes.txt").write_text("mine")
    before = sorted(p.name for p in tmp_path.iterdir()), sorted(p.name for p in user.iterdir())
    code, _, err = cli("info", "--store", str(user))
    assert code == 3 and "not a drugkg store" in err
    assert (sorted(p.name for p in tmp_path.iterdir()), sorted(p.name for p in user.iterdir())) == before
    code, _, err = cli("info", "--store", str(user), "--rebuild")
    assert code == 3 and (user / "notes.txt").read_text() == "mine"


def test_leftovers_of_an_interrupted_build_are_cleaned(tmp_path: Path) -> None:
    leftover = tmp_path / ".kg.building-abc123"
    leftover.mkdir()
    (leftover / "000001.sst").write_bytes(b"half")
    drugkg.load(tmp_path / "kg").close()
    assert not leftover.exists()


def test_a_killed_builder_leaves_no_store_behind(tmp_path: Path) -> None:
    proc = _drugkg("info", "--store", str(tmp_path / "kg"))
    time.sleep(0.6)
    proc.kill()
    proc.wait()
    assert not (tmp_path / "kg").exists() or (tmp_path / "kg" / MANIFEST).exists()
    assert drugkg.load(tmp_path / "kg").info()["drugs"] > 10


def test_empty_directory_is_used(tmp_path: Path) -> None:
    (tmp_path / "kg").mkdir()
    assert drugkg.load(tmp_path / "kg").info()["drugs"] > 10


@pytest.mark.parametrize("damage", ["append", "truncate"])
def test_damaged_inference_cache_is_rejected_and_recomputed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setenv("DRUGKG_CACHE_DIR", str(tmp_path))
    iri = "https://w3id.org/drugkg/resource/x"
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    cache = tmp_path / "inferred-d.nt"
    inferences.write_inferences_file(cache, "d", [(iri, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", iri)])
    data = cache.read_bytes()
    cache.write_bytes(data + f'<{iri}> <{label}> "POISONED" .\n'.encode() if damage == "append" else data[:-10])
    with pytest.raises(drugkg.StoreError, match="damaged inference cache"):
        inferences.read_inferences_file(cache.read_bytes(), "d")
    computed: list[int] = []
    monkeypatch.setattr(inferences, "compute_inferences", lambda store: computed.append(1) or [])
    quads = inferences.inferences_for(None, "d", use_shipped=False)  # type: ignore[arg-type]
    assert computed == [1] and quads == []
    assert b"POISONED" not in cache.read_bytes() and inferences.read_inferences_file(cache.read_bytes(), "d") == []


def test_cache_without_write_access_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o500)
    monkeypatch.setenv("DRUGKG_CACHE_DIR", str(ro / "cache"))
    assert drugkg.load().info()["drugs"] > 10  # the shipped closure needs no cache
