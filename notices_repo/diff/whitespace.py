"""Word-diff hunks with the layout-only changes turned into unchanged text.

``diff --ignore-whitespace`` compares texts by their layout tokens
(:func:`notices_repo.text.whitespace.layout_tokens`), but shows the texts as they are: lines,
headings and Markdown kept. :func:`ignore_layout` takes the hunks of a word diff of the
original texts and makes every change that is layout only (a re-wrapped line, another
list marker, emphasis marks, escaping) an ``equal`` hunk, merged with its neighbours.
Such a hunk keeps both sides (``old`` and ``new`` may then differ in layout), so the
hunks still rebuild both texts exactly; its text is shown from the new side.

A change is layout only when the text around it (up to the line ends, at most
:data:`WINDOW` characters each way, taken from the new side) has the same layout tokens
with the change's old text as with its new text: context decides the rules that depend
on it (an ordered-list marker at the start of a line, emphasis marks next to letters).
"""

from __future__ import annotations

from collections.abc import Sequence

from notices_repo.diff.words import EQUAL, Hunk
from notices_repo.text.whitespace import layout_tokens

__all__ = ["WINDOW", "ignore_layout", "is_layout_only"]

#: Characters of context taken on each side of a change (at most; a line end stops it).
WINDOW = 256


def _left(text: str, start: int) -> int:
    """Where the context before ``start`` begins: the line start, or a space nearby."""
    low = max(0, start - WINDOW)
    line = text.rfind("\n", low, start)
    if line >= 0:
        return line + 1
    if low == 0:
        return 0
    space = text.find(" ", low, start)
    return space + 1 if space >= 0 else low


def _right(text: str, end: int) -> int:
    """Where the context after ``end`` ends: the line end, or a space nearby."""
    high = min(len(text), end + WINDOW)
    line = text.find("\n", end, high)
    if line >= 0:
        return line
    if high == len(text):
        return high
    space = text.rfind(" ", end, high)
    return space if space >= 0 else high


def is_layout_only(hunk: Hunk, new: str, base: int = 0) -> bool:
    """Whether change ``hunk`` of a word diff of ``new[base:...]`` is layout only."""
    if hunk.op == EQUAL:
        return True
    start, end = base + hunk.new_start, base + hunk.new_end
    left, right = _left(new, start), _right(new, end)
    before, after = new[left:start], new[end:right]
    return layout_tokens(before + hunk.old + after) == layout_tokens(before + hunk.new + after)


def ignore_layout(hunks: Sequence[Hunk], new: str, base: int = 0) -> list[Hunk]:
    """``hunks`` (a word diff whose new text is ``new``) with layout-only changes equal.

    ``base``: where the compared text starts in ``new`` (hunk offsets are relative to
    it). Neighbouring equal hunks are merged; the result rebuilds the same two texts.
    """
    out: list[Hunk] = []
    run: list[Hunk] = []  # equal (or layout-only) hunks waiting to be merged

    def flush() -> None:
        if len(run) == 1 and run[0].op == EQUAL:
            out.append(run[0])
        elif run:
            old_text = "".join(h.old for h in run)
            new_text = "".join(h.new for h in run)
            out.append(Hunk(EQUAL, old_text, new_text, run[0].old_start, run[0].new_start))
        run.clear()

    for hunk in hunks:
        if hunk.op != EQUAL and not is_layout_only(hunk, new, base):
            flush()
            out.append(hunk)
        else:
            run.append(hunk)
    flush()
    return out
