"""drugkg serve: the SPARQL 1.1 Protocol, limits, refusals, the JSON API (= the CLI's JSON)."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest

import drugkg
from drugkg.server import Settings, make_server
from drugkg.server.api import ROUTES

SELECT = "SELECT ?d ?l WHERE { ?d a dkg:Antipsychotic ; rdfs:label ?l } ORDER BY ?l"  # under the max_rows of 40
#: A cross product of every triple with itself three times: minutes of work, unless stopped.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    srv = make_server(port=0, workers=2, settings=Settings(timeout=4.0, max_rows=40, max_body=20_000))
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def get(url: str, *, accept: str | None = None, data: bytes | None = None, ctype: str | None = None,
        method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", ctype)) if v}
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def sparql_get(server: Any, text: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    return get(f"{server.url}/sparql?query={quote(text)}", accept=accept)


def local_rows(kg: drugkg.KnowledgeGraph, text: str) -> list[dict[str, str]]:
    result = drugkg.sparql.run(kg.store, text)
    return [{v.value: str(s[v.value]) for v in result.variables if s[v.value] is not None} for s in result]


@pytest.mark.parametrize(("accept", "fmt"), [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_in_every_typed_format_matches_the_store(server: Any, kg: drugkg.KnowledgeGraph, accept: str, fmt: Any) -> None:
    status, headers, body = sparql_get(server, SELECT, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    parsed = ox.parse_query_results(body, format=fmt)
    rows = [{v.value: str(s[v.value]) for v in parsed.variables if s[v.value] is not None} for s in parsed]
    assert rows == local_rows(kg, SELECT) and len(rows) > 10


def test_select_csv(server: Any, kg: drugkg.KnowledgeGraph) -> None:
    status, headers, body = get(f"{server.url}/sparql", accept="text/csv", ctype="application/x-www-form-urlencoded",
                                data=urlencode({"query": SELECT}).encode())
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    lines = body.decode().splitlines()
    assert lines[0] == "d,l"
    assert lines[1:] == [f"{r['d'].strip('<>')},{r['l'].strip(chr(34))}" for r in local_rows(kg, SELECT)]


def test_ask_and_post_sparql_query(server: Any) -> None:
    status, _, body = get(f"{server.url}/sparql", data=b"ASK { dkgr:drug-clozapine a dkg:D2ReceptorAntagonist }",
                          ctype="application/sparql-query", accept="application/sparql-results+json")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    status, _, body = sparql_get(server, "ASK { dkgr:drug-clozapine a dkg:Pathway }", "application/sparql-results+xml")
    assert b"<boolean>false</boolean>" in body


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                             ("application/ld+json", ox.RdfFormat.JSON_LD)])
def test_construct_in_every_graph_format(server: Any, kg: drugkg.KnowledgeGraph, accept: str, fmt: Any) -> None:
    text = "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a dkg:Antipsychotic ; rdfs:label ?l }"
    status, headers, body = sparql_get(server, text, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    got = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)}
    assert got == set(drugkg.sparql.run(kg.store, text)) and len(got) > 10


def test_format_parameter_overrides_accept(server: Any) -> None:
    status, headers, body = get(f"{server.url}/sparql?format=csv&query={quote(SELECT)}", accept="application/json")
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and body.startswith(b"d,l")


@pytest.mark.parametrize(("how", "text"), [
    ("query", "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"),
    ("query", "DELETE WHERE { ?s ?p ?o }"),
    ("query", "LOAD <http://example.org/data.ttl>"),
    ("query", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"),
    ("update", "CLEAR ALL"),
    ("update-body", "DROP ALL"),
])
def test_updates_load_and_service_are_refused(server: Any, how: str, text: str) -> None:
    if how == "update-body":
        status, _, body = get(f"{server.url}/sparql", data=text.encode(), ctype="application/sparql-update")
    else:
        status, _, body = get(f"{server.url}/sparql", data=urlencode({how: text}).encode(), ctype="application/x-www-form-urlencoded")
    assert status == 403
    assert b"refused" in body
    # and the store is untouched
    _, _, count = sparql_get(server, "ASK { dkgr:drug-baclofen a dkg:Drug }")
    assert json.loads(count)["boolean"] is True


def test_keywords_inside_strings_are_not_refused(server: Any) -> None:
    status, _, body = sparql_get(server, 'SELECT ?x WHERE { BIND("DELETE SERVICE LOAD" AS ?x) }')
    assert status == 200 and b"DELETE SERVICE LOAD" in body


@pytest.mark.parametrize(("args", "status", "needle"), [
    ({"query": "SELECT ?x WHERE { ?x"}, 400, b"malformed SPARQL"),
    ({"query": SELECT, "default-graph-uri": "http://x/g"}, 400, b"default-graph-uri"),
])
def test_bad_requests(server: Any, args: dict[str, str], status: int, needle: bytes) -> None:
    got, _, body = get(f"{server.url}/sparql?{urlencode(args)}")
    assert got == status and needle in body


def test_unacceptable_format_is_406(server: Any) -> None:
    status, _, body = sparql_get(server, SELECT, "image/png")
    assert status == 406 and b"SPARQL results" in body
    status, _, _ = sparql_get(server, "CONSTRUCT WHERE { ?s a dkg:Drug }", "text/csv")
    assert status == 406


def test_body_cap_and_content_types(server: Any) -> None:
    big = b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 30_000
    status, _, body = get(f"{server.url}/sparql", data=big, ctype="application/sparql-query")
    assert status == 413 and b"over the limit" in body
    status, _, _ = get(f"{server.url}/sparql", data=b"{}", ctype="application/json")
    assert status == 415


def test_result_cap_stops_reading(server: Any) -> None:
    status, headers, body = sparql_get(server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 40
    assert "capped at 40" in headers["Drugkg-Truncated"]


def test_slow_query_times_out_while_others_are_served(server: Any) -> None:
    done: dict[str, Any] = {}

    def slow() -> None:
        done["slow"] = sparql_get(server, SLOW)
        done["slow_at"] = time.monotonic()

    t = threading.Thread(target=slow)
    t.start()
    quick_at = []
    for _ in range(5):
        status, _, body = sparql_get(server, "ASK { dkgr:drug-baclofen a dkg:Drug }")
        assert status == 200 and json.loads(body)["boolean"] is True
        quick_at.append(time.monotonic())
    t.join(60)
    status, _, body = done["slow"]
    assert status == 503 and b"time limit" in body
    assert max(quick_at) < done["slow_at"]  # every quick query was answered while the slow one ran
    # the worker that ran over was replaced: the server still answers on every worker
    for _ in range(4):
        assert sparql_get(server, SELECT)[0] == 200


def test_cors_and_preflight(server: Any) -> None:
    _, headers, _ = sparql_get(server, SELECT)
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = get(f"{server.url}/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


def test_service_description(server: Any) -> None:
    status, _, body = get(f"{server.url}/sparql", accept="text/turtle")
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert status == 200
    assert {t.object.value for t in triples if t.predicate.value == sd + "endpoint"} == {server.url + "/sparql"}
    assert ox.NamedNode(sd + "SPARQL11Query") in {t.object for t in triples}


def test_access_log(server: Any, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="drugkg.server"):
        get(f"{server.url}/api/drugs/baclofen")
        # the handler thread logs a request once its response is sent: give it a moment
        deadline = time.monotonic() + 5
        while not any('"GET /api/drugs/baclofen" 200' in r.getMessage() for r in caplog.records) and time.monotonic() < deadline:
            time.sleep(0.02)
    assert any('"GET /api/drugs/baclofen" 200' in r.getMessage() for r in caplog.records)


# -- the JSON API is the CLI's JSON ---------------------------------------------------------------


@pytest.mark.parametrize(("path", "argv"), [
    ("/api/risk?drug=baclofen", ["risk", "--drug", "baclofen"]),
    ("/api/risk?effect=dystonia&limit=3", ["risk", "--effect", "dystonia", "--limit", "3"]),
    ("/api/explain?a=baclofen&b=clozapine", ["explain", "baclofen", "clozapine"]),
    ("/api/drugs/Lioresal", ["drug", "Lioresal"]),
    ("/api/effects?drug=baclofen&context=dose%20increase", ["effects", "baclofen", "--context", "dose increase"]),
    ("/api/withdrawal?drug=baclofen&route=intrathecal", ["withdrawal", "baclofen", "--route", "intrathecal"]),
])
def test_api_returns_the_cli_json(server: Any, cli: Any, path: str, argv: list[str]) -> None:
    status, headers, body = get(server.url + path)
    code, out, _ = cli(*argv, "--format", "json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert code == 0 and body.decode() == out


def test_api_check_is_the_cli_check(server: Any, cli: Any) -> None:
    status, _, body = get(f"{server.url}/api/check?drug=baclofen&drug=clozapine,lithium")
    code, out, _ = cli("check", "baclofen", "clozapine", "lithium", "--format", "json")
    assert status == 200 and code == 0 and json.loads(body) == json.loads(out)
    pairs = {tuple(p["drugs"]) for p in json.loads(body)["pairs"]}
    assert ("baclofen", "lithium") in pairs and all(set(p) <= {"baclofen", "clozapine", "lithium"} for p in pairs)


def test_api_errors(server: Any) -> None:
    status, _, body = get(f"{server.url}/api/effects?drug=baclophen")
    assert status == 404 and json.loads(body)["suggestions"] == ["baclofen"]
    status, _, body = get(f"{server.url}/api/explain?a=baclofen")
    assert status == 400 and "missing parameter 'b'" in json.loads(body)["error"]
    assert get(f"{server.url}/api/nothing")[0] == 404


def test_openapi_describes_every_route(server: Any) -> None:
    status, _, body = get(f"{server.url}/openapi.json")
    doc = json.loads(body)
    assert status == 200 and doc["openapi"].startswith("3.")
    assert set(ROUTES) <= set(doc["paths"]) and "/api/drugs/{name}" in doc["paths"]
    assert doc["servers"] == [{"url": server.url}]


def test_explanation_picture(server: Any) -> None:
    status, headers, body = get(f"{server.url}/api/explain.svg?a=baclofen&b=clozapine")
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml")
    assert b"nigrostriatal" in body


def test_sparqlwrapper_client(server: Any, kg: drugkg.KnowledgeGraph) -> None:
    sw = pytest.importorskip("SPARQLWrapper")
    client = sw.SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(SELECT)
    for fmt in (sw.JSON, sw.XML, sw.CSV, sw.TSV):
        client.setReturnFormat(fmt)
        result = client.query().convert()
        if fmt == sw.JSON:
            assert [b["l"]["value"] for b in result["results"]["bindings"]] == [r["l"].strip('"') for r in local_rows(kg, SELECT)]
        elif fmt == sw.XML:
            assert len(result.getElementsByTagName("result")) == len(local_rows(kg, SELECT))
        else:
            assert len(result.decode().strip().splitlines()) == len(local_rows(kg, SELECT)) + 1
    client.setQuery("CONSTRUCT WHERE { dkgr:drug-baclofen rdfs:label ?l }")
    client.setReturnFormat(sw.TURTLE)
    assert b'"baclofen"' in client.query().convert()


def test_on_disk_store_is_shared_read_only(tmp_path: Any) -> None:
    srv = make_server(port=0, workers=2, store=str(tmp_path / "store"))
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        for _ in range(4):  # both workers answer from the same directory
            status, _, body = sparql_get(srv, "ASK { dkgr:drug-baclofen a dkg:Drug }")
            assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        srv.shutdown()
        srv.server_close()


def test_cli_errors_are_one_line_exit_3(server: Any, cli: Any) -> None:
    port = server.url.rsplit(":", 1)[1]
    code, _, err = cli("serve", "--port", port, "--workers", "1")
    assert code == 3 and err == f"drugkg: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    code, _, err = cli("publish", "--endpoint", "http://127.0.0.1:9/store")
    assert code == 3 and "cannot reach the graph store" in err and err.count("\n") == 1
    code, _, err = cli("serve", "--workers", "0")
    assert code == 2 and "--workers must be at least 1" in err


def _own_network_allowed() -> bool:
    """Whether this kernel lets a process move into a network namespace of its own."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        from drugkg.sparql.isolate import no_network

        os._exit(0 if no_network() else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def test_workers_run_without_network(server: Any) -> None:
    """The workers answer the clients' SPARQL: each is in an empty network namespace of its own."""
    if not _own_network_allowed():
        pytest.skip("this kernel does not give a process a network namespace of its own")
    mine = os.readlink("/proc/self/ns/net")

    def isolated() -> bool:  # a worker replaced after a timeout may still be starting: give it time
        pids = server.pool.pids
        return len(pids) == 2 and all(os.readlink(f"/proc/{pid}/ns/net") != mine for pid in pids)

    deadline = time.monotonic() + 60
    while not isolated():
        assert time.monotonic() < deadline, "a worker is still in the server's network namespace"
        time.sleep(0.1)
    assert sparql_get(server, "ASK { ?s ?p ?o }")[0] == 200  # and they still answer
