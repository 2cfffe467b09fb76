"""Rule *pharmacokinetic*: one drug changes the clearance of the other.

Drug A (the perpetrator) inhibits or induces an enzyme or transporter (CYP2D6, P-gp, renal
clearance of lithium...) of which drug B (the victim) is a substrate. Inhibition raises B's
exposure, so B's *exposure-dependent* adverse effects under the class are the outcomes: those
marked dose-related or recorded on dose increase, overdose or accumulation. Induction lowers B's
exposure: B's therapeutic effect under the class may be lost.

The perpetrator's strength (strong, moderate, weak) and the victim's sensitivity (sensitive,
moderately sensitive) are shown as their sources give them, and the reason is graded by its
evidence, starting from the lowest grade of the two roles and the victim's effect:

* a *weak* perpetrator, or one whose strength no source gives ("strength not given"), lowers the
  grade one level: a weak inhibitor or inducer rarely changes exposure enough to matter, and an
  unweighed role may be weak;
* a substrate role that is neither the main clearance pathway (``dkg:majorPathway true``) nor
  marked with a sensitivity lowers it one level more ("minor or unconfirmed pathway");
* a role that rests on database listings alone (a source of type *database*, such as DrugBank,
  which lists enzyme roles without weighing them) caps the grade at *secondary claim*, so such a
  reason never outranks one whose roles a label gives.

No step goes below 1 (hypothesis); each is shown as a caveat.

Examples
--------
>>> RULE.kind, RULE.group
('mechanism', ('drugA', 'drugB', 'claimA', 'claimB'))
"""

from __future__ import annotations

from ..records import Explanation
from .base import LEVEL_SECONDARY, Explainer, Rule
from .index import Index, Row, keep

INHIBITOR, INDUCER, SUBSTRATE = "dkgr:pkrole-inhibitor", "dkgr:pkrole-inducer", "dkgr:pkrole-substrate"
EXPOSURE_CONTEXTS = ("dkgr:context-dose-increase", "dkgr:context-overdose", "dkgr:context-accumulation")


def true(value: object) -> bool:
    """An ``xsd:boolean`` literal as the query or the projection gives it."""
    return str(value or "").lower() in ("true", "1")


def grade(level: int, strength_rank: int | None, substrate_marked: bool, database_only: bool) -> tuple[int, list[str]]:
    """The grade of a pharmacokinetic reason from the lowest grade of its claims, and why it was lowered.

    Examples
    --------
    A label-graded pair of roles with a strong inhibitor and a sensitive substrate keeps its grade;
    DrugBank's unweighed listing of a minor pathway falls from secondary claim to hypothesis:

    >>> grade(4, 3, True, False)
    (4, [])
    >>> grade(2, None, False, True)[0]
    1
    >>> grade(4, None, False, True)
    (2, ['strength not given', 'minor or unconfirmed pathway', 'database listing only'])
    """
    why = []
    if strength_rank is None or strength_rank <= 1:
        why.append("strength not given" if strength_rank is None else "weak")
    if not substrate_marked:
        why.append("minor or unconfirmed pathway")
    out = max(1, level - len(why)) if level else level
    if database_only and out > LEVEL_SECONDARY:
        out = LEVEL_SECONDARY
    if database_only:
        why.append("database listing only")
    return out, why


def exposure_dependent(ix: Index, assertion: str) -> bool:
    """Marked dose-related, or recorded on dose increase, overdose or accumulation."""
    dose_related = true(ix.attr(assertion, "doseRelated"))
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
                    major = true(ix.attr(cb, "majorPathway")) or None
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
                                         "sensitivity": sensitivity, "sensitivityRank": ix.rank(sensitivity),
                                         "major": major}
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
    strength_rank = int(r["strengthRank"]) if r.get("strengthRank") is not None else None
    marked = true(r.get("major")) or r.get("sensitivity") is not None
    listed = [c for c in (ca, cb) if ex.database_only(c)]
    level, why = grade(min(sides), strength_rank, marked, bool(listed))
    caveats = []
    for w in why:
        if w in ("strength not given", "weak"):
            caveats.append(f"'{ex.label(ca)}': {w} (graded one level lower)")
        elif w == "minor or unconfirmed pathway":
            caveats.append(f"'{ex.label(cb)}': minor or unconfirmed pathway (neither the main clearance route nor a "
                           "sensitive substrate; graded one level lower)")
        else:
            caveats += [f"'{ex.label(c)}' rests on a database listing only (at most a secondary claim)" for c in listed]
    details = [("target", ex.label(target)), ("role", "inhibitor" if inhibits else "inducer"), ("strength", strength)]
    if sensitivity:
        details.append(("sensitivity", sensitivity))
    if true(r.get("major")):
        details.append(("pathway", "main clearance pathway"))
    return ex.make(RULE, rows, summary=summary, path=path, claims=[ca, cb, *assertions], outcomes=[x["outcome"] for x in rows],
                   level=level, details=details, caveats=caveats)


RULE = Rule(
    name="pharmacokinetic", kind="mechanism", basis="inferred", query="rule-pharmacokinetic",
    key=("drugA", "drugB", "claimA", "claimB", "assertion", "outcome"), group=("drugA", "drugB", "claimA", "claimB"),
    traverse=traverse, explain=explain,
    description="an inhibitor or inducer of an enzyme or transporter that clears the other drug",
)
