"""How the interactive HTML export scales: a synthetic 5,000-node graph against a 500-node baseline.

Builds synthetic MultiDiGraphs with the schema of :func:`drugkg.traversal.project` (typed nodes
with labels, evidence levels and evidence lines; edges keyed by relation, in the proportions of
the curated graph), writes each with the HTML exporter, opens it in headless Chromium from
``file://`` with the network blocked, and reads back what the page records when its first frame
is drawn: ``performance.now()`` at that moment (load-to-rendered time, navigation start to first
complete frame), the number of node markers drawn, and the time of a redraw after zooming in.

Usage::

    python bench/bench_html_scale.py                 # 500 and 5,000 nodes, 3 runs each
    python bench/bench_html_scale.py 500 5000 20000 50000  # other sizes (the first is the baseline);
                                                     # sizes past HTML_MAX_NODES show the refusal,
                                                     # then are measured anyway for reference

Needs Chromium (Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

import drugkg.export as ex
from drugkg.errors import ExportError
from drugkg.export import render_html
from drugkg.export.browser import HeadlessChromium

#: Share of each node type, as in the curated graph.
MIX = {"evidence": 0.30, "effect": 0.22, "assertion": 0.16, "source": 0.06, "target_action": 0.035, "drug": 0.04,
       "drug_class": 0.025, "mechanism": 0.025, "target": 0.02, "management": 0.015, "interaction": 0.02,
       "risk_factor": 0.01, "context": 0.01, "physiological_effect": 0.008, "pathway": 0.005, "withdrawal": 0.004,
       "route": 0.003}
LEVELS = ["drug label", "primary report", "secondary claim", "hypothesis"]


def synthetic_graph(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """A graph of about ``n`` nodes with the node and edge attributes of the real projection."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(name=f"synthetic-{n}")
    by_type: dict[str, list[str]] = {}
    counts = {kind: max(2, round(n * share)) for kind, share in MIX.items()}
    counts["evidence"] += n - sum(counts.values())  # the shares leave the rest to evidence
    for kind, count in counts.items():
        for i in range(count):
            node = f"dkgr:{kind.replace('_', '')}-{i}"
            attrs = {"iri": f"https://w3id.org/drugkg/resource/{kind}-{i}", "label": f"{kind.replace('_', ' ')} {i}", "type": kind}
            if kind in ("assertion", "interaction", "mechanism", "withdrawal", "management"):
                rank = rng.randint(1, 4)
                attrs.update(level=LEVELS[4 - rank], level_rank=rank,
                             evidence="\n".join(f"SRC{rng.randint(1, 999)} PMID:{rng.randint(10**6, 10**7)} ({LEVELS[4 - rank]}; verified)"
                                                for _ in range(rng.randint(1, 3))))
            if kind == "assertion":
                attrs["kind"] = "adverse"
            g.add_node(node, **attrs)
            by_type.setdefault(kind, []).append(node)

    def pick(kind: str) -> str:
        return rng.choice(by_type[kind])

    def edge(u: str, v: str, rel: str, **attrs: object) -> None:
        g.add_edge(u, v, key=rel, **{"relation": rel, "predicate": f"dkg:{rel}", "inferred": False, **attrs})

    for a in by_type["assertion"]:
        d, e = pick("drug"), pick("effect")
        edge(a, d, "subject")
        edge(a, e, "effect")
        edge(a, pick("context"), "inContext")
        if rng.random() < 0.6:
            edge(a, pick("route"), "viaRoute")
        if rng.random() < 0.7:
            edge(d, e, "hasAdverseEffect", claims=a, level=g.nodes[a]["level"], level_rank=g.nodes[a]["level_rank"])
    for ev in by_type["evidence"]:
        claim = pick(rng.choice(["assertion", "assertion", "assertion", "interaction", "mechanism"]))
        edge(claim, ev, "hasEvidence")
        edge(ev, pick("source"), "fromSource")
    for e in by_type["effect"] + by_type["risk_factor"]:
        parent = pick("effect")
        if parent != e:
            edge(e, parent, "is_a", inferred=rng.random() < 0.3)
    for d in by_type["drug"]:
        for _ in range(rng.randint(1, 3)):
            edge(d, pick("drug_class"), "member_of", inferred=rng.random() < 0.5)
    for ta in by_type["target_action"]:
        edge(pick("drug"), ta, "hasTargetAction")
        edge(ta, pick("target"), "onTarget")
    for m in by_type["mechanism"]:
        edge(m, pick("drug"), "mechanismOf")
        edge(m, pick("target_action"), "viaTargetAction")
        edge(m, pick("physiological_effect"), "hasPhysiologicalEffect")
        edge(m, pick("pathway"), "inPathway")
        for _ in range(rng.randint(1, 4)):
            edge(m, pick("effect"), "leadsTo")
    for i in by_type["interaction"]:
        edge(i, pick("drug"), "hasParticipant")
        edge(i, pick(rng.choice(["drug", "drug_class"])), "hasParticipant")
        edge(i, pick("effect"), "hasOutcome")
    for w in by_type["withdrawal"]:
        edge(w, pick("drug"), "withdrawalOf")
        for _ in range(5):
            edge(w, pick("assertion"), "hasManifestation")
    for mg in by_type["management"]:
        edge(pick("assertion"), mg, "managedBy")
    return g


