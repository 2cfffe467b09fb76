"""drugkg.connect: the same answers from the Oxigraph server and from Apache Jena (ARQ over TDB2,
the engine Fuseki serves; slow) as from the embedded store; what Virtuoso answers alike."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from servers import free_port, jena_classpath, jena_server, oxigraph_binary, oxigraph_server

import drugkg
from drugkg.errors import QueryError, StoreError
from drugkg.rules import RULES, rule_rows
from drugkg.sparql import named_queries
from drugkg.sparql.remote import dump, substitute


@pytest.fixture(scope="module", params=["oxigraph", pytest.param("jena", marks=pytest.mark.slow)])
def endpoint(request: pytest.FixtureRequest, kg: drugkg.KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Every test below runs against each engine: the Oxigraph server (graphs uploaded with the
    Graph Store Protocol) and Jena (the N-Quads dump loaded at start)."""
    if request.param == "jena":
        classpath = jena_classpath()
        if classpath is None:
            pytest.skip("Apache Jena is not installed (apt-get install libapache-jena-java default-jdk-headless)")
        work = tmp_path_factory.mktemp("jena")
        dump(kg.store, work / "drugkg.nq")
        with jena_server(work / "drugkg.nq", work, classpath) as url:
            yield url
        return
    exe = oxigraph_binary()
    if exe is None:
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    with oxigraph_server(exe) as base:
        counts = drugkg.sparql.remote.publish(kg.store, base + "/store")
        assert sum(counts.values()) == len(kg.store)
        yield base + "/query"


@pytest.fixture(scope="module")
def remote(endpoint: str) -> drugkg.KnowledgeGraph:
    return drugkg.connect(endpoint)


def test_same_triples(remote: drugkg.KnowledgeGraph, kg: drugkg.KnowledgeGraph) -> None:
    assert len(remote.store) == len(kg.store)
    assert remote.info() == kg.info()


@pytest.mark.parametrize("effect", ["movement disorder", "dystonia", "parkinsonism"])
def test_every_risky_combination_agrees(remote: drugkg.KnowledgeGraph, kg: drugkg.KnowledgeGraph, effect: str) -> None:
    local = kg.risky_combinations(effect).to_dicts()
    assert local and remote.risky_combinations(effect).to_dicts() == local


@pytest.mark.slow  # 144 drug profiles over HTTP; the risk, explanation and query tests above and below keep CI's check
def test_every_drug_agrees(remote: drugkg.KnowledgeGraph, kg: drugkg.KnowledgeGraph) -> None:
    drugs = kg.drugs()
    assert remote.drugs() == drugs
    for d in drugs:
        assert remote.effects(d.curie).to_dicts() == kg.effects(d.curie).to_dicts()
        assert remote.withdrawal(d.curie).to_dicts() == kg.withdrawal(d.curie).to_dicts()
        assert remote.risky_combinations(drugs=[d.curie]).to_dicts() == kg.risky_combinations(drugs=[d.curie]).to_dicts()


def test_explanations_and_checks_agree(remote: drugkg.KnowledgeGraph, kg: drugkg.KnowledgeGraph) -> None:
    for combo in kg.risky_combinations()[:10]:
        a, b = combo.drugs
        local = kg.explain(a, b)
        got = remote.explain(a, b)
        assert local is not None and got is not None and got.to_dict() == local.to_dict()
    regimen = ["baclofen", "clozapine", "lithium", "levodopa", "haloperidol"]
    assert remote.check(regimen).to_dict() == kg.check(regimen).to_dict()


def test_named_queries_with_defaults_agree(remote: drugkg.KnowledgeGraph, kg: drugkg.KnowledgeGraph) -> None:
    examples = {"drug": "baclofen", "drugA": "baclofen", "drugB": "clozapine", "claim": "dkgr:interaction-baclofen-lithium",
                "class": "D2 antagonist"}
    for name, nq in named_queries().items():
        params = {p.name: examples[p.name] for p in nq.params if p.required}
        assert normal(remote.query(name, **params)) == normal(kg.query(name, **params)), name


