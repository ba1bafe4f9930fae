"""The search index: built from every version of every notice, stored in the cache folder.

:mod:`notices_repo.search.query` answers queries; this module builds and stores what it reads.

What is indexed (``docs/search.md`` has the measurements behind each choice):

* *Labels*: distinct section headings and data category names, with all their words.
* *Passages*: distinct cleaned paragraphs of section bodies and category descriptions
  (long ones cut at sentence ends), with their words of 3+ characters, stop words out.
* *Entries*: one per distinct text of a notice, ``(notice, kind, label, passage)``
  (passage none for the heading or name alone), with the first and last version holding
  it, how many versions do, and where it is in the newest one (section index, offset).
  Identical texts in several versions are one entry: history is de-duplicated.
* Postings (word -> labels, word -> passages) and forward lists (label/passage -> word
  ids), ids ranked by recency, so the newest texts come first in every posting list.

Building reads each version's blob once (one ``cat-file`` per worker process, notices
split over processes) and derives its structure from the previous version of the same
notice (:func:`parse_structure`: only the changed region is parsed, with the exact
result of :mod:`notices_repo.text.sections`); a section that did not change is not looked at
again. The tables are written to one file (arrays, mapped read-only with ``mmap`` when
searching: the index on disk is not held in memory), atomically, keyed by the
repository, HEAD, the versions indexed and the code that derived them.
"""

from __future__ import annotations

import bisect
import collections
import contextlib
import datetime as dt
import hashlib
import html
import itertools
import marshal
import mmap
import operator
import os
import re
import struct
import sys
import threading
import time
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from notices_repo.codekey import source_digest
from notices_repo.diff.words import texts_equal
from notices_repo.errors import Cancelled
from notices_repo.git.catfile import CatFile
from notices_repo.git.runner import GitRunner
from notices_repo.model import Catalog
from notices_repo.text.body import body_of
from notices_repo.text.decode import decode
from notices_repo.text.sections import DataCategory, Section, Structure, parse_structure

Progress = Callable[[str, int, int], None]

#: Passages longer than this are cut at a sentence end (or a space) near this length.
PASSAGE_MAX = 480
#: ...but never shorter than this (content-defined cuts keep most chunks stable when a
#: word changes elsewhere in a 65,000-character line).
PASSAGE_MIN = 200

_WORD_RE = re.compile(r"\w+")
_BODY_WORD_RE = re.compile(r"\w{3,}")
# Combining marks (accents) of the Latin, Greek and Cyrillic blocks and their supplements;
# the breve of Cyrillic й and ў stays (letters of their own: "мой" is not "мои"; ё folds
# to е).
_COMBINING_RE = re.compile(
    "[\u0300-\u0305\u0307-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
    "|(?<![\u0438\u0443])\u0306"
)
# Characters that could drive a terminal or reorder text: spaces in stored text, so
# snippets are already inert and span offsets survive display unchanged.
_TABLE_RULE_RE = re.compile(r"\s:?-{3,}:?(?=\s)")
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
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

#: Words too common to find anything with in a body: passages do not index them, and
#: a query treats them like 1-2 character words (they refine heading matches only).
STOP_WORDS = frozenset(
    [
        "about",
        "after",
        "all",
        "also",
        "and",
        "any",
        "are",
        "been",
        "before",
        "being",
        "both",
        "but",
        "can",
        "could",
        "did",
        "does",
        "each",
        "for",
        "from",
        "had",
        "has",
        "have",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "into",
        "its",
        "may",
        "more",
        "most",
        "not",
        "off",
        "once",
        "only",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "she",
        "should",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "too",
        "under",
        "until",
        "upon",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
    ]
)


def body_word(word: str) -> bool:
    """Whether a folded word is indexed in passages (3+ characters, not a stop word)."""
    return len(word) > 2 and word not in STOP_WORDS


def safe_text(text: str) -> str:
    """``text`` with control, bidi and zero-width characters turned into spaces."""
    if _UNSAFE_RE.search(text) is None:
        return text
    return _UNSAFE_RE.sub(" ", text)


def fold(text: str) -> str:
    """Casefolded, accents removed (``Données`` -> ``donnees``): how words are compared.

    NFKD decomposition, the combining marks of Latin, Greek and Cyrillic dropped, then
    NFC composition (one C-speed pass each). Only those accents go: the voiced marks of
    kana (``ダ`` is ``タ`` + U+3099 when decomposed) and hangul syllables are composed
    back, so ``ダウンロード``, ``개인정보`` and ``隐私`` fold to themselves (half-width
    kana to full-width), ``Straße`` to ``strasse``, ``Ελληνικά`` to ``ελληνικα``.
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return unicodedata.normalize("NFC", _COMBINING_RE.sub("", decomposed))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return _WORD_RE.findall(fold(text))


_NUMBERING_RE = re.compile(r"^(?:(?:\d+|[ivxlc]+|[a-z])(?: |$))+")
_PAGE_RE = re.compile(r"(?: \d+)+$")


def label_key(text: str) -> str:
    """A heading or name as compared with a query: folded words, without leading
    numbering or a trailing page number (``3.6. Cookies``, ``F. COOKIES`` -> ``cookies``)."""
    folded = " ".join(words(text))
    stripped = _PAGE_RE.sub("", _NUMBERING_RE.sub("", folded))
    return stripped or folded


def body_words(text: str) -> set[str]:
    """The distinct folded words a passage is indexed under (see :func:`body_word`)."""
    return set(_BODY_WORD_RE.findall(fold(text))) - STOP_WORDS


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, folded word)`` of every word of ``text`` (code-point offsets)."""
    out: list[tuple[int, int, str]] = []
    for m in _WORD_RE.finditer(text):
        folded = fold(m.group())
        if folded:
            out.append((m.start(), m.end(), folded))
    return out


# ---------------------------------------------------------------------------------------
# Passages


#: Paragraphs longer than this have their whitespace collapsed in whole-string passes
#: (the same result as split and join, without a list of every word).
_SPLIT_MAX = 1 << 16


