"""Outputs: devices written to, never replaced; FIFOs and directories refused; labels neutralised."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import time
from pathlib import Path

import networkx as nx
import pytest

import drugkg
from drugkg.export import render_html
from drugkg.traversal import neighbourhood


def test_export_to_a_device_writes_to_it_and_keeps_it(kg: drugkg.KnowledgeGraph) -> None:
    before = os.stat("/dev/null")
    kg.export("/dev/null", format="turtle", focus="baclofen")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_export_refuses_a_fifo_without_blocking(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    fifo = tmp_path / "out.ttl"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(drugkg.ExportError, match="it is a FIFO"):
        kg.export(fifo, format="turtle", focus="baclofen")
    assert time.monotonic() - start < 5 and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_export_through_a_symlink_replaces_the_target_not_the_link(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    kg.export(link, format="turtle", focus="baclofen")
    assert link.is_symlink() and "baclofen" in real.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_write_errors_name_the_users_path(kg: drugkg.KnowledgeGraph, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o500)
    if os.access(ro, os.W_OK):  # root writes anywhere
        pytest.skip("running as root")
    code, _, err = cli("export", "-o", str(ro / "a.html"), "--focus", "baclofen")
    assert code in (2, 3) and "a.html" in err and ".part" not in err


@pytest.mark.parametrize("evil", ["red\x1b[31mALERT\x1b[0m", "bell\x07", "csi\x9b31m", "bidi\u202eevil", "cr\roverwrite"])
def test_terminal_output_is_neutralised(evil: str) -> None:
    from drugkg.cli.base import TerminalSafe, table

    buf = io.StringIO()
    TerminalSafe(buf).write(table([{"label": evil}]) + "\n")
    text = buf.getvalue()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert re.search(r"\\u(00[0-9a-f]{2}|202e)", text)


@pytest.mark.parametrize("evil", ["red\x1b[31mALERT\x1b[0m", "bell\x07", "csi\x9b31m", "bidi\u202eevil", "ok \u00b5g \u2265 5"])
def test_bytes_are_neutralised_as_text_is(evil: str) -> None:
    from drugkg.cli.base import neutralise, neutralise_bytes

    data = neutralise_bytes(evil.encode())
    assert data == neutralise(evil).encode()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", data.decode())


def test_a_json_answer_goes_to_the_binary_buffer_after_earlier_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from drugkg.cli import main

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8")
    out.write("before\n")  # text still in the wrapper's buffer comes first
    monkeypatch.setattr("sys.stdout", out)
    assert main(["risk", "--drug", "lithium", "--format", "json"]) == 0
    out.flush()
    head, body = raw.getvalue().split(b"\n", 1)
    pairs = json.loads(body)
    assert head == b"before" and pairs and all("lithium" in p["drugs"] for p in pairs)


def test_cli_output_of_a_user_query_is_neutralised(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q = tmp_path / "evil.rq"
    q.write_text('SELECT ?label WHERE { BIND("x\\u001b[2Jy" AS ?label) }\n')
    code, out, _ = cli("query", str(q))
    assert code == 0 and "\x1b" not in out and "x\\u001b[2Jy" in out
    code, out, _ = cli("query", str(q), "--format", "json")
    assert json.loads(out) == [{"label": "x\x1b[2Jy"}]  # JSON keeps the value: the escape is a JSON escape


def test_csv_formulas_are_neutralised(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q = tmp_path / "formula.rq"
    q.write_text('SELECT ?a ?b ?c WHERE { BIND("=HYPERLINK(\\"http://evil\\")" AS ?a) BIND("-2" AS ?b) BIND("@SUM(A1)" AS ?c) }\n')
    _code, out, _ = cli("query", str(q), "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert row == {"a": "'=HYPERLINK(\"http://evil\")", "b": "-2", "c": "'@SUM(A1)"}


@pytest.mark.parametrize("label", ["<!-- x", "</script><script>alert(1)</script>", "a & b <b>", "\u2028line", "'\"\\"])
def test_html_payload_round_trips_any_label(label: str) -> None:
    g = nx.MultiDiGraph()
    g.add_node("dkgr:x", type="drug", label=label, iri="https://w3id.org/drugkg/resource/x")
    page = render_html(g, "t")
    m = re.search(r'<script type="application/json" id="drugkg-data">(.*?)</script>', page, re.S)
    assert m is not None
    assert "<" not in m.group(1) and "-->" not in m.group(1)
    data = json.loads(m.group(1))
    assert [n[1] for n in data["nodes"]] == [label]


def test_traversal_stops_when_nothing_new_is_reached(nxg: nx.MultiDiGraph) -> None:
    start = time.monotonic()
    huge = neighbourhood(nxg, "dkgr:drug-baclofen", 10**9)
    assert time.monotonic() - start < 10
    assert set(huge) == set(neighbourhood(nxg, "dkgr:drug-baclofen", 50))


def test_api_misuse_raises_the_project_errors(kg: drugkg.KnowledgeGraph) -> None:
    with pytest.raises(drugkg.DrugKGError):
        kg.evidence(None)  # type: ignore[arg-type]
    with pytest.raises(drugkg.DataError, match=r"data=\['x.ttl'\]"):
        drugkg.load(data="x.ttl")  # type: ignore[arg-type]
    with pytest.raises(drugkg.QueryError):
        kg.sparql(None)  # type: ignore[arg-type]
