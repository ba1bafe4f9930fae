"""Untrusted text made inert for a terminal.

Notice text, commit subjects, author names and paths come from a repository that may be
hostile. Before anything reaches a terminal (CLI output or the app) it goes through
:func:`inert`: control characters (including ESC, so no ANSI/OSC sequence survives), C1
controls, DEL, bidirectional overrides and zero-width characters become visible
placeholders. Rich/Textual markup is a separate matter: the app shows text through
``rich.text.Text`` objects, never through markup strings, so ``[bold]`` stays literal.
"""

from __future__ import annotations

import re

_TABLE: dict[int, str] = {}
for _code in range(0x20):
    if _code not in (0x09, 0x0A):
        _TABLE[_code] = chr(0x2400 + _code)  # Control Pictures: ␛ for ESC, ␍ for CR ...
_TABLE[0x7F] = "\u2421"  # ␡
for _code in range(0x80, 0xA0):
    _TABLE[_code] = f"<U+{_code:04X}>"
for _code in (
    0x061C,
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    0x202A,
    0x202B,
    0x202C,
    0x202D,
    0x202E,
    0x2060,
    0x2066,
    0x2067,
    0x2068,
    0x2069,
    0xFEFF,
):
    _TABLE[_code] = f"<U+{_code:04X}>"

#: Finds, in C, whether a text holds any character :func:`inert` changes (and ``\r``):
#: ``str.translate`` looks up every character (about 200 ms for 1 MB of non-ASCII
#: text) while most texts need nothing; the search takes about 10 ms.
_NEEDS_INERT = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")

_ONE_LINE = dict(_TABLE)
_ONE_LINE[0x0A] = "\u2424"  # ␤
_ONE_LINE[0x09] = " "


def inert(text: str) -> str:
    """Text with every character that could drive a terminal made visible.

    Newlines and tabs are kept; ``\\r\\n`` becomes ``\\n``; a lone ``\\r`` becomes ``␍``.
    """
    if not _NEEDS_INERT.search(text):
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.translate(_TABLE)


def needs_inert(text: str) -> bool:
    """Whether :func:`inert` would change ``text``."""
    return _NEEDS_INERT.search(text) is not None


def inert_line(text: str) -> str:
    """Like :func:`inert`, for text that must stay on one line (subjects, paths, names)."""
    if "\n" not in text and "\t" not in text and not _NEEDS_INERT.search(text):
        return text
    return text.translate(_ONE_LINE)