def _text_key(text: str, start: int, end: int) -> str | tuple[int, int]:
    """``text[start:end]`` as a dictionary key; a huge one as its length and hash (the
    caller checks a match), so it is never held as a copy."""
    if end - start <= _SPLIT_MAX:
        return text[start:end]
    return (end - start, hash(text[start:end]))


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
    text = safe_text(text)
    if len(text) > _SPLIT_MAX:  # no list of millions of words (issue 14)
        return _collapse_spaces(text)
    return " ".join(text.split())


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


# ---------------------------------------------------------------------------------------
# Building

SECTION = 0
CATEGORY = 1
KINDS = ("section", "data_category")
NO_PASSAGE = 0xFFFFFFFF

#: Below this many versions, one process builds the index (worker start-up would cost
#: more than it saves).
PARALLEL_VERSIONS = 400

#: git's delta base cache for the ``cat-file`` reading the versions to index. Its
#: default (96 MiB) fills up on a long scan of big documents and stays resident in each
#: of the readers (one per worker); a smaller one measured no slower (docs/search.md).
DELTA_CACHE = "16m"


@dataclass(slots=True)
class _Entry:
    """One text of one notice: a heading or category name, or a passage under it."""

    runs: list[tuple[int, int]]  # (first, last) version ids of runs of versions holding it
    newest: int  # version id of the newest version holding it
    section: int  # index into split_sections() of that version
    offset: int  # offset of the section (category item) in that version
    context: int  # label of the section a category is in (-1 for sections)
    lead: int  # first passage of the section (category) in that version (-1: none)


class _Unit:
    """A section (and its categories) that stays the same over consecutive versions."""

    __slots__ = ("cats", "ids", "index", "label", "sig", "since", "start")

    def __init__(
        self,
        label: int,
        ids: tuple[int, ...],
        since: int,
        cats: list[tuple[int, int, tuple[int, ...], int]],
        sig: tuple[Any, ...],
    ) -> None:
        self.label = label
        self.ids = ids
        self.since = since
        self.cats = cats  # (name label, section label, description passages, offset - start)
        self.sig = sig  # heading and categories (name, description, offset - start)
        self.index = 0
        self.start = 0


def _signature(section: Section, categories: list[DataCategory]) -> tuple[Any, ...]:
    """What a unit holds besides its text: the heading and the categories of a section."""
    start = section.start
    return (
        section.heading,
        tuple((c.name, c.description, c.start - start) for c in categories),
    )


