"""Commands that answer the researcher's questions: drug, risk, explain, effects, withdrawal."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import store as st
from ..answers import cache
from ..defaults import DEFAULT_EFFECT
from ..inputs import split_names
from ..namespaces import compress_iri
from .base import Command, UsageError, cell, emit, listed, load_graph, neutralise_bytes, table, write_neutral


def _drug_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="drug label, synonym or CURIE")


def _risk_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--effect", default=DEFAULT_EFFECT, help=f"effect class (label, synonym or CURIE; default: {DEFAULT_EFFECT})")
    p.add_argument("--drug", action="append", default=[], metavar="DRUG",
                   help="keep pairs involving any of these drugs (repeatable; comma-separated lists accepted)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="show the first N pairs")


def _explain_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", metavar="DRUG_A")
    p.add_argument("b", metavar="DRUG_B")
    p.add_argument("--effect", help="effect class (default: every effect class)")


def _effects_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("drug")
    p.add_argument("--context", help="exposure context (initiation, dose increase, overdose, abrupt cessation...)")
    p.add_argument("--route", help="route of administration (oral, intrathecal...)")
    p.add_argument("--effect", help="keep effects under this class")


def _withdrawal_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("drug")
    p.add_argument("--route", help="route of administration")


def cmd_drug(args: argparse.Namespace) -> int:
    d = load_graph(args).drug(args.name).to_dict()
    if args.format == "table":
        for k in ("label", "curie", "identifiers", "classes", "synonyms"):
            print(f"{k.ljust(11)}  {cell(d[k])}")
    else:
        emit(args, [d], json_data=d)
    return 0


def cmd_risk(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise UsageError(f"--limit must be at least 1, got {args.limit}")
    digest, question = risk_question(args)
    body = cache.get(digest, question) if digest else None
    if body is None:
        kg = load_graph(args)  # imports the JSON encoder too, while the graph loads
        combos = kg.risky_combinations(args.effect, drugs=split_names(args.drug) or None)
        from .. import jsonout

        body = neutralise_bytes(jsonout.json_lines_bytes([risk_json(c) for c in combos]))
        if digest:
            cache.put(digest, question, body)
    if args.format == "json" and args.limit is None:
        write_neutral(body)
        return 0 if body != b"[]\n" else 1
    from .. import jsonout

    data: list[dict[str, Any]] = jsonout.loads(body)[: args.limit]
    flat = [{"rank": i, "drugs": " + ".join(d["drugs"]), "basis": d["basis"], "score": d["score"], "level": d["level"],
             "outcomes": d["outcomes"], "reason": d["reason"],
             "evidence": sorted({e["source"] for e in d["evidence"] if e["stance"] == "supports"})}
            for i, d in enumerate(data, 1)]
    if args.format == "table":
        print(table(flat, ["rank", "drugs", "basis", "score", "level", "reason"], wrap="reason"))
    elif args.format == "json":
        sys.stdout.write(jsonout.json_lines(data))
    else:
        emit(args, flat, columns=["rank", "drugs", "basis", "score", "level", "outcomes", "reason", "evidence"])
    return 0 if data else 1


def risk_question(args: argparse.Namespace) -> tuple[str | None, dict[str, Any]]:
    """The content digest of the graph the options name and the question, the key of the answer
    cache (:mod:`drugkg.answers.cache`); no digest (no caching) when the cache is off or the graph
    is an on-disk store (``--store``), whose imports are not among the sources."""
    question = {"command": "risk", "effect": args.effect, "drugs": split_names(args.drug),
                "check": not args.unchecked, "max_rows": args.max_rows}
    if not cache.enabled() or args.store is not None:  # an on-disk store may hold imported rows the sources do not
        return None, question
    sources = st.shipped_sources() + st.user_sources(args.data, max_file_size=args.max_file_size, max_literal=args.max_literal)
    return st.digest_of(sources), question


def risk_json(c: Any) -> dict[str, Any]:
    """The documented JSON object of one ranked combination (see README)."""
    return {
        "drugs": c.drugs, "ids": [compress_iri(i) for i in c.drug_iris], "basis": c.basis, "score": c.score,
        "level": c.level, "severity": c.severity, "kind": c.kind, "reasons": c.reasons,
        "effect": c.effect, "outcomes": c.outcomes,
        "reason": c.reason, "evidence": c.evidence, "explanation": c.explanation,
    }


def cmd_explain(args: argparse.Namespace) -> int:
    kg = load_graph(args)
    from .. import jsonout  # imported by load_graph while the graph loaded
    combo = kg.explain(args.a, args.b, effect=args.effect)
    if combo is None:
        msg = f"no recorded or inferred {args.effect or 'known'} risk for {args.a} + {args.b}"
        if args.effect:
            anywhere = kg.explain(args.a, args.b)
            if anywhere is not None:
                msg += f"; risks found for: {', '.join(anywhere.outcomes)} (run without --effect)"
        if args.format == "json":
            print("null")
        print(f"drugkg: {msg}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(jsonout.dumps(risk_json(combo), indent=True))
        return 0
    if args.format == "csv":
        rows = [{"rule": e.rule, "basis": e.basis, "kind": e.kind, "level": e.level, "severity": e.severity, "summary": e.summary,
                 "path": " -> ".join(s.label for s in e.path), "outcomes": list(e.outcomes), "caveats": list(e.caveats),
                 "qualifiers": [q.short() for q in e.qualifiers], "evidence": [ev.short() for ev in e.evidence]}
                for e in combo.explanation]
        emit(args, rows)
        return 0
    print(f"{' + '.join(combo.drugs)}: {combo.basis}, score {combo.score} for {combo.effect}, best evidence: {combo.level}"
          + (f", severity: {combo.severity}" if combo.severity else ""))
    print(f"outcomes: {listed(combo.outcomes)}")
    for i, e in enumerate(combo.explanation, 1):
        print(f"\n{i}. [{e.rule}, {e.level}{', ' + e.severity if e.severity else ''}] {e.summary}")
        print("   path: " + " -> ".join(f"{s.label} ({s.type})" for s in e.path))
        if e.outcomes:
            print("   leads to: " + listed(e.outcomes))
        for q in e.qualifiers:
            print(f"   limited to ({q.label}): {q.short()}")
        for c in e.caveats:
            print(f"   caveat: {c}")
        for ev in e.evidence:
            text = f": \"{ev.text}\"" if ev.text else ""
            mark = " [hypothesis]" if ev.is_hypothesis else ""
            print(f"   - [{ev.stance}]{mark} {ev.short()}{text}")
            print(f"     cite: {ev.cite()}")
    return 0


def cmd_effects(args: argparse.Namespace) -> int:
    kg = load_graph(args)
    effects = kg.effects(args.drug, context=args.context, route=args.route, effect=args.effect)
    flat = [{"effect": e.effect_label, "curie": e.effect, "kind": e.kind, "contexts": list(e.contexts), "routes": list(e.routes),
             "frequency": e.frequency_text or e.frequency, "level": e.level,
             "evidence": sorted({ev.source for ev in e.evidence if ev.stance == "supports"}),
             "risk_factors": list(e.risk_factors), "management": list(e.management)} for e in effects]
    if args.format == "table":
        print(table(flat, ["effect", "kind", "contexts", "routes", "frequency", "level", "evidence"]))
    else:
        emit(args, flat, json_data=effects.to_dicts())
    return 0 if effects else 1


def cmd_withdrawal(args: argparse.Namespace) -> int:
    kg = load_graph(args)
    syndromes = kg.withdrawal(args.drug, route=args.route)
    if args.format == "table":
        for w in syndromes:
            facts = [f"route: {w.route}"] + [f"{k}: {v}" for k, v in (("onset", w.onset), ("severity", w.severity)) if v]
            print(f"{w.label}  [{'; '.join(facts)}]")
            for stage in unique_stages(w):
                names = [m.effect_label + (f" ({m.modifier})" if m.modifier else "")
                         for m in w.manifestations if (m.stage or "unstaged") == stage]
                print(f"  {stage}: {', '.join(names)}")
            if w.risk_factors:
                print(f"  risk factors: {', '.join(w.risk_factors)}")
            if w.management:
                print(f"  management: {'; '.join(w.management)}")
            if w.resembles:
                print(f"  resembles: {', '.join(w.resembles)}")
            print(f"  evidence: {', '.join(sorted({e.short() for e in w.evidence if e.stance == 'supports'}))}\n")
        if not syndromes:
            print("(no results)")
    else:
        flat = [{"syndrome": w.label, "route": w.route, "onset": w.onset, "stage": m.stage, "manifestation": m.effect_label,
                 "curie": m.effect, "modifier": m.modifier, "management": list(w.management)} for w in syndromes for m in w.manifestations]
        emit(args, flat, json_data=syndromes.to_dicts())
    return 0 if syndromes else 1


def unique_stages(w: Any) -> list[str]:
    seen: list[str] = []
    for m in w.manifestations:
        s = m.stage or "unstaged"
        if s not in seen:
            seen.append(s)
    return seen



COMMANDS = [
    Command("drug", "a drug's identifiers, synonyms and classes", _drug_args, cmd_drug),
    Command("risk", "drug combinations that raise the risk of an effect class, ranked", _risk_args, cmd_risk),
    Command("explain", "why two drugs together raise the risk of an effect class", _explain_args, cmd_explain),
    Command("effects", "effects of a drug by context and route", _effects_args, cmd_effects),
    Command("withdrawal", "withdrawal syndromes of a drug by route", _withdrawal_args, cmd_withdrawal),
]
