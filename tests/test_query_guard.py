"""Queries are decided on their tokens, run as canonical text, bounded, and never reach the network."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import drugkg
from drugkg.sparql import check_query, load_query, named_queries
from drugkg.sparql.isolate import evaluate


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[object]]]:
    """A TCP listener on 127.0.0.1 that records every connection."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    srv.settimeout(0.1)
    hits: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            hits.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield srv.getsockname()[1], hits
    stop.set()
    thread.join()
    srv.close()


@pytest.mark.parametrize("text", [
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "SELECT * WHERE { ?s dkg:SERVICE ?o }",
    "PREFIX load: <https://w3id.org/drugkg/ontology/> SELECT * WHERE { ?s load:x ?o }",
    "SELECT * WHERE { ?s rdfs:label 'SERVICE <http://x/> { }' } # SERVICE LOAD",
    "SELECT * FROM <https://w3id.org/drugkg/resource/graph/data> WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT * FROM NAMED dkgr:graph\\/data WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
])
def test_harmless_names_pass(kg: drugkg.KnowledgeGraph, text: str) -> None:
    assert isinstance(kg.sparql(text), list)


@pytest.mark.parametrize(("text", "needle"), [
    ("SELECT * WHERE { #x\rSERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE (line 2, column 1)"),
    ("SELECT * WHERE { ?s dkg:a\\# ?o . SeRvIcE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE (line 1, column 34)"),
    ("SELECT * WHERE { ?s ?p '''a\n''' . SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE (line 2, column 7)"),
    ("SELECT * FROM <http://127.0.0.1:1/g.ttl> { ?s ?p ?o }", "with FROM"),
    ("BASE <http://127.0.0.1:1/> SELECT * FROM <g.ttl> { ?s ?p ?o }", "<http://127.0.0.1:1/g.ttl>"),
    ("DELETE WHERE { ?s ?p ?o }", "updates are not allowed"),
    ("SELECT * WHERE { ?s ?p ?o }\u2028", "unexpected character '\\u2028' (U+2028) at line 1, column 28"),
])
def test_refused(text: str, needle: str) -> None:
    with pytest.raises(drugkg.QueryError) as info:
        check_query(text)
    assert needle in str(info.value)


def test_a_comment_runs_past_unicode_line_separators(kg: drugkg.KnowledgeGraph) -> None:
    """As in the engine, only CR and LF end a comment: what follows U+2028 is still comment."""
    assert check_query("SELECT * WHERE { #x\u2028SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }").text == "SELECT * WHERE {"
    with pytest.raises(drugkg.QueryError, match="malformed SPARQL"):
        kg.sparql("SELECT * WHERE { #x\u2028SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")


def test_canonical_text_answers_like_the_original(kg: drugkg.KnowledgeGraph) -> None:
    """Every shipped query, rebuilt from its tokens, gives the same rows as its text, with its
    parameters bound to their defaults as ``kg.query`` binds them (a required parameter to an
    example value; left unbound, combination-risk alone takes a minute over every effect class)."""
    from drugkg.namespaces import SPARQL_PREFIXES

    examples = {"drug": "baclofen", "drugA": "baclofen", "drugB": "clozapine", "claim": "dkgr:interaction-baclofen-lithium",
                "class": "D2 antagonist"}
    for name, nq in named_queries().items():
        text = load_query(name).text
        subs = {ox.Variable(p.name): kg.bind(p, p.default if p.default is not None else examples[p.name]) for p in nq.params}
        a = kg.store.query(text, prefixes=SPARQL_PREFIXES, use_default_graph_as_union=True, substitutions=subs)
        b = kg.store.query(check_query(text).text, prefixes=SPARQL_PREFIXES, use_default_graph_as_union=True,
                           substitutions=subs)
        assert isinstance(a, ox.QuerySolutions) and isinstance(b, ox.QuerySolutions)
        assert sorted(map(str, a)) == sorted(map(str, b)), name


def test_engine_errors_point_at_the_users_text(kg: drugkg.KnowledgeGraph) -> None:
    with pytest.raises(drugkg.QueryError, match=r"line 3, column"):
        kg.sparql("SELECT *\n# a comment\nWHERE { ?s ?p }")


_SEPARATORS = st.sampled_from([" ", "\t", "\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\u00a0", "\ufeff",
                               "#c\r", "#c\n", "#c\u2028", "# SERVICE\n", "#\\\n", "/*x*/"])
_KEYWORD = st.sampled_from(["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "SERV\\u0049CE", "S\u0045RVICE",
                            "\uff33\uff25\uff32\uff36\uff29\uff23\uff25",
                            "SERVICE SILENT", "LOAD", "<SERVICE>", "'SERVICE'", "?SERVICE"])