class _ChainIndexer:
    """Turns versions of notices into labels, passages and entries (in one process).

    Labels are distinct ``(kind, heading or category name)``; passages are distinct
    cleaned paragraphs. Entries are keyed ``(notice, kind, label, passage)`` (passage
    -1 for a heading or name alone), so identical texts in several versions are one
    entry with runs of versions. A section that does not change from one version to the
    next is one :class:`_Unit`, whose entries are written once, when it ends.
    """

    def __init__(self) -> None:
        self.labels: dict[tuple[int, str], int] = {}
        self.passages: dict[str, int] = {}
        self.entries: dict[tuple[int, int, int, int], _Entry] = {}
        self._memo: dict[str, tuple[str, ...]] = {}

    def label(self, kind: int, text: str) -> int:
        """Id of a label (interned)."""
        key = (kind, text)
        found = self.labels.get(key)
        if found is None:
            found = self.labels[key] = len(self.labels)
        return found

    def passage_ids(self, pieces: Iterable[str]) -> tuple[int, ...]:
        """Ids of passages (interned)."""
        table = self.passages
        out: list[int] = []
        for piece in pieces:
            found = table.get(piece)
            if found is None:
                found = table[piece] = len(table)
            out.append(found)
        return tuple(out)

    def _record(
        self,
        key: tuple[int, int, int, int],
        first: int,
        last: int,
        section: int,
        offset: int,
        ctx: int,
        lead: int,
    ) -> None:
        entry = self.entries.get(key)
        if entry is None:
            self.entries[key] = _Entry([(first, last)], last, section, offset, ctx, lead)
            return
        entry.runs.append((first, last))
        # The newest version's first occurrence (a heading may recur in one text).
        if last > entry.newest or (last == entry.newest and section < entry.section):
            entry.newest, entry.section, entry.offset = last, section, offset
            entry.context, entry.lead = ctx, lead

    def _close(self, notice: int, unit: _Unit, last: int) -> None:
        """Write the entries of a section that held from ``unit.since`` to ``last``."""
        record = self._record
        label, since, index, start = unit.label, unit.since, unit.index, unit.start
        lead = unit.ids[0] if unit.ids else -1
        if label >= 0:
            record((notice, SECTION, label, -1), since, last, index, start, -1, lead)
        else:
            label = -label - 1
        for pid in unit.ids:
            record((notice, SECTION, label, pid), since, last, index, start, -1, lead)
        for name, ctx, ids, shift in unit.cats:
            where = (index, start + shift, ctx, ids[0] if ids else -1)
            record((notice, CATEGORY, name, -1), since, last, *where)
            for pid in ids:
                record((notice, CATEGORY, name, pid), since, last, *where)

    def chain(self, notice: int, versions: Iterable[tuple[int, str]]) -> None:
        """Index one notice's versions ``(version id, text)``, oldest first.

        Version ids of one notice must be consecutive (runs are counted by id).
        """
        previous: tuple[str, Structure] | None = None
        old_text: str | None = None
        units: dict[tuple[int, int], _Unit] = {}
        self._memo = {}  # paragraphs recur within a notice, rarely across notices
        last = -1
        for version, text in versions:
            structure = parse_structure(text, previous)  # a huge one is parsed whole
            alive = self._version(notice, version, text, structure, old_text, units)
            # The previous text is not needed to write the entries of what ended: let it
            # go first (the entries of a 50 MB text's 216,000 passages take 70 MB).
            previous = old_text = None
            kept = {id(unit) for unit in alive.values()}
            for unit in units.values():
                if id(unit) not in kept:
                    self._close(notice, unit, last)
            units = alive
            last = version
            previous = (text, structure) if structure.reusable else None
            old_text = text
        previous = old_text = None
        text = ""  # nor is the last one
        for unit in units.values():
            self._close(notice, unit, last)

    def _version(
        self,
        notice: int,
        version: int,
        text: str,
        structure: Structure,
        old_text: str | None,
        old_units: dict[tuple[int, int], _Unit],
    ) -> dict[tuple[int, int], _Unit]:
        """Sections and categories of one version; returns its ``(start, end) -> unit``.

        A section continues the previous version's unit when it lies in a stretch of
        text the structure took over from the previous version (``unchanged``: its old
        place is known, no text is compared), or else when its text, heading and
        categories equal those of a section of the previous version that no other
        section continues (edits inside it undone, or the section moved).
        """
        units: dict[tuple[int, int], _Unit] = {}
        taken: set[int] = set()
        sections = structure.sections
        placed: list[_Unit | None] = [None] * len(sections)
        stretches = structure.unchanged if old_text is not None else None
        if stretches:
            lows = [lo for lo, _, _ in stretches]
            for index, section in enumerate(sections):
                start, end = section.start, section.end
                k = bisect.bisect_right(lows, start) - 1
                if k >= 0 and end <= stretches[k][1]:
                    shift = stretches[k][2]
                    unit = old_units.get((start - shift, end - shift))
                    if unit is not None and id(unit) not in taken:
                        placed[index] = unit
                        taken.add(id(unit))
        categories = structure.categories
        category_starts: list[int] | None = None
        by_text: dict[str, _Unit] | None = None
        for index, section in enumerate(sections):
            start, end = section.start, section.end
            unit = placed[index]
            if unit is None:
                if category_starts is None:
                    category_starts = [c.start for c in categories]
                first = bisect.bisect_left(category_starts, start)
                own = categories[first : bisect.bisect_left(category_starts, end, first)]
                if old_text is not None:
                    if by_text is None:
                        by_text = {}
                        for (a, b), old_unit in old_units.items():
                            if id(old_unit) not in taken:
                                by_text.setdefault(_text_key(old_text, a, b), (old_unit, a))
                    found = by_text.get(_text_key(text, start, end))
                    unit = None
                    if found is not None and (
                        end - start <= _SPLIT_MAX
                        or texts_equal(old_text, found[1], text, start, end - start)
                    ):
                        unit = found[0]
                    if unit is not None and (
                        id(unit) in taken or unit.sig != _signature(section, own)
                    ):
                        unit = None
                if unit is None:
                    unit = self._unit(version, text, section, own)
                taken.add(id(unit))
            unit.index = index
            unit.start = start
            units[(start, end)] = unit
        return units

    def _unit(self, version: int, text: str, section: Section, own: list[DataCategory]) -> _Unit:
        """A new unit for a section (its passages cut, its labels interned)."""
        start = section.start
        label = self.label(SECTION, section.heading)
        ids = self.passage_ids(iter_passages(text, self._memo, section.body_start, section.end))
        cats = [
            (
                self.label(CATEGORY, c.name),
                label,
                self.passage_ids(cut(safe_text(c.description))),
                c.start - start,
            )
            for c in own
        ]
        # A negative label marks a preamble (no heading entry of its own).
        return _Unit(
            label if section.heading else -label - 1,
            ids,
            version,
            cats,
            _signature(section, own),
        )

    def terms(self) -> tuple[list[str], _Terms, _Terms]:
        """The distinct folded words of every label and every passage: ``(words, label
        terms, passage terms)``, terms as ids into ``words`` (this worker's own).

        Passages keep only :func:`body_word` words (no stop words, 3+ characters);
        labels keep every word (1-2 character queries search labels by prefix). Each
        item's words are sorted, so their ids in the (sorted) vocabulary come out
        sorted. Ids in flat arrays, not space-joined strings: a third of the memory
        (the 216,000 passages of a 50 MB notice: 49 MB as strings).
        """
        vocabulary: dict[str, int] = {}
        intern = vocabulary.setdefault

        def ids(distinct: set[str]) -> Iterator[int]:
            return (intern(word, len(vocabulary)) for word in sorted(distinct))

        label_terms = _Terms()
        for _, text in self.labels:
            label_terms.append(ids(set(words(text))))
        passage_terms = _Terms()
        for text in self.passages:
            passage_terms.append(ids(body_words(text)))
        return list(vocabulary), label_terms, passage_terms

    def result(self) -> dict[str, Any]:
        """What a worker sends back: tables in id order and entries as tuples.

        Entry tuples: ``(notice, kind, label, passage, first, last, count, newest,
        section, offset, context, lead)`` with version ids for first, last and newest.
        """
        vocabulary, label_terms, passage_terms = self.terms()
        entries = []
        for (notice, kind, label, passage), e in self.entries.items():
            runs = sorted(e.runs)
            count = 0
            covered = -1
            for first, last in runs:
                if last > covered:
                    count += last - max(first, covered + 1) + 1
                    covered = last
            entries.append(
                (
                    notice,
                    kind,
                    label,
                    passage,
                    runs[0][0],
                    covered,
                    count,
                    e.newest,
                    e.section,
                    e.offset,
                    e.context,
                    e.lead,
                )
            )
        return {
            "labels": list(self.labels),
            "passages": list(self.passages),
            "words": vocabulary,
            "label_terms": label_terms,
            "passage_terms": passage_terms,
            "entries": entries,
        }


Chain = tuple[int, list[tuple[int, str]]]  # notice id, [(version id, blob)] oldest first


