"""Exporting the graph, or a selected subgraph, for browsers, papers and other tools.

One call, :func:`export` (also :meth:`drugkg.KnowledgeGraph.export` and ``drugkg export``),
writes one file in one of these formats:

========== ======================= ==================================================================
format     extensions              opens in
========== ======================= ==================================================================
html       ``.html``, ``.htm``     any browser, offline (one self-contained file, no CDN)
svg        ``.svg``                browsers, Inkscape, papers and slides (layered layout, legend)
png        ``.png``                anywhere (the SVG rasterised by headless Chromium)
graphml    ``.graphml``            Cytoscape, Gephi, yEd, Neo4j (APOC ``apoc.import.graphml``)
gexf       ``.gexf``               Gephi (types as colours, the layered layout as positions)
dot        ``.dot``, ``.gv``       Graphviz (``dot -Tsvg``)
cyjs       ``.cyjs``               Cytoscape desktop and Cytoscape.js (elements with data/classes)
turtle     ``.ttl``                any RDF tool (rdflib, Protege, triple stores, Neo4j n10s)
ntriples   ``.nt``                 any RDF tool, line based
jsonld     ``.jsonld``             JSON-LD processors
matrix     ``.svg``/``.png``/``.html`` the drugs x drugs risk matrix (:mod:`drugkg.export.matrix`)
========== ======================= ==================================================================

Every format exports the same selection (at most one of them):

* nothing: the whole graph;
* ``focus=DRUG, depth=N``: the drug's neighbourhood, ``N`` hops in both directions (evidence,
  source and vocabulary nodes are not expanded through);
* ``explain=(A, B)``: the nodes of the pair's explanation paths (recorded interactions and
  converging mechanisms, see :meth:`~drugkg.KnowledgeGraph.explain`) and their outcome effects;
  ``effect`` may be given with it to explain the pair for that effect class instead of the default
  "movement disorder";
* ``effect=CLASS``: everything on a path to an effect under the class: the assertions and
  interactions with such an outcome, the mechanisms leading to one (with their target actions,
  targets, physiological effects and pathways), the drugs and drug classes involved, and the
  class hierarchy between the outcomes and the class.

The graph formats carry the typed node and edge attributes of :mod:`drugkg.traversal` (CURIE ids,
``type``, ``label``, ``iri``, ``level``, ``evidence``...; edges keyed by ``relation``). RDF formats
carry triples: for the whole graph every triple of the store (the union of its named graphs), for
a subgraph the triples whose subject is a selected node, the blank nodes they reach, and the
labels of the nodes they point to.

Files are written atomically: to a temporary file in the target directory, then renamed, so a
failed export never leaves a half-written file behind.

Examples
--------
>>> import tempfile, pathlib, xml.etree.ElementTree as ET
>>> import drugkg
>>> kg = drugkg.load()
>>> out = kg.export(pathlib.Path(tempfile.mkdtemp()) / "baclofen.graphml", focus="baclofen")
>>> out.suffix, "GABA-B receptor subunit 1" in out.read_text()
('.graphml', True)
>>> resolve_format("figure.svg"), resolve_format("x.out", "TTL")
('svg', 'turtle')
>>> sel = select(kg, explain=("baclofen", "clozapine"))
>>> sel.kind, "dkgr:pathway-nigrostriatal" in sel.graph
('explain', True)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DrugKGError, ExportError
from ..inputs import file_kind

if TYPE_CHECKING:
    from ..kg import KnowledgeGraph

from .formats import rdf_writer, render_dot, selected_triples, write_cyjs, write_dot, write_gexf, write_graphml
from .html import render_html, write_html
from .layout import Layout, layered_layout
from .matrix import render_matrix_svg, risk_matrix, write_matrix
from .select import Selection, select
from .style import COLUMNS, HTML_MAX_NODES, NODE_STYLE, display_label, typed_graph
from .svg import render_svg, write_png, write_svg

# -- formats ------------------------------------------------------------------------------------

#: Format aliases accepted by ``format=``.
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld", "htm": "html",
           "gv": "dot", "graphviz": "dot", "cytoscape": "cyjs"}
#: File extension -> format, used when ``format`` is not given.
EXTENSIONS = {".html": "html", ".htm": "html", ".svg": "svg", ".png": "png", ".graphml": "graphml", ".gexf": "gexf",
              ".dot": "dot", ".gv": "dot", ".cyjs": "cyjs", ".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld"}


def resolve_format(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The export format for ``path``: ``format`` (or its alias) if given, else from the extension.

    Raises
    ------
    ExportError
        Unknown format, or no format given and an extension that names none; the message lists
        the valid formats.

    Examples
    --------
    >>> resolve_format("g.nt"), resolve_format("g.txt", "json-ld")
    ('ntriples', 'jsonld')
    >>> resolve_format("g.txt")
    Traceback (most recent call last):
    ...
    drugkg.errors.ExportError: cannot tell the export format from 'g.txt'; give one of: html, svg, png, graphml, gexf, dot, cyjs,
    turtle (ttl), ntriples (nt), jsonld, matrix
    """
    if format is None:
        name = EXTENSIONS.get(Path(path).suffix.lower())
        if name is None:
            raise ExportError(f"cannot tell the export format from {str(path)!r}; give one of: {_valid()}")
        return name
    key = str(format).strip().lower()
    key = ALIASES.get(key, key)
    if key not in EXPORTERS and key != "matrix":
        raise ExportError(f"unknown export format {format!r}; valid formats: {_valid()}")
    return key


