"""A parent's date reused by a child whose regions read are the parent's."""

from __future__ import annotations

from typing import Any

from notices_repo.catalog.blob import HEAD_BYTES, MARKUP_SOURCE, BlobFacts
from notices_repo.text.dates import (
    IN_END,
    IN_HEADER,
    MIDDLE_CHARS,
    find_in_header,
    find_with_regions,
)


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


NEVER = (-1, 0)


def reuse_regions(text: str, found: tuple[Any, int, int, int] | None) -> tuple[int, int]:
    """``(start, end)``: how many characters at each end a text must share with this one
    to have its date (:data:`NEVER`: the regions read cover the whole text).

    ``text`` is what the date parser read (the decoded sample of a plain UTF-8 blob) and
    ``found`` what ``dates.find_with_regions`` returned for it: the stamp, the end of
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
    if where == IN_HEADER:
        return header_end + 1, 0
    if end_start <= header_end + 1:
        return NEVER
    tail = len(text) - end_start + 1
    if where == IN_END:
        return header_end + 1, tail
    bound = header_end + MIDDLE_CHARS
    if bound + 1 >= end_start:
        return NEVER
    return bound + 1, tail


def quiet_regions(text: str, found: tuple[Any, int, int, int] | None) -> tuple[int, int]:
    """``(start, end)``: how many characters at each end a text must share with this one
    for its header and end regions to hold no stamp either (:data:`NEVER`: this text's
    hold one, or they meet). Such a text's date is found in the close of its first
    part alone (``dates.find_with_regions(text, quiet_ends=True)``).

    ``found`` is as for :func:`reuse_regions`. With the same header (and the character
    after it) and the same last characters from the end region's start (and the one
    before it), a text has the same two regions: the end region is worked out from the
    end, and a child's common start and end (:func:`common_ends`) never overlap.
    """
    if found is None:
        return NEVER
    _, header_end, end_start, where = found
    if where in (IN_HEADER, IN_END) or header_end >= len(text):
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


def text_facts(
    text: str, quiet_ends: bool = False, quiet_header: bool = False, header_end: int = -1
) -> tuple[BlobFacts, Any]:
    """Facts of a plain UTF-8 text (its decoded sample), and what the date parser read
    for them (:func:`reuse_regions`; None when unknown, :data:`PARSE_FAILED` if it raised).
    ``quiet_ends``: the header and end regions are known to hold no stamp;
    ``quiet_header``: the first header lines are (``dates.find_in_header``);
    ``header_end``: with ``quiet_ends``, the end of the header region when known (the
    parent's), else -1."""
    try:
        if not text:
            found = None
        elif header_end >= 0:
            found = find_with_regions(text, quiet_ends, quiet_header, header_end=header_end)
        else:
            found = find_with_regions(text, quiet_ends, quiet_header)
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
    return _stamp_facts(stamp), (head, (stamp, header_end, -1, IN_HEADER)), False


#: Bytes of a long text decoded first, for a stamp in its header (8,000 characters at
#: most; a text whose header these bytes do not hold is decoded whole).
LAZY_HEAD = 12 * 1024


PARSE_FAILED = object()  # the parser raised: nothing is known of the regions it read

# What a child takes from its parent's date (BlobScanner.reuse).
REUSE_PARSE, REUSE_SAME_DATE, REUSE_QUIET_ENDS = 0, 1, 2


def covers(ends: tuple[int, int], bounds: tuple[int, int]) -> bool:
    """Whether common ends ``ends`` hold ``bounds`` (not :data:`NEVER`)."""
    return bounds[0] >= 0 and ends[0] >= bounds[0] and ends[1] >= bounds[1]
