"""Exports: every format holds the selected nodes and attributes and opens in the tool it is for."""

from __future__ import annotations

import json
import os
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

import drugkg
from drugkg import export as ex
from drugkg.errors import DrugNotFound, EffectNotFound, ExportError
from drugkg.export.browser import find_chromium

SVG = "{http://www.w3.org/2000/svg}"
BACLOFEN = "dkgr:drug-baclofen"
RDFS_LABEL = rdflib.RDFS.label


def _texts(svg_path: Path) -> list[str]:
    root = ET.parse(svg_path).getroot()
    assert root.tag == f"{SVG}svg"
    return [t.text or "" for t in root.iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def focus(kg: drugkg.KnowledgeGraph) -> ex.Selection:
    return ex.select(kg, focus="baclofen", depth=1)


# -- selections -----------------------------------------------------------------------------------


def test_focus_selection_is_the_neighbourhood(kg: drugkg.KnowledgeGraph, focus: ex.Selection) -> None:
    g = focus.graph
    assert BACLOFEN in g and "dkgr:target-GABBR1" in g and "dkgr:targetaction-baclofen-GABBR1-agonist" in g
    assert "dkgr:interaction-baclofen-clozapine" in g
    assert not {d["type"] for _, d in g.nodes(data=True)} & {"evidence", "source"}
    # depth 0 is the drug alone; a far drug is not in baclofen's 1-hop neighbourhood
    assert list(ex.select(kg, focus="Lioresal", depth=0).graph) == [BACLOFEN]
    assert "dkgr:drug-tetrabenazine" not in g


def test_explain_selection_holds_the_paths_and_outcomes(kg: drugkg.KnowledgeGraph) -> None:
    sel = ex.select(kg, explain=("baclofen", "clozapine"))  # the export explains for movement disorder by default
    combo = kg.explain("baclofen", "clozapine", effect="movement disorder")
    assert combo is not None
    path_nodes = {step.node for e in combo.explanation for step in e.path}
    assert path_nodes <= set(sel.graph)
    assert {"dkgr:mechanism-baclofen-nigrostriatal-dopamine", "dkgr:physio-reduced-dopaminergic-signalling",
            "dkgr:interaction-baclofen-clozapine", "HP:0001332"} <= set(sel.graph)  # HP:0001332 Dystonia, an outcome
    assert sel.seeds == (BACLOFEN, "dkgr:drug-clozapine")
    assert not any(k == "hasAdverseEffect" for _, _, k in sel.graph.edges(keys=True))
    with pytest.raises(ExportError, match="no explanation"):
        ex.select(kg, explain=("baclofen", "morphine"))


def test_effect_selection_leads_to_the_class(kg: drugkg.KnowledgeGraph, nxg: nx.MultiDiGraph) -> None:
    from drugkg.traversal import descendants_or_self

    sel = ex.select(kg, effect="movement disorder")
    g = sel.graph
    under = descendants_or_self(nxg, "dkg:MovementDisorder")
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert {"drug", "mechanism", "target_action", "physiological_effect", "pathway", "assertion", "interaction"} <= types
    assert {BACLOFEN, "dkgr:drug-clozapine", "dkgr:mechanism-clozapine-d2-blockade"} <= set(g)
    assert all(n in under for n, d in g.nodes(data=True) if d["type"] == "effect")
    for n, d in g.nodes(data=True):  # every claim kept has an outcome under the class
        if d["type"] == "assertion":
            assert any(k == "effect" and v in under for _, v, k in nxg.out_edges(n, keys=True))
    small = ex.select(kg, effect="status dystonicus").graph
    assert {BACLOFEN, "dkg:StatusDystonicus", "dkgr:withdrawal-baclofen-intrathecal-withdrawal"} <= set(small)
    assert "dkgr:drug-clozapine" not in small


@pytest.mark.parametrize("kwargs, message", [
    ({"depth": -1}, "depth"),
    ({"depth": "2"}, "depth"),
    ({"depth": True}, "depth"),
    ({"focus": "baclofen", "effect": "dystonia"}, "at most one"),
    ({"focus": "baclofen", "explain": ("baclofen", "lithium")}, "at most one"),
    ({"explain": ("baclofen",)}, "two drugs"),
])
def test_bad_selections(kg: drugkg.KnowledgeGraph, tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        kg.export(tmp_path / "x.graphml", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_unknown_names_raise_not_found(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(DrugNotFound, match="did you mean: baclofen"):
        kg.export(tmp_path / "x.svg", focus="baclophen")
    with pytest.raises(EffectNotFound):
        kg.export(tmp_path / "x.svg", effect="no such effect")
    assert list(tmp_path.iterdir()) == []


# -- formats and files ------------------------------------------------------------------------------


def test_format_resolution(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    assert ex.FORMATS == ("html", "svg", "png", "graphml", "gexf", "dot", "cyjs", "turtle", "ntriples", "jsonld", "matrix")
    assert ex.resolve_format("a.TTL") == "turtle" and ex.resolve_format("a", "nt") == "ntriples"
    with pytest.raises(ExportError, match=r"valid formats: html, svg, png, graphml, gexf, dot, cyjs, turtle \(ttl\)"):
        kg.export(tmp_path / "x.svg", format="pdf")
    with pytest.raises(ExportError, match="cannot tell the export format"):
        kg.export(tmp_path / "x.txt")
    out = kg.export(tmp_path / "named.data", format="NT", focus="baclofen", depth=0)
    assert out == tmp_path / "named.data" and out.read_text().startswith("<")


def test_failed_export_leaves_no_partial_file(kg: drugkg.KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "figure.svg"
    target.write_text("previous figure")

    def broken(kg: drugkg.KnowledgeGraph, sel: ex.Selection, tmp: Path) -> None:
        tmp.write_text("<svg half written")
        raise RuntimeError("disk full")

    monkeypatch.setitem(ex.EXPORTERS, "svg", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        kg.export(target, focus="baclofen")
    assert target.read_text() == "previous figure"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure.svg"]
    with pytest.raises(RuntimeError):
        kg.export(tmp_path / "new.svg")
    assert not (tmp_path / "new.svg").exists()
    with pytest.raises(ExportError, match="does not exist"):
        kg.export(tmp_path / "missing" / "x.svg")


def test_written_files_are_readable_by_others(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    out = kg.export(tmp_path / "g.dot", focus="baclofen", depth=0)
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_svg_holds_the_labels_and_legend(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    texts = _texts(kg.export(tmp_path / "baclofen.svg", focus="baclofen"))
    assert "baclofen" in texts and "GABA-B receptor subunit 1" in texts
    assert any("GABBR1" in t for t in texts)  # the target action "baclofen agonist of GABBR1"
    assert {"drugs", "targets", "mechanisms", "effects", "legend", "drug", "target action"} <= set(texts)
    texts = _texts(kg.export(tmp_path / "pair.svg", explain=("baclofen", "clozapine")))
    assert {"baclofen", "clozapine", "nigrostriatal pathway", "Dystonia", "leadsTo", "hasTargetAction"} <= set(texts)


def test_svg_columns_separate_types(kg: drugkg.KnowledgeGraph, focus: ex.Selection) -> None:
    lay = ex.layered_layout(focus.graph)
    x = {n: lay.pos[n][0] for n in focus.graph}
    assert x[BACLOFEN] < x["dkgr:target-GABBR1"] < x["dkgr:targetaction-baclofen-GABBR1-agonist"] \
        < x["dkgr:mechanism-baclofen-spinal-reflex-inhibition"] < x["dkgr:interaction-baclofen-clozapine"] < x["HP:0001332"]


def test_graphml_keeps_typed_attributes_and_keys(kg: drugkg.KnowledgeGraph, focus: ex.Selection, tmp_path: Path) -> None:
    out = kg.export(tmp_path / "baclofen.graphml", focus="baclofen")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.findall("g:key", ns)}
    assert keys[("node", "type")] == "string" and keys[("node", "label")] == "string"
    assert keys[("node", "level_rank")] in ("int", "long") and keys[("edge", "inferred")] == "boolean"
    assert keys[("edge", "relation")] == "string"
    assert {n.get("id") for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")} == set(focus.graph)
    g = nx.read_graphml(out, force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes[BACLOFEN]["type"] == "drug" and g.nodes[BACLOFEN]["label"] == "baclofen"
    assert g.nodes["dkgr:interaction-baclofen-clozapine"]["level_rank"] == 2
    assert g.number_of_edges() == focus.graph.number_of_edges()
    assert g.edges["dkgr:targetaction-baclofen-GABBR1-agonist", "dkgr:target-GABBR1", "onTarget"]["relation"] == "onTarget"
    assert {k for _, _, k in g.edges(keys=True)} == {k for _, _, k in focus.graph.edges(keys=True)}


def test_gexf_reads_back(kg: drugkg.KnowledgeGraph, focus: ex.Selection, tmp_path: Path) -> None:
    g = nx.read_gexf(kg.export(tmp_path / "baclofen.gexf", focus="baclofen"))
    assert set(g) == set(focus.graph)
    assert g.nodes[BACLOFEN]["type"] == "drug" and g.nodes[BACLOFEN]["label"] == "baclofen"
    assert g.nodes[BACLOFEN]["viz"]["color"] == {"r": 31, "g": 119, "b": 180, "a": 1.0}
    assert g.number_of_edges() == focus.graph.number_of_edges()
    assert {d["relation"] for _, _, d in g.edges(data=True)} == {d["relation"] for _, _, d in focus.graph.edges(data=True)}


def test_cytoscape_json(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    doc = json.loads(kg.export(tmp_path / "pair.cyjs", explain=("baclofen", "clozapine")).read_text())
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    ids = {n["data"]["id"] for n in nodes}
    assert {BACLOFEN, "dkgr:drug-clozapine", "dkgr:pathway-nigrostriatal", "dkgr:targetaction-clozapine-DRD2-antagonist"} <= ids
    assert all(n["group"] == "nodes" and n["classes"] == n["data"]["type"] and "x" in n["position"] for n in nodes)
    assert all(e["group"] == "edges" and e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    assert {"leadsTo", "viaTargetAction", "hasParticipant"} <= {e["data"]["relation"] for e in edges}


def test_dot_text(kg: drugkg.KnowledgeGraph, focus: ex.Selection, tmp_path: Path) -> None:
    text = kg.export(tmp_path / "baclofen.gv", focus="baclofen").read_text()
    assert text.startswith('digraph "baclofen, 1 hop" {') and text.rstrip().endswith("}")
    for n in focus.graph:
        assert f'"{n}" [label=' in text
    assert '"dkgr:drug-baclofen" [label="baclofen", shape=ellipse, fillcolor="#1f77b4"' in text
    # targets stand left of target actions: onTarget is written reversed, its arrow still at the target
    assert '"dkgr:target-GABBR1" -> "dkgr:targetaction-baclofen-GABBR1-agonist" [label="onTarget", dir=back];' in text
    assert '"dkgr:drug-baclofen" -> "dkgr:targetaction-baclofen-GABBR1-agonist" [label="hasTargetAction"];' in text
    assert text.count(" -> ") - text.count("style=invis") == focus.graph.number_of_edges()


def test_html_is_self_contained(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    text = kg.export(tmp_path / "pair.html", explain=("baclofen", "clozapine")).read_text()
    lowered = text.lower()
    assert "<script src" not in lowered and "<link" not in lowered and "@import" not in lowered and "url(" not in lowered
    payload = text.split('id="drugkg-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(payload)
    assert {n[0] for n in data["nodes"]} >= {BACLOFEN, "dkgr:drug-clozapine"}
    assert "CLOZ_CASE" in json.dumps(data)  # evidence travels with the nodes


def test_html_refuses_huge_graphs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex.html, "HTML_MAX_NODES", 5)
    g = nx.MultiDiGraph()
    g.add_nodes_from((str(i), {"type": "effect", "label": str(i)}) for i in range(6))
    with pytest.raises(ExportError, match="--focus"):
        ex.render_html(g)


# -- RDF ---------------------------------------------------------------------------------------------


def _rdflib_term(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):  # RDF 1.1 simple literals
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


@pytest.fixture(scope="module")
def store_graph(kg: drugkg.KnowledgeGraph) -> rdflib.Graph:
    """Every triple of the store (the union of its named graphs), built independently of the exporter."""
    g = rdflib.Graph()
    for q in kg.store:
        g.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
    return g


def _expected_subgraph(whole: rdflib.Graph, sel: ex.Selection) -> rdflib.Graph:
    out = rdflib.Graph()
    todo = [rdflib.URIRef(d["iri"]) for _, d in sel.graph.nodes(data=True)]
    seen = set(todo)
    while todo:
        s = todo.pop()
        for p, o in whole.predicate_objects(s):
            out.add((s, p, o))
            if isinstance(o, rdflib.BNode) and o not in seen:
                seen.add(o)
                todo.append(o)
    for o in {o for o in out.objects() if isinstance(o, rdflib.URIRef)}:
        for label in whole.objects(o, RDFS_LABEL):
            out.add((o, RDFS_LABEL, label))
    return out


JSONLD_WARNING = "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"  # inside rdflib's JSON-LD parser


@pytest.mark.filterwarnings(JSONLD_WARNING)
@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_rdf_subgraph_reloads_isomorphic(kg: drugkg.KnowledgeGraph, focus: ex.Selection, store_graph: rdflib.Graph,
                                         tmp_path: Path, fmt: str, parser: str) -> None:
    out = kg.export(tmp_path / "baclofen.rdf", format=fmt, focus="baclofen")
    loaded = rdflib.Graph().parse(out, format=parser)
    expected = _expected_subgraph(store_graph, focus)
    baclofen = rdflib.URIRef("https://w3id.org/drugkg/resource/drug-baclofen")
    assert (baclofen, RDFS_LABEL, rdflib.Literal("baclofen")) in loaded
    assert not set(loaded.predicate_objects(rdflib.URIRef("https://w3id.org/drugkg/resource/drug-tetrabenazine"))) - {
        (RDFS_LABEL, rdflib.Literal("tetrabenazine"))}
    assert len(loaded) == len(expected)
    assert isomorphic(loaded, expected)


@pytest.mark.filterwarnings(JSONLD_WARNING)
@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_rdf_whole_graph_reloads_isomorphic(kg: drugkg.KnowledgeGraph, store_graph: rdflib.Graph, tmp_path: Path,
                                            fmt: str, parser: str) -> None:
    out = kg.export(tmp_path / "whole.rdf", format=fmt)
    loaded = rdflib.Graph().parse(out, format=parser)
    assert len(loaded) == len(kg.store) == len(store_graph)
    assert isomorphic(loaded, store_graph)


# -- pictures ----------------------------------------------------------------------------------------


def test_png_is_a_rendered_picture(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    if find_chromium() is None:
        if os.environ.get("DRUGKG_REQUIRE_BROWSER") == "1":
            pytest.fail("DRUGKG_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium)")
        pytest.skip("PNG export needs chromium (apt-get install chromium)")
    out = kg.export(tmp_path / "pair.png", explain=("baclofen", "clozapine"))
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    svg = ET.fromstring(ex.render_svg(ex.select(kg, explain=("baclofen", "clozapine")).graph, "t"))
    assert (width, height) == (2 * int(svg.get("width")), 2 * int(svg.get("height")))
    assert out.stat().st_size > 20_000  # not a blank page


def test_png_without_chromium_is_a_clear_error(kg: drugkg.KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRUGKG_CHROMIUM", str(tmp_path / "no-such-browser"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExportError, match="apt-get install chromium"):
        kg.export(tmp_path / "x.png", focus="baclofen", depth=0)
    assert not (tmp_path / "x.png").exists()


def test_notebook_reprs(kg: drugkg.KnowledgeGraph) -> None:
    assert "<table>" in kg._repr_html_()
    combo = kg.explain("baclofen", "clozapine")
    assert combo is not None and "Combination" in combo._repr_html_()


# -- the summary view, evidence on edges, the risk matrix -------------------------------------------


def test_summary_draws_assertions_as_labelled_edges(kg: drugkg.KnowledgeGraph, focus: ex.Selection) -> None:
    g = focus.graph
    assert not [n for n, d in g.nodes(data=True) if d["type"] == "assertion"]
    full = ex.select(kg, focus="baclofen", view="full").graph
    assertions = [n for n, d in full.nodes(data=True) if d["type"] == "assertion"]
    assert assertions
    edges = {d["claims"]: d for _, _, d in g.edges(data=True) if d.get("claims") in assertions}
    assert set(edges) == set(assertions)  # every assertion became exactly one edge, and kept its grade
    for a in assertions:
        d = edges[a]
        assert d["level"] == full.nodes[a].get("level") and d["label"].endswith(f"[{d['level'] or 'no evidence'}]")
    nystagmus = next(d for d in edges.values() if d["claims"].endswith("nystagmus"))
    assert nystagmus["label"].startswith("adverse: ") and nystagmus["relation"] == "hasAdverseEffect"
    assert g.number_of_nodes() < full.number_of_nodes()


def test_svg_dashes_hypotheses_and_labels_summary_edges(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    root = ET.parse(kg.export(tmp_path / "pair.svg", explain=("baclofen", "clozapine"))).getroot()
    paths = list(root.iter(f"{SVG}path"))
    dashed = [p for p in paths if p.get("stroke-dasharray")]
    sel = ex.select(kg, explain=("baclofen", "clozapine"))
    hypotheses = {n for n, d in sel.graph.nodes(data=True) if d.get("level") == "hypothesis"}
    assert hypotheses and dashed and len(dashed) < len(paths)
    for p in dashed:  # a dashed curve touches a hypothesis claim
        title = p.find(f"{SVG}title")
        assert title is not None and any(h in (title.text or "") for h in hypotheses)
    # a neighbourhood small enough for edge labels (baclofen's, with its many partners, is not)
    texts = _texts(kg.export(tmp_path / "focus.svg", focus="tetrabenazine", depth=1))
    assert any(t.startswith("adverse: ") and t.endswith("[drug label]") for t in texts)


def test_matrix_export(kg: drugkg.KnowledgeGraph, tmp_path: Path) -> None:
    out = kg.export(tmp_path / "m.svg", format="matrix", drugs=["baclofen", "clozapine", "lithium"])
    root = ET.parse(out).getroot()
    cells = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cell"]
    assert len(cells) == 6
    scores = {frozenset((g.get("data-a"), g.get("data-b"))): g.get("data-score") for g in cells}
    report = kg.check(["baclofen", "clozapine", "lithium"])
    assert report.pairs
    for c in report.pairs:
        assert scores[frozenset(c.drugs)] == str(c.score)
    for a, b in report.no_known_risk:
        assert scores[frozenset((a, b))] == ""
    page = kg.export(tmp_path / "m.html", format="matrix", effect="dystonia",
                     drugs=["baclofen", "clozapine", "haloperidol", "lithium"]).read_text()
    assert "Dystonia risk" in page and "<svg" in page
    with pytest.raises(ExportError, match=r"\.svg, \.png or \.html"):
        kg.export(tmp_path / "m.graphml", format="matrix")
    with pytest.raises(ExportError, match="format 'matrix'"):
        kg.export(tmp_path / "x.svg", drugs=["baclofen", "lithium"])
