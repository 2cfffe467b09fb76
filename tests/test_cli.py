"""The command line: exit codes, one-line errors, formats, parameter binding."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import drugkg


def test_version(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("--version")
    assert code == 0 and out.strip() == f"drugkg {drugkg.__version__}"


def test_info_counts(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("info", "--format", "json")
    info = json.loads(out)
    assert code == 0
    assert set(info) >= {"triples", "drugs", "effects", "assertions", "sources"}
    assert info["drugs"] >= 20 and info["sources"] >= 50 and info["assertions"] >= 100


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["risk", "--drug", "baclophen"], "unknown drug 'baclophen'; did you mean: baclofen?"),
        (["risk", "--effect", "movment disorder"], "unknown effect 'movment disorder'; did you mean: movement disorder"),
        (["effects", "clozapin"], "did you mean: clozapine"),
        (["withdrawal", "baclofen", "--route", "intrathecall"], "unknown route 'intrathecall'; did you mean: intrathecal"),
        (["explain", "baclofen", "baclofen"], "two different drugs"),
        (["query", "withdrawl-profile"], "did you mean: withdrawal-profile"),
        (["query", "withdrawal-profile"], "needs parameter 'drug'"),
        (["query", "withdrawal-profile", "--param", "drug"], "--param needs KEY=VALUE"),
        (["query", "withdrawal-profile", "--param", "colour=red"], "has no parameter 'colour'"),
        (["risk", "--limit", "0"], "--limit must be at least 1"),
        (["risk", "--format", "yaml"], "invalid choice: 'yaml'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_is_one_line_exit_2(cli, argv, needle) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(*argv)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_malformed_turtle(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix dkg: <https://w3id.org/drugkg/ontology/> .\ndkg:x dkg:y \n", encoding="utf-8")
    code, _, err = cli("info", "--data", str(bad))
    assert code == 2 and "bad.ttl: malformed RDF" in err and len(err.strip().splitlines()) == 1


def test_missing_data_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("info", "--data", str(tmp_path / "nope.ttl"))
    assert code == 2 and "cannot read" in err


def test_bad_sparql_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q = tmp_path / "bad.rq"
    q.write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    code, _, err = cli("query", str(q))
    assert code == 2 and "malformed SPARQL" in err and len(err.strip().splitlines()) == 1


def test_service_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q = tmp_path / "remote.rq"
    q.write_text("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", encoding="utf-8")
    code, _, err = cli("query", str(q))
    assert code == 2 and "SERVICE" in err and "network" in err


def test_user_query_file_with_params(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q = tmp_path / "labels.rq"
    q.write_text("# title: label of a drug\n# param: drug drug -- the drug\nSELECT ?drug ?label WHERE { ?drug rdfs:label ?label }\n",
                 encoding="utf-8")
    code, out, _ = cli("query", str(q), "--param", "drug=Lioresal", "--format", "json")
    assert code == 0 and json.loads(out) == [{"label": "baclofen"}]  # the parameter's column is left out


@pytest.mark.parametrize(
    "evil",
    [
        'baclofen" } UNION { ?s ?p ?o } #',
        "> } UNION { ?s ?p ?o } #",
        "baclofen> . ?s ?p ?o . <x",
    ],
)
def test_parameter_injection_is_inert(kg: drugkg.KnowledgeGraph, evil: str, cli) -> None:  # type: ignore[no-untyped-def]
    # a name parameter must resolve to a node; it never reaches the query text
    with pytest.raises(drugkg.DrugNotFound):
        kg.query("withdrawal-profile", drug=evil)
    code, _, err = cli("withdrawal", evil)
    assert code == 2 and "unknown drug" in err
    # a string parameter is bound as a literal: it matches nothing and widens nothing
    rows = kg.sparql("SELECT ?label ?d WHERE { ?d rdfs:label ?label }", params={"label": evil})
    assert rows == []


def test_injection_through_iri_param(kg: drugkg.KnowledgeGraph) -> None:
    with pytest.raises(drugkg.QueryError):
        kg.query("assertion-evidence", claim="<x> } UNION { ?claim ?p ?o")


def test_csv_parses_and_matches_json(cli) -> None:  # type: ignore[no-untyped-def]
    _, out_csv, _ = cli("risk", "--format", "csv")
    _, out_json, _ = cli("risk", "--format", "json")
    rows = list(csv.DictReader(io.StringIO(out_csv)))
    data = json.loads(out_json)
    assert [r["drugs"] for r in rows] == [" + ".join(d["drugs"]) for d in data]
    assert [int(r["score"]) for r in rows] == [d["score"] for d in data]


def test_query_list(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("query", "--list")
    assert code == 0
    for name in ("combination-risk", "drug-effects", "withdrawal-profile", "mechanism-paths", "drugs-by-target",
                 "assertion-evidence", "treat-and-cause", "effect-risk-factors"):
        assert name in out


def test_console_script_runs_without_traceback() -> None:
    proc = subprocess.run([sys.executable, "-m", "drugkg.cli", "risk", "--drug", "nosuchdrug"], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("drugkg: error: unknown drug 'nosuchdrug'") and "Traceback" not in proc.stderr


def test_risk_hot_path_imports_no_heavy_libraries() -> None:
    code = ("import sys; from drugkg.cli import main; import io, contextlib\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['risk', '--format', 'json'])\n"
            "print(sorted(m for m in ('rdflib', 'networkx', 'owlready2', 'pyshacl') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
