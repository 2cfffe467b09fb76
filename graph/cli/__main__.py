"""``python -m drugkg.cli``: the same as the ``drugkg`` command."""

import sys

from . import main

sys.exit(main())
