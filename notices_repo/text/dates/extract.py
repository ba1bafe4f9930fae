"""Finding the date a text states for itself: the regions read, in order, and what
was read (for the history scan's reuse of a parent's date)."""

from __future__ import annotations

from notices_repo.text.dates.preamble import find_preamble, markup_stamp
from notices_repo.text.dates.regions import (
    end_region_start,
    first_break,
    header_region_end,
    line_start_above,
)
from notices_repo.text.dates.scanner import Candidate, RegionScanner
from notices_repo.text.dates.stamp import MIDDLE_CHARS, MIDDLE_LINES, DateStamp


def find_effective_date(text: str) -> DateStamp | None:
    """Return the date ``text`` states for itself (its effective date), or None.

    Reads the header (first ``HEADER_LINES`` lines / ``HEADER_CHARS`` characters),
    and only when that gives nothing, the end (last ``END_LINES`` lines / ``END_CHARS``
    characters), then the close of the first part of a multi-part page. See the module
    docstring for what counts as a stamp and which wins.
    Never raises for any ``str``; returns None for anything else.
    """
    if not isinstance(text, str) or not text:
        return None
    return find_with_regions(text)[0]


# Where find_with_regions found the stamp: the header, the end, or elsewhere (the
# close of the first part; also when there is no stamp, all regions having been read).
IN_HEADER, IN_END, ELSEWHERE = 0, 1, 2


_MAX_COMMENTS = 32


def _comment_spans(text: str, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of the HTML comments in ``text[:end]`` (an unclosed one runs to ``end``)."""
    spans: list[tuple[int, int]] = []
    pos = text.find("<!--", 0, end)
    while pos != -1 and len(spans) < _MAX_COMMENTS:
        close = text.find("-->", pos + 4, end)
        if close == -1:
            spans.append((pos, end))
            break
        spans.append((pos, close + 3))
        pos = text.find("<!--", close + 3, end)
    return tuple(spans)


def _scan_lines(text: str, header_end: int) -> DateStamp | None:
    """The stamp of the first ``HEADER_LINES`` lines (``text[:header_end]``)."""
    scanner = RegionScanner(text, 0, header_end, 0, from_end=False)
    scanner.hidden = _comment_spans(text, header_end)
    scanner.front_matter()
    scanner.scan()
    best = scanner.best()
    return _stamp(best, 0) if best is not None else None


def _scan_header(text: str, lines_quiet: bool = False) -> tuple[DateStamp | None, int]:
    """The stamp of the header region and the end of what was read for it.

    The header is read in three steps, each only when the ones before gave nothing:
    the first ``HEADER_LINES`` lines (every rule; skipped when ``lines_quiet``: the
    caller knows they hold no stamp); the rest of the preamble, up to the body proper
    (:func:`find_preamble`: stamp lines only); then machine-readable twins in both
    (:func:`markup_stamp`). The answer depends on ``text[:end + 1]`` only.
    """
    header_end = header_region_end(text)
    if not lines_quiet:
        stamp = _scan_lines(text, header_end)
        if stamp is not None:
            return stamp, header_end
    comments = _comment_spans(text, header_end)
    body_start, read_end, hidden = find_preamble(text)
    end = max(header_end, read_end)
    if body_start > header_end:
        scanner = RegionScanner(text, header_end, body_start, 0, from_end=False, strict=hidden)
        scanner.scan()
        best = scanner.best()
        if best is not None:
            return _stamp(best, text.count("\n", 0, header_end)), end
    return markup_stamp(text, max(header_end, body_start), (*comments, *hidden)), end


def find_in_header(text: str) -> tuple[DateStamp | None, int] | None:
    """For a ``text`` that may be the start of a longer one, what any text starting
    with it has in its first ``HEADER_LINES`` lines: ``(stamp, header_end)`` when they
    hold a stamp (:func:`find_with_regions` answers that, having read
    ``text[:header_end]``), ``(None, -1)`` when they hold none (the rest of the header
    is then read from the whole text, with ``quiet_header``). None when ``text`` may
    end within those lines (they and the character after them must be in ``text``)."""
    header_end = header_region_end(text)
    if header_end >= len(text):
        return None
    stamp = _scan_lines(text, header_end)
    return (stamp, header_end) if stamp is not None else (None, -1)


def find_with_regions(
    text: str,
    quiet_ends: bool = False,
    quiet_header: bool = False,
    header_end: int | None = None,
) -> tuple[DateStamp | None, int, int, int]:
    """:func:`find_effective_date` of a non-empty ``str``, and what it read.

    Returns ``(stamp, header_end, end_start, where)``: the header region is
    ``text[:header_end]`` (:func:`_scan_header`); the end region ``text[end_start:]``
    (``end_start`` is -1 when the end was not read); ``where`` is ``IN_HEADER``,
    ``IN_END`` or ``ELSEWHERE``. The history scan (:mod:`notices_repo.catalog.date_reuse`)
    uses this to reuse a parent's date when a child has the same characters in every
    region read.

    ``quiet_ends``: the caller knows that the header and the end hold no stamp (they
    are the characters of another text's, where none was found), so only the close of
    the first part is read; ``quiet_header``: it knows that the first ``HEADER_LINES``
    lines hold none (from :func:`find_in_header`), so the header is read from the
    rest of the preamble on. ``header_end``: with ``quiet_ends``, where the header region
    ends when the caller knows it: another text's, whose characters up to it and the one
    after it this text shares (the region depends on those only), so the preamble is
    not walked again. The answer is the one without them.
    """
    lines_end = header_region_end(text)
    if quiet_ends:
        if header_end is None:
            header_end = max(lines_end, find_preamble(text)[1])
    else:
        stamp, header_end = _scan_header(text, lines_quiet=quiet_header)
        if stamp is not None:
            return stamp, header_end, -1, IN_HEADER
    # The end and the close of the first part are placed after the first HEADER_LINES
    # lines, as before the preamble was read: a short text that never reaches its body
    # proper (a cookie table, a list of vendors) still has its closing stamp read. The
    # regions may then overlap the preamble; catalog.date_reuse.reuse_regions never reuses those.
    if lines_end >= len(text):
        return None, header_end, -1, ELSEWHERE
    end_start = end_region_start(text, lines_end)
    if not quiet_ends:
        scanner = RegionScanner(text, end_start, len(text), 0, from_end=True)  # lines from start
        scanner.scan()
        best = scanner.best()
        if best is not None:  # counting lines of a 1 MB text costs; only when needed
            line = text.count("\n", 0, end_start)
            return _stamp(best, line), header_end, end_start, IN_END
    # A stamp closing the first part of a multi-part page: the few lines above the
    # first thematic break after the header (bounded search).
    brk = first_break(text, lines_end, min(end_start, lines_end + MIDDLE_CHARS))
    if brk is not None:
        start = line_start_above(text, brk, MIDDLE_LINES, lines_end)
        scanner = RegionScanner(text, start, brk, 0, from_end=True)
        scanner.scan()
        best = scanner.best()
        if best is not None and best.rank != 2:  # a bare date above a break is too weak
            return _stamp(best, text.count("\n", 0, start)), header_end, end_start, ELSEWHERE
    return None, header_end, end_start, ELSEWHERE


def _stamp(best: Candidate, line_offset: int) -> DateStamp:
    return DateStamp(best.date, best.precision, best.label, best.line + line_offset)
