"""Rule *pharmacokinetic*: one drug changes the clearance of the other.

Drug A (the perpetrator) inhibits or induces an enzyme or transporter (CYP2D6, P-gp, renal
clearance of lithium...) of which drug B (the victim) is a substrate. Inhibition raises B's
exposure, so B's *exposure-dependent* adverse effects under the class are the outcomes: those
marked dose-related or recorded on dose increase, overdose or accumulation. Induction lowers B's
exposure: B's therapeutic effect under the class may be lost.

The perpetrator's strength (strong, moderate, weak) and the victim's sensitivity (sensitive,
moderately sensitive) are shown as their sources give them, and weighed: a *weak* perpetrator's
reason is graded one level lower (not below 1), since a weak inhibitor or inducer rarely changes
exposure enough to matter.

Examples
--------
>>> RULE.kind, RULE.group
('mechanism', ('drugA', 'drugB', 'claimA', 'claimB'))
"""

from __future__ import annotations

from ..records import Explanation
from .base import Explainer, Index, Row, Rule, keep

INHIBITOR, INDUCER, SUBSTRATE = "dkgr:pkrole-inhibitor", "dkgr:pkrole-inducer", "dkgr:pkrole-substrate"
EXPOSURE_CONTEXTS = ("dkgr:context-dose-increase", "dkgr:context-overdose", "dkgr:context-accumulation")


def exposure_dependent(ix: Index, assertion: str) -> bool:
    """Marked dose-related, or recorded on dose increase, overdose or accumulation."""
    dose_related = str(ix.attr(assertion, "doseRelated") or "").lower() in ("true", "1")
    return dose_related or any(c in EXPOSURE_CONTEXTS for c in ix.t(assertion, "inContext"))


def traverse(ix: Index, effect: str, drug: str | None) -> list[Row]:
    under = ix.under(effect)
    roles = [(n, ix.t(n, "pkRole")) for n in ix.by_type["pk_role"]]
    substrates = [n for n, r in roles if SUBSTRATE in r]
    out = []
    for ca, rs in roles:
        for role in (x for x in rs if x in (INHIBITOR, INDUCER)):
            strength = next(iter(ix.t(ca, "strength")), None)
            for target in ix.t(ca, "onTarget"):
                for cb in (s for s in substrates if target in ix.t(s, "onTarget")):
                    sensitivity = next(iter(ix.t(cb, "sensitivity")), None)
                    for a in ix.t(ca, "subject"):
                        for b in ix.t(cb, "subject"):
                            if a == b:
                                continue
                            for asr in ix.s(b, "subject"):
                                kind = ix.attr(asr, "kind")
                                if ix.g.nodes[asr]["type"] != "assertion":
                                    continue
                                if role == INHIBITOR and (kind != "adverse" or not exposure_dependent(ix, asr)):
                                    continue
                                if role == INDUCER and kind != "therapeutic":
                                    continue
                                out += [{"drugA": a, "drugB": b, "claimA": ca, "claimB": cb, "target": target, "role": role,
                                         "assertion": asr, "outcome": o, "strength": strength, "strengthRank": ix.rank(strength),
                                         "sensitivity": sensitivity, "sensitivityRank": ix.rank(sensitivity)}
                                        for o in ix.t(asr, "effect") if o in under]
    return [r for r in out if keep(r, drug)]


def explain(ex: Explainer, rows: list[Row]) -> Explanation:
    r = rows[0]
    a, b, ca, cb, target = r["drugA"], r["drugB"], r["claimA"], r["claimB"], r["target"]
    inhibits = r["role"] == INHIBITOR
    strength = ex.label(r["strength"]) if r.get("strength") else "strength not given"
    sensitivity = ex.label(r["sensitivity"]) if r.get("sensitivity") else None
    outcomes = sorted({ex.label(x["outcome"]) for x in rows})
    victim = ex.label(b) + (f" ({sensitivity} substrate)" if sensitivity else "")
    if inhibits:
        summary = (f"{ex.label(a)} inhibits {ex.label(target)} ({strength}), which clears {victim}: higher "
                   f"{ex.label(b)} exposure raises its exposure-dependent {', '.join(outcomes)}")
    else:
        summary = (f"{ex.label(a)} induces {ex.label(target)} ({strength}), which clears {victim}: lower "
                   f"{ex.label(b)} exposure may lose its effect on {', '.join(outcomes)}")
    assertions = sorted({x["assertion"] for x in rows})
    path = [ex.step(a, "drug"), ex.step(ca, "pharmacokinetic role"), ex.step(target, "enzyme or transporter"),
            ex.step(cb, "pharmacokinetic role"), ex.step(b, "drug")]
    sides = [ex.level(ca), ex.level(cb), max(ex.level(x) for x in assertions)]
    level = min(sides)
    if int(r.get("strengthRank") or 0) == 1 and level > 1:
        level -= 1
    details = [("target", ex.label(target)), ("role", "inhibitor" if inhibits else "inducer"), ("strength", strength)]
    if sensitivity:
        details.append(("sensitivity", sensitivity))
    return ex.make(RULE, rows, summary=summary, path=path, claims=[ca, cb, *assertions], outcomes=[x["outcome"] for x in rows],
                   level=level, details=details)


RULE = Rule(
    name="pharmacokinetic", kind="mechanism", basis="inferred", query="rule-pharmacokinetic",
    key=("drugA", "drugB", "claimA", "claimB", "assertion", "outcome"), group=("drugA", "drugB", "claimA", "claimB"),
    traverse=traverse, explain=explain,
    description="an inhibitor or inducer of an enzyme or transporter that clears the other drug",
)
