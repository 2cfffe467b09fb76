"""User values as RDF terms (IRIs from ``<iri>``, full IRIs or CURIEs; everything else a literal),
and RDF terms as SPARQL 1.1 Query Results JSON.

Examples
--------
>>> to_iri("dkgr:drug-baclofen").value
'https://w3id.org/drugkg/resource/drug-baclofen'
>>> to_term("baclofen").value
'baclofen'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..lookup import as_iri


def to_iri(text: str) -> ox.NamedNode:
    """An IRI from ``<iri>``, a full IRI or a CURIE with a known prefix.

    Raises
    ------
    QueryError
        If ``text`` is neither.
    """
    t = text.strip()
    if t.startswith("<") and t.endswith(">"):
        t = t[1:-1]
    if not t.startswith(("http://", "https://", "urn:")):
        iri = as_iri(t)
        if iri is None:
            raise QueryError(f"not an IRI or CURIE with a known prefix: {text!r}")
        t = iri
    try:
        return ox.NamedNode(t)
    except ValueError:
        raise QueryError(f"invalid IRI {text!r}") from None


@lru_cache(maxsize=1 << 16)
def full_iri(curie: str | None) -> str:
    """The full IRI of a CURIE or IRI as a string ('' for None or ''); answers are remembered
    (rules and explanations ask for the same few thousand CURIEs again and again)."""
    return to_iri(curie).value if curie else ""


def to_term(value: Any) -> ox.NamedNode | ox.Literal:
    """A parameter value: IRIs/CURIEs become IRIs, numbers and booleans typed literals, else strings."""
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    text = str(value)
    if (text.startswith("<") and text.endswith(">")) or (":" in text and " " not in text and as_iri(text)):
        return to_iri(text)
    if isinstance(value, (bool, int, float)):
        return ox.Literal(value)
    return ox.Literal(text)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_json(term: Any) -> dict[str, Any]:
    """One term as a SPARQL 1.1 Query Results JSON binding value.

    Plain strings carry no ``datatype`` (RDF 1.1: every simple literal is an ``xsd:string``);
    RDF-star quoted triples are written ``{"type": "triple", "value": {subject, predicate,
    object}}``, the form pyoxigraph reads back.

    Examples
    --------
    >>> term_json(ox.NamedNode("http://e.org/a"))
    {'type': 'uri', 'value': 'http://e.org/a'}
    >>> term_json(ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    {'type': 'literal', 'value': '5', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    >>> term_json(ox.Literal("Kopfschmerz", language="de"))
    {'type': 'literal', 'value': 'Kopfschmerz', 'xml:lang': 'de'}
    >>> term_json(ox.Literal("x"))
    {'type': 'literal', 'value': 'x'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": term_json(term.subject), "predicate": term_json(term.predicate),
                                        "object": term_json(term.object)}}


__all__ = ["full_iri", "term_json", "to_iri", "to_term"]
