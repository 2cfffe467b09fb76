"""The JSON API: the researcher's questions over HTTP, answered exactly as ``--format json``.

Each route maps query parameters to a :class:`~drugkg.KnowledgeGraph` call and returns the same
JSON the command line prints (the builders are the CLI's). Routes (all ``GET``):

=========================== =====================================================================
``/api/risk``               ``effect``, ``drug`` (repeatable), ``limit`` -> ``drugkg risk``
``/api/check``              ``drug`` (repeatable, at least two), ``effect`` -> ``drugkg check``
``/api/explain``            ``a``, ``b``, ``effect`` -> ``drugkg explain`` (``null``: no risk)
``/api/drugs/{name}``       -> ``drugkg drug NAME``
``/api/effects``            ``drug``, ``context``, ``route``, ``effect`` -> ``drugkg effects``
``/api/withdrawal``         ``drug``, ``route`` -> ``drugkg withdrawal``
``/api/drugs``              every drug: label, CURIE, synonyms (for completion)
``/api/mechanisms``         ``drug`` -> its mechanisms with target action, pathway, outcomes, evidence
``/api/queries``            the named queries: name, title, description, parameters, text
``/api/explain.svg``        ``a``, ``b``, ``effect`` -> the explanation drawn by the exporter
``/api/matrix.svg``         ``drug`` (repeatable) or ``effect`` -> the risk matrix drawing
=========================== =====================================================================

Examples
--------
>>> import drugkg
>>> kg = drugkg.load()
>>> from drugkg.jsonout import loads
>>> status, ctype, body = answer(kg, "/api/drugs/Lioresal", {})
>>> status, loads(body)["label"]
(200, 'baclofen')
>>> answer(kg, "/api/effects", {"drug": ["baclophen"]})[0]
404
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from ..defaults import DEFAULT_EFFECT
from ..errors import DrugKGError, NotFound, QueryError
from ..jsonout import dumps as json_text
from ..jsonout import json_lines_bytes

Params = dict[str, list[str]]
JSON_TYPE = "application/json; charset=utf-8"


class Lines(list[Any]):
    """A list the command line prints as a JSON array with one item per line (``drugkg risk``)."""


def dumps(data: Any) -> bytes:
    """JSON exactly as the command line prints it."""
    if isinstance(data, Lines):
        return json_lines_bytes(data)
    return (json_text(data, indent=True) + "\n").encode()


def one(params: Params, key: str, default: str | None = None, *, required: bool = False) -> str | None:
    values = [v for v in params.get(key, []) if v.strip()]
    if not values:
        if required:
            raise QueryError(f"missing parameter {key!r}")
        return default
    return values[-1]


def many(params: Params, key: str) -> list[str]:
    return [x.strip() for v in params.get(key, []) for x in v.split(",") if x.strip()]


def risk(kg: Any, params: Params) -> Any:
    from ..cli.questions import risk_json

    combos = kg.risky_combinations(one(params, "effect", DEFAULT_EFFECT), drugs=many(params, "drug") or None)
    limit = one(params, "limit")
    if limit is not None:
        if not limit.isdigit() or int(limit) < 1:
            raise QueryError(f"limit must be a positive integer, got {limit!r}")
        combos = combos[: int(limit)]
    return Lines(risk_json(c) for c in combos)


def check(kg: Any, params: Params) -> Any:
    """A regimen check: every pair within the list (``drugkg check``)."""
    from ..cli.regimen import check_json

    return check_json(kg.check(many(params, "drug"), effect=one(params, "effect")))


def explain(kg: Any, params: Params) -> Any:
    from ..cli.questions import risk_json

    combo = kg.explain(one(params, "a", required=True), one(params, "b", required=True), effect=one(params, "effect"))
    return None if combo is None else risk_json(combo)


def effects(kg: Any, params: Params) -> Any:
    return kg.effects(one(params, "drug", required=True), context=one(params, "context"), route=one(params, "route"),
                      effect=one(params, "effect")).to_dicts()


def withdrawal(kg: Any, params: Params) -> Any:
    return kg.withdrawal(one(params, "drug", required=True), route=one(params, "route")).to_dicts()


def drugs(kg: Any, params: Params) -> Any:
    return [{"label": d.label, "curie": d.curie, "synonyms": list(d.synonyms)} for d in kg.drugs()]


MECHANISMS = """SELECT ?drug ?m ?label ?description ?action ?physio ?pathway ?context
    (GROUP_CONCAT(DISTINCT ?outcome; SEPARATOR="|") AS ?outcomes) WHERE {
  ?m a dkg:Mechanism ; dkg:mechanismOf ?drug ; rdfs:label ?label .
  OPTIONAL { ?m dkg:mechanismDescription ?description }
  OPTIONAL { ?m dkg:viaTargetAction/rdfs:label ?action }
  OPTIONAL { ?m dkg:hasPhysiologicalEffect/rdfs:label ?physio }
  OPTIONAL { ?m dkg:inPathway/rdfs:label ?pathway }
  OPTIONAL { ?m dkg:inContext/rdfs:label ?context }
  OPTIONAL { ?m dkg:leadsTo/rdfs:label ?outcome }
} GROUP BY ?drug ?m ?label ?description ?action ?physio ?pathway ?context ORDER BY ?label"""


def mechanisms(kg: Any, params: Params) -> Any:
    """A drug's mechanisms: target action, physiological effect, pathway, outcomes and evidence."""
    drug = kg.resolve(one(params, "drug", required=True), "drug")
    out = []
    for r in kg.sparql(MECHANISMS, params={"drug": f"<{drug}>"}):
        level = kg.claim_level(_iri(r["m"]))
        out.append({"mechanism": r["m"], "label": r["label"], "description": r["description"], "target_action": r["action"],
                    "physiological_effect": r["physio"], "pathway": r["pathway"], "context": r["context"],
                    "outcomes": sorted(r["outcomes"].split("|")) if r["outcomes"] else [], "level": level[1],
                    "evidence": [e.to_dict() for e in kg.evidence(r["m"])]})
    return out


