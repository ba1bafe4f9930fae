"""Passages: the paragraphs of a section body as plain, inert, one-line text, long ones cut.

What the index stores and searches besides headings and category names (see
:mod:`notices_repo.search.build`); a huge paragraph (a 50 MB single-line notice, issue
14) is cleaned and cut a window at a time, read in place.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from notices_repo.search.normalise import safe_text

#: Passages longer than this are cut at a sentence end (or a space) near this length.
PASSAGE_MAX = 480
#: ...but never shorter than this (content-defined cuts keep most chunks stable when a
#: word changes elsewhere in a 65,000-character line).
PASSAGE_MIN = 200

_TABLE_RULE_RE = re.compile(r"\s:?-{3,}:?(?=\s)")
# Markdown that passages drop (a cheap approximation of sections.clean_inline: passages
# are for matching and snippets, not for structure).
_IMAGE_RE = re.compile(r"!\[[^\[\]\n]*+\]\([^()\s]*+(?:\s[^()]*+)?\)")
_LINK_RE = re.compile(r"\[([^\[\]\n]*+)\]\([^()\s]*+(?:\s[^()]*+)?\)")
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>|<!--.*?-->")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINE_MARKER_RE = re.compile(
    r"[ \t]*+(?:>[ \t]*+)*+(?:(?:[*+\-•·●◦▪‣⁃]|\d{1,3}[.)]|\([a-zA-Z0-9]{1,4}\))[ \t]++)?"
)
_MARKER_FIRST = frozenset(" \t>*+-•·●◦▪‣⁃0123456789(")
_SENTENCE_END_RE = re.compile(r"[.!?;:][\"')\]]*\s")

#: Paragraphs longer than this have their whitespace collapsed in whole-string passes
#: (the same result as split and join, without a list of every word), and are never
#: held as a key of the memo of cleaned paragraphs.
_SPLIT_MAX = 1 << 16


def clean_passage(raw: str) -> str:
    """A paragraph as plain, inert, one-line text (markup, list and quote markers gone).

    Cheaper than :func:`sections.clean_inline` (which headings and category names go
    through): links keep their text, images, tags and emphasis marks go, entities and
    escapes are resolved, whitespace runs become one space.
    """
    text = _markup(_strip_markers(raw))
    return _plain(text, "|" in text)


def _strip_markers(text: str, at_line_start: bool = True) -> str:
    """List and quote markers gone from the start of every line (of the first one only
    when ``at_line_start``: a piece of a paragraph may begin in a line)."""
    if "\n" in text:
        lines = text.split("\n")
        out = [
            _LINE_MARKER_RE.sub("", line, count=1) if line[:1] in _MARKER_FIRST else line
            for line in lines
        ]
        if not at_line_start:
            out[0] = lines[0]
        return "\n".join(out)
    if at_line_start and text[:1] in _MARKER_FIRST:
        return _LINE_MARKER_RE.sub("", text, count=1)
    return text


def _markup(text: str) -> str:
    """Links (their text kept), images and tags gone: the cleaning steps whose matches
    may span spaces and lines."""
    if "](" in text:
        text = _LINK_RE.sub(r"\1", _IMAGE_RE.sub("", text))
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    return text


def _plain(text: str, pipes: bool) -> str:
    """The cleaning steps that look only inside runs of non-space characters (or at a
    table rule between spaces): emphasis, table pipes (when ``pipes``: the paragraph
    has one), escapes, entities, unsafe characters, then whitespace collapsed."""
    if "*" in text or "`" in text or "__" in text:
        text = text.replace("**", "").replace("__", "").replace("`", "").replace("*", "")
    if pipes:
        text = text.replace("|", " ")
        if "---" in text:
            text = _TABLE_RULE_RE.sub(" ", text)
    if "\\" in text:
        text = _ESCAPE_RE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    if len(text) > _SPLIT_MAX:  # no list of millions of words (issue 14)
        return _collapse_spaces(safe_text(text))
    # Collapsed first: what is left is printable unless an unsafe character is there
    # (every one of them is unprintable), which is then a space and collapsed again;
    # the same as collapsing the safe text, without scanning for unsafe characters
    # a text that has none.
    text = " ".join(text.split())
    return text if text.isprintable() else " ".join(safe_text(text).split())


_SPACE_TABLE: dict[int, str] = {}


def _collapse_spaces(text: str) -> str:
    """``" ".join(text.split())`` in a few whole-string passes (no list of the words).

    Every whitespace character becomes a space (one ``translate``), then double spaces
    are halved until none is left (a pass per doubling of the longest run).
    """
    if not _SPACE_TABLE:
        _SPACE_TABLE.update({c: " " for c in range(0x3001) if chr(c).isspace() and c != 32})
    text = text.translate(_SPACE_TABLE)
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


def cut(text: str) -> list[str]:
    """``text`` in pieces of at most about :data:`PASSAGE_MAX` characters.

    Cuts fall at the first sentence end after :data:`PASSAGE_MIN` characters (else at a
    space before :data:`PASSAGE_MAX`), so an edit moves only the cuts near it.
    """
    if len(text) <= PASSAGE_MAX:
        return [text] if text else []
    out: list[str] = []
    pos = _cut_into(out, text)
    tail = text[pos:].strip()
    if tail:
        out.append(tail)
    return out


def _cut_into(out: list[str], text: str) -> int:
    """Append the pieces :func:`cut` takes from ``text`` while more than
    :data:`PASSAGE_MAX` characters are left; return where the rest starts. Each cut
    looks only at the :data:`PASSAGE_MAX` characters after the previous one, so a
    text that grows at its end is cut the same way (see :func:`_cut_stream`)."""
    pos = 0
    n = len(text)
    while n - pos > PASSAGE_MAX:
        m = _SENTENCE_END_RE.search(text, pos + PASSAGE_MIN, pos + PASSAGE_MAX)
        if m:
            end = m.end()
        else:
            space = text.rfind(" ", pos + PASSAGE_MIN, pos + PASSAGE_MAX)
            end = space + 1 if space > 0 else pos + PASSAGE_MAX
        piece = text[pos:end].strip()
        if piece:
            out.append(piece)
        pos = end
    return pos


def _paragraph_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where the pieces of ``text[start:end].split("\\n\\n")`` are, one at a time."""
    while True:
        cut_at = text.find("\n\n", start, end)
        if cut_at < 0:
            yield start, end
            return
        yield start, cut_at
        start = cut_at + 2


