"""The answers room: the researcher's questions over a :class:`~drugkg.context.GraphContext`.

* :mod:`drugkg.answers.effects` -- effects by context and route, withdrawal syndromes by stage;
* :mod:`drugkg.answers.risk` -- ranked drug combinations that raise the risk of an effect class.
"""

from __future__ import annotations

from .effects import effect_record, effects, withdrawal
from .risk import DEFAULT_EFFECT, combinations, score

__all__ = ["DEFAULT_EFFECT", "combinations", "effect_record", "effects", "score", "withdrawal"]
