"""The OpenAPI 3 document of the JSON API and the SPARQL endpoint (``/openapi.json``).

Examples
--------
>>> doc = json.loads(openapi_document("http://127.0.0.1:7878"))
>>> doc["openapi"], "/api/risk" in doc["paths"]
('3.0.3', True)
"""

from __future__ import annotations

import json
from typing import Any


def _param(name: str, description: str, *, required: bool = False, many: bool = False, where: str = "query") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}} if many else {"type": "string"}
    out: dict[str, Any] = {"name": name, "in": where, "required": required, "description": description, "schema": schema}
    if many:
        out.update(style="form", explode=True)
    return out


_EFFECT = _param("effect", "effect class: label, synonym or CURIE (default: movement disorder)")
_JSON_OK = {"description": "the same JSON as the command line's --format json", "content": {"application/json": {}}}
_ERRORS = {
    "400": {"description": "bad parameter: {error}", "content": {"application/json": {}}},
    "404": {"description": "unknown drug, effect or route: {error, suggestions}", "content": {"application/json": {}}},
    "503": {"description": "the question ran over the time limit and was stopped"},
}


def _get(summary: str, params: list[dict[str, Any]], ok: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": params, "responses": {"200": ok or _JSON_OK, **_ERRORS}}}


def openapi_document(base_url: str) -> bytes:
    """The OpenAPI 3.0 document, with ``base_url`` as the server."""
    from .. import __version__

    drug = _param("drug", "drug: label, synonym, brand or CURIE", required=True)
    svg = {"description": "an SVG drawing", "content": {"image/svg+xml": {}}}
    paths = {
        "/api/risk": _get("drug pairs that raise the risk of an effect class, best first (drugkg risk)",
                          [_EFFECT, _param("drug", "keep pairs involving this drug", many=True),
                           _param("limit", "first N pairs")]),
        "/api/check": _get("a regimen check: every pair within a list of drugs (drugkg check)",
                           [_param("drug", "the medication list (two or more; repeat or comma-separate)", required=True, many=True),
                            _param("effect", "keep one effect class (default: every effect class)")]),
        "/api/explain": _get("why two drugs together raise the risk (drugkg explain); null when they do not",
                             [_param("a", "first drug", required=True), _param("b", "second drug", required=True),
                              _param("effect", "effect class: label, synonym or CURIE (default: every effect class)")]),
        "/api/drugs/{name}": _get("a drug's identifiers, synonyms and classes (drugkg drug)",
                                  [_param("name", "label, synonym or CURIE", required=True, where="path")]),
        "/api/drugs": _get("every drug: label, CURIE and synonyms", []),
        "/api/effects": _get("effects of a drug by context and route (drugkg effects)",
                             [drug, _param("context", "exposure context"), _param("route", "route of administration"),
                              _param("effect", "keep effects under this class")]),
        "/api/withdrawal": _get("withdrawal syndromes of a drug by route (drugkg withdrawal)",
                                [drug, _param("route", "route of administration")]),
        "/api/mechanisms": _get("a drug's mechanisms: target action, physiological effect, pathway, outcomes, evidence", [drug]),
        "/api/queries": _get("the named SPARQL queries with their parameters and text", []),
        "/api/explain.svg": _get("the explanation of a pair drawn by the exporter",
                                 [_param("a", "first drug", required=True), _param("b", "second drug", required=True), _EFFECT], svg),
        "/api/matrix.svg": _get("a drugs x drugs risk matrix coloured by score",
                                [_param("drug", "drugs (default: every drug in a risky pair)", many=True), _EFFECT], svg),
        "/sparql": {
            "get": {"summary": "SPARQL 1.1 Protocol query (read-only); without query: the service description",
                    "parameters": [_param("query", "SPARQL 1.1 query"),
                                   _param("format", "json, xml, csv, tsv, turtle, ntriples or jsonld (instead of Accept)")],
                    "responses": {"200": {"description": "results chosen by Accept"},
                                  "400": {"description": "malformed query"},
                                  "403": {"description": "update, LOAD or SERVICE refused"},
                                  "406": {"description": "no acceptable format"},
                                  "503": {"description": "time limit reached; the query was stopped"}}},
            "post": {"summary": "SPARQL 1.1 Protocol query by POST",
                     "requestBody": {"content": {"application/sparql-query": {"schema": {"type": "string"}},
                                                 "application/x-www-form-urlencoded": {"schema": {"type": "object",
                                                     "properties": {"query": {"type": "string"}}}}}},
                     "responses": {"200": {"description": "results chosen by Accept"},
                                   "413": {"description": "request body over the limit"}}},
        },
    }
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "drugkg", "version": __version__,
                 "description": "Read-only SPARQL 1.1 endpoint and JSON API over the drugkg knowledge graph of drug-effect "
                                "relationships. Every /api answer is the JSON the drugkg command prints with --format json."},
        "servers": [{"url": base_url}],
        "paths": paths,
    }
    return json.dumps(doc, indent=2).encode()


__all__ = ["openapi_document"]
