"""The ``drugkg`` command line.

Exit codes
----------
0
    Success.
1
    A finding: ``validate`` found violations, ``explain`` found no risk for the pair, ``risk``
    or ``query`` returned nothing.
2
    Bad usage or input: unknown option, command, drug, effect or query; malformed Turtle or SPARQL;
    a parameter of the wrong type.
3
    Environment: the store directory cannot be used, Java is missing for the reasoner, an output
    file cannot be written.

Errors are reported on one line on stderr (``drugkg: error: ...``), never as a traceback.

Examples
--------
>>> main(["risk", "--drug", "lithium", "--format", "csv"])  # doctest: +ELLIPSIS
rank,drugs,basis,score,level,outcomes,reason,evidence
1,baclofen + lithium,recorded,141,drug label,Hyperkinetic movements,...
0
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from .errors import DrugKGError, ReasonerError, StoreError

FORMATS = ("table", "json", "csv")


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (try '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``drugkg`` command."""
    from . import __version__

    parser = _Parser(prog="drugkg", description="Query the drugkg knowledge graph of drug-effect relationships.")
    parser.add_argument("--version", action="version", version=f"drugkg {__version__}")
    common = _Parser(add_help=False)
    common.add_argument("--store", metavar="DIR", help="on-disk store directory (built once, reopened afterwards); default: in memory")
    common.add_argument("--data", metavar="FILE", action="append", default=[],
                        help="extra RDF file to add to the curated data (repeatable)")
    fmt = _Parser(add_help=False)
    fmt.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("info", parents=[common, fmt], help="counts of triples, drugs, effects, assertions, sources")
    p = sub.add_parser("validate", parents=[common, fmt], help="SHACL shapes, OWL consistency and unsatisfiable classes")
    p.add_argument("--no-reasoner", action="store_true", help="skip the HermiT checks (SHACL only)")
    p = sub.add_parser("drug", parents=[common, fmt], help="a drug's identifiers, synonyms and classes")
    p.add_argument("name", help="drug label, synonym or CURIE")
    p = sub.add_parser("risk", parents=[common, fmt], help="drug combinations that raise the risk of an effect class, ranked")
    p.add_argument("--effect", default="movement disorder", help="effect class (label, synonym or CURIE; default: movement disorder)")
    p.add_argument("--drug", action="append", default=[], metavar="DRUG", help="keep pairs involving this drug (repeatable)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="show the first N pairs")
    p = sub.add_parser("explain", parents=[common, fmt], help="why two drugs together raise the risk of an effect class")
    p.add_argument("a", metavar="DRUG_A")
    p.add_argument("b", metavar="DRUG_B")
    p.add_argument("--effect", default="movement disorder", help="effect class (default: movement disorder)")
    p = sub.add_parser("effects", parents=[common, fmt], help="effects of a drug by context and route")
    p.add_argument("drug")
    p.add_argument("--context", help="exposure context (initiation, dose increase, overdose, abrupt cessation...)")
    p.add_argument("--route", help="route of administration (oral, intrathecal...)")
    p.add_argument("--effect", help="keep effects under this class")
    p = sub.add_parser("withdrawal", parents=[common, fmt], help="withdrawal syndromes of a drug by route")
    p.add_argument("drug")
    p.add_argument("--route", help="route of administration")
    p = sub.add_parser("query", parents=[common, fmt], help="run a named query (see --list) or a .rq file")
    p.add_argument("name", nargs="?", metavar="NAME|FILE.rq")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="query parameter (repeatable)")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p = sub.add_parser("export", parents=[common],
                       help="export the graph or a subgraph (HTML, SVG, PNG, GraphML, GEXF, DOT, Cytoscape.js, RDF)")
    p.add_argument("--format", dest="export_format", metavar="FORMAT",
                   help="html, svg, png, graphml, gexf, dot, cyjs, turtle, ntriples, jsonld (default: from the file extension)")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="output file")
    sel = p.add_mutually_exclusive_group()
    sel.add_argument("--focus", metavar="DRUG", help="neighbourhood of a drug")
    sel.add_argument("--explain", nargs=2, metavar=("A", "B"), help="explanation paths of a pair")
    sel.add_argument("--effect", metavar="CLASS", help="drugs and mechanisms leading to an effect class")
    p.add_argument("--depth", type=int, default=1, help="neighbourhood depth for --focus (default: 1)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except (StoreError, ReasonerError) as exc:
        return _fail(str(exc), 3)
    except DrugKGError as exc:
        return _fail(str(exc), 2)
    except BrokenPipeError:
        return 0
    except OSError as exc:
        return _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "), 3)
    except KeyboardInterrupt:
        return 130


def _fail(message: str, code: int) -> int:
    print(f"drugkg: error: {' '.join(message.split())}", file=sys.stderr)
    return code


def _load(args: argparse.Namespace) -> Any:
    from .kg import load

    return load(args.store, data=args.data)


# -- output ---------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("source") or value.get("label") or value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(rows: list[dict[str, Any]], columns: list[str] | None = None, *, wrap: str | None = None) -> str:
    if not rows:
        return "(no results)"
    cols = columns or list(rows[0])
    cells = [[_cell(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    total = shutil.get_terminal_size((160, 24)).columns
    if wrap in cols:
        i = cols.index(wrap)
        others = sum(w + 2 for j, w in enumerate(widths) if j != i)
        widths[i] = max(30, min(widths[i], total - others))
    cap = 60
    widths = [w if cols[i] == wrap else min(w, cap) for i, w in enumerate(widths)]
    out = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(cols)).rstrip(), "  ".join("-" * w for w in widths)]
    for row in cells:
        parts = []
        for i, text in enumerate(row):
            shown = text[: widths[i] - 1] + "…" if len(text) > widths[i] and cols[i] != wrap else text
            parts.append(shown.ljust(widths[i]))
        line = "  ".join(parts).rstrip()
        if wrap in cols and len(row[cols.index(wrap)]) > widths[cols.index(wrap)]:
            i = cols.index(wrap)
            indent = sum(w + 2 for w in widths[:i])
            import textwrap

            chunks = textwrap.wrap(row[i], widths[i]) or [""]
            parts[i] = chunks[0].ljust(widths[i])
            line = "  ".join(parts).rstrip() + "".join("\n" + " " * indent + c for c in chunks[1:])
        out.append(line)
    return "\n".join(out)


def _emit(args: argparse.Namespace, rows: list[dict[str, Any]], *, table_rows: list[dict[str, Any]] | None = None,
          columns: list[str] | None = None, wrap: str | None = None, json_data: Any = None) -> None:
    if args.format == "json":
        print(json.dumps(json_data if json_data is not None else rows, indent=2, ensure_ascii=False, default=str))
    elif args.format == "csv":
        flat = table_rows if table_rows is not None else rows
        cols = columns or (list(flat[0]) if flat else [])
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in flat:
            w.writerow([_cell(r.get(c)) for c in cols])
        sys.stdout.write(buf.getvalue())
    else:
        print(_table(table_rows if table_rows is not None else rows, columns, wrap=wrap))


# -- commands -------------------------------------------------------------------------------------


def cmd_info(args: argparse.Namespace) -> int:
    kg = _load(args)
    info = kg.info()
    if args.format == "table":
        width = max(map(len, info))
        print("\n".join(f"{k.ljust(width)}  {v:>7}" for k, v in info.items()))
    else:
        _emit(args, [info], json_data=info)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from . import store as st
    from .validate import validate

    # malformed input raises DataError: a usage error (exit 2), not a finding
    report = validate(st.shipped_sources() + st.user_sources(args.data), reasoner=not args.no_reasoner)
    findings = report.to_dicts()
    if args.format == "table":
        for f in findings:
            print(f"{f['check']}: {f['node']}: {f['rule']}: {f['message']}")
        print(report.summary())
    else:
        _emit(args, findings, columns=["check", "node", "rule", "message"])
    return 0 if report.ok else 1


def cmd_drug(args: argparse.Namespace) -> int:
    d = _load(args).drug(args.name).to_dict()
    if args.format == "table":
        for k in ("label", "curie", "identifiers", "classes", "synonyms"):
            print(f"{k.ljust(11)}  {_cell(d[k])}")
    else:
        _emit(args, [d], json_data=d)
    return 0


def cmd_risk(args: argparse.Namespace) -> int:
    kg = _load(args)
    combos = kg.risky_combinations(args.effect, drugs=args.drug or None)
    if args.limit is not None:
        if args.limit < 1:
            raise _UsageError(f"--limit must be at least 1, got {args.limit}")
        combos = combos[: args.limit]
    data = [risk_json(c) for c in combos]
    flat = [{"rank": i, "drugs": " + ".join(c.drugs), "basis": c.basis, "score": c.score, "level": c.level,
             "outcomes": list(c.outcomes), "reason": c.reason,
             "evidence": sorted({e.source for e in c.evidence if e.stance == "supports"})}
            for i, c in enumerate(combos, 1)]
    if args.format == "table":
        print(_table(flat, ["rank", "drugs", "basis", "score", "level", "reason"], wrap="reason"))
    else:
        _emit(args, flat, json_data=data, columns=["rank", "drugs", "basis", "score", "level", "outcomes", "reason", "evidence"])
    return 0 if combos else 1


def risk_json(c: Any) -> dict[str, Any]:
    """The documented JSON object of one ranked combination (see README)."""
    d = c.to_dict()
    return {
        "drugs": d["drugs"], "ids": [_curie(i) for i in d["drug_iris"]], "basis": d["basis"], "score": d["score"],
        "level": d["level"], "outcomes": d["outcomes"], "reason": d["reason"],
        "evidence": d["evidence"], "explanation": d["explanation"],
    }


def _curie(iri: str) -> str:
    from .namespaces import compress_iri

    return compress_iri(iri)


def cmd_explain(args: argparse.Namespace) -> int:
    kg = _load(args)
    combo = kg.explain(args.a, args.b, effect=args.effect)
    if combo is None:
        msg = f"no recorded or inferred {args.effect} risk for {args.a} + {args.b}"
        if args.format == "json":
            print("null")
        print(f"drugkg: {msg}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(risk_json(combo), indent=2, ensure_ascii=False))
        return 0
    if args.format == "csv":
        rows = [{"basis": e.basis, "kind": e.kind, "level": e.level, "summary": e.summary,
                 "path": " -> ".join(s.label for s in e.path), "outcomes": list(e.outcomes),
                 "evidence": [ev.short() for ev in e.evidence]} for e in combo.explanation]
        _emit(args, rows)
        return 0
    print(f"{' + '.join(combo.drugs)}: {combo.basis}, score {combo.score}, best evidence: {combo.level}")
    print(f"outcomes: {', '.join(combo.outcomes)}")
    for i, e in enumerate(combo.explanation, 1):
        print(f"\n{i}. [{e.basis}/{e.kind}, {e.level}] {e.summary}")
        print("   path: " + " -> ".join(f"{s.label} ({s.type})" for s in e.path))
        if e.outcomes:
            print("   leads to: " + ", ".join(e.outcomes))
        for ev in e.evidence:
            text = f": \"{ev.text}\"" if ev.text else ""
            print(f"   - [{ev.stance}] {ev.short()}{text}")
    return 0


def cmd_effects(args: argparse.Namespace) -> int:
    kg = _load(args)
    effects = kg.effects(args.drug, context=args.context, route=args.route, effect=args.effect)
    flat = [{"effect": e.effect_label, "curie": e.effect, "kind": e.kind, "contexts": list(e.contexts), "routes": list(e.routes),
             "frequency": e.frequency_text or e.frequency, "level": e.level,
             "evidence": sorted({ev.source for ev in e.evidence if ev.stance == "supports"}),
             "risk_factors": list(e.risk_factors), "management": list(e.management)} for e in effects]
    if args.format == "table":
        print(_table(flat, ["effect", "kind", "contexts", "routes", "frequency", "level", "evidence"]))
    else:
        _emit(args, flat, json_data=effects.to_dicts())
    return 0 if effects else 1


def cmd_withdrawal(args: argparse.Namespace) -> int:
    kg = _load(args)
    syndromes = kg.withdrawal(args.drug, route=args.route)
    if args.format == "table":
        for w in syndromes:
            print(f"{w.label}  [route: {w.route}; onset: {w.onset or '?'}; severity: {w.severity or '?'}]")
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
        _emit(args, flat, json_data=syndromes.to_dicts())
    return 0 if syndromes else 1


def unique_stages(w: Any) -> list[str]:
    seen: list[str] = []
    for m in w.manifestations:
        s = m.stage or "unstaged"
        if s not in seen:
            seen.append(s)
    return seen


def cmd_query(args: argparse.Namespace) -> int:
    from .sparql import load_query, named_queries

    if args.list:
        for name, nq in named_queries().items():
            signature = ", ".join(f"{p.name}:{p.type}" + ("" if p.required else f"={p.default}") for p in nq.params)
            print(f"{name}  ({signature})\n    {nq.title}")
        return 0
    if not args.name:
        raise _UsageError("query needs a NAME or FILE.rq (or --list)")
    params: dict[str, str] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise _UsageError(f"--param needs KEY=VALUE, got {item!r}")
        params[key.strip()] = value
    load_query(args.name)  # unknown query names fail before the store is built
    rows = _load(args).query(args.name, **params)
    _emit(args, list(rows))
    return 0 if rows else 1


def cmd_export(args: argparse.Namespace) -> int:
    kg = _load(args)
    path = kg.export(args.output, format=args.export_format, focus=args.focus, depth=args.depth,
                     explain=tuple(args.explain) if args.explain else None, effect=args.effect)
    print(f"wrote {path}")
    return 0


class _UsageError(DrugKGError, ValueError):
    """A command-line option has an invalid value."""


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "info": cmd_info, "validate": cmd_validate, "drug": cmd_drug, "risk": cmd_risk, "explain": cmd_explain,
    "effects": cmd_effects, "withdrawal": cmd_withdrawal, "query": cmd_query, "export": cmd_export,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