def _valid() -> str:
    short = {"turtle": "ttl", "ntriples": "nt"}
    return ", ".join(f"{f} ({short[f]})" if f in short else f for f in (*EXPORTERS, "matrix"))


# -- the entry point ----------------------------------------------------------------------------


def export(kg: KnowledgeGraph, path: str | os.PathLike[str], *, format: str | None = None, focus: str | None = None,
           depth: int = 1, explain: tuple[str, str] | list[str] | None = None, effect: str | None = None,
           drugs: list[str] | None = None, view: str = "summary") -> Path:
    """Write the graph, or a selected subgraph, to ``path`` in one format.

    Parameters
    ----------
    kg : KnowledgeGraph
    path : str or PathLike
        The file to write (replaced if it exists; its directory must exist). A character or
        block device (``/dev/null``, ``/dev/stdout``) is written to directly; a directory, FIFO or
        socket is refused.
    format : str, optional
        ``html``, ``svg``, ``png``, ``graphml``, ``gexf``, ``dot``, ``cyjs``, ``turtle``
        (``ttl``), ``ntriples`` (``nt``) or ``jsonld``; default: from the extension of ``path``.
    focus, depth, explain, effect
        The selection; see :func:`select`.
    view : {"summary", "full"}, default "summary"
        For ``focus``: assertions as labelled drug -> effect edges, or as nodes (see :func:`select`).
    drugs : list of str, optional
        For ``format="matrix"``: the drugs of the risk matrix (default: every drug in a risky pair
        of ``effect``'s class).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ExportError
        Unknown format, invalid selection, a graph too large for the format, a missing Chromium
        for PNG, or a directory that does not exist.
    NotFound
        Unknown drug or effect name (``DrugNotFound``, ``EffectNotFound``).

    Examples
    --------
    >>> import tempfile, pathlib, json, drugkg
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "pair.cyjs"
    >>> _ = export(drugkg.load(), out, explain=("baclofen", "clozapine"))
    >>> ids = {e["data"]["id"] for e in json.loads(out.read_text())["elements"]["nodes"]}
    >>> {"dkgr:drug-baclofen", "dkgr:drug-clozapine"} <= ids
    True
    """
    target = Path(path)
    name = resolve_format(target, format)
    kind = _existing_kind(target)
    real = Path(os.path.realpath(target)) if kind == "a regular file" else target
    if kind not in (None, "a regular file", "a character device", "a block device"):
        raise ExportError(f"cannot write {str(target)!r}: it is {kind}, not a regular file; give a file path")
    if kind is None and not target.parent.is_dir():
        raise ExportError(f"cannot write {str(target)!r}: directory {str(target.parent)!r} does not exist")
    if name != "matrix" and drugs:
        raise ExportError("drugs selects the rows of a risk matrix; use format 'matrix'")
    sel = None if name == "matrix" else select(kg, focus=focus, depth=depth, explain=explain, effect=effect, view=view)
    device = kind in ("a character device", "a block device")
    # a device is written straight to (never replaced); a file is written beside it and renamed
    work = Path(tempfile.mkdtemp()) if device else real.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=work, prefix=f".{real.name}.", suffix=".part")
    except OSError as exc:
        raise ExportError(f"cannot write {str(target)!r}: {exc.strerror}") from None
    os.close(fd)
    try:
        if sel is None:
            write_matrix(kg, target, Path(tmp), drugs=drugs, effect=effect)
        else:
            EXPORTERS[name](kg, sel, Path(tmp))
        if device:
            with open(tmp, "rb") as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            os.replace(tmp, real)
    except DrugKGError as exc:
        if tmp in str(exc):  # name the user's path, not the temporary file
            raise ExportError(str(exc).replace(tmp, str(target))) from None
        raise
    except OSError as exc:
        if isinstance(exc, DrugKGError):
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
        if device:
            shutil.rmtree(work, ignore_errors=True)
    return target


def _existing_kind(target: Path) -> str | None:
    """What ``target`` is if it exists (following symbolic links), else None."""
    try:
        return file_kind(os.stat(target).st_mode)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ExportError(f"cannot write {str(target)!r}: {exc.strerror}") from None


#: Format name -> exporter ``(kg, selection, temporary path) -> None``.
EXPORTERS: dict[str, Callable[[KnowledgeGraph, Selection, Path], None]] = {
    "html": write_html,
    "svg": write_svg,
    "png": write_png,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "dot": write_dot,
    "cyjs": write_cyjs,
    "turtle": rdf_writer("turtle"),
    "ntriples": rdf_writer("ntriples"),
    "jsonld": rdf_writer("jsonld"),
}
#: The format names, in the order the docs list them.
FORMATS: tuple[str, ...] = (*EXPORTERS, "matrix")


__all__ = [
    "ALIASES",
    "COLUMNS",
    "EXPORTERS",
    "EXTENSIONS",
    "FORMATS",
    "HTML_MAX_NODES",
    "NODE_STYLE",
    "Layout",
    "Selection",
    "display_label",
    "export",
    "layered_layout",
    "render_dot",
    "render_html",
    "render_matrix_svg",
    "render_svg",
    "resolve_format",
    "risk_matrix",
    "select",
    "selected_triples",
    "typed_graph",
]