def passages(
    body: str,
    memo: dict[str, tuple[str, ...]] | None = None,
    start: int = 0,
    end: int | None = None,
) -> list[str]:
    """Cleaned passages of a section body (paragraphs; long ones cut), in order.

    ``start``/``end``: the body is ``body[start:end]``, read in place (a section of a
    huge text is not copied first; a huge paragraph is cleaned and cut a window at a
    time, :func:`_huge_passages`).
    """
    return list(iter_passages(body, memo, start, end))


def iter_passages(
    body: str,
    memo: dict[str, tuple[str, ...]] | None = None,
    start: int = 0,
    end: int | None = None,
) -> Iterator[str]:
    """:func:`passages`, one at a time (the 216,000 passages of a 50 MB paragraph are
    interned as they come, not listed first)."""
    for a, b in _paragraph_spans(body, start, len(body) if end is None else end):
        if b - a > _STREAM_MIN:
            yield from _huge_passages(body, a, b)
            continue
        raw = body[a:b]
        if not raw or raw.isspace():
            continue
        pieces = memo.get(raw) if memo is not None else None
        if pieces is None:
            pieces = tuple(cut(clean_passage(raw)))
            if memo is not None and len(raw) <= _SPLIT_MAX:  # never hold a huge one
                memo[raw] = pieces
        yield from pieces


#: Paragraphs longer than this (a single-line notice of 50 MB: issue 14) are cleaned and
#: cut a window of about :data:`_WINDOW` characters at a time, read in place, so neither
#: the paragraph nor its cleaned copy is ever held whole; the passages are the same.
_STREAM_MIN = 1 << 20
#: (public: a caller that splits small bodies itself leaves bigger ones to
#: :func:`iter_passages`)
STREAM_MIN = _STREAM_MIN
_WINDOW = 1 << 18
# A window ends after a space, tab or newline that a character other than a space, a
# table rule's ``:`` or ``-`` or a list or quote marker's first follows: no cleaning step
# left for the windows (see _plain) matches across it, and a marker at a line's start
# is whole on one side.
_WINDOW_END_RE = re.compile("[ \t\n](?=[^\\s:" + re.escape("".join(sorted(_MARKER_FIRST))) + "])")


def _huge_passages(text: str, start: int, end: int) -> Iterator[str]:
    """``cut(clean_passage(text[start:end]))``, one window of the paragraph at a time.

    Links, images and tags may span any number of spaces: a paragraph holding them has
    those steps done whole first (one copy), the rest by windows.
    """
    markers = True
    if text.find("](", start, end) >= 0 or text.find("<", start, end) >= 0:
        text = _markup(_strip_markers(text[start:end]))
        start, end, markers = 0, len(text), False
    pipes = text.find("|", start, end) >= 0
    return _cut_stream(_clean_windows(text, start, end, markers, pipes))


def _clean_windows(text: str, start: int, end: int, markers: bool, pipes: bool) -> Iterator[str]:
    """The cleaned windows of ``text[start:end]``: joined by spaces (empty ones left
    out) they are its :func:`clean_passage`."""
    pos = start
    while pos < end:
        m = _WINDOW_END_RE.search(text, pos + _WINDOW, end) if end - pos > _WINDOW else None
        stop = m.end() if m is not None else end
        window = text[pos:stop]
        if markers:
            window = _strip_markers(window, pos == start or text[pos - 1] == "\n")
        yield _plain(window, pipes)
        pos = stop


def _cut_stream(chunks: Iterable[str]) -> Iterator[str]:
    """:func:`cut` of the chunks joined by spaces, without joining them all."""
    buf = ""
    whole = True  # nothing cut yet: a short result is one piece, as in cut()
    for chunk in chunks:
        if not chunk:
            continue
        buf = f"{buf} {chunk}" if buf else chunk
        if len(buf) > PASSAGE_MAX:
            whole = False
            out: list[str] = []
            buf = buf[_cut_into(out, buf) :]
            yield from out
    if whole:
        if buf:
            yield buf
        return
    tail = buf.strip()
    if tail:
        yield tail


__all__ = [
    "PASSAGE_MAX",
    "PASSAGE_MIN",
    "STREAM_MIN",
    "clean_passage",
    "cut",
    "iter_passages",
    "passages",
]