def measure(browser: HeadlessChromium, page: Path) -> dict[str, float]:
    """Open ``page`` and return what it recorded at its first frame, and a redraw after zooming."""
    browser.events.clear()
    browser.open(page.as_uri(), timeout=300)
    ready = browser.evaluate(
        "new Promise(r => { const f = () => document.documentElement.dataset.ready ? r(Object.assign({}, document.documentElement.dataset))"
        " : setTimeout(f, 10); f(); })", timeout=300)
    redraw = browser.evaluate(
        "new Promise(r => { document.getElementById('zoom-in').click(); requestAnimationFrame(() => requestAnimationFrame(() =>"
        " r(+document.documentElement.dataset.frameMs))); })")
    errors = browser.errors()
    if errors:
        raise SystemExit(f"page errors: {errors}")
    return {"render_ms": float(ready["renderMs"]), "drawn": float(ready["drawn"]), "nodes": float(ready["nodes"]),
            "edges": float(ready["edges"]), "first_frame_ms": float(ready["frameMs"]), "redraw_ms": float(redraw)}


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [500, 5000]
    runs = 3
    results = {}
    with tempfile.TemporaryDirectory() as work, HeadlessChromium(width=1400, height=900) as browser:
        for n in sizes:
            g = synthetic_graph(n)
            try:
                if n > ex.HTML_MAX_NODES:
                    render_html(g)
            except ExportError as exc:  # past the limit: show the refusal, then measure anyway for reference
                print(f"{n:>6} nodes: the exporter refuses: {exc}", flush=True)
            limit, ex.HTML_MAX_NODES = ex.HTML_MAX_NODES, max(ex.HTML_MAX_NODES, n)
            try:
                t = time.perf_counter()
                text = render_html(g, f"synthetic graph, {n} nodes")
                export_s = time.perf_counter() - t
            finally:
                ex.HTML_MAX_NODES = limit
            page = Path(work) / f"graph-{n}.html"
            page.write_text(text, encoding="utf-8")
            samples = [measure(browser, page) for _ in range(runs)]
            res = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
            res.update(export_s=export_s, size_mb=page.stat().st_size / 1e6)
            results[n] = res
            print(f"{n:>6} nodes {int(res['edges']):>6} edges: export {export_s:5.2f} s, {res['size_mb']:5.1f} MB, "
                  f"load-to-rendered {res['render_ms']:7.0f} ms (median of {runs}), first frame {res['first_frame_ms']:5.0f} ms, "
                  f"redraw {res['redraw_ms']:5.0f} ms, {int(res['drawn'])} nodes drawn", flush=True)
    base = sizes[0]
    for n in sizes[1:]:
        print(f"ratio {n}/{base} nodes: load-to-rendered x{results[n]['render_ms'] / results[base]['render_ms']:.1f}, "
              f"redraw x{results[n]['redraw_ms'] / max(results[base]['redraw_ms'], 0.1):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
