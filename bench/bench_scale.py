"""How the risk question scales when the graph grows to hundreds and thousands of drugs.

Synthetic drugs (made up, never shipped) are added as user data with the shape the curated ones
have: a target action on a real target (DRD2, GABBR1, SLC6A4, ...), a mechanism with a physiological
effect in a pathway that leads to an effect in the HPO import, and an adverse-effect assertion,
each with evidence. Mechanisms are spread over every physiological effect and pathway of the
vocabulary, so convergence is frequent (a hard case: the pairs grow with the square of the drugs).

For each size the script prints, with ratios against the curated graph measured in the same run:

* ``load``: first load with the user data (HermiT classifies it once) and a reload from the cache;
* ``all pairs``: ``kg.risky_combinations()`` (SPARQL) and ``risk_reasons`` on the NetworkX
  projection (the same rules by traversal);
* ``one drug``: ``kg.risky_combinations(drugs=[d])``, which starts the query from the drug, and,
  as the baseline it replaced, every pair filtered to that drug.

Run: ``python bench/bench_scale.py [--sizes 100 300 1000]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import drugkg
from drugkg.traversal import risk_reasons

TARGETS = ("DRD2", "GABBR1", "GABBR2", "SLC6A4", "HTR2A", "HRH1", "SLC18A2", "DDC")
ACTIONS = ("antagonist", "agonist", "inhibitor")
PHYSIO = ("reduced-dopaminergic-signalling", "increased-dopaminergic-signalling", "cns-depression",
          "increased-serotonergic-signalling", "increased-gabaergic-signalling", "reduced-histaminergic-signalling")
PATHWAYS = ("nigrostriatal", "mesolimbic", "mesocortical", "spinal-reflex-arc", "cns")
EFFECTS = ("HP_0001332", "HP_0001300", "HP_0100660", "HP_0002063", "HP_0001250", "HP_0002360")


def synthetic_drugs(n: int, seed: int = 7) -> str:
    """Turtle for ``n`` synthetic drugs in the curated data's shape."""
    rnd = random.Random(seed)
    lines = [
        "@prefix dkg: <https://w3id.org/drugkg/ontology/> .",
        "@prefix dkgr: <https://w3id.org/drugkg/resource/> .",
        "@prefix obo: <http://purl.obolibrary.org/obo/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        'dkgr:source-bench a dkg:Source ; rdfs:label "bench_scale.py synthetic drugs (not a real source)" ;'
        ' dkg:sourceKey "BENCH" ; dkg:sourceType dkgr:sourcetype-database ; dkg:sourceStatus dkgr:status-unverified .',
        "dkgr:evidence-bench a dkg:Evidence ; dkg:fromSource dkgr:source-bench ; dkg:evidenceLevel dkgr:level-hypothesis ;"
        ' dkg:verificationStatus dkgr:status-unverified ; dkg:stance "supports" .',
    ]
    for i in range(n):
        d, ta, m, a = f"dkgr:drug-bench{i}", f"dkgr:targetaction-bench{i}", f"dkgr:mechanism-bench{i}", f"dkgr:assertion-bench{i}"
        target, action = rnd.choice(TARGETS), rnd.choice(ACTIONS)
        leads = " , ".join(f"obo:{e}" for e in rnd.sample(EFFECTS, 2))
        lines += [
            f'{d} a dkg:Drug ; rdfs:label "bench{i}" ; dkg:hasTargetAction {ta} ; dkg:hasMechanism {m} .',
            f'{ta} a dkg:TargetAction ; rdfs:label "bench{i} {action} of {target}" ; dkg:onTarget dkgr:target-{target} ;'
            f" dkg:actionType dkgr:action-{action} ; dkg:hasEvidence dkgr:evidence-bench .",
            f'{m} a dkg:Mechanism ; rdfs:label "bench{i} mechanism" ; dkg:mechanismOf {d} ; dkg:viaTargetAction {ta} ;'
            f" dkg:hasPhysiologicalEffect dkgr:physio-{rnd.choice(PHYSIO)} ; dkg:inPathway dkgr:pathway-{rnd.choice(PATHWAYS)} ;"
            f" dkg:leadsTo {leads} ; dkg:hasEvidence dkgr:evidence-bench .",
            f"{a} a dkg:AdverseEffectAssertion ; dkg:subject {d} ; dkg:effect obo:{rnd.choice(EFFECTS)} ;"
            " dkg:inContext dkgr:context-maintenance ; dkg:hasEvidence dkgr:evidence-bench .",
        ]
    return "\n".join(lines) + "\n"


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def measure(kg: drugkg.KnowledgeGraph, drug: str, repeat: int) -> dict[str, float]:
    g = kg.to_networkx()
    t_all, combos = timed(kg.risky_combinations, repeat)
    t_nx, _ = timed(lambda: risk_reasons(g, "dkg:MovementDisorder"), repeat)
    t_one, _ = timed(lambda: kg.risky_combinations(drugs=[drug]), repeat)
    label = kg.drug(drug).label
    t_filter, _ = timed(lambda: [c for c in kg.risky_combinations() if label in c.drugs], repeat)
    return {"pairs": len(combos), "all": t_all, "nx": t_nx, "one": t_one, "filter": t_filter}  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        os.environ["DRUGKG_CACHE_DIR"] = str(Path(work) / "cache")
        t_base, kg = timed(drugkg.load)
        base = measure(kg, "baclofen", args.repeat)  # type: ignore[arg-type]
        print(f"curated graph: {len(kg.drugs())} drugs, {base['pairs']:.0f} pairs; load {t_base:.2f} s, "  # type: ignore[attr-defined]
              f"all pairs {base['all']:.3f} s (NetworkX {base['nx']:.3f} s), one drug {base['one']:.3f} s (baseline)")
        for n in args.sizes:
            path = Path(work) / f"bench-{n}.ttl"
            path.write_text(synthetic_drugs(n), encoding="utf-8")
            t_cold, _ = timed(lambda p=path: drugkg.load(data=[p]))
            t_warm, big = timed(lambda p=path: drugkg.load(data=[p]))
            m = measure(big, "bench0", args.repeat)  # type: ignore[arg-type]
            print(f"+{n:>5} drugs, {m['pairs']:>7.0f} pairs: load {t_cold:6.2f} s first (HermiT) / {t_warm:5.2f} s cached;"
                  f" all pairs {m['all']:7.3f} s (x{m['all'] / base['all']:.0f}), NetworkX {m['nx']:6.3f} s;"
                  f" one drug {m['one']:.3f} s (x{m['one'] / base['one']:.1f}) vs filtering every pair {m['filter']:.3f} s"
                  f" ({m['filter'] / m['one']:.0f}x slower)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