def _iri(curie: str) -> str:
    from ..sparql import full_iri

    return full_iri(curie)


def queries(kg: Any, params: Params) -> Any:
    """The named queries; ``example`` is the text with the parameters' defaults written in."""
    from ..sparql import named_queries
    from ..sparql.remote import substitute

    def example(nq: Any) -> str:
        defaults = {p.name: kg.bind(p, p.default) for p in nq.params if p.default is not None}
        return str(substitute(nq.text, defaults))

    return [{"name": name, "title": nq.title, "description": nq.description, "text": nq.text, "example": example(nq),
             "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description} for p in nq.params]}
            for name, nq in named_queries().items()]


def explain_svg(kg: Any, params: Params) -> str:
    from ..export import render_svg, select

    sel = select(kg, explain=(one(params, "a", required=True) or "", one(params, "b", required=True) or ""),
                 effect=one(params, "effect"))
    return render_svg(sel.graph, sel.title, seeds=sel.seeds)


def matrix_svg(kg: Any, params: Params) -> str:
    from ..export.matrix import render_matrix_svg, risk_matrix

    return render_matrix_svg(risk_matrix(kg, drugs=many(params, "drug") or None, effect=one(params, "effect")))


#: Route -> handler returning JSON-able data.
ROUTES: dict[str, Callable[[Any, Params], Any]] = {
    "/api/risk": risk, "/api/check": check, "/api/explain": explain, "/api/effects": effects,
    "/api/withdrawal": withdrawal, "/api/drugs": drugs, "/api/queries": queries, "/api/mechanisms": mechanisms,
}
#: Route -> handler returning an SVG document.
PICTURES: dict[str, Callable[[Any, Params], str]] = {"/api/explain.svg": explain_svg, "/api/matrix.svg": matrix_svg}


def error_body(exc: DrugKGError) -> bytes:
    data: dict[str, Any] = {"error": " ".join(str(exc).split())}
    if isinstance(exc, NotFound):
        data["suggestions"] = list(exc.suggestions)
    return dumps(data)


def answer(kg: Any, path: str, params: Params) -> tuple[int, str, bytes]:
    """``(status, content type, body)`` of an API request (404 for unknown routes and names)."""
    try:
        if path.startswith("/api/drugs/") and len(path) > len("/api/drugs/"):
            return 200, JSON_TYPE, dumps(kg.drug(unquote(path[len("/api/drugs/"):])).to_dict())
        if path in PICTURES:
            return 200, "image/svg+xml; charset=utf-8", PICTURES[path](kg, params).encode()
        if path not in ROUTES:
            return 404, JSON_TYPE, dumps({"error": f"no such API route {path!r}; see /openapi.json"})
        return 200, JSON_TYPE, dumps(ROUTES[path](kg, params))
    except NotFound as exc:
        return 404, JSON_TYPE, error_body(exc)
    except DrugKGError as exc:
        return 400, JSON_TYPE, error_body(exc)


__all__ = ["PICTURES", "ROUTES", "answer", "dumps"]
