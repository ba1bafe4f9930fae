"""A parent's date reused by a child whose regions read are the parent's."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from notices_repo.catalog.blob import HEAD_BYTES, MARKUP_SOURCE, BlobFacts
from notices_repo.text.dates import (
    IN_END,
    IN_HEADER,
    find_in_header,
    find_with_regions,
)
from notices_repo.text.dates.extract import (
    BARRED_ENDS,
    REST_FOUND,
    REST_FREE,
    REST_NONE,
    REST_UNREAD,
    rest_lines_quiet,
)
from notices_repo.text.dates.regions import widen_lines, year_hits
from notices_repo.text.dates.stamp import PART_CONTEXT_LINES


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


NEVER = (-1, 0)


Found = tuple[Any, int, int, int, int, int, int, int]  # what dates.find_with_regions returns


def reuse_regions(text: str, found: Found | None) -> tuple[int, int]:
    """``(start, end)``: how many characters at each end a text must share with this one
    to have its date (:data:`NEVER`: the regions read cover the whole text).

    ``text`` is what the date parser read (the decoded sample of a plain UTF-8 blob) and
    ``found`` what ``dates.find_with_regions`` returned for it: the stamp, the end of
    the header region, the start of the end region (-1: not read) and the region the
    stamp came from. The parser reads the header, then (when it gave nothing) the end,
    then (when that gave nothing either) the close of the first part, which lies within
    ``MIDDLE_CHARS`` after the header (and depends on the text up to its break only,
    ``found[6]``), then the rest. A text with the same characters in every region read,
    and in the character next to each, gives the same answer. When the rest was read
    (a stamp found there, or none anywhere), the bounds hold for the other regions, and
    :func:`rest_unchanged` must say the rest gives what it gave (:func:`rest_of`).
    """
    if found is None:
        return NEVER
    _, header_end, end_start, where, _, _, reach, room = found
    if header_end >= len(text):
        return NEVER
    if where == IN_HEADER:
        return header_end + 1, 0
    if end_start <= header_end + 1:
        return NEVER
    tail = len(text) - end_start + 1
    if where == IN_END:
        return header_end + 1, tail
    # the close of the first part: up to its break; with no break up to the end region,
    # the header only, and the changed lines must start none (:func:`close_unchanged`)
    bound = header_end if room >= 0 else max(header_end, reach)
    if bound + 1 >= end_start:
        return NEVER
    return bound + 1, tail


def quiet_regions(text: str, found: Found | None) -> tuple[int, int]:
    """``(start, end)``: how many characters at each end a text must share with this one
    for its header and end regions to hold no stamp either (:data:`NEVER`: this text's
    hold one, even one whose date cannot be read, or they meet). Such a text's date is
    found in the close of its first part and the rest alone
    (``dates.find_with_regions(text, quiet_ends=True)``).

    ``found`` is as for :func:`reuse_regions`. With the same header (and the character
    after it) and the same last characters from the end region's start (and the one
    before it), a text has the same two regions: the end region is worked out from the
    end, and a child's common start and end (:func:`common_ends`) never overlap.
    """
    if found is None:
        return NEVER
    _, header_end, end_start, where, _, barred, _, _ = found
    if where in (IN_HEADER, IN_END) or barred == BARRED_ENDS or header_end >= len(text):
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
    if start_bytes > HEAD_BYTES - 4:
        return NEVER
    return start_bytes, _utf8_len(text[len(text) - end :]) if end else 0


_BREAK_START_RE = re.compile(rb"\n[-*_]")  # a line that may be a thematic break


def close_unchanged(data: bytes, ends: tuple[int, int], room: int) -> bool:
    """Whether the close of the first part of UTF-8 ``data`` is its parent's (none),
    the parent having no break line up to its end region (``found[7]``, ``room`` >= 0)
    and sharing ``ends`` with it beyond its header: no changed line, nor the line after
    them (whose line above changed), starts like a break, and the stretch searched grew
    by at most ``room`` characters (it still ends at the end region)."""
    prefix, suffix = ends
    end = len(data) - suffix
    if end - prefix > room:
        return False
    start = data.rfind(b"\n", 0, prefix)
    after = data.find(b"\n", end)
    if after != -1:
        nl = data.find(b"\n", after + 1)
        after = len(data) if nl == -1 else nl
    else:
        after = len(data)
    return _BREAK_START_RE.search(data, max(start, 0), after) is None


def rest_of(found: Found) -> int:
    """What a child must know of the rest (``found[4]``) beyond :func:`reuse_regions`:
    ``REST_UNREAD`` nothing (a stamp came before the rest); ``REST_FREE``,
    ``REST_NONE``, ``REST_FOUND``: the rest was read, and a child whose changed lines
    hold no stamp line of a part (:func:`rest_unchanged`) reads there what this text
    did (``REST_FREE``: the whole text holds none, whatever its header and end become;
    the others need the same header and end)."""
    rest = found[4]
    return rest if rest in (REST_FREE, REST_NONE, REST_FOUND) else REST_UNREAD


Span = tuple[int, int, int, int]  # (old start, old end, new start, new end)


def changed_middles(old: bytes, new: bytes, ends: tuple[int, int]) -> list[Span]:
    """The spans outside which ``old`` and ``new`` are the same bytes in the same order:
    the changed middle between their common ``ends``. (Splitting it further where a block
    of the child occurs in the parent cost more than reading it, on the synthetic
    archive of issue 16.)"""
    prefix, suffix = ends
    return [(prefix, len(old) - suffix, prefix, len(new) - suffix)]


def child_years(years: list[int], data: bytes, spans: list[Span]) -> list[int]:
    """:func:`dates.regions.year_hits` of all of ``data`` (as good: every line holding a
    year holds one) from its parent's ``years`` and the changed ``spans``
    (:func:`changed_middles`): the parent's hits in the common parts, moved, and those
    of the changed bytes. Costs the size of the change and of the lists."""
    out: list[int] = []
    a_at = b_at = 0  # where the common part before the next span starts
    for a0, a1, b0, b1 in spans:
        if years:  # the parent's hits that lie in this common part
            kept = years[bisect_left(years, a_at) : bisect_right(years, a0 - 4)]
            out += [y + b_at - a_at for y in kept] if b_at != a_at else kept
        floor = out[-1] + 1 if out else 0  # windows of spans close together overlap
        out += year_hits(data, max(0, b0 - 3, floor), min(len(data), b1 + 3))
        a_at, b_at = a1, b1
    if years:
        kept = years[bisect_left(years, a_at) :]
        out += [y + b_at - a_at for y in kept] if b_at != a_at else kept
    return out


def _quiet_near(data: bytes, lo: int, hi: int, years: list[int]) -> bool:
    """Whether no line of ``data[lo:hi]``, nor one near it, is a stamp line that opens
    or closes a part: most changes have no year (``years``: the year hits of ``data``)
    near them; for the others the lines and those around them are decoded and their
    year lines judged (:func:`dates.extract.rest_lines_quiet`)."""
    reach = PART_CONTEXT_LINES + 1
    i = bisect_left(years, lo)
    if not (
        (i < len(years) and years[i] < hi)
        or (i > 0 and data.count(b"\n", years[i - 1], lo) <= reach)
        or (i < len(years) and data.count(b"\n", hi, years[i]) <= reach)
    ):
        return True  # no year on those lines or the lines around them
    lo, hi = widen_lines(data, lo, hi)
    start, end = widen_lines(data, lo, hi)
    try:
        before = len(data[start:lo].decode("utf-8"))
        piece = data[start:end].decode("utf-8")
        inner = len(data[lo:hi].decode("utf-8"))
    except UnicodeDecodeError:
        return False
    return rest_lines_quiet(piece, before, before + inner)


def rest_unchanged(
    old: bytes | None, old_years: list[int], data: bytes, spans: list[Span], years: list[int]
) -> bool:
    """Whether the rest of UTF-8 ``data`` gives what its parent ``old``'s gave, the two
    differing only in ``spans`` (:func:`changed_middles`): no changed line, nor a line
    near one (:func:`dates.regions.widen_lines`), is a stamp line that opens or closes
    a part, in either text. Every other line is a line of the parent with the same
    neighbours, and judged the same. ``years``, ``old_years``: the year hits of each
    (:func:`child_years`). ``old`` None: the parent holds no such line anywhere
    (``REST_FREE``), none can have gone."""
    for a0, a1, b0, b1 in spans:
        if not _quiet_near(data, b0, b1, years):
            return False
        if old is not None and not _quiet_near(old, a0, a1, old_years):
            return False
    return True


def text_facts(
    text: str,
    quiet_ends: bool = False,
    quiet_header: bool = False,
    header_end: int = -1,
    rest_known: int = REST_UNREAD,
) -> tuple[BlobFacts, Any]:
    """Facts of a plain UTF-8 text (its decoded sample), and what the date parser read
    for them (:func:`reuse_regions`; None when unknown, :data:`PARSE_FAILED` if it raised).
    ``quiet_ends``: the header and end regions are known to hold no stamp;
    ``quiet_header``: the first header lines are (``dates.find_in_header``);
    ``header_end``: with ``quiet_ends``, the end of the header region when known (the
    parent's), else -1; ``rest_known``: what reading the rest gives, when known
    (:func:`rest_unchanged`)."""
    try:
        if not text:
            found = None
        elif header_end >= 0:
            found = find_with_regions(
                text, quiet_ends, quiet_header, header_end=header_end, rest_known=rest_known
            )
        else:
            found = find_with_regions(text, quiet_ends, quiet_header, rest_known=rest_known)
        stamp = found[0] if found is not None else None
    except Exception:
        return BlobFacts(None, None, None), PARSE_FAILED
    return _stamp_facts(stamp), found


def _stamp_facts(stamp: Any) -> BlobFacts:
    if stamp is None:
        return BlobFacts(None, None, None)
    source = MARKUP_SOURCE if stamp.source == MARKUP_SOURCE else None
    return BlobFacts(stamp.date.isoformat(), stamp.precision, None, None, source)


def header_facts(sample: bytes) -> tuple[BlobFacts | None, Any, bool]:
    """The date of a plain UTF-8 sample when its first header lines state one, from its
    first :data:`LAZY_HEAD` bytes only (decoding a whole text costs as much as parsing
    it): ``(facts, (text read, what the parser read), those lines known to hold no
    stamp)``; facts are None when the rest must be read."""
    cut = LAZY_HEAD
    while 0x80 <= sample[cut] < 0xC0:
        cut -= 1
    try:
        head = sample[:cut].decode("utf-8")
        found = find_in_header(head)
    except Exception:
        return None, None, False
    if found is None:  # the header lines go on beyond these bytes
        return None, None, False
    stamp, header_end = found
    if stamp is None:
        return None, None, True
    found = (stamp, header_end, -1, IN_HEADER, REST_UNREAD, 0, -1, -1)
    return _stamp_facts(stamp), (head, found), False


#: Bytes of a long text decoded first, for a stamp in its header (8,000 characters at
#: most; a text whose header these bytes do not hold is decoded whole).
LAZY_HEAD = 12 * 1024


PARSE_FAILED = object()  # the parser raised: nothing is known of the regions it read

# What a child takes from its parent's date (BlobScanner.reuse).
REUSE_PARSE, REUSE_SAME_DATE, REUSE_QUIET_ENDS = 0, 1, 2


def covers(ends: tuple[int, int], bounds: tuple[int, int]) -> bool:
    """Whether common ends ``ends`` hold ``bounds`` (not :data:`NEVER`)."""
    return bounds[0] >= 0 and ends[0] >= bounds[0] and ends[1] >= bounds[1]
