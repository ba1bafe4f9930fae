"""What notice-tui derives from blobs: effective dates, titles, and technical revisions.

A blob never changes, so its facts (stated effective date, decoding warning, title) are
cached by blob id (:mod:`notices_repo.catalog.cache`), and so is the verdict on a pair of blobs
(does the newer text differ from the older one only in layout?). Both are recomputed only
when the code deriving them changes (:func:`derivation_key` hashes that code).

The history is scanned notice by notice, oldest revision first (:func:`scan`), so that a
revision's text and its parent's text are in hand together. Their common start and end
are found at ``memcmp`` speed (:func:`common_ends`), and then:

* *technical*: a coarse key of both ends of the changed middle settles most revisions
  in microseconds; for the others only the changed spans, widened to whole lines, go
  through the layout rules (:func:`same_layout`): the cost follows the size of the
  change, not of the text;
* *effective date*: the parent's date is reused when the parts of the text that
  :func:`notices_repo.text.dates.extract.find_effective_date` read for the parent are byte-identical
  in the child (:func:`reuse_regions`); otherwise the date is parsed.

Both give exactly what the whole-text rules give (``tests/core/test_perf_scan.py``); the
date shortcut takes the regions from the parser itself (``dates._find_with_regions``),
so it follows that module (and falls back to parsing if it is renamed).

Texts are never kept: a few recent blobs of the notice being scanned are. Large scans are
split over worker processes (each with its own ``cat-file``) that return only facts.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import sys
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, NamedTuple

from notices_repo.codekey import source_digest
from notices_repo.errors import Cancelled
from notices_repo.git.catfile import CatFile
from notices_repo.git.runner import GitRunner
from notices_repo.text.dates.extract import find_effective_date
from notices_repo.text.decode import classify, decode, decode_with
from notices_repo.text.whitespace import layout_fingerprint, layout_tokens

try:  # the regions find_effective_date reads; without them dates are always parsed
    from notices_repo.text.dates.extract import (
        _IN_END,
        _IN_HEADER,
        MIDDLE_CHARS,
        _find_in_header,
        _find_with_regions,
    )
except ImportError:  # pragma: no cover - dates.py reorganised: stay correct, be slower
    _find_with_regions = _find_in_header = None  # type: ignore[assignment]
    _IN_HEADER = _IN_END = -1
    MIDDLE_CHARS = 0

try:  # layout tokens of UTF-8 bytes, without decoding each token
    from notices_repo.text.whitespace import _tokens as _layout_tokens
except ImportError:  # pragma: no cover - layout.py reorganised

    def _layout_tokens(data: bytes) -> list[Any]:
        return layout_tokens(data.decode("utf-8", "surrogateescape"))


#: The code whose output is a blob fact (any change there derives the facts again).
_DERIVING_MODULES = ("catalog/facts.py", "text")
_MARKUP = "markup"  # model.SOURCE_MARKUP (not imported: workers import this module fast)

Progress = Callable[[str, int, int], None]
log = logging.getLogger("notices_repo.catalog.facts")

#: Blobs of one notice kept in hand while its revisions are scanned (flip-flops come back
#: to recent texts; an older one is read again).
HAND_BLOBS = 8
#: Below this many blob reads, one process does it all (worker start-up would cost more).
PARALLEL_MIN_READS = 2500
#: A task for a worker holds about this many reads (small enough to balance the cores).
TASK_READS = 400


class BlobFacts(NamedTuple):
    """Facts of one blob. ``stated`` is an ISO date or None when the text states none.

    A named tuple: tens of thousands are made in a cold load, and a tuple is made fast.
    """

    stated: str | None
    precision: str | None
    warning: str | None
    title: str | None = None
    source: str | None = None
    """Where ``stated`` was read: None for the visible text, "markup" for a
    machine-readable twin (:attr:`notices_repo.text.dates.extract.DateStamp.source`)."""

    def row(
        self, blob: str
    ) -> tuple[str, str | None, str | None, str | None, str | None, str | None]:
        """The row stored in the cache."""
        return (blob, self.stated, self.precision, self.warning, self.title, self.source)


MISSING = BlobFacts(None, None, "object missing from the repository (partial or damaged clone)")


def derivation_key() -> str:
    """Changes whenever the code deriving blob facts changes (invalidates the cache)."""
    return source_digest("blobfacts-3", *_DERIVING_MODULES)[:20]


# --- one blob ---------------------------------------------------------------------------

#: Long texts are decoded and searched for their date only at both ends.
_HEAD_BYTES = 64 * 1024
_TAIL_BYTES = 16 * 1024
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_ANY_BOM = (codecs.BOM_UTF8, *_WIDE_BOMS)


def _sample(data: bytes) -> bytes:
    """Both ends of a long UTF-8 text, cut on character boundaries (the rest unread)."""
    if len(data) <= _HEAD_BYTES + _TAIL_BYTES or data.startswith(_WIDE_BOMS):
        return data
    end = _HEAD_BYTES
    while end > 0 and 0x80 <= data[end] < 0xC0:
        end -= 1
    start = len(data) - _TAIL_BYTES
    while start < len(data) and 0x80 <= data[start] < 0xC0:
        start += 1
    return data[:end] + b"\n\n" + data[start:]


def facts_of(data: bytes | None) -> BlobFacts:
    """Derive the facts of one blob's bytes (None: the object is missing). Never raises.

    Only both ends of a long text are decoded (that is where effective dates are stated,
    and where an encoding problem shows in practice). This is the reference the scan's
    shortcuts are tested against.
    """
    if data is None:
        return MISSING
    verdict = classify(data)  # from the whole bytes: the warning is the reader's
    if verdict.binary:
        return BlobFacts(None, None, verdict.warning)
    narrow = verdict.encoding in ("utf-8", "windows-1252")
    text = decode_with(_sample(data) if narrow else data, verdict)
    try:
        stamp = find_effective_date(text)
    except Exception:  # a parser bug must not cost the whole history
        stamp = None
    if stamp is None:
        return BlobFacts(None, None, verdict.warning)
    source = _MARKUP if stamp.source == _MARKUP else None
    return BlobFacts(stamp.date.isoformat(), stamp.precision, verdict.warning, None, source)


def title_of(data: bytes | None) -> str:
    """The title a notice's text gives itself ("" when none), from its first 20,000 chars:
    :func:`notices_repo.text.sections.find_title`, or its answer found sooner when the text
    opens with a level-1 heading (:func:`first_line_title`)."""
    if data is None:
        return ""
    from notices_repo.text.sections import find_title

    try:
        text = decode(data).text[:20000]
        title = first_line_title(text)
        return (title if title is not None else find_title(text)) or ""
    except Exception:
        return ""


def first_line_title(text: str) -> str | None:
    """What ``sections.find_title(text)`` gives when the text's first line is a level-1
    heading (``# Title``, or ``Title`` over a ``===`` underline); None when it is not.

    ``find_title`` looks at the whole text (front matter, code fences, every heading)
    to take the first level-1 heading: about 0.4 ms for 20,000 characters. A first line
    that is a heading needs none of it: no front matter starts with it, no block
    is open above it, and nothing after it comes first. The checks are the ones of
    :mod:`notices_repo.text.sections` (its own helpers); lines with ``\r`` or ``{%`` (hint
    blocks) are left to ``find_title``. ``tests/core/test_perf_scan.py`` holds both to the
    same answers.
    """
    from notices_repo.text import (
        sections,  # imported when needed: a load's main process has no use for it
    )

    try:
        return _first_line_title(text, sections)
    except AttributeError:  # pragma: no cover - sections.py reorganised: find_title decides
        return None


def _first_line_title(text: str, sections: Any) -> str | None:
    nl = text.find("\n")
    line0 = text if nl == -1 else text[:nl]
    if not line0 or line0.isspace() or "\r" in line0 or "{%" in line0:
        return None
    if "#" in line0[:4]:
        atx = sections._atx_heading(line0)
        if atx is not None:
            return atx[1] if atx[0] == 1 else None
    if nl == -1:
        return None
    nl1 = text.find("\n", nl + 1)
    line1 = text[nl + 1 :] if nl1 == -1 else text[nl + 1 : nl1]
    if "\r" in line1 or "{%" in line1 or line1[:1] not in sections._SETEXT_FIRST:
        return None
    if sections._setext_char(line1) != "=" or not sections._paragraph_line(line0.strip()):
        return None
    return sections.clean_inline(line0) or None


def _utf8(data: bytes) -> bytes | None:
    """The bytes the layout rules read: UTF-8 (decoded and re-encoded when it was not);
    None for a binary file."""
    decoded = decode(data)
    if decoded.binary:
        return None
    clean = decoded.encoding == "utf-8" and decoded.warning is None
    return data if clean else decoded.text.encode("utf-8")


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_binary(data: bytes) -> bool:
    """Has NUL bytes anywhere: binary, or text whose NULs decoding drops (not plain)."""
    return b"\x00" in data


# --- two texts ---------------------------------------------------------------------------


def _prefix_len(a: bytes, i: int, b: bytes, view: memoryview, j: int, n: int) -> int:
    """Length of the common start of ``a[i:i+n]`` and ``b[j:j+n]`` (``view`` of ``b``).

    Binary search with ``startswith`` on memoryview slices (``memcmp``, no copies) down
    to 256 bytes, then one XOR of the two windows as integers.
    """
    if a.startswith(view[j : j + n], i):
        return n
    lo, hi = 0, n  # equal for lo bytes, not for hi
    while hi - lo > 256:
        mid = (lo + hi) >> 1
        if a.startswith(view[j + lo : j + mid], i + lo):
            lo = mid
        else:
            hi = mid
    x = int.from_bytes(a[i + lo : i + hi], "big") ^ int.from_bytes(b[j + lo : j + hi], "big")
    return hi - 1 - (x.bit_length() - 1) // 8


def _suffix_len(a: bytes, i: int, b: bytes, view: memoryview, j: int, n: int) -> int:
    """Length of the common end of ``a[i-n:i]`` and ``b[j-n:j]`` (``view`` of ``b``)."""
    if a.endswith(view[j - n : j], 0, i):
        return n
    lo, hi = 0, n
    while hi - lo > 256:
        mid = (lo + hi) >> 1
        if a.endswith(view[j - mid : j - lo], 0, i - lo):
            lo = mid
        else:
            hi = mid
    x = int.from_bytes(a[i - hi : i - lo], "big") ^ int.from_bytes(b[j - hi : j - lo], "big")
    return lo + ((x & -x).bit_length() - 1) // 8


def common_ends(a: bytes, b: bytes) -> tuple[int, int]:
    """Lengths of the common start and common end of ``a`` and ``b``, not overlapping:
    a few microseconds for a notice, whatever its size (``memcmp`` speed)."""
    n = min(len(a), len(b))
    view = memoryview(b)
    prefix = _prefix_len(a, 0, b, view, 0, n)
    return prefix, _suffix_len(a, len(a), b, view, len(b), n - prefix)


Span = tuple[int, int, int, int]

#: Anchor length and how small a changed span is left alone (bytes).
_ANCHOR = 48
_SMALL_SPAN = 1024


def changed_spans(a: bytes, b: bytes, ends: tuple[int, int] | None = None) -> list[Span]:
    """Spans ``(a_start, a_end, b_start, b_end)`` outside which ``a`` and ``b`` are the
    same bytes in the same order, each widened to whole lines. In order, not touching.

    Between the common start and end, a few edits far apart leave long common
    stretches: a block from the middle of a changed span that occurs once in the other
    text's span anchors a common stretch, grown both ways at ``memcmp`` speed, and each
    side is split again. This is no minimal diff, only a cheap one whose common parts
    are sure to be common; the spans are then widened to whole lines (joining those that
    meet), since the layout rules look at lines.
    """
    prefix, suffix = ends if ends is not None else common_ends(a, b)
    la, lb = len(a), len(b)
    if prefix == la == lb:
        return []
    start = a.rfind(b"\n", 0, prefix) + 1
    end_a, end_b = la - suffix, lb - suffix
    if (
        end_a - start > _SMALL_SPAN
        and a.count(b"\n", start, end_a) == b.count(b"\n", start, end_b) > 0
    ):
        return _line_spans(a, b, start, end_a, end_b)
    view = memoryview(b)
    raw: list[Span] = []
    todo: list[Span] = [(prefix, la - suffix, prefix, lb - suffix)]
    while todo:
        a0, a1, b0, b1 = todo.pop()
        if a1 - a0 < _SMALL_SPAN or b1 - b0 < _SMALL_SPAN:
            raw.append((a0, a1, b0, b1))
            continue
        anchor = None
        width = a1 - a0
        slack = max(_SMALL_SPAN // 2, abs((b1 - b0) - width))
        for at in (a0 + width // 2, a0 + width // 4, a1 - width // 4, a0 + width // 8):
            # Any occurrence is common text, but one far from where this block would
            # sit (repeated text) aligns badly and makes long spans: not used.
            expected = b0 + (at - a0) * (b1 - b0) // width
            low = max(b0, expected - slack)
            found = b.find(a[at : at + _ANCHOR], low, min(b1, expected + slack + _ANCHOR))
            if found != -1:
                anchor = (at, found)
                break
        if anchor is None:
            raw.append((a0, a1, b0, b1))
            continue
        at, found = anchor
        back = _suffix_len(a, at, b, view, found, min(at - a0, found - b0))
        ahead = _prefix_len(
            a, at + _ANCHOR, b, view, found + _ANCHOR, min(a1 - at, b1 - found) - _ANCHOR
        )
        if at - back > a0 or found - back > b0:
            todo.append((a0, at - back, b0, found - back))
        end_a, end_b = at + _ANCHOR + ahead, found + _ANCHOR + ahead
        if end_a < a1 or end_b < b1:
            todo.append((end_a, a1, end_b, b1))
    raw.sort()
    spans: list[Span] = []
    for a0, a1, b0, b1 in raw:
        start = a.rfind(b"\n", 0, a0) + 1
        end = a.find(b"\n", a1)
        if end == -1:
            end = la
        # The bytes added on each side are common ones (an anchor or the ends).
        span = (start, end, b0 - (a0 - start), b1 + (end - a1))
        if spans and start <= spans[-1][1]:
            # On a line of the previous span: one span to the end of this one (whose
            # end is right, the previous one's assumed no change after it on the line).
            last = spans[-1]
            spans[-1] = (last[0], span[1], last[2], span[3])
        else:
            spans.append(span)
    return spans


#: Bytes the quick layout check ignores: what layout.py treats as layout (whitespace,
#: list/heading/quote/table marks, emphasis, escapes, angle brackets) and a little more,
#: so texts with equal layout tokens have equal quick keys. Digits are kept: a revision
#: that only renumbers an ordered list is therefore not called technical (conservative).
_QUICK_DELETE = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f*_-+=#>|\\<();&/"
_QUICK_SEQUENCES = (
    *(bytes([0xE2, 0x80, c]) for c in (*range(0x80, 0x8B), 0xA2, 0xA3, 0xA8, 0xA9, 0xAF)),
    b"\xc2\xa0",
    b"\xc2\x85",
    b"\xc2\xb7",
    b"\xe3\x80\x80",
    b"\xe1\x9a\x80",
    b"\xe2\x81\x9f",
    b"\xe2\x81\x83",
    b"\xe2\x97\x8b",
    b"\xe2\x97\x8f",
    b"\xe2\x97\xa6",
    b"\xe2\x96\xa0",
    b"\xe2\x96\xaa",
)
_ASCII = bytes(range(128))
_QUICK_BR = re.compile(rb"<[bB][rR][ \t]*/?>")
_QUICK_ENTITY = re.compile(rb"&(?:nbsp|#160|#[xX][aA]0|#[xX]20|#32);")


def quick_key(data: bytes) -> bytes:
    """The text with every byte that could be layout deleted, at C speed.

    Texts with equal layout tokens (:mod:`notices_repo.text.whitespace`) always have equal quick
    keys; the converse does not hold (a changed digit, joined words), so equal keys are
    confirmed with the layout rules.
    """
    if b"<b" in data or b"<B" in data:
        data = _QUICK_BR.sub(b"", data)
    if b"&nbsp;" in data or b"&#" in data:
        data = _QUICK_ENTITY.sub(b"", data)
    if not data.isascii():
        non_ascii = data.translate(None, _ASCII)  # a few percent of a notice
        for sequence in _QUICK_SEQUENCES:
            if sequence in non_ascii:
                data = data.replace(sequence, b"")
    return data.translate(None, _QUICK_DELETE)


def _line_spans(a: bytes, b: bytes, start: int, end_a: int, end_b: int) -> list[Span]:
    """Changed spans of middles with as many lines: lines paired in order (many edits
    that keep the lines, as layout upgrades do, cost one comparison per line)."""
    stop_a, stop_b = a.find(b"\n", end_a), b.find(b"\n", end_b)
    if stop_a == -1:
        stop_a = len(a)
    if stop_b == -1:
        stop_b = len(b)
    lines_a = a[start:stop_a].split(b"\n")
    lines_b = b[start:stop_b].split(b"\n")
    spans: list[Span] = []
    at_a = at_b = start
    open_span: list[int] | None = None
    for line_a, line_b in zip(lines_a, lines_b, strict=True):
        next_a, next_b = at_a + len(line_a), at_b + len(line_b)
        if line_a != line_b:
            if open_span is None:
                open_span = [at_a, next_a, at_b, next_b]
            else:
                open_span[1], open_span[3] = next_a, next_b
        elif open_span is not None:
            spans.append((open_span[0], open_span[1], open_span[2], open_span[3]))
            open_span = None
        at_a, at_b = next_a + 1, next_b + 1
    if open_span is not None:
        spans.append((open_span[0], open_span[1], open_span[2], open_span[3]))
    return spans


def same_layout(
    a: bytes,
    b: bytes,
    ends: tuple[int, int] | None = None,
    spans: list[Span] | None = None,
) -> bool:
    """Whether UTF-8 texts ``a`` and ``b`` differ only in layout (equal layout tokens,
    and equal quick keys, so renumbered lists are not layout here).

    Every layout rule looks at one line at a time, so the tokens and the quick key of a
    text are those of its lines in order, and the common lines of the two texts bring
    the same ones to both: only the :func:`changed_spans` are read. Equal quick keys
    have the same bytes, counted with repeats, so the spans' quick keys tell cheaply,
    and exactly, that most revisions are not technical. Then equal quick keys and tokens
    span by span make the texts equal, and different numbers of tokens in the spans
    make them differ; otherwise (a re-wrap can move a word across a common line) the
    stretch from the first span that differs to the last is compared. ``ends``
    (:func:`common_ends`) or ``spans`` (:func:`changed_spans`) are given when known.

    Before the quick keys, a coarser key (:data:`_COARSE_DELETE`: one ``translate``)
    settles most revisions: equal quick keys make equal coarse keys.
    """
    if spans is None:
        if ends is None:
            ends = common_ends(a, b)
        if not _coarse_ends_agree(a, b, ends):
            return False
        spans = changed_spans(a, b, ends)
    if not spans:
        return True
    parts_a = [a[a0:a1] for a0, a1, _, _ in spans]
    parts_b = [b[b0:b1] for _, _, b0, b1 in spans]
    # Joined by a line holding only a NUL byte: a token no layout rule touches, and a
    # byte the quick key keeps, so the spans cannot run together (texts with a NUL of
    # their own are joined by a newline, and only the counting test is made).
    nul = all(b"\x00" not in part for part in (*parts_a, *parts_b))
    glue = b"\n\x00\n" if nul else b"\n"
    joined_a, joined_b = glue.join(parts_a), glue.join(parts_b)
    for key in (_coarse_key, quick_key):
        key_a, key_b = key(joined_a), key(joined_b)
        if not _same_bytes_counted(key_a, key_b, nul):
            return False
    if nul:
        lead = b"\n" if spans[0][0] else b""  # at the very start, a BOM is dropped
        tokens_a, tokens_b = _layout_tokens(lead + joined_a), _layout_tokens(lead + joined_b)
        if len(tokens_a) != len(tokens_b):
            return False
        if key_a == key_b and tokens_a == tokens_b:
            return True
        span_tokens = _parts(tokens_a), _parts(tokens_b)
        span_keys = key_a.split(b"\x00"), key_b.split(b"\x00")
        if all(
            len(x) == len(y)
            for side in (span_tokens, span_keys)
            for x, y in zip(*side, strict=True)
        ):
            # Span by span as long on both sides: nothing can move across a common line,
            # so the texts differ where a span does.
            return False
        # Compare, whole, only the stretch from the first span that differs to the last.
        differ = [
            i
            for i, (ta, tb, ka, kb) in enumerate(zip(*span_tokens, *span_keys, strict=True))
            if ta != tb or ka != kb
        ] or [0]
        first, last = spans[differ[0]], spans[differ[-1]]
    else:
        first, last = spans[0], spans[-1]
    mid_a, mid_b = a[first[0] : last[1]], b[first[2] : last[3]]
    if first[0]:  # the line before: keeps a mid-text U+FEFF from looking like a BOM
        mid_a, mid_b = b"\n" + mid_a, b"\n" + mid_b
    if quick_key(mid_a) != quick_key(mid_b):
        return False
    return layout_fingerprint(mid_a) == layout_fingerprint(mid_b)


#: Bytes the coarse key deletes: those the quick key deletes, and every byte of what
#: its substitutions remove (``<br>`` tags, space entities, non-ASCII sequences), so
#: the coarse key of a text is the coarse key of its quick key.
_COARSE_DELETE = bytes(
    sorted(set(_QUICK_DELETE) | set(b"<>/ \tbBrR&;#nbspxXaA01236") | set(range(0x80, 0x100)))
)


def _coarse_key(data: bytes) -> bytes:
    return data.translate(None, _COARSE_DELETE)


#: Bytes at each end of the changed middle whose coarse keys are compared first.
_EDGE = 256


def _agree(key_a: bytes, key_b: bytes, whole_a: bool, whole_b: bool, start: bool) -> bool:
    """Whether two coarse keys can be the start (or end) of one same key: the one of a
    whole middle is that key, a window's key is a piece of it at the start (end)."""
    fits = bytes.startswith if start else bytes.endswith
    if whole_a and whole_b:
        return key_a == key_b
    if whole_a or (len(key_a) >= len(key_b) and not whole_b):
        return fits(key_a, key_b)
    return fits(key_b, key_a)


def _coarse_ends_agree(a: bytes, b: bytes, ends: tuple[int, int]) -> bool:
    """A necessary condition for :func:`same_layout`, in microseconds: the coarse key
    deletes bytes one by one, so equal texts outside the middles leave equal coarse
    keys of the middles, whose starts and ends are read from small windows. The first
    changed bytes of most revisions are letters of words: they already differ."""
    prefix, suffix = ends
    end_a, end_b = len(a) - suffix, len(b) - suffix
    whole_a, whole_b = end_a - prefix <= _EDGE, end_b - prefix <= _EDGE
    head_a = a[prefix : min(end_a, prefix + _EDGE)].translate(None, _COARSE_DELETE)
    head_b = b[prefix : min(end_b, prefix + _EDGE)].translate(None, _COARSE_DELETE)
    if not _agree(head_a, head_b, whole_a, whole_b, True):
        return False
    if whole_a and whole_b:
        return True
    tail_a = a[max(prefix, end_a - _EDGE) : end_a].translate(None, _COARSE_DELETE)
    tail_b = b[max(prefix, end_b - _EDGE) : end_b].translate(None, _COARSE_DELETE)
    return _agree(tail_a, tail_b, whole_a, whole_b, False)


def _same_bytes_counted(key_a: bytes, key_b: bytes, parts: bool) -> bool:
    """Whether two keys may come from texts with equal quick keys: the same bytes,
    counted with repeats. With ``parts`` (NUL-separated spans) the spans whose keys are
    equal cancel out and only the others are counted."""
    if len(key_a) != len(key_b):
        return False
    if key_a == key_b:
        return True
    if parts:
        pairs = zip(key_a.split(b"\x00"), key_b.split(b"\x00"), strict=True)
        changed = [(ka, kb) for ka, kb in pairs if ka != kb]
        key_a = b"".join(ka for ka, _ in changed)
        key_b = b"".join(kb for _, kb in changed)
    return Counter(key_a) == Counter(key_b)


def _parts(tokens: list[bytes]) -> list[list[bytes]]:
    """Token lists of the NUL-separated spans."""
    cuts = [i for i, token in enumerate(tokens) if token == b"\x00"]
    bounds = zip([-1, *cuts], [*cuts, len(tokens)], strict=True)
    return [tokens[start + 1 : end] for start, end in bounds]


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


NEVER = (-1, 0)


def reuse_regions(text: str, found: tuple[Any, int, int, int] | None) -> tuple[int, int]:
    """``(start, end)``: how many characters at each end a text must share with this one
    to have its date (:data:`NEVER`: the regions read cover the whole text).

    ``text`` is what the date parser read (the decoded sample of a plain UTF-8 blob) and
    ``found`` what ``dates._find_with_regions`` returned for it: the stamp, the end of
    the header region, the start of the end region (-1: not read) and the region the
    stamp came from. The parser reads the header, then (when it gave nothing) the end,
    then (when that gave nothing either) the close of the first part, which lies within
    ``MIDDLE_CHARS`` after the header. A text with the same characters in every region
    read, and in the character next to each, gives the same answer.
    """
    if found is None:
        return NEVER
    _, header_end, end_start, where = found
    if header_end >= len(text):
        return NEVER
    if where == _IN_HEADER:
        return header_end + 1, 0
    if end_start <= header_end + 1:
        return NEVER
    tail = len(text) - end_start + 1
    if where == _IN_END:
        return header_end + 1, tail
    bound = header_end + MIDDLE_CHARS
    if bound + 1 >= end_start:
        return NEVER
    return bound + 1, tail


def quiet_regions(text: str, found: tuple[Any, int, int, int] | None) -> tuple[int, int]:
    """``(start, end)``: how many characters at each end a text must share with this one
    for its header and end regions to hold no stamp either (:data:`NEVER`: this text's
    hold one, or they meet). Such a text's date is found in the close of its first
    part alone (``dates._find_with_regions(text, quiet_ends=True)``).

    ``found`` is as for :func:`reuse_regions`. With the same header (and the character
    after it) and the same last characters from the end region's start (and the one
    before it), a text has the same two regions: the end region is worked out from the
    end, and a child's common start and end (:func:`common_ends`) never overlap.
    """
    if found is None:
        return NEVER
    _, header_end, end_start, where = found
    if where in (_IN_HEADER, _IN_END) or header_end >= len(text):
        return NEVER
    if end_start <= header_end + 1:
        return NEVER
    return header_end + 1, len(text) - end_start + 1


def reuse_bounds(text: str, regions: tuple[int, int]) -> tuple[int, int]:
    """:func:`reuse_regions` in bytes of the UTF-8 text. Right for a sampled text too:
    the start needed must lie within the first 64 KiB (the head of any sample), and the
    end needed lies within the last 12 KiB (3,001 characters, inside the 16 KiB tail)."""
    start, end = regions
    if start < 0:
        return NEVER
    start_bytes = _utf8_len(text[:start])
    if start_bytes > _HEAD_BYTES - 4:
        return NEVER
    return start_bytes, _utf8_len(text[len(text) - end :]) if end else 0


def _text_facts(
    text: str, quiet_ends: bool = False, quiet_header: bool = False
) -> tuple[BlobFacts, Any]:
    """Facts of a plain UTF-8 text (its decoded sample), and what the date parser read
    for them (:func:`reuse_regions`; None when unknown, :data:`_FAILED` if it raised).
    ``quiet_ends``: the header and end regions are known to hold no stamp;
    ``quiet_header``: the first header lines are (``dates._find_in_header``)."""
    try:
        if _find_with_regions is None:  # pragma: no cover - dates.py reorganised
            stamp, found = find_effective_date(text), None
        else:
            found = _find_with_regions(text, quiet_ends, quiet_header) if text else None
            stamp = found[0] if found is not None else None
    except Exception:
        return BlobFacts(None, None, None), _FAILED
    return _stamp_facts(stamp), found


def _stamp_facts(stamp: Any) -> BlobFacts:
    if stamp is None:
        return BlobFacts(None, None, None)
    source = _MARKUP if stamp.source == _MARKUP else None
    return BlobFacts(stamp.date.isoformat(), stamp.precision, None, None, source)


def _header_facts(sample: bytes) -> tuple[BlobFacts | None, Any, bool]:
    """The date of a plain UTF-8 sample when its first header lines state one, from its
    first :data:`_LAZY_HEAD` bytes only (decoding a whole text costs as much as parsing
    it): ``(facts, (text read, what the parser read), those lines known to hold no
    stamp)``; facts are None when the rest must be read."""
    cut = _LAZY_HEAD
    while 0x80 <= sample[cut] < 0xC0:
        cut -= 1
    try:
        head = sample[:cut].decode("utf-8")
        found = _find_in_header(head)
    except Exception:
        return None, None, False
    if found is None:  # the header lines go on beyond these bytes
        return None, None, False
    stamp, header_end = found
    if stamp is None:
        return None, None, True
    return _stamp_facts(stamp), (head, (stamp, header_end, -1, _IN_HEADER)), False


#: Bytes of a long text decoded first, for a stamp in its header (8,000 characters at
#: most; a text whose header these bytes do not hold is decoded whole).
_LAZY_HEAD = 12 * 1024


_FAILED = object()  # the parser raised: nothing is known of the regions it read

# What a child takes from its parent's date (_Scanner.reuse).
_PARSE, _SAME_DATE, _QUIET_ENDS = 0, 1, 2


def _covers(ends: tuple[int, int], bounds: tuple[int, int]) -> bool:
    """Whether common ends ``ends`` hold ``bounds`` (not :data:`NEVER`)."""
    return bounds[0] >= 0 and ends[0] >= bounds[0] and ends[1] >= bounds[1]


# --- scanning notices --------------------------------------------------------------------


@dataclass(slots=True)
class Chain:
    """One notice's revisions as ``(parent blob, blob)`` pairs, oldest first."""

    pairs: list[tuple[str | None, str | None]]
    title_blob: str | None = None
    """The newest text, whose title the notice takes (None: title already known)."""


#: A step of a scan: ``(parent to read or None, blob, want its facts, want the pair)``;
#: a title step is ``(None, blob, None, None)``.
Step = tuple[str | None, str, bool | None, bool | None]


def pair_key(old: str, new: str) -> tuple[str, str]:
    """Technical or not is symmetric: one key for both orders."""
    return (old, new) if old < new else (new, old)


def plan(
    chains: Iterable[Chain],
    known_facts: Callable[[str], bool],
    known_pairs: Callable[[tuple[str, str]], bool],
) -> list[list[Step]]:
    """The steps of each notice: what to read and derive, each blob and pair once."""
    facts_done: set[str] = set()
    pairs_done: set[tuple[str, str]] = set()
    out: list[list[Step]] = []
    for chain in chains:
        steps: list[Step] = []
        for parent, blob in chain.pairs:
            if not blob:
                continue
            want_fact = blob not in facts_done and not known_facts(blob)
            facts_done.add(blob)
            want_pair = False
            if parent and parent != blob:
                key = pair_key(parent, blob)
                if key not in pairs_done:
                    pairs_done.add(key)
                    want_pair = not known_pairs(key)
            if want_fact or want_pair:
                steps.append((parent if want_pair else None, blob, want_fact, want_pair))
        if chain.title_blob:
            steps.append((None, chain.title_blob, None, None))
        if steps:
            out.append(steps)
    return out


def _reads(steps: list[Step]) -> list[str]:
    """The blob ids the steps read, in order (the same hand logic as :class:`_Scanner`)."""
    hand: OrderedDict[str, None] = OrderedDict()
    reads: list[str] = []

    def need(oid: str) -> None:
        if oid in hand:
            hand.move_to_end(oid)
            return
        reads.append(oid)
        hand[oid] = None
        if len(hand) > HAND_BLOBS:
            hand.popitem(last=False)

    for parent, blob, _, _ in steps:
        if parent:
            need(parent)
        need(blob)
    return reads


@dataclass(slots=True)
class ScanResult:
    """What a scan derived: facts by blob, verdicts by :func:`pair_key`, titles by blob."""

    facts: dict[str, BlobFacts] = field(default_factory=dict)
    pairs: dict[tuple[str, str], bool] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    blobs_read: int = 0
    bytes_read: int = 0
    dates_parsed: int = 0

    def merge(self, other: ScanResult) -> None:
        """Add another worker's results."""
        self.facts.update(other.facts)
        self.pairs.update(other.pairs)
        self.titles.update(other.titles)
        self.blobs_read += other.blobs_read
        self.bytes_read += other.bytes_read
        self.dates_parsed += other.dates_parsed


class _Scanner:
    """Runs steps over a stream of blobs, keeping a few in hand."""

    def __init__(self, stream: Iterator[tuple[str, bytes | None]], result: ScanResult) -> None:
        self.stream = stream
        self.result = result
        self.hand: OrderedDict[str, bytes | None] = OrderedDict()
        self.plain: dict[str, bool] = {}  # blob -> plain UTF-8 (no BOM, not binary)
        # blob -> bytes a child must share with it to have its date, and to have no
        # stamp in its header and end regions either (:func:`reuse_regions`,
        # :func:`quiet_regions`, in bytes)
        self.bounds: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {}
        # blob -> (decoded text, what the parser read) of recent parses: bounds are
        # worked out only when a child could use them (most children change the header)
        self.parsed: OrderedDict[str, tuple[str, Any]] = OrderedDict()

    def take(self, oid: str) -> bytes | None:
        hand = self.hand
        if oid in hand:
            hand.move_to_end(oid)
            return hand[oid]
        got, data = next(self.stream)
        if got != oid:  # pragma: no cover - the plan and the scan disagree
            raise RuntimeError(f"blob scan out of step: {got} for {oid}")
        self.result.blobs_read += 1
        if data is not None:
            self.result.bytes_read += len(data)
        hand[oid] = data
        if len(hand) > HAND_BLOBS:
            hand.popitem(last=False)
        return data

    def is_plain(
        self, oid: str, data: bytes, parent: str | None, ends: tuple[int, int] | None
    ) -> bool:
        """Plain UTF-8: valid throughout, no BOM, no NUL near the ends."""
        known = self.plain.get(oid)
        if known is not None:
            return known
        if data.startswith(_ANY_BOM) or _is_binary(data):
            plain = False
        elif data.isascii():
            plain = True
        elif parent is not None and ends is not None and self.plain.get(parent):
            # The parent is valid and the rest is its bytes: only the changed middle
            # needs checking, from a character start before it to one after it.
            prefix, suffix = ends
            start = max(0, prefix - 4)
            while start > 0 and 0x80 <= data[start] < 0xC0:
                start -= 1
            stop = min(len(data), len(data) - suffix + 4)
            while stop < len(data) and 0x80 <= data[stop] < 0xC0:
                stop += 1
            plain = _valid_utf8(data[start:stop])
        else:
            plain = _valid_utf8(data)
        self.plain[oid] = plain
        return plain

    def run(self, steps: list[Step]) -> None:
        result = self.result
        plain = self.plain
        for parent, blob, want_fact, want_pair in steps:
            if want_fact is None:  # a title
                result.titles[blob] = title_of(self.take(blob))
                continue
            old = self.take(parent) if parent else None
            if old is not None and parent is not None and parent not in plain:
                self.is_plain(parent, old, None, None)  # met first as a parent
            new = self.take(blob)
            if new is None:
                if want_fact:
                    result.facts[blob] = MISSING
                if want_pair and parent:
                    result.pairs[pair_key(parent, blob)] = False
                continue
            ends = None
            if old is not None and plain.get(parent):  # type: ignore[arg-type]
                ends = common_ends(old, new)
            if want_fact:
                result.facts[blob] = self.facts(blob, new, parent, ends)
            if want_pair and parent:
                result.pairs[pair_key(parent, blob)] = self.technical(
                    old, new, self.is_plain(blob, new, parent, ends), ends
                )

    def facts(
        self, blob: str, data: bytes, parent: str | None, ends: tuple[int, int] | None
    ) -> BlobFacts:
        """The blob's facts: its parent's date when the regions read are the same,
        else parsed (only the close of its first part when its header and end are a
        stampless parent's). Plain UTF-8 is learnt on the way (a decoded whole is
        valid)."""
        if data.startswith(_ANY_BOM) or _is_binary(data):
            self.plain[blob] = False
            return facts_of(data)
        reuse = _PARSE
        if parent is not None and ends is not None:
            reuse = self.reuse(parent, ends)
            earlier = self.result.facts.get(parent)
            if reuse == _SAME_DATE and earlier is not None:
                if not self.is_plain(blob, data, parent, ends):
                    return facts_of(data)
                self.bounds[blob] = self.bounds[parent]
                return earlier
        self.result.dates_parsed += 1
        sample = _sample(data)
        quiet_header = False
        if (
            reuse == _PARSE
            and len(sample) > _LAZY_HEAD
            and ends is not None
            and self.plain.get(parent)  # type: ignore[arg-type]
            and _find_in_header is not None
        ):
            # A child of a plain parent: plain UTF-8 is known from the changed middle
            # alone, so the header can be decoded and read first.
            if not self.is_plain(blob, data, parent, ends):
                return facts_of(data)
            header, read, quiet_header = _header_facts(sample)
            if header is not None:
                self.parsed[blob] = read
                if len(self.parsed) > HAND_BLOBS:
                    self.parsed.popitem(last=False)
                return header
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError:
            self.plain[blob] = False
            return facts_of(data)
        if len(sample) == len(data):
            self.plain[blob] = True  # the whole text was decoded
        elif not self.is_plain(blob, data, parent, ends):
            return facts_of(data)
        facts, found = _text_facts(text, reuse == _QUIET_ENDS, quiet_header)
        if found is _FAILED or found is None:
            self.bounds[blob] = (NEVER, NEVER)
        else:
            self.parsed[blob] = (text, found)
            if len(self.parsed) > HAND_BLOBS:
                self.parsed.popitem(last=False)
        return facts

    def reuse(self, parent: str, ends: tuple[int, int]) -> int:
        """What a child with common ends ``ends`` can take from its parent's date:
        :data:`_SAME_DATE`, :data:`_QUIET_ENDS` or nothing (:data:`_PARSE`).

        Characters are never more than bytes, so the bounds in characters rule most
        children out before any byte length is worked out.
        """
        known = self.bounds.get(parent)
        if known is None:
            parsed = self.parsed.get(parent)
            if parsed is None:
                return _PARSE
            text, found = parsed
            same, quiet = reuse_regions(text, found), quiet_regions(text, found)
            if same[0] < 0 and quiet[0] < 0:
                known = self.bounds[parent] = (NEVER, NEVER)
                del self.parsed[parent]
            elif not _covers(ends, same) and not _covers(ends, quiet):
                return _PARSE  # a later child (a branch) may still use them
            else:
                known = (reuse_bounds(text, same), reuse_bounds(text, quiet))
                self.bounds[parent] = known
                del self.parsed[parent]
        if _covers(ends, known[0]):
            return _SAME_DATE
        if _covers(ends, known[1]):
            return _QUIET_ENDS
        return _PARSE

    @staticmethod
    def technical(old: bytes | None, new: bytes, plain: bool, ends: tuple[int, int] | None) -> bool:
        if old is None:
            return False
        if plain and ends is not None:
            return same_layout(old, new, ends)
        a, b = _utf8(old), _utf8(new)
        if a is None or b is None:
            return False
        try:
            return same_layout(a, b)
        except Exception:
            return False


def scan_steps(catfile: CatFile, chains: list[list[Step]], cancelled: Any = None) -> ScanResult:
    """Run the steps of several notices through one ``cat-file`` stream."""
    result = ScanResult()
    reads: list[str] = []
    for steps in chains:
        reads += _reads(steps)
    stream = catfile.stream(reads, cancelled)
    try:
        for steps in chains:
            scanner = _Scanner(stream, result)
            scanner.run(steps)
        for _ in stream:  # nothing is left: this lets the stream end and keep its process
            pass
    finally:
        stream.close()
    return result


# --- worker processes --------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _worker_init(path: str) -> None:
    """Start-up of a worker process: imports, git runner, its own ``cat-file``."""
    runner = GitRunner(Path(path))
    _WORKER["catfile"] = CatFile(runner)
    from notices_repo.text import sections  # noqa: F401  (imported now, not during the first task)

    runner.named_config()


def _worker_ready() -> int:
    return os.getpid()


def _worker_task(chains: list[list[Step]]) -> tuple[Any, ...]:
    result = scan_steps(_WORKER["catfile"], chains)
    return (
        [(b, f.stated, f.precision, f.warning, f.source) for b, f in result.facts.items()],
        [(k[0], k[1], v) for k, v in result.pairs.items()],
        list(result.titles.items()),
        result.blobs_read,
        result.bytes_read,
        result.dates_parsed,
    )


def _result_of(payload: tuple[Any, ...]) -> ScanResult:
    facts, pairs, titles, blobs_read, bytes_read, parsed = payload
    return ScanResult(
        {b: BlobFacts(s, p, w, None, src) for b, s, p, w, src in facts},
        {(a, b): v for a, b, v in pairs},
        dict(titles),
        blobs_read,
        bytes_read,
        parsed,
    )


class WorkerPool:
    """Worker processes for a large scan, started early so that their start-up (Python,
    imports, git) overlaps the ``git log`` of the main process. ``spawn``: the app loads
    in a thread, and forking a threaded process is unsafe."""

    def __init__(self, path: Path, workers: int) -> None:
        self.workers = workers
        ensure_resource_tracker()
        self.executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=get_context("spawn"),
            initializer=_worker_init,
            initargs=(str(path),),
        )
        self.warm = [self.executor.submit(_worker_ready) for _ in range(workers)]

    def close(self, wait: bool = True) -> None:
        """Stop the workers (at once when ``wait`` is False: queued tasks are dropped)."""
        self.executor.shutdown(wait=wait, cancel_futures=True)


_TRACKER_LOCK = threading.Lock()


def ensure_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr.

    Under Textual, ``sys.stderr`` is a print capture whose ``fileno()`` is -1, and the
    tracker, started with the first process pool, passes that descriptor to its own
    process: ``ValueError: bad value(s) in fds_to_keep``, and no pool. For that moment,
    ``sys.stderr`` is the real one (or /dev/null); once the tracker runs, pools work.
    """
    from multiprocessing import resource_tracker

    with _TRACKER_LOCK:
        try:
            usable = sys.stderr is not None and sys.stderr.fileno() >= 0
        except Exception:  # no descriptor at all: the tracker skips it
            usable = True
        if usable:
            resource_tracker.ensure_running()
            return
        saved, real = sys.stderr, sys.__stderr__
        try:
            good = real is not None and real.fileno() >= 0
        except (OSError, ValueError):
            good = False
        stand_in = real if good else open(os.devnull, "w")  # noqa: SIM115
        sys.stderr = stand_in
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved
            if stand_in is not real:
                stand_in.close()


def default_workers() -> int:
    """Worker processes for a large scan: the CPUs this process may use, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def _split(chains: list[list[Step]], size: int) -> list[list[list[Step]]]:
    """Tasks of about ``size`` reads, the longest notices first (so the cores finish
    together); a notice longer than a task is cut into pieces."""
    pieces: list[list[Step]] = []
    for steps in chains:
        for start in range(0, len(steps), size):
            pieces.append(steps[start : start + size])
    pieces.sort(key=len, reverse=True)
    tasks: list[list[list[Step]]] = []
    current: list[list[Step]] = []
    count = 0
    for piece in pieces:
        current.append(piece)
        count += len(piece)
        if count >= size:
            tasks.append(current)
            current, count = [], 0
    if current:
        tasks.append(current)
    return tasks


def scan(
    runner: GitRunner,
    chains: list[list[Step]],
    *,
    catfile: CatFile | None = None,
    pool: WorkerPool | None = None,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
) -> ScanResult:
    """Run the planned steps: in this process, or spread over ``pool``'s workers.

    A pool that breaks (a worker killed, a main module that cannot be imported again
    under ``spawn``) costs only time: what it did not finish is scanned here.
    """
    total = steps_total(chains)
    tasks = _split(chains, TASK_READS)
    result = ScanResult()
    done = 0
    if progress is not None:
        progress("reading texts", 0, total)
    if pool is not None and total >= PARALLEL_MIN_READS:
        running: dict[Future[tuple[Any, ...]], list[list[Step]]] = {}
        submitted = 0
        try:
            for task in tasks:
                running[pool.executor.submit(_worker_task, task)] = task
                submitted += 1
            while running:
                if cancelled is not None and cancelled.is_set():
                    raise Cancelled()
                finished, _ = wait(running, timeout=0.25, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = running.pop(future)
                    result.merge(_result_of(future.result()))
                    done += steps_total(task)
                if progress is not None:
                    progress("reading texts", done, total)
            return result
        except BrokenProcessPool as exc:
            log.debug("worker processes failed (%s); scanning in this process", exc)
            tasks = list(running.values()) + tasks[submitted:]
        except BaseException:
            for future in running:
                future.cancel()
            raise
    reader = catfile or CatFile(runner)
    for task in tasks:  # in groups, so that progress moves and cancelling is quick
        if cancelled is not None and cancelled.is_set():
            raise Cancelled()
        result.merge(scan_steps(reader, task, cancelled))
        done += steps_total(task)
        if progress is not None:
            progress("reading texts", done, total)
    return result


def steps_total(chains: list[list[Step]]) -> int:
    """How many steps (about how many blob reads) the plan holds."""
    return sum(len(steps) for steps in chains)


__all__ = [
    "MISSING",
    "BlobFacts",
    "Chain",
    "ScanResult",
    "WorkerPool",
    "common_ends",
    "default_workers",
    "derivation_key",
    "facts_of",
    "first_line_title",
    "plan",
    "quick_key",
    "quiet_regions",
    "reuse_bounds",
    "reuse_regions",
    "same_layout",
    "scan",
    "title_of",
]
