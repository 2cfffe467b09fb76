"""What an export draws: the whole graph, a drug's neighbourhood, a pair's explanation, or an effect class."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ExportError
from ..namespaces import compress_iri

if TYPE_CHECKING:
    import networkx as nx

    from ..kg import KnowledgeGraph

# -- selection ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The subgraph an export writes.

    Attributes
    ----------
    graph : networkx.MultiDiGraph
        Nodes and edges as in :func:`drugkg.traversal.project` (a view of the whole graph when
        ``kind`` is ``"whole"``: do not modify it).
    kind : str
        ``"whole"``, ``"focus"``, ``"explain"`` or ``"effect"``.
    title : str
        One line describing the selection (used as the figure and page title).
    seeds : tuple of str
        CURIEs of the nodes the selection started from (drawn emphasised).
    """

    graph: Any
    kind: str
    title: str
    seeds: tuple[str, ...] = ()

    @property
    def whole(self) -> bool:
        return self.kind == "whole"


def select(kg: KnowledgeGraph, *, focus: str | None = None, depth: int = 1, explain: tuple[str, str] | list[str] | None = None,
           effect: str | None = None, view: str = "summary") -> Selection:
    """Select the subgraph to export (see the module docstring for the rules).

    Parameters
    ----------
    kg : KnowledgeGraph
    focus : str, optional
        A drug (label, synonym or CURIE): its neighbourhood of ``depth`` hops.
    depth : int, default 1
        Hops from ``focus``; an integer >= 0.
    explain : (str, str), optional
        Two drugs: the nodes of their explanation paths for ``effect`` (default "movement
        disorder").
    effect : str, optional
        An effect class: everything leading to an effect under it (or, with ``explain``, the
        class the pair is explained for).
    view : {"summary", "full"}, default "summary"
        For ``focus``: ``"summary"`` draws each drug-effect assertion as one labelled edge
        (:mod:`drugkg.export.summary`), and the hops are counted on that graph; ``"full"`` keeps
        the assertion nodes.

    Raises
    ------
    ExportError
        Two selections at once, a bad ``depth``, a pair without explanation, or an effect class
        nothing leads to.
    NotFound
        (``DrugNotFound``/``EffectNotFound``) for an unknown drug or effect name.

    Examples
    --------
    >>> import drugkg
    >>> kg = drugkg.load()
    >>> sel = select(kg, focus="baclofen", depth=1)
    >>> sel.title, "dkgr:target-GABBR1" in sel.graph
    ('baclofen, 1 hop', True)
    >>> sel = select(kg, effect="status dystonicus")
    >>> sorted(n for n, d in sel.graph.nodes(data=True) if d["type"] == "drug")
    ['dkgr:drug-baclofen']
    """
    from ..defaults import DEFAULT_EFFECT
    from ..traversal.paths import neighbourhood

    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise ExportError(f"depth must be an integer >= 0, got {depth!r}")
    given = [name for name, value in (("focus", focus), ("explain", explain), ("effect", effect if explain is None else None))
             if value is not None]
    if view not in ("summary", "full"):
        raise ExportError(f"view must be 'summary' or 'full', got {view!r}")
    if len(given) > 1:
        raise ExportError(f"give at most one selection, got {' and '.join(given)} "
                          "(focus with depth, explain A B, or effect CLASS)")
    g = kg.to_networkx()
    if focus is not None:
        from .summary import summarise

        curie = compress_iri(kg.resolve(focus, "drug"))
        sub = neighbourhood(summarise(g) if view == "summary" else g, curie, depth)
        hops = "hop" if depth == 1 else "hops"
        return Selection(sub, "focus", f"{g.nodes[curie]['label']}, {depth} {hops}", (curie,))
    if explain is not None:
        if isinstance(explain, str) or len(explain) != 2:
            raise ExportError(f"explain needs two drugs, got {explain!r}")
        return _select_explanation(kg, g, explain[0], explain[1], effect or DEFAULT_EFFECT)
    if effect is not None:
        return _select_effect(kg, g, effect)
    return Selection(g, "whole", "drugkg: the whole graph")


def _out(g: nx.MultiDiGraph, node: str, *relations: str) -> list[str]:
    return [v for _, v, k in g.out_edges(node, keys=True) if k in relations]


