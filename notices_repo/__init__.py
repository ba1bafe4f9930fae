"""The notices domain: git access, effective dates, sections, diff, search, support window.

This package never imports Textual; see ``tests/core/test_no_textual.py``.
"""

__version__ = "0.1.0"
