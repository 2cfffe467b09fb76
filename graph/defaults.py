"""Defaults shared by the Python API, the command line and the server: limits and the default question.

A module of constants only, so that the command line can read them before it imports the code
that answers (see :func:`drugkg.cli.base.load_graph`).

>>> DEFAULT_EFFECT, DEFAULT_TIMEOUT, DEFAULT_MAX_ROWS
('movement disorder', 30.0, 100000)
"""

from __future__ import annotations

#: The effect class asked about when none is given (``drugkg risk``, ``risky_combinations()``).
DEFAULT_EFFECT = "movement disorder"
#: Default time limit of a query, in seconds (``--timeout``, ``timeout=``).
DEFAULT_TIMEOUT = 30.0
#: Default largest number of result rows (``--max-rows``, ``max_rows=``).
DEFAULT_MAX_ROWS = 100_000
#: Default memory a query may use beyond what the process already holds, in bytes.
DEFAULT_MAX_MEMORY = 2 << 30
#: Longest literal accepted in a user file, in characters (``--max-literal``, ``max_literal=``).
MAX_LITERAL_CHARS = 1_000_000
