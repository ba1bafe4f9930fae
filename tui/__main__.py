"""``python -m tui`` runs the ``notice-tui`` command."""

import sys

from .cli import main

sys.exit(main())
