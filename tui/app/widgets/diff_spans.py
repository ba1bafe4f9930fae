"""The runs of text the diff view paints, and the lines of a changed section.

A *span* is a run of text of one kind (unchanged, deleted, inserted, a mark, a title,
words of ours...). :func:`unified_lines` and :func:`paired_lines` turn a section's word
diff into lines of spans, ``[-removed-]`` and ``{+added+}`` marked as ``git diff
--word-diff`` prints them, whitespace-only changes made visible (``·`` a space, ``→`` a
tab, ``↵`` a line break); :func:`shown_ranges` and :func:`elide` keep only what is near
a change. Notice text is made inert here (:func:`notices_repo.text.inert.inert`).
"""

from __future__ import annotations

from collections.abc import Sequence

from notices_repo.diff.words import EQUAL, Hunk
from notices_repo.text.inert import inert

# Kinds of span (what a run of text is); the view maps each to a style.
TEXT = 0
"""Unchanged notice text."""
DELETE = 1
"""Removed text."""
INSERT = 2
"""Added text."""
DELETE_MARK = 3
"""``[-`` and ``-]`` around removed text."""
INSERT_MARK = 4
"""``{+`` and ``+}`` around added text."""
TITLE = 5
"""A section's title line (``@@ changed: Heading @@``)."""
NOTE = 6
"""Words of ours: ``… 12 unchanged lines``, ``…`` where text is left out."""
SUMMARY = 7
"""The summary line at the top."""
LABEL = 8
"""A label in the summary (``Changed (3):``) or a data category's name."""

#: ``(text, kind, change id)``: a run of one kind; the change id indexes
#: :meth:`DiffResult.change_positions` (-1: not part of a change).
Span = tuple[str, int, int]

#: Unchanged lines shown before and after each changed line (changes-only layout).
CONTEXT_LINES = 2
#: Lines longer than this (characters) have their unchanged text cut around the changes.
LONG_LINE = 800
#: Unchanged characters kept on each side of a change in a long line.
KEEP_CHARS = 240

ELLIPSIS = "…"
"""What stands for text left out."""


def _display(text: str) -> str:
    """Notice text as it may be painted: inert, tabs as spaces."""
    text = inert(text)
    return text.replace("\t", "    ") if "\t" in text else text


_VISIBLE_SPACE = str.maketrans({" ": "·", "\t": "→"})


def _change_parts(text: str) -> list[str]:
    """The line pieces of one side of a change, whitespace-only changes made visible."""
    if text.strip():
        return _display(text).split("\n")
    visible = inert(text).translate(_VISIBLE_SPACE)
    parts = visible.split("\n")
    return [part + "↵" if k < len(parts) - 1 else part for k, part in enumerate(parts)]


class LineBuilder:
    """Spans of the line being built, with what kinds of change it holds."""

    __slots__ = ("deleted", "inserted", "spans")

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.deleted = False
        self.inserted = False

    def text(self, text: str) -> None:
        """Add unchanged text."""
        self.spans.append((text, TEXT, -1))

    def change(self, text: str, kind: int, change: int) -> None:
        """Add removed (``DELETE``) or added text, marked, as part of change ``change``."""
        if kind == DELETE:
            self.spans.append(("[-", DELETE_MARK, change))
            self.spans.append((text, DELETE, change))
            self.spans.append(("-]", DELETE_MARK, change))
            self.deleted = True
        else:
            self.spans.append(("{+", INSERT_MARK, change))
            self.spans.append((text, INSERT, change))
            self.spans.append(("+}", INSERT_MARK, change))
            self.inserted = True

    @property
    def changed(self) -> bool:
        """The line holds a change."""
        return self.deleted or self.inserted

    @property
    def sign(self) -> str:
        """The gutter sign: ``-`` removed words, ``+`` added, ``~`` both, a space none."""
        if self.deleted and self.inserted:
            return "~"
        if self.deleted:
            return "-"
        return "+" if self.inserted else " "

    def take(self) -> tuple[list[Span], str]:
        """The line built (spans and sign); the builder starts a new one."""
        done = (self.spans, self.sign)
        self.spans = []
        self.deleted = self.inserted = False
        return done


#: A body line: its spans and gutter sign (a space when it has no change).
Body = tuple[list[Span], str]
#: A side-by-side pair of body lines (None: that side has no line there).
Pair = tuple[Body | None, Body | None]


def _add_change(line: LineBuilder, done: list[Body], text: str, kind: int, change: int) -> None:
    """Add one side of a change to ``line``; each line break in it moves the line to ``done``."""
    for k, part in enumerate(_change_parts(text)):
        if k:
            done.append(line.take())
        if part:
            line.change(part, kind, change)


