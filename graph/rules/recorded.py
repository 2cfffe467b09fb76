"""Rule *recorded*: an interaction recorded between the two drugs, or between their classes.

The interaction's outcome falls under the effect class; a drug class participant stands for each of
its members, asserted or classified by the reasoner. The source's management severity
(contraindicated, avoid, adjust or monitor, consider) comes along.

A class-level interaction reaches a member no more strongly than the member's link to the class.
When the class is defined by target actions (dopamine D2 receptor antagonist) and every mechanism
through which the member belongs to it is qualified by evidence (clozapine's low striatal D2
occupancy), the reason loses one evidence level and carries those qualifications as caveats: a
label's warning about D2 antagonists holds for haloperidol as written and for clozapine only as
far as its D2 antagonism goes.

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> rows = RULE.sparql(kg, "movement disorder", "lithium")
>>> ("dkgr:drug-baclofen", "dkgr:drug-lithium") in {(r["drugA"], r["drugB"]) for r in rows}
True
>>> RULE.keys(rows) == RULE.keys(RULE.networkx(kg.to_networkx(), "dkg:MovementDisorder", "dkgr:drug-lithium"))
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..namespaces import compress_iri
from ..records import Explanation, unique
from ..sparql.terms import full_iri
from .base import Explainer, Rule
from .index import Index, Row, keep

if TYPE_CHECKING:
    from ..context import GraphContext


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    members: dict[str, set[str]] = defaultdict(set)
    for d in ix.by_type["drug"]:
        members[d].add(d)
        for c in ix.t(d, "member_of"):
            members[c].add(d)
    def via(participant: str, drug: str) -> str | None:
        return None if participant == drug else participant

    out = []
    for n in ix.by_type["interaction"]:
        outcomes = [o for o in ix.t(n, "hasOutcome") if o in under]
        if not outcomes:
            continue
        severity = next(iter(ix.t(n, "interactionSeverity")), None)
        parts = ix.t(n, "hasParticipant")
        for pa in parts:
            for pb in parts:
                if pa == pb:
                    continue
                for a in members.get(pa, ()):
                    for b in members.get(pb, ()):
                        if a != b and ix.iri[a] < ix.iri[b]:
                            out += [{"drugA": a, "drugB": b, "claimA": n, "outcome": o, "severity": severity,
                                     "severityRank": ix.rank(severity), "viaA": via(pa, a), "viaB": via(pb, b)}
                                    for o in outcomes]
    return [r for r in out if keep(r, drug)]


#: The strongest signals a gathered reason names (with their evidence); the others are counted.
SHOWN_SIGNALS = 5


def signal_rows(kg: GraphContext, effect: str, drug: str | None, within: Sequence[str] | None = None) -> list[Row]:
    """The rows of signal files (:mod:`drugkg.signals`) as the query gives imported interactions:
    each row's drugs in IRI order, its effect class as the outcome, no severity, no classes;
    with ``within`` (drug IRIs), the rows of two of those drugs only."""
    table = kg.signals
    if table is None:
        return []
    # the classes under the effect asked for (the hierarchy is RDF), by a named query
    under = kg.query("effect-subclasses", effect=effect)
    rows = table.strongest((full_iri(c["class"]) for c in under), kg.resolve(drug, "drug") if drug else None,
                           within=within, top=SHOWN_SIGNALS)
    # a pair's signals from one file are one reason (see reason): DuckDB gives the rows that
    # reason shows (the strongest) with the count of all and each effect's strongest PRR, and
    # the file's node its sources, so that no other row reaches Python
    nodes = kg.node_evidence(sorted({r[4] for r in rows})) if rows else {}
    sources = {n: tuple(sorted({e.source for e in refs})) for n, refs in nodes.items()}
    names: dict[str, str] = {}  # drugs and effects repeat: each compressed once
    def short(iri: str) -> str:
        found = names.get(iri)
        if found is None:
            found = names[iri] = compress_iri(iri)
        return found

    out = []
    carried: set[tuple[str, str, str]] = set()  # each pair and file's effects ride on its first row only
    for claim, a, b, e, node, prr, count, effects in rows:
        first = (a, b, node) not in carried
        carried.add((a, b, node))
        mine = tuple((short(x), best) for x, best in effects) if first else ()
        out.append({"drugA": short(a), "drugB": short(b), "claimA": compress_iri(claim), "outcome": short(e),
                    "severity": None, "severityRank": None, "viaA": None, "viaB": None,
                    "prr": prr, "signalSources": sources.get(node, ()), "signalCount": count,
                    "signalEffects": mine})
    return out


def reason(ex: Explainer, row: Row) -> tuple[object, ...]:
    """A row's reason: its interaction; a disproportionality signal's is every signal of the same
    pair from the same sources (one reason per dataset, however many effect terms it reports)."""
    claim = row["claimA"]
    if "signalSources" in row:  # a row kept as columns (signal_rows)
        return (row["drugA"], row["drugB"], "signals", *row["signalSources"])
    if ex.prr(claim) is None:
        return (row["drugA"], row["drugB"], claim)
    return (row["drugA"], row["drugB"], "signals", *sorted({e.source for e in ex.refs(claim)}))


def _ranked(ex: Explainer, rows: list[Row]) -> tuple[dict[str, float], list[str]]:
    """The PRR of each signal claim of a reason's rows, and the claims strongest first."""
    prrs = {r["claimA"]: (r["prr"] if "prr" in r else ex.prr(r["claimA"])) or 0.0 for r in rows}
    return prrs, sorted(prrs, key=lambda c: (-prrs[c], c))