_BEFORE = st.sampled_from(["", "?s dkg:a\\# ?o .", "?s dkg:a\\' ?o .", "?s ?p 'x\\'' .", '?s ?p "x\\"" .', "?s ?p '''a\r''' .",
                           "?s ?p \"\\u0022\" .", "?s ?p <a\\u003e> .", "FILTER(?a<?b) .", "?s ?p 1.0e3 ."])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=_BEFORE, sep1=_SEPARATORS, keyword=_KEYWORD, sep2=_SEPARATORS, sep3=_SEPARATORS)
def test_no_text_trick_reaches_the_network(kg: drugkg.KnowledgeGraph, listener: tuple[int, list[object]], before: str,
                                           sep1: str, keyword: str, sep2: str, sep3: str) -> None:
    port, hits = listener
    text = f"SELECT * WHERE {{ {before}{sep1}{keyword}{sep2}<http://127.0.0.1:{port}/sparql>{sep3}{{ ?z ?p ?o }} }}"
    with contextlib.suppress(drugkg.QueryError):
        kg.sparql(text, timeout=10)
    time.sleep(0.01)
    assert hits == [], repr(text)


def test_the_worker_itself_cannot_connect(listener: tuple[int, list[object]]) -> None:
    """Defence in depth: even a SERVICE that skipped the token check finds no network in the worker."""
    port, hits = listener
    if subprocess.run(["unshare", "--user", "--net", "true"], capture_output=True, check=False).returncode != 0:
        pytest.skip("no network namespaces here; the token check alone holds")
    store = ox.Store()
    with pytest.raises(drugkg.QueryError):
        list(evaluate(store, None, f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/s> {{ ?s ?p ?o }} }}", {}, timeout=10, max_rows=10))
    time.sleep(0.05)
    assert hits == []


def test_time_limit_stops_a_materialising_query(kg: drugkg.KnowledgeGraph) -> None:
    start = time.monotonic()
    with pytest.raises(drugkg.LimitExceeded, match="time limit of 1 s"):
        kg.sparql("SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d", timeout=1)
    assert time.monotonic() - start < 5


def test_row_limit(kg: drugkg.KnowledgeGraph) -> None:
    with pytest.raises(drugkg.LimitExceeded, match="row limit of 10 rows"):
        kg.sparql("SELECT * { ?s ?p ?o }", max_rows=10)
    assert len(kg.sparql("SELECT * { ?s ?p ?o } LIMIT 10", max_rows=10)) == 10  # type: ignore[arg-type]


def test_memory_limit() -> None:
    """A path closure that grows without bound stops at the memory limit (or the time limit), never takes the machine."""
    store = ox.Store()
    for i in range(300):
        store.add(ox.Quad(ox.NamedNode(f"http://e.org/{i}"), ox.NamedNode("http://e.org/p"), ox.NamedNode(f"http://e.org/{i + 1}")))
    with pytest.raises(drugkg.LimitExceeded):
        list(evaluate(store, None, "SELECT * { ?a (!<http://e.org/q>|^!<http://e.org/q>)* ?b . ?c ?d ?e . ?f ?g ?h }"
                      " ORDER BY ?a ?b ?c ?f", {}, timeout=20, max_rows=10**9, max_memory=200 << 20))


def test_ctrl_c_stops_a_running_query(tmp_path: Path) -> None:
    q = tmp_path / "slow.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\n")  # runs for hours in constant memory
    proc = subprocess.Popen([sys.executable, "-m", "drugkg.cli", "query", str(q), "--timeout", "120"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    start = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert time.monotonic() - start < 10
    assert proc.returncode == 130 and err.strip() == "drugkg: error: interrupted" and "Traceback" not in err, err


def test_sparql_json_terms_read_back_as_the_same_terms() -> None:
    """The one SPARQL JSON term writer (server responses and the isolated worker) round-trips every kind of term."""
    import json

    from drugkg.sparql import term_json

    xsd = "http://www.w3.org/2001/XMLSchema#"
    iri, bnode = ox.NamedNode("http://e.org/a"), ox.BlankNode("b1")
    terms = [iri, bnode, ox.Literal("plain"), ox.Literal("Kopfschmerz", language="de"),
             ox.Literal("2.5", datatype=ox.NamedNode(xsd + "decimal")),
             ox.Triple(iri, ox.NamedNode("http://e.org/p"), ox.Literal("7", datatype=ox.NamedNode(xsd + "integer")))]
    names = [f"v{i}" for i in range(len(terms))]
    body = json.dumps({"head": {"vars": names}, "results": {"bindings": [{n: term_json(t) for n, t in zip(names, terms, strict=True)}]}})
    [solution] = list(ox.parse_query_results(body.encode(), format=ox.QueryResultsFormat.JSON))
    assert [solution[n] for n in names] == terms
    assert "datatype" not in term_json(ox.Literal("plain"))
