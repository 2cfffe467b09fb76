"""User values as RDF terms: IRIs from ``<iri>``, full IRIs or CURIEs; everything else a literal.

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


__all__ = ["full_iri", "to_iri", "to_term"]
