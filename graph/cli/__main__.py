"""``python -m drugkg.cli``: the same as the ``drugkg`` command."""

from . import entry

entry()
