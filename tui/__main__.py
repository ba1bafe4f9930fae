"""``python -m tui`` runs the ``notice-tui`` command."""

import sys

from tui.cli.main import main

sys.exit(main())