def unified_lines(hunks: Sequence[Hunk], changes: dict[int, int]) -> list[Body]:
    """The lines of one section with ``[-old-]{+new+}`` marks, as git's word diff.

    ``changes`` maps hunk indexes to change ids. A change spanning lines is closed at
    each line end and reopened on the next line.
    """
    out: list[Body] = []
    line = LineBuilder()
    for index, hunk in enumerate(hunks):
        if hunk.op == EQUAL:
            for k, part in enumerate(_display(hunk.new).split("\n")):
                if k:
                    out.append(line.take())
                if part:
                    line.text(part)
            continue
        change = changes.get(index, -1)
        for side, kind in ((hunk.old, DELETE), (hunk.new, INSERT)):
            if side:
                _add_change(line, out, side, kind, change)
    if line.spans:
        out.append(line.take())
    return out


def paired_lines(hunks: Sequence[Hunk], changes: dict[int, int]) -> list[Pair]:
    """The lines of one section side by side: old with ``[-removed-]``, new with ``{+added+}``.

    Lines are paired where the texts agree (a line break in unchanged text); between two
    such points, the last lines pair up and the others are paired from the top, the
    longer side facing blank lines.
    """
    out: list[Pair] = []
    olds: list[Body] = []
    news: list[Body] = []
    old_line = LineBuilder()
    new_line = LineBuilder()

    def sync() -> None:
        if olds and news:
            head_old, head_new = olds[:-1], news[:-1]
            for k in range(max(len(head_old), len(head_new))):
                out.append(
                    (
                        head_old[k] if k < len(head_old) else None,
                        head_new[k] if k < len(head_new) else None,
                    )
                )
            out.append((olds[-1], news[-1]))
        else:
            out.extend((body, None) for body in olds)
            out.extend((None, body) for body in news)
        olds.clear()
        news.clear()

    for index, hunk in enumerate(hunks):
        if hunk.op == EQUAL:
            for k, part in enumerate(_display(hunk.new).split("\n")):
                if k:
                    olds.append(old_line.take())
                    news.append(new_line.take())
                    sync()
                if part:
                    old_line.text(part)
                    new_line.text(part)
            continue
        change = changes.get(index, -1)
        if hunk.old:
            _add_change(old_line, olds, hunk.old, DELETE, change)
        if hunk.new:
            _add_change(new_line, news, hunk.new, INSERT, change)
    if old_line.spans:
        olds.append(old_line.take())
    if new_line.spans:
        news.append(new_line.take())
    if olds or news:
        sync()
    return out


# --------------------------------------------------------------------------- context


def shown_ranges(changed: Sequence[bool], context: int) -> list[tuple[int, int]]:
    """Ranges ``[start, end)`` of items to show: each changed item and ``context`` around."""
    ranges: list[tuple[int, int]] = []
    for index, flag in enumerate(changed):
        if not flag:
            continue
        start, end = max(0, index - context), min(len(changed), index + context + 1)
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
        else:
            ranges.append((start, end))
    return ranges


def _head(text: str, keep: int) -> str:
    piece = text[:keep]
    space = piece.rfind(" ")
    return piece[: space + 1] if space > keep // 2 else piece


def _tail(text: str, keep: int) -> str:
    piece = text[-keep:]
    space = piece.find(" ")
    return piece[space:] if 0 <= space < keep // 2 else piece


def elide(spans: list[Span], keep: int = KEEP_CHARS, long_line: int = LONG_LINE) -> list[Span]:
    """A long line's unchanged text cut to ``keep`` characters around its changes."""
    if sum(len(text) for text, _, _ in spans) <= long_line:
        return spans
    change_at = [k for k, (_, kind, _) in enumerate(spans) if kind != TEXT]
    first = change_at[0] if change_at else len(spans)
    last = change_at[-1] if change_at else -1
    out: list[Span] = []
    for k, span in enumerate(spans):
        text, kind, _ = span
        if kind != TEXT or len(text) <= 2 * keep + 8:
            out.append(span)
            continue
        if k < first:
            if change_at:
                out.append((ELLIPSIS + " ", NOTE, -1))
                out.append((_tail(text, keep), TEXT, -1))
            else:
                out.append((_head(text, keep), TEXT, -1))
                out.append((" " + ELLIPSIS, NOTE, -1))
        elif k > last:
            out.append((_head(text, keep), TEXT, -1))
            out.append((" " + ELLIPSIS, NOTE, -1))
        else:
            out.append((_head(text, keep), TEXT, -1))
            out.append((" " + ELLIPSIS + " ", NOTE, -1))
            out.append((_tail(text, keep), TEXT, -1))
    return out
