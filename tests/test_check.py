"""Regimen checks (kg.check, drugkg check), explain over every class, and the drug-level risk graph."""

from __future__ import annotations

import json

import pytest

import drugkg


def test_check_covers_exactly_the_pairs_within_the_list(kg: drugkg.KnowledgeGraph) -> None:
    drugs = ["baclofen", "clozapine", "lithium", "levodopa"]
    report = kg.check(drugs)
    pairs = {tuple(c.drugs) for c in report.pairs} | set(report.no_known_risk)
    assert len(pairs) == 6 and all(set(p) <= set(drugs) for p in pairs)
    assert ("baclofen", "lithium") in {tuple(c.drugs) for c in report.pairs}
    assert [c.score for c in report.pairs] == sorted((c.score for c in report.pairs), reverse=True)
    for g in report.groups:
        assert len(g.drugs) >= 3 and set(g.drugs) <= set(drugs)


def test_check_needs_two_different_drugs(kg: drugkg.KnowledgeGraph) -> None:
    with pytest.raises(drugkg.errors.QueryError, match="two different drugs"):
        kg.check(["baclofen", "Lioresal"])


def test_check_cli_accepts_comma_lists_and_documents_exit_codes(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("check", "baclofen,clozapine", "lithium", "levodopa", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["pairs"]) + len(data["no_known_risk"]) == 6
    assert all(set(p["drugs"]) <= {"baclofen", "clozapine", "lithium", "levodopa"} for p in data["pairs"])
    code, _, err = cli("check", "baclofen")
    assert code == 2 and err.startswith("drugkg: error:")
    code, _, err = cli("check", "baclofen", "nosuchdrug")
    assert code == 2 and "nosuchdrug" in err


def test_explain_without_effect_covers_every_class_and_names_them(cli, kg: drugkg.KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    combo = kg.explain("baclofen", "morphine")
    assert combo is not None and "Hypotension" in combo.outcomes
    intrathecal = next(e for e in combo.explanation if any(q.routes == ("intrathecal",) for q in e.qualifiers))
    assert "Hypotension" in intrathecal.outcomes
    code, _, err = cli("explain", "baclofen", "morphine", "--effect", "tremor")
    assert code == 1 and "Hypotension" in err
    code, out, _ = cli("explain", "baclofen", "morphine")
    assert code == 0 and "route: intrathecal" in out and "cite:" in out


def test_risk_graph_is_drug_level_and_weighted(kg: drugkg.KnowledgeGraph) -> None:
    import networkx as nx

    g = kg.risk_graph("movement disorder")
    assert {d["type"] for _, d in g.nodes(data=True)} == {"drug"}
    pairs = {frozenset(drugkg.namespaces.compress_iri(i) for i in c.drug_iris) for c in kg.risky_combinations()}
    assert {frozenset(e) for e in g.edges()} == pairs
    ranks = nx.pagerank(g, weight="weight")
    assert abs(sum(ranks.values()) - 1) < 1e-6
