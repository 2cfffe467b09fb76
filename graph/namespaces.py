"""IRIs, prefixes and CURIE handling shared by the whole package.

CURIE prefixes follow the Biolink model's prefix map, so identifiers expand to the IRIs other
biomedical knowledge graphs use.

Examples
--------
>>> from drugkg.namespaces import expand_curie, compress_iri
>>> expand_curie("HP:0001332")
'http://purl.obolibrary.org/obo/HP_0001332'
>>> expand_curie("DRUGBANK:DB00181")
'http://identifiers.org/drugbank/DB00181'
>>> compress_iri("https://w3id.org/drugkg/resource/drug-baclofen")
'dkgr:drug-baclofen'
"""

from __future__ import annotations

from functools import lru_cache

DKG = "https://w3id.org/drugkg/ontology/"
DKGR = "https://w3id.org/drugkg/resource/"
OBO = "http://purl.obolibrary.org/obo/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"

GRAPH_ONTOLOGY = DKGR + "graph/ontology"
GRAPH_DATA = DKGR + "graph/data"
GRAPH_INFERRED = DKGR + "graph/inferred"
GRAPH_META = DKGR + "graph/meta"

#: Prefixes declared for every SPARQL query and used to print CURIEs.
SPARQL_PREFIXES: dict[str, str] = {
    "dkg": DKG,
    "dkgr": DKGR,
    "obo": OBO,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "xsd": XSD,
    "dcterms": "http://purl.org/dc/terms/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "biolink": "https://w3id.org/biolink/vocab/",
}

#: CURIE prefix -> IRI prefix (Biolink model prefix map conventions).
CURIE_PREFIXES: dict[str, str] = {
    "HP": OBO + "HP_",
    "CHEBI": OBO + "CHEBI_",
    "DRUGBANK": "http://identifiers.org/drugbank/",
    "ATC": "http://purl.bioontology.org/ontology/ATC/",
    "PUBCHEM.COMPOUND": "http://identifiers.org/pubchem.compound/",
    "RXNORM": "http://purl.bioontology.org/ontology/RXNORM/",
    "MESH": "http://id.nlm.nih.gov/mesh/",
    "INCHIKEY": "http://identifiers.org/inchikey/",
    "UniProtKB": "http://purl.uniprot.org/uniprot/",
    "NCBIGene": "http://identifiers.org/ncbigene/",
    "HGNC": "http://identifiers.org/hgnc/",
    "PMID": "http://www.ncbi.nlm.nih.gov/pubmed/",
    "PMCID": "http://www.ncbi.nlm.nih.gov/pmc/",
    "DOI": "https://doi.org/",
    "dkg": DKG,
    "dkgr": DKGR,
}


def expand_curie(curie: str) -> str:
    """Return the IRI of a CURIE with a known prefix.

    Parameters
    ----------
    curie : str
        ``PREFIX:local``; the prefix is matched case-sensitively first, then case-insensitively.

    Returns
    -------
    str
        The full IRI.

    Raises
    ------
    ValueError
        If the string has no known prefix.

    Examples
    --------
    >>> expand_curie("UniProtKB:P14416")
    'http://purl.uniprot.org/uniprot/P14416'
    """
    prefix, sep, local = curie.partition(":")
    if not sep or not local:
        raise ValueError(f"not a CURIE: {curie!r}")
    if prefix in CURIE_PREFIXES:
        return CURIE_PREFIXES[prefix] + local
    for known, base in CURIE_PREFIXES.items():
        if known.lower() == prefix.lower():
            return base + local
    raise ValueError(f"unknown CURIE prefix {prefix!r} in {curie!r}")


@lru_cache(maxsize=1 << 16)  # called for every node of every result; IRIs repeat a lot
def compress_iri(iri: str) -> str:
    """Return the shortest CURIE for ``iri``, or the IRI itself when no prefix matches.

    Examples
    --------
    >>> compress_iri("http://purl.obolibrary.org/obo/HP_0007325")
    'HP:0007325'
    >>> compress_iri("https://w3id.org/drugkg/ontology/StatusDystonicus")
    'dkg:StatusDystonicus'
    """
    best = None
    for prefix, base in CURIE_PREFIXES.items():
        if iri.startswith(base) and (best is None or len(base) > len(CURIE_PREFIXES[best])):
            best = prefix
    if best is None:
        for prefix, base in SPARQL_PREFIXES.items():
            if iri.startswith(base):
                return f"{prefix}:{iri[len(base):]}"
        return iri
    return f"{best}:{iri[len(CURIE_PREFIXES[best]):]}"
