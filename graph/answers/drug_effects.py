"""A drug's effects by context and route, and its withdrawal syndromes by stage.

Both read named queries (``drug-effects``, ``withdrawal-profile``) and attach each claim's
qualifier links and graded evidence.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..records import Effect, Results, Withdrawal
from ..sparql.terms import full_iri

if TYPE_CHECKING:
    from ..claims import ClaimCache
    from ..context import GraphContext


def effects(ctx: GraphContext, drug: str, *, context: str | None = None, route: str | None = None,
            effect: str | None = None) -> Results[Effect]:
    """Effects of a drug, with qualifiers and evidence.

    Parameters
    ----------
    drug : str
        The drug.
    context : str, optional
        Keep assertions in this exposure context (``initiation``, ``dose increase``,
        ``overdose``, ``abrupt cessation``, ``co-administration``, ``accumulation``...).
    route : str, optional
        Keep assertions by this route (``oral``, ``intrathecal``); assertions recorded without
        a route apply to every route.
    effect : str, optional
        Keep assertions whose effect falls under this class (e.g. ``movement disorder``).

    Examples
    --------
    >>> from drugkg import load
    >>> [e.effect_label for e in effects(load(), "baclofen", context="dose increase", effect="dystonia")]
    ['Dystonia']
    """
    rows = ctx.query("drug-effects", drug=drug, context=context, route=route, effect=effect)
    ctx.prefetch(full_iri(r["assertion"]) for r in rows)  # evidence and links in a few batches, not per assertion
    links = ctx.link_labels()
    links.prefetch(full_iri(r["assertion"]) for r in rows)
    label = ctx.label(ctx.resolve(drug, "drug"))
    return Results([effect_record(ctx, r, links, label) for r in rows])

def effect_record(ctx: GraphContext, r: dict[str, Any],
                  links: ClaimCache[dict[str, list[str]]] | dict[str, dict[str, list[str]]], drug: str) -> Effect:
    """An :class:`Effect` of ``drug`` (its label) from a ``drug-effects`` row, its qualifier links
    and its evidence."""
    iri = full_iri(r["assertion"])
    rank, level = ctx.claim_level(iri)
    lk = links.get(iri, {})
    return Effect(
        assertion=r["assertion"],
        drug=drug,
        kind=r["kind"],
        effect=r["effectClass"],
        effect_label=r["effectLabel"],
        contexts=_split(r["contexts"]),
        routes=_split(r["routes"]),
        onset=r["onset"],
        severity=r["severity"],
        frequency=r["frequency"],
        frequency_text=r["frequencyText"],
        modifier=r["modifier"],
        stage=r["stage"],
        risk_factors=tuple(lk.get("risk_factor", ())),
        management=tuple(lk.get("management", ())),
        mechanisms=tuple(lk.get("mechanism", ())),
        evidence=tuple(ctx.evidence_by_claim.get(iri, ())),
        level=level,
        level_rank=rank,
    )




def withdrawal(ctx: GraphContext, drug: str, *, route: str | None = None) -> Results[Withdrawal]:
    """Withdrawal syndromes of a drug, optionally for one route, with manifestations by stage.

    Examples
    --------
    >>> from drugkg import load
    >>> w = withdrawal(load(), "baclofen", route="intrathecal")[0]
    >>> w.route, "status dystonicus" in [m.effect_label for m in w.manifestations]
    ('intrathecal', True)
    """
    rows = ctx.query("withdrawal-profile", drug=drug, route=route)
    links = ctx.link_labels()
    # manifestations are drug-effect assertions: the same records, with every qualifier, as effects()
    by_assertion = {e.assertion: e for e in effects(ctx, drug)} if rows else {}
    by_syndrome: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_syndrome[r["syndrome"]].append(r)
    out = []
    for syn, rs in by_syndrome.items():
        iri = full_iri(syn)
        lk = links.get(iri, {})
        first = rs[0]
        manifestations = tuple(
            dataclasses.replace(by_assertion[r["manifestation"]], kind="withdrawal manifestation") for r in rs
        )
        out.append(
            Withdrawal(
                syndrome=syn, drug=ctx.label(ctx.resolve(drug, "drug")), label=first["label"], route=first["routeLabel"],
                contexts=tuple(lk.get("context", ())), onset=first["onset"], onset_min_hours=first["onsetMinHours"],
                onset_max_hours=first["onsetMaxHours"], severity=first["severity"],
                risk_factors=tuple(lk.get("risk_factor", ())), manifestations=manifestations,
                management=tuple(lk.get("management", ())), mechanisms=tuple(lk.get("mechanism", ())),
                resembles=tuple(lk.get("resembles", ())), evidence=tuple(ctx.evidence_by_claim.get(iri, ())),
            )
        )
    return Results(out)



def _split(value: str | None) -> tuple[str, ...]:
    return tuple(sorted(v for v in (value or "").split("|") if v))
