"""Text and Markdown renderings of a :class:`notices_repo.diff.compare.DiffResult`.

Changes are marked the way ``git diff --word-diff`` (plain) prints them, ``[-old-]`` and
``{+new+}``, so they survive without colour; ANSI colour is added on top when the caller
asks (red deletions, green insertions). A change spanning lines is closed at each line
end and reopened on the next line, as git does.

All notice text is untrusted. In text output it goes through
:func:`notices_repo.text.inert.inert` (no escape sequence reaches the terminal). In the
Markdown report, notice text is only ever written inside fenced code blocks whose fence
is longer than any backtick run in the text, and one-line values (headings, names,
commits) are backslash-escaped, so nothing from a notice can add Markdown or HTML
structure to the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from notices_repo.diff.compare import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    UNCHANGED,
    CategoryDiff,
    DiffResult,
    SectionDiff,
)
from notices_repo.diff.words import EQUAL, Hunk, word_diff
from notices_repo.text.inert import inert, inert_line

__all__ = [
    "COARSE_NOTE",
    "CONTEXT_WORDS",
    "coarse_note",
    "iter_marks",
    "iter_text",
    "mark_hunks",
    "render_markdown",
    "render_text",
    "section_title",
    "summary_line",
]

#: Words of unchanged text shown on each side of a change when not showing everything.
CONTEXT_WORDS = 8
ELLIPSIS = "…"

_DEL_OPEN, _DEL_CLOSE = "[-", "-]"
_INS_OPEN, _INS_CLOSE = "{+", "+}"
_RED, _GREEN, _CYAN, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m"


def summary_line(result: DiffResult) -> str:
    """One line: what changed, in numbers (or that nothing did)."""
    if not result.has_changes:
        text = "No differences"
        if result.ignore_whitespace:
            text += " (whitespace and layout ignored)"
        return text + "."
    s = result.summary
    return (
        f"Sections: {s['sections_added']} added, {s['sections_removed']} removed, "
        f"{s['sections_changed']} changed, {s['sections_moved']} moved. "
        f"Data categories: {s['categories_added']} added, {s['categories_removed']} removed, "
        f"{s['categories_changed']} changed."
    )


COARSE_NOTE = (
    "Coarsened: too much text changed to compare word by word (over 5 MB); "
    "the rest was compared by sentences, and a changed sentence is shown replaced whole."
)


def coarse_note(result: DiffResult) -> str | None:
    """The line saying the comparison was coarsened, or ``None`` when it was not."""
    return COARSE_NOTE if result.coarse else None


def section_title(section: SectionDiff) -> str:
    """``changed, moved: Heading (heading was: Old)`` for a section; inert, one line."""
    status = section.status
    if status == CHANGED and section.moved:
        status = "changed, moved"
    heading = inert_line(section.heading) if section.heading else "(text before the first heading)"
    title = f"{status}: {heading}"
    if section.old_heading is not None:
        title += f" (heading was: {inert_line(section.old_heading) or '(none)'})"
    return title


# --------------------------------------------------------------------------- marks


def _wrap(text: str, opening: str, closing: str, colour: str | None) -> str:
    """Marks around each line piece of ``text``; newlines stay outside the marks."""
    out: list[str] = []
    for k, piece in enumerate(text.split("\n")):
        if k:
            out.append("\n")
        if piece:
            body = f"{opening}{piece}{closing}"
            out.append(f"{colour}{body}{_RESET}" if colour else body)
    return "".join(out)


def _change(hunk: Hunk, color: bool) -> str:
    out = ""
    if hunk.old:
        out += _wrap(inert(hunk.old), _DEL_OPEN, _DEL_CLOSE, _RED if color else None)
    if hunk.new:
        out += _wrap(inert(hunk.new), _INS_OPEN, _INS_CLOSE, _GREEN if color else None)
    return out


_WORD_RUN = re.compile(r"\w+")


def _more_words_than(text: str, words: int) -> bool:
    """Whether ``text`` has more than ``words`` words (stops looking after that many)."""
    return next(islice(_WORD_RUN.finditer(text), words, None), None) is not None


def _head(text: str, words: int) -> tuple[str, bool]:
    """The first ``words`` words of ``text`` (stopping at a newline); (text, trimmed?).

    Reads only as far as it needs: an unchanged run of a huge single-line text costs
    no more than a short one.
    """
    end = text.find("\n")
    if end < 0:
        end = len(text)
    for k, m in enumerate(_WORD_RUN.finditer(text, 0, end)):
        if k == words:
            return text[: m.start()].rstrip(), True
    return text[:end], False


def _tail(text: str, words: int) -> tuple[str, bool]:
    """The last ``words`` words of ``text`` (starting after a newline); (text, trimmed?).

    Looks back from the end in a growing window, never at the whole line.
    """
    start = text.rfind("\n") + 1
    window = 32 * (words + 1)
    while True:
        low = max(start, len(text) - window)
        found = [m.end() for m in _WORD_RUN.finditer(text, low, len(text))]
        if len(found) > words + (low > start):  # the first may be cut by the window
            return text[found[-words - 1] :].lstrip(), True
        if low == start:
            return text[start:], False
        window *= 4


def _context(text: str, position: str, words: int) -> str:
    """Unchanged text trimmed to a few words around the changes next to it.

    ``position``: ``"first"`` (before the first change), ``"last"`` (after the last) or
    ``"middle"``. Elided text within a line is shown as ``…``; whole lines left out
    between two changes as a line holding only ``…``.
    """
    if position == "first":
        tail, trimmed = _tail(text, words)
        if "\n" in text or trimmed:
            return f"{ELLIPSIS} {tail}" if trimmed else tail
        return text
    if position == "last":
        head, trimmed = _head(text, words)
        return f"{head} {ELLIPSIS}" if trimmed else head
    if not _more_words_than(text, 2 * words + 2) and text.count("\n") <= 3:
        return text
    if "\n" not in text:
        head, _ = _head(text, words)
        tail, _ = _tail(text, words)
        return f"{head} {ELLIPSIS} {tail}"
    head, head_trimmed = _head(text, words)
    tail, tail_trimmed = _tail(text, words)
    first_nl, last_nl = text.index("\n"), text.rindex("\n")
    between = text[first_nl + 1 : last_nl]
    out = f"{head} {ELLIPSIS}" if head_trimmed else head
    out += "\n"
    if between.strip():
        out += f"{ELLIPSIS}\n"
    elif last_nl > first_nl:
        out += "\n"
    out += f"{ELLIPSIS} {tail}" if tail_trimmed else tail
    return out


def mark_hunks(
    hunks: Sequence[Hunk], *, color: bool = False, context: int | None = CONTEXT_WORDS
) -> str:
    """Hunks as text with ``[-old-]{+new+}`` marks (inert, optionally coloured).

    ``context``: words of unchanged text kept around each change (``None`` keeps all).
    """
    return "".join(iter_marks(hunks, color=color, context=context))


def iter_marks(
    hunks: Sequence[Hunk], *, color: bool = False, context: int | None = CONTEXT_WORDS
) -> Iterator[str]:
    """:func:`mark_hunks` a hunk at a time."""
    changes = [k for k, h in enumerate(hunks) if h.op != EQUAL]
    for k, hunk in enumerate(hunks):
        if hunk.op != EQUAL:
            yield _change(hunk, color)
            continue
        text = hunk.new
        if context is not None and changes:
            if k < changes[0]:
                text = _context(text, "first", context)
            elif k > changes[-1]:
                text = _context(text, "last", context)
            else:
                text = _context(text, "middle", context)
        yield inert(text)


# --------------------------------------------------------------------------- text


def _category_line(cat: CategoryDiff, color: bool) -> str:
    name = inert_line(cat.name)
    if cat.status == ADDED:
        return f"  + {name}: " + _wrap(
            inert_line(cat.new or ""), _INS_OPEN, _INS_CLOSE, _GREEN if color else None
        )
    if cat.status == REMOVED:
        return f"  - {name}: " + _wrap(
            inert_line(cat.old or ""), _DEL_OPEN, _DEL_CLOSE, _RED if color else None
        )
    if cat.status == CHANGED:
        marked = mark_hunks(word_diff(cat.old or "", cat.new or ""), color=color, context=None)
        return f"  ~ {name}: " + marked.replace("\n", " ")
    return f"    {name}: {inert_line(cat.new or '')}"


def render_text(result: DiffResult, *, color: bool = False, context: int = CONTEXT_WORDS) -> str:
    """The ``notice-tui diff`` text output (see :func:`iter_text`). Ends with a newline."""
    text = "".join(iter_text(result, color=color, context=context))
    return text if text.endswith("\n") else text + "\n"


def iter_text(
    result: DiffResult, *, color: bool = False, context: int = CONTEXT_WORDS
) -> Iterator[str]:
    """The ``notice-tui diff`` text output.

    A summary line; then each changed section under an ``@@ status: heading @@`` line,
    with word-level marks and a few words of context around each change (a moved
    section without changes has its header only); then the data categories that
    changed. With ``result.full`` the whole new text is printed with changes marked,
    the header lines before the sections that are not unchanged. In pieces (a section
    at a time), so a caller can write a huge comparison without holding all of it;
    joined, the pieces end with a newline.
    """
    # ``last`` is the piece added last (maybe empty), ``ends`` whether all so far ends
    # with a newline: what the joined text would tell.
    pieces = _text_pieces(result, color, context)
    last, ends = "", True
    for piece in pieces:
        if piece is _NEWLINE_UNLESS_LAST_ENDS:
            if last and not last.endswith("\n"):
                last, ends = "\n", True
                yield "\n"
            continue
        if piece is _NEWLINE_UNLESS_ENDS:
            if not last.endswith("\n"):
                last, ends = "\n", True
                yield "\n"
            continue
        last = piece
        if piece:
            ends = piece.endswith("\n")
            yield piece
    if not ends:
        yield "\n"


_NEWLINE_UNLESS_LAST_ENDS = "\n" + "unless-last"  # markers, compared by identity
_NEWLINE_UNLESS_ENDS = "\n" + "unless"


def _text_pieces(result: DiffResult, color: bool, context: int) -> Iterator[str]:
    yield summary_line(result) + "\n"
    note = coarse_note(result)
    if note:
        yield note + "\n"
    for section in result.shown_sections:
        if section.status != UNCHANGED:
            header = f"@@ {section_title(section)} @@"
            yield _NEWLINE_UNLESS_LAST_ENDS
            if not result.full:
                yield "\n"
            yield (f"{_CYAN}{header}{_RESET}" if color else header) + "\n"
        if result.full and section.hunks:
            for piece in iter_marks(section.hunks, color=color, context=None):
                if piece:
                    yield piece
        elif result.full:
            yield ""
        elif section.status != MOVED:
            yield mark_hunks(section.hunks, color=color, context=context).rstrip("\n")
            yield "\n"
    categories = result.shown_categories
    if categories:
        yield _NEWLINE_UNLESS_ENDS
        yield "\nData categories:\n"
        for c in categories:
            yield _category_line(c, color) + "\n"


# --------------------------------------------------------------------------- markdown

# Characters that can start inline structure (emphasis, code, links, images, HTML,
# entities, strikethrough, tables, math, mentions). One-line values are only written
# after other text on a line, so block markers (#, -, +, 1.) at a line start cannot occur.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!&~|$@])")


def md_escape(text: str) -> str:
    """One-line untrusted text made literal in Markdown, for use after other text on a line.

    Newlines and control characters become visible placeholders (:func:`inert_line`);
    every character that can start inline Markdown or HTML is backslash-escaped.
    """
    return _MD_SPECIAL.sub(r"\\\1", inert_line(text))


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    return f"{fence}text\n{body}{fence}"


def _get(info: Any, key: str) -> Any:
    if info is None:
        return None
    if isinstance(info, dict):
        return info.get(key)
    return getattr(info, key, None)


def _version_line(label: str, info: Any) -> str:
    commit = _get(info, "commit")
    date = _get(info, "effective_date")
    date_text = md_escape(str(date)) if date else "no effective date found"
    commit_text = md_escape(str(commit)) if commit else "unknown"
    return f"- **{label}:** effective {date_text}, commit {commit_text}"


def render_markdown(
    result: DiffResult,
    from_info: Any = None,
    to_info: Any = None,
    *,
    title: str | None = None,
    context: int = CONTEXT_WORDS,
) -> str:
    """A Markdown report for ``--format markdown``: versions, summary, changed sections.

    ``from_info``/``to_info`` as for :meth:`DiffResult.to_json`. Section texts are in
    fenced blocks with ``[-old-]{+new+}`` marks; see the module docstring for safety.
    """
    out: list[str] = [f"# Comparison: {md_escape(title)}" if title else "# Comparison", ""]
    out.append(_version_line("From", from_info))
    out.append(_version_line("To", to_info))
    out.append("")
    out.append("## Summary")
    out.append("")
    s = result.summary
    out.append(
        f"- Sections: {s['sections_added']} added, {s['sections_removed']} removed, "
        f"{s['sections_changed']} changed, {s['sections_moved']} moved"
    )
    out.append(
        f"- Data categories: {s['categories_added']} added, "
        f"{s['categories_removed']} removed, {s['categories_changed']} changed"
    )
    out.append(
        "- Whitespace and layout-only changes: "
        + ("ignored" if result.ignore_whitespace else "counted")
    )
    note = coarse_note(result)
    if note:
        out.append(f"- {note}")
    if not result.has_changes:
        out.append("")
        out.append("No differences.")
        return "\n".join(out) + "\n"
    categories = result.shown_categories
    if categories:
        out.append("")
        out.append("## Data categories")
        out.append("")
        for cat in categories:
            line = f"- {cat.status.capitalize()}: **{md_escape(cat.name)}**"
            if cat.status == CHANGED:
                marked = mark_hunks(word_diff(cat.old or "", cat.new or ""), context=None)
                out.append(line)
                out.append("")
                out.append(_indent(_fence(marked), "  "))
            else:
                description = cat.new if cat.new is not None else cat.old
                out.append(f"{line} — {md_escape(description)}" if description else line)
    sections = result.shown_sections
    if sections:
        out.append("")
        out.append("## Sections" if result.full else "## Changed sections")
        out.append("")
        out.append("Removed text is marked `[-like this-]`, added text `{+like this+}`.")
        keep = None if result.full else context
        for number, section in enumerate(sections, 1):
            out.append("")
            title_text = section_title(section)
            out.append(f"### {number}. {md_escape(title_text)}")
            if section.status == MOVED and not result.full:
                out.append("")
                out.append("Moved without changes to its text.")
                continue
            body = mark_hunks(section.hunks, context=keep).rstrip("\n")
            if body.strip():
                out.append("")
                out.append(_fence(body))
    return "\n".join(out) + "\n"


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.split("\n"))
