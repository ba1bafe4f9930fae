"""Taking new revisions in from a git bundle (``notice-tui import``)."""
