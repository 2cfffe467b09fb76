"""Bulk signal rows kept as typed columns beside the RDF store: the *signals* room.

A disproportionality dataset (TWOSIDES) is millions of rows of one shape. Imported with
``drugkg import twosides --columns``, each drug-pair row becomes one row of a DuckDB table in the
store directory (``signals-<dataset>-<version>.duckdb``) instead of 13 RDF triples: the two
drugs' IRIs, the condition's effect class (mapped to the ontology at import, as the RDF import
maps it), the statistics as typed columns, the claim IRI the RDF import would have minted (file
and line) and the node of the file whose evidence the rows share. What stays RDF, in the
dataset's named graph: the drugs and their identities, the effect classes and their place in the
hierarchy, the dataset's source and the files' evidence. A question joins the two: the classes
under the effect asked for come from SPARQL, the rows from DuckDB (:class:`SignalTable`), and the
rows become the same reasons, with the same evidence and statistics, as rows read from RDF.

* :class:`SignalSink` writes one import's rows (a temporary file, then a DuckDB database moved
  into place when the import completes: readers never see half a file);
* :class:`SignalRows` asks the questions of the rows, whatever engine holds them;
  :class:`SignalTable` answers them from every such file of a store (DuckDB), and
  :class:`~drugkg.signals.spark.SparkSignalTable` from a Spark SQL table of any size;
* :func:`clean` removes what an interrupted or removed import left.

DuckDB is imported only when a store has signal files (a plain ``drugkg risk`` never pays for it).
"""

from __future__ import annotations

from .files import clean, signal_file, signal_files
from .rows import SignalRow, SignalRows
from .sink import SignalSink
from .table import SignalTable

__all__ = ["SignalRow", "SignalRows", "SignalSink", "SignalTable", "clean", "signal_file", "signal_files"]
