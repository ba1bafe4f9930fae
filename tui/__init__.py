"""The ``notice-tui`` command and its Textual app."""
