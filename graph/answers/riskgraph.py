"""The drug-level risk graph: drugs as nodes, risky combinations as weighted edges.

For network analysis (centrality, communities) with NetworkX. Numeric algorithms that need
numpy or scipy (``pagerank``, ``eigenvector_centrality_numpy``, spectral layouts) work after
``pip install "drugkg[science]"``.

Examples
--------
>>> import drugkg, networkx as nx
>>> g = drugkg.load().risk_graph("movement disorder")
>>> g.nodes["dkgr:drug-baclofen"]["label"]
'baclofen'
>>> edge = g.edges["dkgr:drug-baclofen", "dkgr:drug-lithium"]
>>> edge["kind"], edge["weight"] > 4
('interaction', True)
>>> max(nx.degree_centrality(g).items(), key=lambda kv: kv[1])[0] in g
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..namespaces import compress_iri
from .risk import combinations

if TYPE_CHECKING:
    import networkx as nx

    from ..context import GraphContext


def risk_graph(kg: GraphContext, *, effect: str) -> nx.Graph:
    """An undirected graph of drugs joined by the combinations that raise the risk of ``effect``.

    Nodes are drug CURIEs with ``label``. Each edge carries ``weight`` (``score / 1000``, so the
    evidence level of the best reason is its integer part), ``score``, ``level``, ``kind``,
    ``basis``, ``severity``, ``outcomes``, ``reasons`` (the number of independent reasons),
    ``rules`` and ``summaries`` (one line per reason), and ``distance`` (``1 / weight``, for
    shortest paths where stronger risks are closer).
    """
    import networkx as nx

    g = nx.Graph(name=f"drugkg risk graph: {kg.label(kg.resolve(effect, 'effect'))}")
    for c in combinations(kg, effect=effect):
        a, b = (compress_iri(i) for i in c.drug_iris)
        for node, label in ((a, c.drugs[0]), (b, c.drugs[1])):
            g.add_node(node, label=label, type="drug")
        weight = c.score / 1000
        g.add_edge(a, b, weight=weight, distance=1 / weight if weight else float("inf"), score=c.score, level=c.level,
                   kind=c.kind, basis=c.basis, severity=c.severity or "", outcomes="; ".join(c.outcomes), reasons=c.reasons,
                   rules="; ".join(sorted({e.rule for e in c.explanation})), summaries="\n".join(e.summary for e in c.explanation))
    return g
