"""Wrapping a line of the diff view: the offsets where each row starts, for a width.

No text is copied or styled here: a wrapped line is its text and a list of offsets, and
painting a row is a slice. Cells are counted as the terminal does (wide characters take
two); lines of one-cell characters only are wrapped with string searches, fast.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

# Characters one cell wide for certain: Latin, Greek, Cyrillic, general punctuation
# (dashes, quotes, bullets, the ellipsis), arrows, box drawing. Lines made only of these
# wrap with string searches; others are measured character by character.
_NOT_SIMPLE = re.compile(
    "[^\x20-\x7e\xa0-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u20a0-\u20bf"
    "\u2100-\u214f\u2190-\u21ff\u2200-\u22ff\u2500-\u25ff]"
)


def wrap_offsets(text: str, width: int) -> list[int]:
    """Offsets where each row of ``text`` starts when wrapped at spaces to ``width`` cells.

    A row breaks after the last space that lets it fit (the space stays at the end of the
    row, where it may overhang by one cell); a word longer than the width is cut. Cells
    are counted as the terminal does (wide characters take two).
    """
    width = max(1, width)
    if len(text) <= width and cell_len(text) <= width:
        return [0]
    if _NOT_SIMPLE.search(text) is None:
        return _wrap_simple(text, width)
    return _wrap_cells(text, width)


def _wrap_simple(text: str, width: int) -> list[int]:
    """Wrap text of one-cell characters (string searches only)."""
    breaks = [0]
    start = 0
    length = len(text)
    while length - start > width:
        space = text.rfind(" ", start + 1, start + width + 1)
        cut = space + 1 if space > start else start + width
        # a run of spaces at the edge stays on this row
        while cut < length and text[cut] == " ":
            cut += 1
        if cut >= length:
            break
        breaks.append(cut)
        start = cut
    return breaks


def _wrap_cells(text: str, width: int) -> list[int]:
    """Wrap text with wide or zero-width characters, cell by cell."""
    breaks = [0]
    start = 0
    column = 0
    space = -1
    index = 0
    length = len(text)
    size = get_character_cell_size
    while index < length:
        char = text[index]
        if char == " ":
            space = index
            column += 1
            index += 1
            continue
        cells = size(char)
        if column + cells > width and index > start:
            cut = space + 1 if space >= start else index
            breaks.append(cut)
            start = cut
            space = -1
            column = cell_len(text[cut:index])
            continue
        column += cells
        index += 1
    return breaks
