"""The ``check`` command: a regimen's drug pairs, every effect class, cumulative burden.

Exit codes: 0 when at least one pair within the list has a known risk, 1 when none has, 2 for
bad input (unknown drug or effect, fewer than two different drugs).

Examples
--------
>>> from drugkg.cli import main
>>> main(["check", "baclofen,lithium", "terbinafine", "--format", "csv"])  # doctest: +ELLIPSIS
rank,drugs,status,score,level,kind,severity,outcomes,reason
1,baclofen + lithium,risk,...
,baclofen + terbinafine,no known risk,,,,,,
,lithium + terbinafine,no known risk,,,,,,
0
"""

from __future__ import annotations

import argparse
from typing import Any

from .base import Command, emit, load_graph, table
from .questions import risk_json


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("drugs", nargs="+", metavar="DRUG", help="two or more drugs (names, brands or CURIEs; comma-separated lists accepted)")
    p.add_argument("--effect", help="keep one effect class (default: every effect class)")


def cmd_check(args: argparse.Namespace) -> int:
    kg = load_graph(args)
    report = kg.check(args.drugs, effect=args.effect)
    rows: list[dict[str, Any]] = [
        {"rank": i, "drugs": " + ".join(c.drugs), "status": "risk", "score": c.score, "level": c.level, "kind": c.kind,
         "severity": c.severity or "", "outcomes": list(c.outcomes), "reason": c.reason}
        for i, c in enumerate(report.pairs, 1)]
    rows += [{"rank": "", "drugs": " + ".join(p), "status": "no known risk", "score": "", "level": "", "kind": "", "severity": "",
              "outcomes": [], "reason": ""} for p in report.no_known_risk]
    if args.format == "json":
        from ..jsonout import dumps

        print(dumps(check_json(report), indent=True))
    elif args.format == "csv":
        emit(args, rows, columns=["rank", "drugs", "status", "score", "level", "kind", "severity", "outcomes", "reason"])
    else:
        print(f"{len(report.drugs)} drugs, {len(rows)} pairs, effect class: {report.effect}\n")
        print(table(rows, ["rank", "drugs", "status", "level", "kind", "reason"], wrap="reason"))
        if report.groups:
            print("\ncumulative burden (three or more drugs):")
            for g in report.groups:
                print(f"  {', '.join(g.drugs)}: {'converge on' if g.kind == 'mechanism' else 'all can cause'} {g.via}")
    return 0 if report.pairs else 1


def check_json(report: Any) -> dict[str, Any]:
    """The JSON object of ``drugkg check --format json`` (also the API's ``/api/check``)."""
    return {"drugs": list(report.drugs), "effect": report.effect, "pairs": [risk_json(c) for c in report.pairs],
            "no_known_risk": [list(p) for p in report.no_known_risk], "groups": [g.to_dict() for g in report.groups]}


COMMANDS = [
    Command("check", "check a regimen: every pair within a list of drugs, for every effect class", _check_args, cmd_check),
]
