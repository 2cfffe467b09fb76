"""The command line on a corpus of bad inputs: one line of error, the documented exit code, never a traceback.

Each case runs in-process (``main``) and as a subprocess (``python -m drugkg.cli``), so a crash of
the process (segfault, abort, out of memory) would show as a wrong exit code.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "bad-inputs"


def _made(tmp: Path) -> dict[str, str]:
    """Inputs too large or too special to keep in the repository."""
    (tmp / "long-path.rq").write_text("SELECT * WHERE { ?s " + "/".join(["rdfs:label"] * 20_000) + " ?o }\n")
    (tmp / "long-sum.rq").write_text("SELECT * WHERE { FILTER(" + "+".join(["1"] * 20_000) + " > 0) }\n")
    (tmp / "big-literal.ttl").write_text('<https://w3id.org/drugkg/resource/x> <http://www.w3.org/2000/01/rdf-schema#comment> "'
                                         + "x" * 2_000_000 + '" .\n')
    zero = tmp / "zero.ttl"
    if not zero.exists():
        zero.symlink_to("/dev/zero")
    for fifo in (tmp / "fifo.ttl", tmp / "fifo.rq"):
        if not fifo.exists():
            os.mkfifo(fifo)
    (tmp / "dir.ttl").mkdir(exist_ok=True)
    return {"t": str(tmp), "d": str(BAD)}


#: (argv, exit code, a fragment of the one-line message)
CASES: list[tuple[list[str], int, str]] = [
    (["query", "{d}/service-after-cr-comment.rq"], 2, "uses SERVICE (line 2, column 1)"),
    (["query", "{d}/service-after-escaped-hash.rq"], 2, "uses SERVICE"),
    (["query", "{d}/service-after-escaped-quote.rq"], 2, "uses SERVICE"),
    (["query", "{d}/service-silent.rq"], 2, "uses SERVICE"),
    (["query", "{d}/load.rq"], 2, "uses LOAD"),
    (["query", "{d}/update.rq"], 2, "updates are not allowed"),
    (["query", "{d}/remote-from.rq"], 2, "only the store's own graphs"),
    (["query", "{d}/deep-braces.rq"], 2, "nests deeper than 100 levels"),
    (["query", "{d}/deep-parens.rq"], 2, "nests deeper than 100 levels"),
    (["query", "{t}/long-path.rq"], 2, "chains more than 1000 operators"),
    (["query", "{t}/long-sum.rq"], 2, "chains more than 1000 operators"),
    (["query", "{d}/not-utf8.rq"], 2, "not UTF-8 text: invalid byte 0xe9 at line 1, column 28"),
    (["query", "/bin/ls"], 2, "/bin/ls: not UTF-8 text"),
    (["query", "{d}/malformed.rq"], 2, "malformed SPARQL: error at line 1, column"),
    (["query", "/dev/zero"], 2, "not a regular file (a character device)"),
    (["query", "{t}/fifo.rq"], 2, "fifo.rq: not a regular file (a FIFO)"),
    (["query", "{t}/missing.rq"], 2, "missing.rq: cannot read query file: No such file"),
    (["info", "--data", "{d}/malformed.ttl"], 2, "malformed.ttl: malformed RDF"),
    (["info", "--data", "{d}/not-utf8.ttl"], 2, "not-utf8.ttl: not UTF-8 text: invalid byte 0xe9 at line 1, column 89"),
    (["info", "--data", "{d}/billion-laughs.rdf"], 2, "DOCTYPE or ENTITY declaration is refused"),
    (["info", "--data", "{d}/typed-nothing.ttl"], 2, "typed-nothing.ttl: dkgr:evil: typed owl:Nothing"),
    (["info", "--data", "{d}/drug-equivalent-to-nothing.ttl"], 2, "dkg:Drug: declared a subclass of or equivalent to owl:Nothing"),
    (["info", "--data", "{d}/disjoint-types.ttl"], 2, "dkgr:drug-lithium: typed with two disjoint classes"),
    (["info", "--data", "{d}/relabel-drug.ttl"], 2, "dkgr:drug-clozapine: duplicate drug label: 'baclofen'"),
    (["info", "--data", "{d}/remote-context.jsonld"], 2, "No LoadDocumentCallback has been set to load remote contexts"),
    (["info", "--data", "{d}/unknown-extension.csv"], 2, "unknown RDF file extension '.csv'"),
    (["info", "--data", "{t}/big-literal.ttl"], 2, "longer than the limit of 1,000,000"),
    (["info", "--data", "{t}/big-literal.ttl", "--max-file-size", "1000"], 2, "larger than the limit of 1,000 bytes"),
    (["info", "--data", "{t}/zero.ttl"], 2, "zero.ttl: not a regular file (a character device)"),
    (["info", "--data", "{t}/fifo.ttl"], 2, "fifo.ttl: not a regular file (a FIFO)"),
    (["info", "--data", "{t}/dir.ttl"], 2, "dir.ttl: not a regular file (a directory)"),
    (["effects", "dkg:any"], 2, "unknown drug 'dkg:any'"),
    (["info", "--store", "{t}/fifo.ttl"], 3, "exists and is not a directory"),
    (["export", "-o", "{t}/fifo.ttl", "--format", "turtle", "--focus", "baclofen"], 2, "it is a FIFO, not a regular file"),
    (["export", "-o", "{t}/dir.ttl", "--format", "turtle", "--focus", "baclofen"], 2, "it is a directory, not a regular file"),
    (["query", "--timeout", "nan", "graph-summary"], 2, "needs a positive number of seconds"),
]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _made(tmp_path_factory.mktemp("bad"))


def _argv(case: list[str], made: dict[str, str]) -> list[str]:
    return [a.format(**made) for a in case]


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(("argv", "code", "needle"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_in_process(cli, made: dict[str, str], argv: list[str], code: int, needle: str) -> None:  # type: ignore[no-untyped-def]
    rc, _out, err = cli(*_argv(argv, made))
    line = _one_line(err)
    assert (rc, line.startswith("drugkg")) == (code, True), err
    assert needle in line, line
    assert ".part" not in line and ".building-" not in line  # messages name the user's paths


@pytest.mark.parametrize(("argv", "code", "needle"), [c for c in CASES if c[0][0] in ("query", "info")][::3],
                         ids=[" ".join(c[0])[:60] for c in CASES if c[0][0] in ("query", "info")][::3])
def test_as_subprocess(made: dict[str, str], argv: list[str], code: int, needle: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "drugkg.cli", *_argv(argv, made)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == code, proc.stderr
    assert needle in _one_line(proc.stderr)


def test_the_crashing_queries_do_not_crash_a_subprocess(made: dict[str, str]) -> None:
    """The queries that used to kill the process (exit 139) end with exit 2."""
    for name in ("{d}/deep-braces.rq", "{d}/deep-parens.rq", "{t}/long-path.rq", "{t}/long-sum.rq"):
        proc = subprocess.run([sys.executable, "-m", "drugkg.cli", "query", name.format(**made)], capture_output=True,
                              text=True, timeout=120, check=False)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr


def test_no_connection_from_the_corpus(made: dict[str, str], cli) -> None:  # type: ignore[no-untyped-def]
    """Every SERVICE/LOAD/FROM file of the corpus, pointed at a live listener: nothing connects."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    srv.settimeout(0.2)
    port = srv.getsockname()[1]
    hits: list[object] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                hits.append(srv.accept())
            except OSError:
                continue

    stop = threading.Event()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        for f in sorted(BAD.glob("*.rq")):
            text = f.read_bytes().replace(b"127.0.0.1:9/", f"127.0.0.1:{port}/".encode())
            copy = Path(made["t"]) / f.name
            copy.write_bytes(text)
            rc, _, err = cli("query", str(copy))
            assert rc == 2, err
    finally:
        stop.set()
        thread.join()
        srv.close()
    assert hits == []