@pytest.mark.parametrize("drug", ["amantadine", "haloperidol", "baclofen"])
def test_named_queries_for_a_drug_agree(remote: drugkg.KnowledgeGraph, kg: drugkg.KnowledgeGraph, drug: str) -> None:
    # an endpoint runs LATERAL {P} as the join {P}: a shipped query anchored on a given drug must
    # give the same rows either way (a body filtering on a variable bound outside it would not)
    answered = []
    for name, nq in named_queries().items():
        if [p.name for p in nq.params if p.required] or "drug" not in {p.name for p in nq.params}:
            continue
        got, want = normal(remote.query(name, drug=drug)), normal(kg.query(name, drug=drug))
        assert got == want, name
        answered += [name] if want else []
    assert "rule-opposition" in answered or drug == "baclofen"
    assert len(answered) >= 3, answered


def normal(rows: list[dict[str, Any]]) -> list[str]:
    """Rows as a sorted multiset, GROUP_CONCAT lists as sorted lists: SPARQL leaves the order of
    unordered rows, of ties and of GROUP_CONCAT to the engine (the questions above fix theirs)."""
    return sorted(repr({k: sorted(v.split("|")) if isinstance(v, str) and "|" in v else v for k, v in r.items()}) for r in rows)


def test_sparql_and_graph_views_agree(remote: drugkg.KnowledgeGraph, kg: drugkg.KnowledgeGraph) -> None:
    text = "SELECT ?d ?l WHERE { ?d a dkg:D2ReceptorAntagonist ; rdfs:label ?l } ORDER BY ?l"
    assert remote.sparql(text) == kg.sparql(text)
    assert remote.sparql("SELECT ?d ?l WHERE { ?d rdfs:label ?l }", params={"d": "dkgr:drug-clozapine"}) == \
        kg.sparql("SELECT ?d ?l WHERE { ?d rdfs:label ?l }", params={"d": "dkgr:drug-clozapine"})
    assert remote.ask("ASK { obo:HP_0007325 rdfs:subClassOf dkg:MovementDisorder }") is True
    g1, g2 = remote.to_networkx(), kg.to_networkx()
    assert set(g1.nodes) == set(g2.nodes) and g1.number_of_edges() == g2.number_of_edges()


def test_connect_refuses_what_is_not_a_drugkg_endpoint(endpoint: str) -> None:
    with pytest.raises(StoreError, match="not an http"):
        drugkg.connect("file:///etc/passwd")
    port = free_port()
    with pytest.raises(StoreError, match="cannot reach"):
        drugkg.connect(f"http://127.0.0.1:{port}/query", timeout=2)


def test_substitution_writes_terms_not_text() -> None:
    evil = ox.Literal('x" } ; DROP ALL ; #')
    text = substitute("SELECT ?v WHERE { ?s rdfs:label ?v }", {"v": evil})
    assert text == 'SELECT ("x\\" } ; DROP ALL ; #" AS ?v) WHERE { ?s rdfs:label "x\\" } ; DROP ALL ; #" }'
    with pytest.raises(QueryError, match="target of AS"):
        substitute("SELECT ?x WHERE { BIND(1 AS ?v) }", {"v": evil})
    assert substitute("SELECT ?a WHERE { ?a ?b '?v' } # ?v", {"v": evil}) == "SELECT ?a WHERE { ?a ?b '?v' } # ?v"


def test_dump_nquads_round_trip(kg: drugkg.KnowledgeGraph, cli: Any, tmp_path: Path) -> None:
    buf = io.BytesIO()
    count = dump(kg.store, buf)
    quads = list(ox.parse(buf.getvalue(), format=ox.RdfFormat.N_QUADS))
    assert count == len(quads) == len(kg.store)
    assert {q.graph_name.value for q in quads} >= {"https://w3id.org/drugkg/resource/graph/data",
                                                     "https://w3id.org/drugkg/resource/graph/inferred"}
    code, _, err = cli("dump", "--format", "nquads", "-o", str(tmp_path / "g.nq"))
    assert code == 0 and f"wrote {count} quads" in err
    assert len((tmp_path / "g.nq").read_bytes().splitlines()) == count