def _into(g: nx.MultiDiGraph, node: str, *relations: str) -> list[str]:
    return [u for u, _, k in g.in_edges(node, keys=True) if k in relations]


def _is_a_chain(g: nx.MultiDiGraph, nodes: Iterable[str], under: set[str]) -> set[str]:
    """Effect classes between ``nodes`` and the top of ``under`` along ``is_a`` edges."""
    keep: set[str] = set()
    todo = [n for n in nodes if n in under]
    while todo:
        n = todo.pop()
        if n in keep:
            continue
        keep.add(n)
        todo.extend(p for p in _out(g, n, "is_a") if p in under)
    return keep


#: Relations that summarise a claim node (left out of explanation subgraphs, which show the claim).
_SHORTCUTS = frozenset({"hasAdverseEffect", "treats", "interactsWith", "interactsWithDrug"})


def _select_explanation(kg: KnowledgeGraph, g: nx.MultiDiGraph, a: str, b: str, effect: str) -> Selection:
    from ..traversal.paths import descendants_or_self

    combo = kg.explain(a, b, effect=effect)
    effect_curie = compress_iri(kg.resolve(effect, "effect"))
    if combo is None or not combo.explanation:
        raise ExportError(f"{a} and {b}: no explanation for {effect!r} to export "
                          "(the pair does not raise its risk in the graph)")
    under = descendants_or_self(g, effect_curie)
    nodes: set[str] = set()
    outcomes: set[str] = set()
    for exp in combo.explanation:
        nodes.update(step.node for step in exp.path if step.node in g)
        for claim in exp.claims:
            if claim in g:
                nodes.add(claim)
                outcomes.update(o for o in _out(g, claim, "hasOutcome", "leadsTo", "effect") if o in under)
    nodes |= outcomes
    sub = g.subgraph(nodes).copy()
    # the drug-effect and drug-drug shortcut edges summarise claims the paths already show
    sub.remove_edges_from([(u, v, k) for u, v, k in list(sub.edges(keys=True)) if k in _SHORTCUTS])
    title = f"why {combo.drugs[0]} + {combo.drugs[1]} raise {g.nodes[effect_curie]['label']} risk"
    return Selection(sub, "explain", title, tuple(compress_iri(d) for d in combo.drug_iris))


def _select_effect(kg: KnowledgeGraph, g: nx.MultiDiGraph, effect: str) -> Selection:
    from ..traversal.paths import descendants_or_self

    cls = compress_iri(kg.resolve(effect, "effect"))
    under = descendants_or_self(g, cls)
    keep: set[str] = set()
    reached: set[str] = set()
    mechanisms: list[str] = []
    for n, d in g.nodes(data=True):
        t = d["type"]
        if t == "assertion" and d.get("kind") != "therapeutic":
            hits = [o for o in _out(g, n, "effect") if o in under]
            drugs = _out(g, n, "subject")
        elif t == "interaction":
            hits = [o for o in _out(g, n, "hasOutcome") if o in under]
            drugs = _out(g, n, "hasParticipant")
        elif t == "mechanism":
            hits = [o for o in _out(g, n, "leadsTo") if o in under]
            drugs = _out(g, n, "mechanismOf")
            if hits:
                mechanisms.append(n)
        else:
            continue
        if hits:
            keep.add(n)
            keep.update(drugs)
            reached.update(hits)
    if not keep:
        raise ExportError(f"nothing in the graph leads to {g.nodes[cls]['label']!r} or an effect under it")
    for m in mechanisms:
        actions = _out(g, m, "viaTargetAction")
        keep.update(actions)
        keep.update(_out(g, m, "hasPhysiologicalEffect", "inPathway"))
        for ta in actions:
            keep.update(_out(g, ta, "onTarget"))
    # member drugs of the drug classes that take part, and withdrawal syndromes that manifest so
    for n in list(keep):
        t = g.nodes[n]["type"]
        if t == "drug_class":
            keep.update(_into(g, n, "member_of"))
        elif t == "assertion":
            keep.update(w for w in _into(g, n, "hasManifestation") if g.nodes[w]["type"] == "withdrawal")
    keep |= _is_a_chain(g, reached | {cls}, under)
    sub = g.subgraph(keep).copy()
    return Selection(sub, "effect", f"what leads to {g.nodes[cls]['label']}", (cls,))


