"""Site markup that several rules recognise, written once so that they agree.

YAML front matter, fenced code blocks and kramdown attribute lists are data for a site
generator, not words of a notice: :mod:`notices_repo.text.sections` keeps headings out
of them, :mod:`notices_repo.text.body` removes front matter and attribute lists from the
text a reader reads, and :mod:`notices_repo.text.dates` reads dates in front matter and
cleans attribute lists out of a stamp. All patterns are linear (possessive quantifiers,
bounded classes).
"""

from __future__ import annotations

import re

__all__ = [
    "FENCE_LINES_RE",
    "FENCE_PATTERN",
    "FENCE_RE",
    "FENCE_START_RE",
    "FRONT_CLOSE",
    "FRONT_KEY_RE",
    "FRONT_OPEN",
    "FRONT_OPENS_ANY",
    "HEADING_ID",
    "IAL",
    "IAL_LOOSE_RE",
    "IAL_RE",
]

# --- front matter -----------------------------------------------------------------------

#: The first line of YAML front matter (at the very start of a text) ...
FRONT_OPEN = "---"
#: ... the lines that close it ...
FRONT_CLOSE = ("---", "...")
#: ... and its first non-blank line: a ``key:`` (so that a thematic break is not taken).
FRONT_KEY_RE = re.compile(r"[A-Za-z_][\w -]*:")
#: First lines of the front matter whose dates are read: YAML's, and TOML's ``+++``
#: (closed by the same line, or ``...``).
FRONT_OPENS_ANY = ("---", "+++")

# --- fenced code blocks -----------------------------------------------------------------

#: A fence line: at most three spaces of indentation, three or more backticks or tildes
#: (group 1), then the info string (group 2).
FENCE_PATTERN = r" {0,3}(`{3,}|~{3,})(.*)$"
#: A fence line, matched against one line.
FENCE_RE = re.compile(FENCE_PATTERN)
#: Fence lines, searched for in a whole text.
FENCE_LINES_RE = re.compile("^" + FENCE_PATTERN, re.MULTILINE)
#: Where a line that may be a fence starts, after its newline (a cheap first filter).
FENCE_START_RE = re.compile(r"\n {0,3}(?:`{3}|~{3})")

# --- kramdown ---------------------------------------------------------------------------

#: A kramdown attribute list: ``{: #id .class }``, ``{: datetime="2020-09-09" }``; quoted
#: values may hold braces.
IAL = r"\{:(?:[^{}\n\"']|\"[^\"\n]*+\"|'[^'\n]*+')*+\}"
IAL_RE = re.compile(IAL)
#: A kramdown heading id ``{#cookies}`` (it trails an ATX heading).
HEADING_ID = r"\{#[A-Za-z][\w:.-]*+\}"
#: The looser form the date rules clean out of a stamp: no braces inside, quotes not
#: paired, at most 300 characters (a stamp's fragment is short).
IAL_LOOSE_RE = re.compile(r"\{:[^{}\n]{0,300}\}")