def _index_chains(
    runner: GitRunner,
    chains: list[Chain],
    progress: Callable[[int], None] | None = None,
    cancelled: threading.Event | None = None,
) -> dict[str, Any]:
    """Read and index some notices' versions through one ``cat-file`` (one process)."""
    indexer = _ChainIndexer()
    blobs = [blob for _, versions in chains for _, blob in versions]
    stream = CatFile(runner).read_many(blobs, cancelled, delta_cache=DELTA_CACHE)
    done = 0

    def texts(versions: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        # one version's text at a time: a notice may have thousands of 1 MB versions
        # (the bytes are not kept while the text is indexed: 50 MB more for a 50 MB one)
        for version, _ in versions:
            yield version, _body(next(stream)[1])

    for notice, versions in chains:
        indexer.chain(notice, texts(versions))
        done += len(versions)
        if progress is not None:
            progress(done)
    for _ in stream:  # let the reader finish cleanly
        pass
    return indexer.result()


def _body(data: bytes | None) -> str:
    """The text indexed: what a reader reads (no front matter, no attribute lists)."""
    return body_of(decode(data).text).text if data is not None else ""


def _worker(path: str, chains: list[Chain]) -> dict[str, Any]:
    try:
        return _index_chains(GitRunner(Path(path)), chains)
    finally:
        _release_memory()


def _release_memory() -> None:
    """Give the heap a task left free back to the system (in a worker, between tasks).

    Without it a worker's resident size ratchets up task after task to the sum of the
    largest ones, although what it holds between tasks is a few megabytes.
    """
    import gc

    gc.collect()
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def _split_work(chains: list[Chain], parts: int) -> list[list[Chain]]:
    """Chains in about ``parts`` groups of similar size, biggest chains first."""
    ordered = sorted(chains, key=lambda c: -len(c[1]))
    groups: list[list[Chain]] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for chain in ordered:
        k = sizes.index(min(sizes))
        groups[k].append(chain)
        sizes[k] += len(chain[1])
    return [g for g in groups if g]


def index_versions(
    runner: GitRunner,
    chains: list[Chain],
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    workers: int | None = None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Index every chain; in worker processes when there are many versions.

    Results are returned, or handed to ``on_result`` as they arrive (then not kept).
    """
    total = sum(len(v) for _, v in chains)
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if total < PARALLEL_VERSIONS or workers < 2:

        def step(done: int) -> None:
            if progress is not None:
                progress("indexing texts", done, total)

        result = _index_chains(runner, chains, step, cancelled)
        if on_result is not None:
            on_result(result)
            return []
        return [result]
    # Many small tasks, so both processes stay busy until the end and cancelling is quick.
    tasks = _split_work(chains, workers * 8)
    results: list[dict[str, Any]] = []
    done = 0
    from notices_repo.catalog.facts import ensure_resource_tracker

    ensure_resource_tracker()  # under Textual sys.stderr has no descriptor to pass on
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(_worker, str(runner.path), task): task for task in tasks}
        try:
            pending = set(futures)
            while pending:
                if cancelled is not None and cancelled.is_set():
                    raise Cancelled()
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    if on_result is not None:
                        on_result(future.result())
                    else:
                        results.append(future.result())
                    task = futures.pop(future)  # and with it the result it holds
                    done += sum(len(v) for _, v in task)
                    if progress is not None:
                        progress("indexing texts", done, total)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return results


# ---------------------------------------------------------------------------------------
# Assembling the tables


@dataclass(slots=True)
class VersionRef:
    """What the index keeps of an indexed version."""

    notice: int
    effective: int  # date ordinal
    commit: str
    path: str


@dataclass(slots=True)
class NoticeRef:
    """What the index keeps of a notice."""

    key: str
    path: str
    title: str
    retired: bool


class Tables:
    """The index as flat tables (built in memory, or mapped from the cache file).

    Ids are ranks: passage 0 and label 0 are the most recent (newest version holding
    them), so a posting list read from its start yields the most recent texts first.

    * ``vocab``: sorted distinct words; a word's id is its position.
    * ``head_post``/``head_off``: word -> labels whose text holds it.
    * ``body_post``/``body_off``: word -> passages that hold it.
    * ``label_terms``/``label_terms_off``, ``passage_terms``/``passage_terms_off``:
      the sorted word ids of each label and passage (to check the other query words).
    * ``text``/``text_off``: passages as UTF-8.
    * entries (one per distinct text of a notice): ``e_*`` columns, sorted by passage
      (label-only entries, passage :data:`NO_PASSAGE`, last) then label;
      ``passage_entries`` and ``label_entries`` give each passage's and each label's
      range; ``label_passages``/``label_passages_off`` the passages under each label.
    """

    ARRAYS: tuple[tuple[str, str], ...] = (
        ("head_post", "I"),
        ("head_off", "Q"),
        ("body_post", "I"),
        ("body_off", "Q"),
        ("label_kind", "B"),
        ("label_terms", "I"),
        ("label_terms_off", "Q"),
        ("passage_terms", "I"),
        ("passage_terms_off", "Q"),
        ("text", "B"),
        ("text_off", "Q"),
        ("e_kind", "B"),
        ("e_notice", "I"),
        ("e_label", "I"),
        ("e_passage", "I"),
        ("e_first", "I"),
        ("e_last", "I"),
        ("e_count", "I"),
        ("e_newest", "I"),
        ("e_section", "I"),
        ("e_offset", "I"),
        ("e_context", "I"),
        ("e_lead", "I"),
        ("passage_entries", "Q"),
        ("label_entries", "Q"),
        ("label_passages", "I"),
        ("label_passages_off", "Q"),
        ("v_notice", "I"),
        ("v_date", "I"),
    )
    LISTS: tuple[str, ...] = (
        "vocab",
        "labels",
        "label_keys",
        "commits",
        "paths",
        "notices",
        "chains",
    )

    def __init__(self, parts: dict[str, Any], meta: dict[str, Any]) -> None:
        self.meta = meta
        for name, _ in self.ARRAYS:
            setattr(self, name, parts[name])
        self.vocab: list[str] = parts["vocab"]
        self.labels: list[str] = parts["labels"]
        self.label_keys: list[str] = parts["label_keys"]
        self.commits: list[str] = parts["commits"]
        self.paths: list[str] = parts["paths"]
        self.notices: list[tuple[str, str, str, bool]] = parts["notices"]
        self.chains: list[str] = parts["chains"]
        """Per notice, :func:`chain_key` of the versions indexed (to reuse them)."""

    # typed views (mypy): the attributes are set from ARRAYS above
    head_post: Any
    head_off: Any
    body_post: Any
    body_off: Any
    label_kind: Any
    label_terms: Any
    label_terms_off: Any
    passage_terms: Any
    passage_terms_off: Any
    text: Any
    text_off: Any
    e_kind: Any
    e_notice: Any
    e_label: Any
    e_passage: Any
    e_first: Any
    e_last: Any
    e_count: Any
    e_newest: Any
    e_section: Any
    e_offset: Any
    e_context: Any
    e_lead: Any
    passage_entries: Any
    label_entries: Any
    label_passages: Any
    label_passages_off: Any
    v_notice: Any
    v_date: Any

    @property
    def passage_count(self) -> int:
        """Number of distinct passages."""
        return len(self.text_off) - 1

    def passage_text(self, pid: int) -> str:
        """The text of passage ``pid``."""
        return bytes(self.text[self.text_off[pid] : self.text_off[pid + 1]]).decode("utf-8")


def _offsets(lists: list[list[int]] | list[array], typecode: str = "I") -> tuple[array, array]:
    """The lists in one flat array, and where each starts (and the last ends)."""
    flat = _zeros(typecode, sum(map(len, lists)))
    offsets = _zeros("Q", len(lists) + 1)
    pos = 0
    for k, items in enumerate(lists, 1):
        end = pos + len(items)
        flat[pos:end] = items if isinstance(items, array) else array(typecode, items)
        offsets[k] = pos = end
    return flat, offsets


def _zeros(typecode: str, size: int) -> array:
    """An array of ``size`` zeros, allocated once at its size: arrays grown item by item
    up to tens of megabytes leave the blocks they outgrew behind in the heap (the
    tables of a 50 MB notice peaked about 20 MB higher)."""
    return array(typecode, [0]) * size


def _invert(
    terms: _Terms, order: list[int], term_id: array, vocabulary: int
) -> tuple[array, array, array, array]:
    """Forward lists (sorted word ids per item, items in ``order``) and postings.

    ``terms`` holds each item's words, sorted, as merge-time word ids; ``term_id`` maps
    those to ids in the sorted vocabulary (which keeps them sorted).
    """
    forward = array("I")
    forward_off = array("Q", [0])
    extend = forward.extend
    mark = forward_off.append
    flat, offsets, word = terms.flat, terms.offsets, term_id.__getitem__
    for old in order:
        extend(map(word, flat[offsets[old] : offsets[old + 1]]))
        mark(len(forward))
    # typed arrays, not lists: millions of postings as Python ints would cost 9x the memory
    lists: list[array] = [array("I") for _ in range(vocabulary)]
    appenders = [items.append for items in lists]
    # lists[tid].append(rank) for every posting, in C (map, operator.call): the ranks
    # come in increasing order, so each posting list is sorted
    counts = map(operator.sub, forward_off[1:], forward_off)
    ranks = itertools.chain.from_iterable(map(itertools.repeat, range(len(order)), counts))
    collections.deque(map(operator.call, map(appenders.__getitem__, forward), ranks), maxlen=0)
    del appenders
    postings, postings_off = _offsets(lists)
    return forward, forward_off, postings, postings_off


class _Terms:
    """The words of labels or passages, in id order, as word ids in one flat array.

    Space-joined strings cost about three times as much (150,000 passages of the
    synthetic repository: 35 MB as strings, 12 MB here) and the merger holds them
    until the end of the build.
    """

    __slots__ = ("flat", "offsets")

    def __init__(self) -> None:
        self.flat = array("I")
        self.offsets = array("Q", [0])

    def append(self, ids: Iterable[int]) -> None:
        """The words of the next item."""
        self.flat.extend(ids)
        self.offsets.append(len(self.flat))

    def of(self, item: int) -> array:
        """The word ids of one item."""
        return self.flat[self.offsets[item] : self.offsets[item + 1]]


class _Merger:
    """Merges workers' results one at a time (as they arrive, while others still work)."""

    def __init__(self) -> None:
        self.label_ids: dict[tuple[int, str], int] = {}
        self.label_words = _Terms()
        self.passage_ids: dict[str, int] = {}
        self.passage_words = _Terms()
        #: every word, by merge-time id (the order they came in)
        self.words: list[str] = []
        self.word_ids: dict[str, int] = {}
        self.seeded = False
        # notice, kind, label, passage, first, last, count, newest, section, offset,
        # context, lead: typed columns (tuples would cost several times the memory)
        self.cols = [array("I") for _ in range(12)]

    def add(self, result: dict[str, Any]) -> None:
        """Merge one worker's result (then drop it)."""
        local = array("I", map(self._word_id, result["words"]))
        lmap = self._global_ids(
            self.label_ids, self.label_words, result["labels"], result["label_terms"], local
        )
        pmap = self._global_ids(
            self.passage_ids, self.passage_words, result["passages"], result["passage_terms"], local
        )
        add = [c.append for c in self.cols]
        none = NO_PASSAGE
        for entry in result["entries"]:
            notice, kind, label, passage, first, last, count, newest, section, offset = entry[:10]
            context, lead = entry[10], entry[11]
            add[0](notice)
            add[1](kind)
            add[2](lmap[label])
            add[3](pmap[passage] if passage >= 0 else none)
            add[4](first)
            add[5](last)
            add[6](count)
            add[7](newest)
            add[8](section)
            add[9](offset)
            add[10](lmap[context] if context >= 0 else none)
            add[11](pmap[lead] if lead >= 0 else none)

    def _word_id(self, word: str) -> int:
        """Merge-time id of a word (the next one for a word not seen before)."""
        found = self.word_ids.get(word)
        if found is None:
            found = self.word_ids[word] = len(self.words)
            self.words.append(word)
        return found

    def _global_ids(
        self,
        ids: dict[Any, int],
        words: _Terms,
        keys: list[Any],
        terms: _Terms,
        local: array,
    ) -> list[int]:
        """Merged ids of one worker's labels or passages (``keys``, with their ``terms``,
        ids into the worker's words that ``local`` maps to merge-time ids), in order: a
        key not seen before gets the next id, and its terms go to ``words``.
        """
        if len(keys) != len(terms.offsets) - 1:
            raise ValueError("a search index worker's result does not add up")
        out: list[int] = []
        word = local.__getitem__
        for item, key in enumerate(keys):
            gid = ids.get(key)
            if gid is None:
                gid = ids[key] = len(ids)
                words.append(map(word, terms.of(item)))
            out.append(gid)
        return out

    def seed(self, tables: Tables, reused: dict[int, tuple[int, int]]) -> None:
        """Start from a previous index: its labels and passages (same ids) and the
        entries of the notices in ``reused`` (old notice -> (new notice, how far its
        version ids moved)), so those notices are not read and parsed again.

        Call before :meth:`add`. Labels and passages only the other notices used are
        dropped by :func:`assemble` (it keeps what entries refer to).
        """
        word = array("I", map(self._word_id, tables.vocab)).__getitem__
        terms, terms_off = tables.label_terms, tables.label_terms_off
        for lid, (kind, text) in enumerate(zip(tables.label_kind, tables.labels, strict=True)):
            self.label_ids[(kind, text)] = lid
            self.label_words.append(map(word, terms[terms_off[lid] : terms_off[lid + 1]]))
        terms, terms_off = tables.passage_terms, tables.passage_terms_off
        raw, raw_off = tables.text, tables.text_off
        for pid in range(tables.passage_count):
            text = bytes(raw[raw_off[pid] : raw_off[pid + 1]]).decode("utf-8")
            self.passage_ids.setdefault(text, pid)
            self.passage_words.append(map(word, terms[terms_off[pid] : terms_off[pid + 1]]))
        self.seeded = True
        notices = len(tables.notices)
        keep = bytes(1 if n in reused else 0 for n in range(notices))
        renumber = array("I", (reused.get(n, (0, 0))[0] for n in range(notices)))
        shift = [reused.get(n, (0, 0))[1] for n in range(notices)]
        mask = bytes(map(keep.__getitem__, tables.e_notice))
        old_notices = list(itertools.compress(tables.e_notice, mask))
        columns = (
            tables.e_kind,
            tables.e_label,
            tables.e_passage,
            tables.e_first,
            tables.e_last,
            tables.e_count,
            tables.e_newest,
            tables.e_section,
            tables.e_offset,
            tables.e_context,
            tables.e_lead,
        )
        kept = [itertools.compress(column, mask) for column in columns]
        moves = list(map(shift.__getitem__, old_notices))
        self.cols[0].extend(map(renumber.__getitem__, old_notices))
        for k, values in enumerate(kept, 1):
            if k in (4, 5, 7):  # first, last, newest: version ids
                self.cols[k].extend(map(operator.add, values, moves))
            else:
                self.cols[k].extend(values)


def assemble(
    results: list[dict[str, Any]] | _Merger,
    versions: list[VersionRef],
    notices: list[NoticeRef],
    meta: dict[str, Any],
    chain_keys: list[str] | None = None,
) -> Tables:
    """Merge the workers' results into :class:`Tables` (ids ranked by recency).

    ``results`` (a list, emptied as it is merged, or a :class:`_Merger` that already
    holds them). Entries stay typed columns, so the peak memory stays near the size of
    the tables themselves.
    """
    if isinstance(results, _Merger):
        merger = results
    else:
        merger = _Merger()
        while results:
            merger.add(results.pop())
    label_ids, label_words = merger.label_ids, merger.label_words
    passage_ids, passage_words = merger.passage_ids, merger.passage_words
    words_by_id = merger.words
    cols = merger.cols
    seeded = merger.seeded
    del merger
    none = NO_PASSAGE
    dates = [v.effective for v in versions]
    # Rank passages and labels by the newest version holding them (most recent first).
    passage_recency = [0] * len(passage_ids)
    label_recency = [0] * len(label_ids)
    for label, passage, newest in zip(cols[2], cols[3], cols[7], strict=True):
        date = dates[newest]
        if passage != none and date > passage_recency[passage]:
            passage_recency[passage] = date
        if date > label_recency[label]:
            label_recency[label] = date
    # newest first; equal dates keep first-seen order (the sort is stable)
    passage_order = sorted(range(len(passage_ids)), key=passage_recency.__getitem__, reverse=True)
    label_order = sorted(range(len(label_ids)), key=label_recency.__getitem__, reverse=True)
    del passage_recency, label_recency
    if seeded:
        # Seeded from a previous index: keep only what the entries refer to, and the
        # words of what is kept.
        used = set(cols[3]).union(cols[11])
        passage_order = [p for p in passage_order if p in used]
        used = set(cols[2]).union(cols[10])
        label_order = [lab for lab in label_order if lab in used]
        del used
        kept: set[int] = set()
        for old in label_order:
            kept.update(label_words.of(old))
        for old in passage_order:
            kept.update(passage_words.of(old))
        vocab = sorted(map(words_by_id.__getitem__, kept))
        del kept
    else:
        vocab = sorted(words_by_id)
    passage_rank = array("I", bytes(4 * len(passage_ids)))
    for rank, old in enumerate(passage_order):
        passage_rank[old] = rank
    label_rank = array("I", bytes(4 * len(label_ids)))
    for rank, old in enumerate(label_order):
        label_rank[old] = rank
    # Postings.
    rank_of = {w: i for i, w in enumerate(vocab)}.get
    # merge-time word id -> id in the sorted vocabulary (0 for words no longer used)
    term_id = array("I", (rank_of(w, 0) for w in words_by_id))
    del rank_of, words_by_id
    label_terms_flat, label_terms_off, head_post, head_off = _invert(
        label_words, label_order, term_id, len(vocab)
    )
    del label_words
    passage_terms_flat, passage_terms_off, body_post, body_off = _invert(
        passage_words, passage_order, term_id, len(vocab)
    )
    del term_id, passage_words
    # Passage texts in rank order, each string dropped once copied (the texts are the
    # largest part of the index: holding them twice, as strings and as bytes, and
    # copying the bytes again, was the peak of the whole build).
    texts = list(passage_ids)
    del passage_ids
    text = _zeros(
        "B",
        sum(
            len(t) if t.isascii() else len(t.encode("utf-8"))
            for t in map(texts.__getitem__, passage_order)
        ),
    )
    text_off = _zeros("Q", len(passage_order) + 1)
    pos = 0
    with memoryview(text) as into:
        for k, old in enumerate(passage_order, 1):
            data = texts[old].encode("utf-8")
            texts[old] = ""
            end = pos + len(data)
            into[pos:end] = data
            text_off[k] = pos = end
    del texts
    labels_by_id = list(label_ids)
    del label_ids
    labels = [labels_by_id[old][1] for old in label_order]
    label_keys = [label_key(text) for text in labels]
    label_kind = array("B", [labels_by_id[old][0] for old in label_order])
    del labels_by_id
    # Entries renumbered, then sorted by passage (label-only last), label, notice.
    cols[2] = array("I", map(label_rank.__getitem__, cols[2]))
    cols[3] = array("I", (passage_rank[p] if p != none else none for p in cols[3]))
    cols[10] = array("I", (label_rank[c] if c != none else none for c in cols[10]))
    cols[11] = array("I", (passage_rank[p] if p != none else none for p in cols[11]))
    keys = [
        (p << 52) | (lab << 20) | n for p, lab, n in zip(cols[3], cols[2], cols[0], strict=True)
    ]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    del keys
    cols = [array(c.typecode, map(c.__getitem__, order)) for c in cols]
    del order
    e_notice, e_kind, e_label, e_passage = cols[0], array("B", cols[1]), cols[2], cols[3]
    passage_entries = array("Q", [0] * (len(passage_order) + 1))
    label_entries = array("Q", [0] * (len(label_order) + 1))
    tail = bisect.bisect_left(e_passage, NO_PASSAGE)
    for pid in e_passage[:tail]:
        passage_entries[pid + 1] += 1
    for k in range(len(passage_order)):
        passage_entries[k + 1] += passage_entries[k]
    for label in e_label[tail:]:
        label_entries[label + 1] += 1
    for k in range(len(label_order)):
        label_entries[k + 1] += label_entries[k]
    label_passage_sets: list[set[int]] = [set() for _ in label_order]
    for k in range(tail):
        label_passage_sets[e_label[k]].add(e_passage[k])
    label_passages, label_passages_off = _offsets([sorted(s) for s in label_passage_sets])
    del label_passage_sets
    parts: dict[str, Any] = {
        "head_post": head_post,
        "head_off": head_off,
        "body_post": body_post,
        "body_off": body_off,
        "label_kind": label_kind,
        "label_terms": label_terms_flat,
        "label_terms_off": label_terms_off,
        "passage_terms": passage_terms_flat,
        "passage_terms_off": passage_terms_off,
        "text": text,
        "text_off": text_off,
        "e_kind": e_kind,
        "e_notice": e_notice,
        "e_label": e_label,
        "e_passage": e_passage,
        "e_first": cols[4],
        "e_last": cols[5],
        "e_count": cols[6],
        "e_newest": cols[7],
        "e_section": cols[8],
        "e_offset": cols[9],
        "e_context": cols[10],
        "e_lead": cols[11],
        "passage_entries": passage_entries,
        "label_entries": label_entries,
        "label_passages": label_passages,
        "label_passages_off": label_passages_off,
        "v_notice": array("I", [v.notice for v in versions]),
        "v_date": array("I", dates),
        "vocab": vocab,
        "labels": labels,
        "label_keys": label_keys,
        "commits": [v.commit for v in versions],
        "paths": [v.path for v in versions],
        "notices": [(n.key, n.path, n.title, n.retired) for n in notices],
        "chains": chain_keys if chain_keys is not None else [""] * len(notices),
    }
    return Tables(parts, meta)


# ---------------------------------------------------------------------------------------
# The cache file

MAGIC = b"NTSRCH01"
_ALIGN = 8


def save_tables(tables: Tables, path: Path) -> None:
    """Write ``tables`` to ``path`` atomically (a temporary file renamed over it)."""
    layout: dict[str, tuple[int, int, str]] = {}
    chunks: list[bytes | memoryview] = []
    pos = 0

    def add(name: str, data: bytes | memoryview, typecode: str) -> None:
        nonlocal pos
        layout[name] = (pos, len(data), typecode)
        chunks.append(data)
        pos += len(data)
        pad = (-pos) % _ALIGN
        if pad:
            chunks.append(b"\0" * pad)
            pos += pad

    for name, typecode in Tables.ARRAYS:
        value = getattr(tables, name)
        add(name, memoryview(value).cast("B") if not isinstance(value, bytes) else value, typecode)
    for name in Tables.LISTS:
        add(name, marshal.dumps(getattr(tables, name)), "marshal")
    header = marshal.dumps({"meta": tables.meta, "layout": layout})
    prefix = MAGIC + struct.pack("<Q", len(header)) + header
    prefix += b"\0" * ((-len(prefix)) % _ALIGN)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(prefix)
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def read_meta(path: Path) -> dict[str, Any] | None:
    """The ``meta`` of a cache file, or None when it is missing or not one."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(len(MAGIC))
            if magic != MAGIC:
                return None
            (size,) = struct.unpack("<Q", handle.read(8))
            if size > 1 << 30:
                return None
            header = marshal.loads(handle.read(size))
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        return None
    meta = header.get("meta") if isinstance(header, dict) else None
    return meta if isinstance(meta, dict) else None


def load_tables(path: Path) -> Tables | None:
    """Map a cache file (None when missing, damaged or not one)."""
    try:
        with open(path, "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        if mapped[: len(MAGIC)] != MAGIC:
            return None
        (size,) = struct.unpack_from("<Q", mapped, len(MAGIC))
        start = len(MAGIC) + 8
        header = marshal.loads(mapped[start : start + size])
        base = start + size + ((-(start + size)) % _ALIGN)
        view = memoryview(mapped)
        parts: dict[str, Any] = {}
        for name, (offset, length, typecode) in header["layout"].items():
            lo, hi = base + offset, base + offset + length
            if hi > len(mapped):
                return None
            if typecode == "marshal":
                parts[name] = marshal.loads(mapped[lo:hi])
            else:
                parts[name] = view[lo:hi].cast(typecode)
        tables = Tables(parts, header["meta"])
    except (ValueError, EOFError, TypeError, KeyError, struct.error, IndexError):
        return None
    tables.meta["_mapped"] = True
    return tables


# ---------------------------------------------------------------------------------------
# Building one scope

SCOPES = ("latest", "all")
#: Bumped whenever the file layout or what is derived changes.
FORMAT = 3  # 3: folding composes kana and hangul back (issue 14)
_DERIVING = ("search", "text", "catalog/timeline.py")


def code_key() -> str:
    """Changes whenever the code that derives the index changes."""
    return source_digest(f"search-{FORMAT}-{sys.byteorder}", *_DERIVING)[:20]


def select_versions(
    catalog: Catalog, scope: str, today: dt.date
) -> tuple[list[NoticeRef], list[VersionRef], list[Chain]]:
    """The notices and versions a scope indexes, with chains of consecutive version ids.

    ``latest``: for each notice at HEAD, the version in force on ``today`` (the soonest
    announced one when none is in force yet). ``all``: every effective version of every
    notice, retired ones included.
    """
    from notices_repo.catalog.timeline import effective_versions, latest

    if scope not in SCOPES:
        raise ValueError(f"unknown search scope {scope!r}")
    notices: list[NoticeRef] = []
    versions: list[VersionRef] = []
    chains: list[Chain] = []
    pool = catalog.notices if scope == "all" else catalog.active()
    for notice in pool:
        all_versions = effective_versions(notice)
        if not all_versions:
            continue
        if scope == "all":
            picked = list(reversed(all_versions))
        else:
            picked = [latest(notice, today) or all_versions[-1]]
        index = len(notices)
        chain: list[tuple[int, str]] = []
        for version in picked:
            blob = version.revision.blob
            if not blob:
                continue
            chain.append((len(versions), blob))
            versions.append(
                VersionRef(
                    index,
                    version.effective_date.toordinal(),
                    version.revision.commit,
                    version.revision.path,
                )
            )
        if chain:
            notices.append(NoticeRef(notice.key, notice.path, notice.title, notice.retired))
            chains.append((index, chain))
    return notices, versions, chains


def scope_key(
    git_dir: Path, head: str | None, scope: str, versions: list[VersionRef], chains: list[Chain]
) -> str:
    """What an index of this scope must have been built from to be reused."""
    digest = hashlib.sha256(f"{code_key()}\0{git_dir}\0{head}\0{scope}".encode())
    blobs = {vid: blob for _, chain in chains for vid, blob in chain}
    for vid, version in enumerate(versions):
        digest.update(
            f"\0{version.notice}:{version.effective}:{version.commit}:{blobs[vid]}".encode()
        )
    return digest.hexdigest()


def index_file(git_dir: Path, scope: str) -> Path:
    """The cache file of one scope of one repository's search index."""
    from notices_repo.settings.paths import cache_dir

    digest = hashlib.sha256(str(git_dir.resolve()).encode("utf-8", "surrogateescape"))
    return cache_dir() / "search" / f"{digest.hexdigest()[:24]}-{scope}.idx"


def chain_key(chain: list[tuple[int, str]]) -> str:
    """What a notice's entries are derived from: its versions' blobs, in order."""
    return hashlib.sha1("\n".join(blob for _, blob in chain).encode("ascii")).hexdigest()


def _reusable(
    previous: Tables, chains: list[Chain], keys: list[str]
) -> tuple[dict[int, tuple[int, int]], list[Chain]]:
    """Which notices a previous index holds already: ``(old notice -> (new notice, how
    far its version ids move)), chains still to index``."""
    by_key: dict[str, list[int]] = {}
    for old, key in enumerate(previous.chains):
        if key:
            by_key.setdefault(key, []).append(old)
    base: dict[int, int] = {}
    for vid, notice in enumerate(previous.v_notice):
        base.setdefault(notice, vid)
    reused: dict[int, tuple[int, int]] = {}
    todo: list[Chain] = []
    for (notice, chain), key in zip(chains, keys, strict=True):
        olds = by_key.get(key)
        if olds:
            old = olds.pop()
            reused[old] = (notice, chain[0][0] - base[old])
        else:
            todo.append((notice, chain))
    return reused, todo


def build_tables(
    runner: GitRunner,
    notices: list[NoticeRef],
    versions: list[VersionRef],
    chains: list[Chain],
    meta: dict[str, Any],
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    workers: int | None = None,
    previous: Tables | None = None,
) -> Tables:
    """Read, parse and index the versions of one scope into :class:`Tables`.

    ``previous``: an index of the same repository and scope built by the same code
    (for an earlier HEAD or day). Notices whose versions it indexed already (same blobs
    in the same order: :func:`chain_key`) are taken from it, not read and parsed again;
    only the others are indexed, then everything is assembled as usual.
    """
    started = time.perf_counter()
    keys = [chain_key(chain) for _, chain in chains]
    merger = _Merger()
    if previous is None:
        index_versions(runner, chains, progress, cancelled, workers, on_result=merger.add)
    else:
        reused, todo = _reusable(previous, chains, keys)
        results = index_versions(runner, todo, progress, cancelled, workers) if todo else []
        if cancelled is not None and cancelled.is_set():
            raise Cancelled()
        if reused:
            merger.seed(previous, reused)
        while results:
            merger.add(results.pop())
        meta["reused_notices"] = len(reused)
    if cancelled is not None and cancelled.is_set():
        raise Cancelled()
    parsed = time.perf_counter()
    if progress is not None:
        progress("assembling the index", 0, 0)
    tables = assemble(merger, versions, notices, meta, keys)
    meta["seconds_parse"] = round(parsed - started, 3)
    meta["seconds_assemble"] = round(time.perf_counter() - parsed, 3)
    return tables


__all__ = [
    "CATEGORY",
    "KINDS",
    "NO_PASSAGE",
    "PASSAGE_MAX",
    "SCOPES",
    "SECTION",
    "STOP_WORDS",
    "NoticeRef",
    "Structure",
    "Tables",
    "VersionRef",
    "assemble",
    "body_word",
    "body_words",
    "build_tables",
    "chain_key",
    "clean_passage",
    "code_key",
    "cut",
    "fold",
    "index_file",
    "index_versions",
    "iter_passages",
    "label_key",
    "load_tables",
    "parse_structure",
    "passages",
    "read_meta",
    "safe_text",
    "save_tables",
    "scope_key",
    "select_versions",
    "word_spans",
    "words",
]
