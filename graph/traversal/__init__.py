"""The traversal room: the graph as a typed NetworkX MultiDiGraph, and traversals over it.

* :mod:`drugkg.traversal.projection` -- :func:`project` (store -> typed MultiDiGraph with grades);
* :mod:`drugkg.traversal.paths` -- effect-class closures, risk reasons by traversal,
  explanation paths, neighbourhoods.
"""

from __future__ import annotations

from .paths import descendants_or_self, explanation_paths, neighbourhood, risk_reasons
from .projection import TYPE_OF_CLASS, ancestors_of_set, project

__all__ = ["TYPE_OF_CLASS", "ancestors_of_set", "descendants_or_self", "explanation_paths", "neighbourhood", "project", "risk_reasons"]
