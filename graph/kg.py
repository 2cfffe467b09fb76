"""The :class:`KnowledgeGraph`: one object for SPARQL, lookups and the researcher's questions.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> kg.drug("Lioresal").label
'baclofen'
>>> kg.info()["drugs"] > 10
True
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from . import answers
from . import store as st
from .answers import ALL_EFFECTS, DEFAULT_EFFECT
from .context import GraphContext
from .errors import QueryError
from .namespaces import compress_iri
from .records import Combination, Drug, Effect, RegimenCheck, Results, Withdrawal

if TYPE_CHECKING:
    import networkx as nx

def load(path: str | os.PathLike[str] | None = None, *, data: list[str | os.PathLike[str]] | tuple[()] = ()) -> KnowledgeGraph:
    """Load the curated knowledge graph, with its OWL inferences, into an embedded Oxigraph store.

    Parameters
    ----------
    path : str or PathLike, optional
        Directory of an on-disk store. Missing or built from other content: it is (re)built
        atomically. Built from the same content: reopened as is, with no work. Default: in memory.
    data : list of str or PathLike, optional
        Extra RDF files (``.ttl``, ``.nt``, ``.nq``, ``.rdf``/``.owl``, ``.jsonld``) to add to the
        curated data. Their inferences are computed once with HermiT and cached.

    Returns
    -------
    KnowledgeGraph

    Raises
    ------
    DataError
        If a data file is missing or malformed.
    StoreError
        If ``path`` cannot hold a store.

    Examples
    --------
    >>> kg = load()
    >>> kg.ask("ASK { dkgr:drug-clozapine a dkg:D2ReceptorAntagonist }")
    True
    """
    sources = st.shipped_sources() + st.user_sources(list(data))
    store = st.open_store(path, sources)
    return KnowledgeGraph(store, path=Path(path) if path is not None else None)


class KnowledgeGraph(GraphContext):
    """The drug-effect knowledge graph over an embedded Oxigraph store.

    Use :func:`load` to get one. SPARQL, names and evidence come from
    :class:`~drugkg.context.GraphContext`; the questions are answered in :mod:`drugkg.answers`.
    Every name argument (drug, effect, route, context) accepts a label, a synonym or a CURIE,
    case-insensitively.
    """

    def __init__(self, store: ox.Store, *, path: Path | None = None) -> None:
        super().__init__(store, path=path)
        self._nx: Any = None

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "in memory"
        return f"<KnowledgeGraph {where}: {len(self.store)} triples>"

    def _repr_html_(self) -> str:
        return "<p><b>drugkg KnowledgeGraph</b></p>" + Results([self.info()])._repr_html_()

    def drug(self, name: str) -> Drug:
        """The drug named ``name`` (label, synonym, brand or CURIE, any case).

        Raises
        ------
        DrugNotFound
            With close matches when the name is unknown.

        Examples
        --------
        >>> d = load().drug("DRUGBANK:DB00181")
        >>> d.label, "CHEBI:2972" in d.identifiers
        ('baclofen', True)
        """
        iri = self.resolve(name, "drug")
        fields: dict[str, list[str]] = defaultdict(list)
        for row in self.rows("drug-profile", drug=iri):
            fields[row["field"]].append(row["valueLabel"] or row["value"])
        return Drug(
            iri=iri,
            curie=compress_iri(iri),
            label=fields["label"][0] if fields["label"] else compress_iri(iri),
            synonyms=tuple(fields["synonym"]),
            identifiers=tuple(fields["identifier"]),
            classes=tuple(sorted(set(fields["class"]))),
        )

    def drugs(self) -> Results[Drug]:
        """Every drug, sorted by label."""
        return Results(sorted((self.drug(iri) for iri in self.names.nodes("drug")), key=lambda d: d.label))

    def info(self) -> dict[str, int]:
        """Counts: triples, drugs, effects, assertions, interactions, withdrawals, mechanisms,
        evidence, sources.

        Examples
        --------
        >>> info = load().info()
        >>> info["sources"] > 0 and info["triples"] > info["assertions"]
        True
        """
        row = self.rows("graph-summary")[0]
        return {k: int(v) for k, v in row.items()}

    # -- questions ------------------------------------------------------------------------------

    def effects(self, drug: str, *, context: str | None = None, route: str | None = None, effect: str | None = None) -> Results[Effect]:
        """Effects of a drug, with qualifiers and evidence (see :func:`drugkg.answers.effects`).

        Examples
        --------
        >>> kg = load()
        >>> [e.effect_label for e in kg.effects("baclofen", context="dose increase", effect="dystonia")]
        ['Dystonia']
        """
        return answers.effects(self, drug, context=context, route=route, effect=effect)

    def withdrawal(self, drug: str, *, route: str | None = None) -> Results[Withdrawal]:
        """Withdrawal syndromes of a drug, optionally for one route, with manifestations by stage.

        Examples
        --------
        >>> w = load().withdrawal("baclofen", route="intrathecal")[0]
        >>> w.route, "status dystonicus" in [m.effect_label for m in w.manifestations]
        ('intrathecal', True)
        """
        return answers.withdrawal(self, drug, route=route)

    def risky_combinations(self, effect: str = DEFAULT_EFFECT, *, drugs: list[str] | tuple[str, ...] | None = None) -> Results[Combination]:
        """Pairs of drugs whose combination raises the risk of an effect class, ranked.

        Parameters
        ----------
        effect : str, default "movement disorder"
            Effect class (label, synonym or CURIE such as ``HP:0001332``).
        drugs : list of str, optional
            Keep pairs involving any of these drugs.

        Returns
        -------
        Results of Combination
            Best first. Each carries ``basis`` ("recorded" or "inferred"), a ``score`` (see
            :mod:`drugkg.risk`), the outcomes in the class, explanation paths and evidence.

        Examples
        --------
        >>> top = load().risky_combinations(drugs=["baclofen"])[0]
        >>> top.basis, "baclofen" in top.drugs
        ('recorded', True)
        """
        return answers.combinations(self, effect=effect, drugs=drugs)

    def explain(self, a: str, b: str, *, effect: str | None = None) -> Combination | None:
        """Why drugs ``a`` and ``b`` together raise the risk of an effect class (None if they don't).

        Parameters
        ----------
        a, b : str
            The two drugs.
        effect : str, optional
            Effect class; default: every effect class.

        Examples
        --------
        >>> c = load().explain("baclofen", "clozapine", effect="movement disorder")
        >>> c.basis, sorted({e.rule for e in c.explanation})
        ('recorded', ['convergence', 'recorded', 'shared-effect'])
        >>> mechanism = [e for e in c.explanation if e.rule == "convergence"][0]
        >>> [step.label for step in mechanism.path][:3]
        ['baclofen', 'baclofen agonist of GABBR1', 'baclofen nigrostriatal dopamine']
        >>> any("hypothesis" in caveat for caveat in mechanism.caveats)
        True
        """
        ia, ib = self.resolve(a, "drug"), self.resolve(b, "drug")
        if ia == ib:
            raise QueryError(f"explain needs two different drugs, got {a!r} twice")
        found = answers.combinations(self, effect=effect or ALL_EFFECTS, drugs=[ia, ib], within=True)
        return found[0] if found else None

    def check(self, drugs: list[str] | tuple[str, ...], *, effect: str | None = None) -> RegimenCheck:
        """Check a regimen: every pair within ``drugs`` (and only those), for every effect class.

        Parameters
        ----------
        drugs : list of str
            Two or more drugs; an item may be a comma-separated list (``"baclofen,clozapine"``).
        effect : str, optional
            Keep one effect class; default: every effect class.

        Returns
        -------
        RegimenCheck
            ``pairs``: the risky pairs within the list, ranked like :meth:`risky_combinations`;
            ``no_known_risk``: the other pairs; ``groups``: three or more drugs converging on one
            mechanism or sharing one effect (cumulative burden).

        Raises
        ------
        QueryError
            Fewer than two different drugs.
        DrugNotFound
            An unknown drug name.

        Examples
        --------
        >>> report = load().check(["baclofen,clozapine", "lithium", "levodopa"])
        >>> len(report.pairs) + len(report.no_known_risk)
        6
        """
        return answers.check(self, drugs, effect=effect)

    def risk_graph(self, effect: str = DEFAULT_EFFECT) -> nx.Graph:
        """Drugs as nodes, risky combinations as weighted edges (see :mod:`drugkg.answers.riskgraph`).

        Examples
        --------
        >>> g = load().risk_graph("movement disorder")
        >>> g.number_of_nodes() > 5 and all(d["weight"] > 0 for _, _, d in g.edges(data=True))
        True
        """
        return answers.risk_graph(self, effect=effect)

    # -- graph views ----------------------------------------------------------------------------

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a typed NetworkX MultiDiGraph (see :mod:`drugkg.traversal`).

        Examples
        --------
        >>> g = load().to_networkx()
        >>> g.nodes["dkgr:drug-baclofen"]["type"]
        'drug'
        """
        if self._nx is None:
            from .traversal.projection import project

            self._nx = project(self)
        return self._nx

    def export(self, path: str | os.PathLike[str], *, format: str | None = None, focus: str | None = None, depth: int = 1,
               explain: tuple[str, str] | None = None, effect: str | None = None) -> Path:
        """Write the graph, or a selected subgraph, to ``path`` (see :mod:`drugkg.export`)."""
        from .export import export

        return export(self, path, format=format, focus=focus, depth=depth, explain=explain, effect=effect)

    def validate(self, *, reasoner: bool = True) -> Any:
        """SHACL shapes, HermiT consistency and unsatisfiable classes (see :mod:`drugkg.validate`)."""
        from .reasoning.validate import validate_store

        return validate_store(self.store, reasoner=reasoner)





__all__ = ["DEFAULT_EFFECT", "KnowledgeGraph", "load"]
