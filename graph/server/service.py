"""The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` without a query).

Examples
--------
>>> triples = service_description("http://127.0.0.1:7878/sparql")
>>> any(t.object.value.endswith("#UnionDefaultGraph") for t in triples)
True
"""

from __future__ import annotations

import pyoxigraph as ox

from ..namespaces import SPARQL_PREFIXES

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD")


def service_description(endpoint: str) -> list[ox.Triple]:
    """Triples describing the endpoint: language, result formats, union default graph, prefixes."""
    svc = ox.BlankNode("service")

    def sd(local: str) -> ox.NamedNode:
        return ox.NamedNode(SD + local)

    typ = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    out = [
        ox.Triple(svc, typ, sd("Service")),
        ox.Triple(svc, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(svc, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(svc, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(svc, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                  ox.Literal("drugkg: read-only; updates, LOAD and SERVICE are refused. Predeclared prefixes: "
                             + ", ".join(f"{k}: <{v}>" for k, v in SPARQL_PREFIXES.items()))),
    ]
    out += [ox.Triple(svc, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMATS]
    return out


__all__ = ["service_description"]
