"""What ``y`` in the diff view copies: the current change, where it is, a few words around.

The change is cut to the line(s) it is on (:func:`line_window`), so a long paragraph
with many changes copies the change with its neighbours, not a whole page; the text is
marked as the Markdown report marks it (``[-removed-]``, ``{+added+}``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from notices_repo.diff.render import CONTEXT_WORDS, mark_hunks, section_title
from notices_repo.diff.words import EQUAL, Hunk
from notices_repo.text.inert import inert_line

if TYPE_CHECKING:
    from notices_repo.diff.compare import SectionDiff
    from notices_repo.model import Notice
    from notices_repo.usecases.compare import End

#: Unchanged words kept around the change that ``y`` copies.
COPY_CONTEXT = CONTEXT_WORDS


def line_window(hunks: Sequence[Hunk], index: int, reach: int = 4) -> list[Hunk]:
    """The hunks of the line(s) that hunk ``index`` is on, cut at the line ends.

    At most ``reach`` hunks on each side (a long paragraph with many changes is one
    line), so what is copied is the change with its neighbours, not a whole page.
    """

    def one_line(hunk: Hunk) -> bool:
        return "\n" not in hunk.old and "\n" not in hunk.new

    start = index
    while start > max(0, index - reach) and one_line(hunks[start - 1]):
        start -= 1
    end = index
    while end < min(len(hunks) - 1, index + reach) and one_line(hunks[end + 1]):
        end += 1
    window = list(hunks[start : end + 1])
    if start > 0 and hunks[start - 1].op == EQUAL and start > index - reach:
        tail = hunks[start - 1].new.rpartition("\n")[2]
        if tail:
            window.insert(0, Hunk(EQUAL, tail, tail))
    if end + 1 < len(hunks) and hunks[end + 1].op == EQUAL and end < index + reach:
        head = hunks[end + 1].new.partition("\n")[0]
        if head:
            window.append(Hunk(EQUAL, head, head))
    return window


def change_text(notice: Notice, old: End, new: End, section: SectionDiff, hunk: int) -> str:
    """The text ``y`` copies for hunk ``hunk`` of ``section``: where the change is, then
    it with a few words around."""
    hunks = line_window(section.hunks, hunk)
    body = mark_hunks(hunks, context=COPY_CONTEXT).strip("\n")
    where = (
        f"{inert_line(notice.title)}, {old.date_label} -> {new.date_label}, "
        f"{section_title(section)}"
    )
    return f"{where}\n{body}\n"