def prepare(ex: Explainer, reasons: list[list[Row]]) -> None:
    """Fetch, in one batch, the evidence of the signals the reasons kept as columns will show."""
    shown = [c for rows in reasons if "signalSources" in rows[0] for c in _ranked(ex, rows)[1][:SHOWN_SIGNALS]]
    if shown:
        ex.kg.prefetch(full_iri(c) for c in shown)


def explain_signals(ex: Explainer, rows: list[Row]) -> Explanation:
    """One reason for a pair's signals from one dataset: the strongest named, the rest counted."""
    a, b = rows[0]["drugA"], rows[0]["drugB"]
    prrs, ranked = _ranked(ex, rows)
    effects: dict[str, list[str]] = defaultdict(list)
    best: dict[str, float] = {}  # each effect's strongest signal orders the outcomes
    for r in rows:
        effects[r["claimA"]].append(ex.label(r["outcome"]))
        best[r["outcome"]] = max(best.get(r["outcome"], 0.0), prrs[r["claimA"]])
        for o, strength in r.get("signalEffects", ()):  # rows kept as columns: every effect's best, on one row (signal_rows)
            best[o] = max(best.get(o, 0.0), strength)
    outcomes = sorted(best, key=lambda o: (-best[o], ex.label(o), o))
    # rows kept as columns come as the ones shown, with the count of all (signal_rows)
    count = max((int(r["signalCount"]) for r in rows if "signalCount" in r), default=len(ranked))
    shown = ranked[:SHOWN_SIGNALS]
    named = [f"{' / '.join(unique(effects[c]))} (PRR {prrs[c]:.3g}" for c in shown]
    if count == 1:
        summary = f"reported together more often than expected: {named[0]}; a signal, not a cause)"
    else:
        more = count - len(shown)
        summary = (f"reported together more often than expected, {count} signals: {'), '.join(named)})"
                   + (f" and {more} more" if more else "") + "; each a signal, not a cause")
    path = [ex.step(a, "drug"), ex.step(shown[0], "interaction"), ex.step(b, "drug")]
    return ex.make(RULE, rows, summary=summary, path=path, claims=shown, outcomes=outcomes,
                   details=[("PRR", f"{prrs[shown[0]]:.6g}"), ("signals", str(count))])


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    if "signalSources" in r or ex.prr(r["claimA"]) is not None:  # a pair's signals from one dataset (see reason)
        return explain_signals(ex, rows)
    a, b, claim = r["drugA"], r["drugB"], r["claimA"]
    via_a = sorted({x["viaA"] for x in rows if x.get("viaA")})
    via_b = sorted({x["viaB"] for x in rows if x.get("viaB")})
    path = [ex.step(a, "drug"), *(ex.step(c, "drug class") for c in via_a), ex.step(claim, "interaction"),
            *(ex.step(c, "drug class") for c in via_b), ex.step(b, "drug")]
    severity = ex.label(r["severity"]) if r.get("severity") else None
    summary = f"recorded interaction '{ex.label(claim)}'" + (f" ({severity})" if severity else "")
    weak = [(d, c, ms) for d, classes in ((a, via_a), (b, via_b)) for c in classes
            if (ms := ex.membership(d, c)) and all(ex.qualified(m) for m in ms)]
    level = max(1, ex.level(claim) - 1) if weak else None
    caveats = [f"{ex.label(d)} is a {ex.label(c)} only through qualified mechanisms "
               f"({', '.join(ex.label(m) for m in ms)}): the class-level statement is weighed one level lower"
               for d, c, ms in weak]
    return ex.make(RULE, rows, summary=summary, path=path, claims=[claim, *(m for _, _, ms in weak for m in ms)],
                   outcomes=[x["outcome"] for x in rows], level=level, severity=(severity, int(r.get("severityRank") or 0)),
                   caveats=caveats)


RULE = Rule(
    name="recorded", kind="interaction", basis="recorded", query="rule-recorded",
    key=("drugA", "drugB", "claimA", "outcome"), group=("drugA", "drugB", "claimA"),
    traverse=traverse, explain=explain, columns=signal_rows, reason=reason, prepare=prepare,
    description="an interaction recorded for the two drugs or their classes, with an outcome in the class",
    drug_filters=True,
)
