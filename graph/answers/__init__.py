"""The answers room: the researcher's questions over a :class:`~drugkg.context.GraphContext`.

* :mod:`drugkg.answers.effects` -- effects by context and route, withdrawal syndromes by stage;
* :mod:`drugkg.answers.risk` -- ranked drug combinations that raise the risk of an effect class;
* :mod:`drugkg.answers.check` -- regimen checks: every pair within a list of drugs;
* :mod:`drugkg.answers.riskgraph` -- the drug-level risk graph for network analysis.
"""

from __future__ import annotations

from .check import ALL_EFFECTS, check, split_names
from .effects import effect_record, effects, withdrawal
from .risk import DEFAULT_EFFECT, combinations, score
from .riskgraph import risk_graph

__all__ = ["ALL_EFFECTS", "DEFAULT_EFFECT", "check", "combinations", "effect_record", "effects", "risk_graph", "score",
           "split_names", "withdrawal"]
