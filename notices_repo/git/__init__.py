"""Git access: the one place git runs, blob reading, and history from one ``git log``."""