# -- a second engine: Virtuoso (Debian virtuoso-opensource), slow and optional -----------------------


@pytest.fixture(scope="module")
def virtuoso(kg: drugkg.KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe, isql, ini = shutil.which("virtuoso-t"), shutil.which("isql-vt"), Path("/etc/virtuoso-opensource-7/virtuoso.ini")
    if not (exe and isql and ini.exists()):
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    work = tmp_path_factory.mktemp("virtuoso")
    (work / "db").mkdir()
    (work / "data").mkdir()
    dump(kg.store, work / "data" / "drugkg.nq")
    sql_port, http_port = free_port(), free_port()
    text = ini.read_text().replace("/var/lib/virtuoso-opensource-7/db/", f"{work}/db/")
    text = text.replace("ServerPort               = 1111", f"ServerPort               = 127.0.0.1:{sql_port}")
    text = text.replace("ServerPort                  = 8890", f"ServerPort                  = 127.0.0.1:{http_port}")
    text = text.replace("DirsAllowed              = .,", f"DirsAllowed              = {work}/data, .,")
    # one thread per query: with Debian's default of 4, rows of the same query on the same load varied between runs
    text = text.replace("ThreadsPerQuery          = 4", "ThreadsPerQuery          = 1")
    (work / "virtuoso.ini").write_text(text)
    proc = subprocess.Popen([exe, "-f", "-c", str(work / "virtuoso.ini")], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", "exec=status();"], capture_output=True, check=False)
            if done.returncode == 0:
                break
            time.sleep(0.2)
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                        f"exec=ld_dir('{work}/data', '*.nq', 'urn:drugkg:default'); rdf_loader_run(); checkpoint;"],
                       capture_output=True, check=True)
        yield f"http://127.0.0.1:{http_port}/sparql"
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.mark.slow
def test_virtuoso(virtuoso: str, kg: drugkg.KnowledgeGraph) -> None:
    """What Virtuoso 7.2 answers like the embedded store (see docs/server.md for what it does not)."""
    remote = drugkg.connect(virtuoso)
    assert remote.drugs() == kg.drugs()
    text = "SELECT ?d ?l WHERE { ?d a dkg:D2ReceptorAntagonist ; rdfs:label ?l } ORDER BY ?l"
    assert remote.sparql(text) == kg.sparql(text)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/drugkg/resource/graph/')) }"
    assert remote.sparql(count) == kg.sparql(count)
    closure = "SELECT DISTINCT ?o WHERE { ?o rdfs:subClassOf* dkg:MovementDisorder } ORDER BY ?o"
    assert remote.sparql(closure) == kg.sparql(closure)
    # Five of the seven rule queries give the embedded store's rows exactly (one thread per query;
    # measured 2026-12-07). The reciprocal-antagonism and pharmacokinetic queries do not (1-2 rows
    # for 816, none for 323), and the server sometimes ends with a segmentation fault on a whole
    # question (docs/server.md). So the ranked pairs are not compared here: what is checked is that
    # drugkg answers or fails with its own one-line error, never a traceback from the protocol.
    effect = kg.resolve("movement disorder", "effect")
    for name in ("recorded", "addition", "convergence", "risk-factor", "shared-effect"):
        want = rule_rows(kg, RULES[name], effect, None)
        assert want and normal(rule_rows(remote, RULES[name], effect, None)) == normal(want), name
    try:
        assert remote.risky_combinations()
    except (QueryError, StoreError) as exc:
        assert "cannot reach the endpoint" in str(exc) and "\n" not in str(exc)
    # known gap: effect classes by a zero-or-more path to a fixed HPO class; if it closes, this says so
    assert len(remote.names.nodes("effect")) < len(kg.names.nodes("effect"))
