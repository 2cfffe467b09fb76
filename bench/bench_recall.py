"""Recall of drugkg's combination-risk answers against a regulatory reference list.

Run: ``python bench/bench_recall.py [--reference FILE|regulatory|independent ...] [--json] [--check]``.

The default reference (``bench/reference/regulatory-interactions.yaml``, format at its top) lists
interactions that regulatory references (FDA labels and safety communications, SmPCs, national
formularies) give between curated drugs, for three effect classes.  It was built beside the
curation and overstates recall; ``independent`` (``bench/reference/independent-interactions.yaml``,
same format) is a held-out list from sources no curated fact was taken from (ANSM Thésaurus,
CBIP, ...).  ``--reference`` may be given several times: each file is scored against one loaded
graph. Each entry is expanded into
(pair, effect class) items (a class such as "MAO inhibitors" into its listed members); an item is
*found* when ``kg.risky_combinations(effect)`` (or, with ``--check``, ``kg.check([a, b],
effect=...)``; same answers, slower) pairs the two drugs for that class. Recall is reported per
class and overall, four ways:

* ``any``: found by any rule, any evidence level;
* ``label``: the pair's best reason is graded ``drug label`` (evidence level 4);
* ``rules``: found by a reason other than the ``recorded`` rule (general rules alone:
  convergence, opposition, pharmacokinetic, risk factor, shared effect);
* ``rules_label``: a non-``recorded`` reason graded ``drug label``.

Recall is also reported per rule: for each rule of ``drugkg.rules.RULES`` (recorded, addition,
opposition, convergence, pharmacokinetic, risk factor, shared effect), the share of items for which
that rule gives a reason (any level), and ``sole``: the items found by that rule alone.  An item
found by several rules counts for each, so the rule rows need not add up to ``any``.

Misses are listed with the reasons ``kg.explain(a, b)`` finds under other effect classes.
The references are measurement instruments: nothing under ``curation/`` reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
DEFAULT_REFERENCE = REFERENCE_DIR / "regulatory-interactions.yaml"
REFERENCES = {"regulatory": DEFAULT_REFERENCE, "independent": REFERENCE_DIR / "independent-interactions.yaml"}
EFFECTS = ("movement disorder", "serotonin syndrome", "CNS depression")
LABEL_RANK = 4  # "drug label" (see docs/queries.md#ranking)
MEASURES = ("any", "label", "rules", "rules_label")
# drugkg.rules.RULES, in its order; a rule the graph reports that is not listed is appended.
RULE_NAMES = ("recorded", "addition", "opposition", "convergence", "pharmacokinetic", "risk-factor",
              "shared-effect")


@dataclass(frozen=True)
class Item:
    """One (pair, effect class) to find, with the reference entries that list it."""

    pair: tuple[str, str]
    effect: str
    entries: tuple[str, ...]
    statuses: tuple[str, ...] = ()


@dataclass
class Outcome:
    item: Item
    found: dict[str, bool]
    rules: tuple[str, ...] = ()
    level: str | None = None
    other: list[dict[str, Any]] = field(default_factory=list)


def load_reference(path: Path | str = DEFAULT_REFERENCE) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict) or "entries" not in data:
        raise ValueError(f"{path}: not a reference file (no 'entries')")
    return data


def _members(name: str, classes: Mapping[str, Any], known: set[str] | None) -> list[str]:
    members = [str(m).lower() for m in classes[name]["members"]] if name in classes else [name.lower()]
    if known is not None:
        unknown = [m for m in members if m not in known]
        if unknown:
            raise ValueError(f"reference names drugs drugkg does not curate: {', '.join(unknown)} (from {name!r})")
    return members


def expand(reference: Mapping[str, Any], known: Iterable[str] | None = None) -> list[Item]:
    """Distinct (pair, effect) items of the reference, classes expanded to their members.

    ``known`` (lower-case drug labels) makes an unknown drug name an error, so a typo in the
    reference cannot pass as a miss.
    """
    classes = reference.get("classes") or {}
    known_set = {k.lower() for k in known} if known is not None else None
    seen: dict[tuple[tuple[str, str], str], tuple[list[str], list[str]]] = {}
    ids: set[str] = set()
    for entry in reference["entries"]:
        eid = entry["id"]
        if eid in ids:
            raise ValueError(f"duplicate entry id {eid!r}")
        ids.add(eid)
        effect = entry["effect"]
        if effect not in EFFECTS:
            raise ValueError(f"{eid}: effect {effect!r} is not one of {EFFECTS}")
        for a in _members(entry["drug_a"], classes, known_set):
            for b in _members(entry["drug_b"], classes, known_set):
                if a == b:
                    continue
                pair = (a, b) if a < b else (b, a)
                eids, stats = seen.setdefault((pair, effect), ([], []))
                if eid not in eids:  # a class paired with itself yields (a, b) and (b, a)
                    eids.append(eid)
                    stats.append(entry.get("status", "secondary"))
    return [Item(pair, effect, tuple(e), tuple(s)) for (pair, effect), (e, s) in sorted(seen.items())]


def judge(combination: Any | None) -> tuple[dict[str, bool], tuple[str, ...], str | None]:
    """Which measures a combination (or None: not found) satisfies, its rules and best level."""
    if combination is None or not combination.explanation:
        return dict.fromkeys(MEASURES, False), (), None
    reasons = combination.explanation
    rules = tuple(sorted({e.rule for e in reasons}))
    general = [e for e in reasons if e.rule != "recorded"]
    found = {
        "any": True,
        "label": max(e.level_rank for e in reasons) >= LABEL_RANK,
        "rules": bool(general),
        "rules_label": any(e.level_rank >= LABEL_RANK for e in general),
    }
    return found, rules, combination.level


def score(items: Iterable[Item], lookup: Callable[[tuple[str, str], str], Any | None]) -> list[Outcome]:
    """Judge every item with ``lookup(pair, effect)`` -> a Combination or None."""
    outcomes = []
    for item in items:
        found, rules, level = judge(lookup(item.pair, item.effect))
        outcomes.append(Outcome(item, found, rules, level))
    return outcomes


def summarise(outcomes: Iterable[Outcome]) -> dict[str, dict[str, Any]]:
    """Recall per effect class and overall: {class: {n, any, label, rules, rules_label}} with
    counts and fractions (``<measure>_recall``)."""
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(o.item.effect, []).append(o)
        groups.setdefault("overall", []).append(o)
    table: dict[str, dict[str, Any]] = {}
    for name in [*EFFECTS, "overall"]:
        rows = groups.get(name, [])
        line: dict[str, Any] = {"n": len(rows)}
        for m in MEASURES:
            k = sum(1 for o in rows if o.found[m])
            line[m] = k
            line[f"{m}_recall"] = round(k / len(rows), 3) if rows else None
        table[name] = line
    return table


def rule_names(outcomes: Iterable[Outcome]) -> list[str]:
    """The rules to report: :data:`RULE_NAMES`, then any other rule seen in the outcomes."""
    seen = {r for o in outcomes for r in o.rules}
    return [*RULE_NAMES, *sorted(seen - set(RULE_NAMES))]


def summarise_rules(outcomes: Iterable[Outcome]) -> dict[str, dict[str, Any]]:
    """Recall per rule, per effect class and overall: {class: {"n": items, rule: {"k", "recall",
    "sole"}}}; ``k`` counts the items for which the rule gives a reason, ``sole`` those for which
    it is the only rule."""
    outcomes = list(outcomes)
    names = rule_names(outcomes)
    table: dict[str, dict[str, Any]] = {}
    for name in [*EFFECTS, "overall"]:
        rows = [o for o in outcomes if name in ("overall", o.item.effect)]
        line: dict[str, Any] = {"n": len(rows)}
        for rule in names:
            k = sum(1 for o in rows if rule in o.rules)
            sole = sum(1 for o in rows if o.rules == (rule,))
            line[rule] = {"k": k, "recall": round(k / len(rows), 3) if rows else None, "sole": sole}
        table[name] = line
    return table


def graph_lookup(kg: Any, *, use_check: bool = False) -> Callable[[tuple[str, str], str], Any | None]:
    """A lookup over the loaded graph: one ``risky_combinations(effect)`` per class (cached), or
    ``kg.check`` per pair."""
    cache: dict[str, dict[tuple[str, str], Any]] = {}

    def lookup(pair: tuple[str, str], effect: str) -> Any | None:
        if use_check:
            report = kg.check(list(pair), effect=effect)
            return next(iter(report.pairs), None)
        if effect not in cache:
            cache[effect] = {tuple(sorted(c.drugs)): c for c in kg.risky_combinations(effect)}
        return cache[effect].get(pair)

    return lookup


def explain_misses(kg: Any, outcomes: Iterable[Outcome]) -> None:
    """Fill ``other`` of each missed outcome with the reasons found under any effect class."""
    for o in outcomes:
        if o.found["any"]:
            continue
        c = kg.explain(*o.item.pair)
        if c is None:
            continue
        for e in c.explanation:
            o.other.append({"rule": e.rule, "level": e.level, "outcomes": list(e.outcomes), "summary": e.summary})


def _cell(k: int, r: float | None, width: int = 11) -> str:
    return f"{f'{k:>4} {r:>6.1%}' if r is not None else '-':>{width}}"


def rules_text(rules: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The per-rule table: one row per rule, one column per class (items with a reason from the
    rule), and the overall items found by that rule alone."""
    names = [k for k in rules["overall"] if k != "n"]
    head = f"{'rule':<16}" + "".join(f"{c[:18]:>20}" for c in rules) + f"{'sole':>7}"
    out = ["recall per rule (items for which the rule gives a reason; sole: found by it alone):",
           head, "-" * len(head)]
    out.append(f"{'items':<16}" + "".join(f"{line['n']:>20}" for line in rules.values()))
    for rule in names:
        cells = "".join(_cell(line[rule]["k"], line[rule]["recall"], 20) for line in rules.values())
        out.append(f"{rule:<16}{cells}{rules['overall'][rule]['sole']:>7}")
    return out


