"""The answers room: the researcher's questions over a :class:`~drugkg.context.GraphContext`.

* :mod:`drugkg.answers.drug_effects` -- effects by context and route, withdrawal syndromes by stage;
* :mod:`drugkg.answers.risk` -- ranked drug combinations that raise the risk of an effect class;
* :mod:`drugkg.answers.regimen` -- regimen checks: every pair within a list of drugs;
* :mod:`drugkg.answers.riskgraph` -- the drug-level risk graph for network analysis;
* :mod:`drugkg.answers.cache` -- answers kept on disk per content digest, code and question.

The functions are imported from their modules on first use (:pep:`562`), so that the command
line can read the answer cache, and start loading the graph, before it imports the rules.

>>> from drugkg import answers
>>> answers.split_names(["baclofen,lithium"])
['baclofen', 'lithium']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..defaults import DEFAULT_EFFECT
from ..inputs import split_names
from ..lazy import exports

if TYPE_CHECKING:
    from .drug_effects import effect_record, effects, withdrawal
    from .regimen import ALL_EFFECTS, check
    from .risk import combinations, score
    from .riskgraph import risk_graph

#: Public name -> the module of this room that defines it.
_HOMES = {"ALL_EFFECTS": "regimen", "check": "regimen", "effect_record": "drug_effects", "effects": "drug_effects",
          "withdrawal": "drug_effects", "combinations": "risk", "score": "risk", "risk_graph": "riskgraph"}

__getattr__ = exports(__name__, _HOMES)


__all__ = ["ALL_EFFECTS", "DEFAULT_EFFECT", "check", "combinations", "effect_record", "effects", "risk_graph", "score",
           "split_names", "withdrawal"]