def report_text(reference_path: Path, n_entries: int, table: Mapping[str, Mapping[str, Any]],
                outcomes: list[Outcome], rules: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    out = [f"reference: {reference_path} ({n_entries} entries, {table['overall']['n']} (pair, class) items)", ""]
    head = f"{'class':<20} {'items':>5}  {'any':>11}  {'label':>11}  {'rules':>11}  {'rules+label':>11}"
    out += [head, "-" * len(head)]
    for name, line in table.items():
        cells = [_cell(line[m], line[f"{m}_recall"]) for m in MEASURES]
        out.append(f"{name:<20} {line['n']:>5}  " + "  ".join(cells))
    if rules is not None:
        out += ["", *rules_text(rules)]
    misses = [o for o in outcomes if not o.found["any"]]
    out += ["", f"misses ({len(misses)}):"]
    for o in misses:
        a, b = o.item.pair
        out.append(f"  {a} + {b} [{o.item.effect}] ({', '.join(o.item.entries)})")
        if not o.other:
            out.append("      no reason under any class")
        for r in o.other[:4]:
            out.append(f"      other class: {r['rule']} ({r['level']}) -> {', '.join(r['outcomes'])}")
        if len(o.other) > 4:
            out.append(f"      ... {len(o.other) - 4} more")
    return "\n".join(out)


def reference_path(value: str) -> Path:
    """A reference file, or one of the names of :data:`REFERENCES`."""
    return REFERENCES.get(value, Path(value))


def run(kg: Any, path: Path, *, use_check: bool = False) -> dict[str, Any]:
    """Score one reference file against the loaded graph: figures, misses and found items."""
    reference = load_reference(path)
    items = expand(reference, known=(d.label for d in kg.drugs()))
    outcomes = score(items, graph_lookup(kg, use_check=use_check))
    explain_misses(kg, outcomes)
    return {"path": path, "n_entries": len(reference["entries"]), "outcomes": outcomes,
            "recall": summarise(outcomes), "recall_by_rule": summarise_rules(outcomes)}


def as_json(result: Mapping[str, Any]) -> dict[str, Any]:
    outcomes = result["outcomes"]
    return {
        "reference": str(result["path"]),
        "entries": result["n_entries"],
        "recall": result["recall"],
        "recall_by_rule": result["recall_by_rule"],
        "misses": [{"drugs": list(o.item.pair), "effect": o.item.effect, "entries": list(o.item.entries),
                    "other_classes": o.other} for o in outcomes if not o.found["any"]],
        "found": [{"drugs": list(o.item.pair), "effect": o.item.effect, "rule_names": list(o.rules),
                   "level": o.level, "measures": o.found} for o in outcomes if o.found["any"]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=reference_path, action="append",
                        help="reference file, or 'regulatory' (default) / 'independent'; repeatable")
    parser.add_argument("--json", action="store_true", help="print the figures and misses as JSON")
    parser.add_argument("--check", action="store_true", help="look each pair up with kg.check (slower)")
    parser.add_argument("--no-misses", action="store_true", help="text output: leave out the list of misses")
    args = parser.parse_args(argv)
    paths = args.reference or [DEFAULT_REFERENCE]

    import drugkg

    kg = drugkg.load()
    results = [run(kg, path, use_check=args.check) for path in paths]
    if args.json:
        docs = [as_json(r) for r in results]
        json.dump(docs[0] if len(docs) == 1 else {"references": docs}, sys.stdout, indent=1)
        print()
        return 0
    for i, r in enumerate(results):
        text = report_text(r["path"], r["n_entries"], r["recall"], r["outcomes"], r["recall_by_rule"])
        if args.no_misses:
            text = text.split("\n\nmisses (", 1)[0]
        print(("\n" + "=" * 78 + "\n" if i else "") + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
