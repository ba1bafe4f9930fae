"""Finding the date a text states for itself: the regions read, in order, and what
was read (for the history scan's reuse of a parent's date)."""

from __future__ import annotations

from notices_repo.text.dates.preamble import find_preamble, markup_stamp
from notices_repo.text.dates.regions import (
    closes_part,
    end_region_start,
    find_break,
    header_region_end,
    line_start_above,
    opens_part,
    year_lines,
)
from notices_repo.text.dates.scanner import Candidate, RegionScanner
from notices_repo.text.dates.stamp import MIDDLE_CHARS, MIDDLE_LINES, DateStamp


def find_effective_date(text: str) -> DateStamp | None:
    """Return the date ``text`` states for itself (its effective date), or None.

    Reads the header (first ``HEADER_LINES`` lines / ``HEADER_CHARS`` characters),
    and only when that gives nothing, the end (last ``END_LINES`` lines / ``END_CHARS``
    characters), then the close of the first part of a multi-part page, then the stamp
    lines of the rest that open or close a part of such a page. See the module
    docstring for what counts as a stamp and which wins.
    Never raises for any ``str``; returns None for anything else.
    """
    if not isinstance(text, str) or not text:
        return None
    return find_with_regions(text)[0]


# Where find_with_regions found the stamp: the header, the end, elsewhere (the close of
# the first part; also when there is no stamp), or the rest (a part opened or closed).
IN_HEADER, IN_END, ELSEWHERE, IN_REST = 0, 1, 2, 3


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


def _scan_lines(text: str, header_end: int) -> tuple[DateStamp | None, bool]:
    """The stamp of the first ``HEADER_LINES`` lines (``text[:header_end]``), and whether
    they hold a stamp whose date cannot be read (``Last Updated: 01/06/2023``)."""
    scanner = RegionScanner(text, 0, header_end, 0, from_end=False)
    scanner.hidden = _comment_spans(text, header_end)
    scanner.front_matter()
    scanner.scan()
    best = scanner.best()
    return (_stamp(best, 0) if best is not None else None), scanner.unread


def _scan_header(
    text: str, header_end: int, lines_quiet: bool = False
) -> tuple[DateStamp | None, int, bool]:
    """The stamp of the header region, the end of what was read for it, and whether it
    holds a stamp whose date cannot be read.

    The header is read in three steps, each only when the ones before gave nothing:
    the first ``HEADER_LINES`` lines (every rule; skipped when ``lines_quiet``: the
    caller knows they hold no stamp, not even an unreadable one); the rest of the
    preamble, up to the body proper (:func:`find_preamble`: stamp lines only); then
    machine-readable twins in both (:func:`markup_stamp`). The answer depends on
    ``text[:end + 1]`` only. ``header_end``: :func:`header_region_end` of ``text``.
    """
    unread = False
    if not lines_quiet:
        stamp, unread = _scan_lines(text, header_end)
        if stamp is not None:
            return stamp, header_end, False
    comments = _comment_spans(text, header_end)
    body_start, read_end, hidden = find_preamble(text)
    end = max(header_end, read_end)
    if body_start > header_end:
        scanner = RegionScanner(text, header_end, body_start, 0, from_end=False, strict=hidden)
        scanner.scan()
        best = scanner.best()
        if best is not None:
            return _stamp(best, text.count("\n", 0, header_end)), end, False
        unread = unread or scanner.unread
    twin = markup_stamp(text, max(header_end, body_start), (*comments, *hidden))
    return twin, end, unread and twin is None


def find_in_header(text: str) -> tuple[DateStamp | None, int] | None:
    """For a ``text`` that may be the start of a longer one, what any text starting
    with it has in its first ``HEADER_LINES`` lines: ``(stamp, header_end)`` when they
    hold a stamp (:func:`find_with_regions` answers that, having read
    ``text[:header_end]``), ``(None, -1)`` when they hold none (the rest of the header
    is then read from the whole text, with ``quiet_header``). None when ``text`` may
    end within those lines (they and the character after them must be in ``text``) or
    when they hold a stamp whose date cannot be read (the whole text is read)."""
    header_end = header_region_end(text)
    if header_end >= len(text):
        return None
    stamp, unread = _scan_lines(text, header_end)
    if stamp is None and unread:
        return None
    return (stamp, header_end) if stamp is not None else (None, -1)


#: What :func:`find_with_regions` knows of the rest of the text (``found[4]``): no stamp
#: line opens or closes a part anywhere in the text; one does but the rest gives none
#: (outside it, or parts dated apart); the rest was not read (a stamp came before it,
#: or a barred one did); its stamp comes from the rest.
REST_FREE, REST_NONE, REST_UNREAD, REST_FOUND = -1, -2, -3, -4
#: Why the rest was not read (``found[5]``): the header or the end holds a stamp whose
#: date cannot be read; the close of the first part does.
BARRED_ENDS, BARRED_CLOSE = 1, 2


def find_with_regions(
    text: str,
    quiet_ends: bool = False,
    quiet_header: bool = False,
    header_end: int | None = None,
    rest_known: int = REST_UNREAD,
) -> tuple[DateStamp | None, int, int, int, int, int, int, int]:
    """:func:`find_effective_date` of a non-empty ``str``, and what it read.

    Returns ``(stamp, header_end, end_start, where, rest, barred, reach, room)``: the header region
    is ``text[:header_end]`` (:func:`_scan_header`); the end region ``text[end_start:]``
    (``end_start`` is -1 when the end was not read); ``where`` is ``IN_HEADER``,
    ``IN_END``, ``ELSEWHERE`` (the close of the first part, or no stamp) or ``IN_REST``;
    ``rest`` is ``REST_FOUND`` (``IN_REST``), ``REST_FREE``, ``REST_NONE`` or
    ``REST_UNREAD``; ``barred`` is 0 or why the rest
    was not read (``BARRED_ENDS``, ``BARRED_CLOSE``); ``reach`` (``ELSEWHERE``, ``IN_REST``)
    the offset up to which the close of the first part depends on the text (the end of
    the line of the first break, else ``header_end + MIDDLE_CHARS``); ``room``: when no
    line up to the end region is a break (all looked at), how many characters that
    stretch may grow by and still be searched whole (else -1). The history scan
    (:mod:`notices_repo.catalog.date_reuse`) uses this to reuse a parent's date when a
    child has the same characters in every region read.

    ``quiet_ends``: the caller knows that the header and the end hold no stamp, not
    even an unreadable one (they are the characters of another text's, where none was
    found), so only the close of the first part and the rest are read;
    ``quiet_header``: it knows that the first ``HEADER_LINES`` lines hold none (from
    :func:`find_in_header`), so the header is read from the rest of the preamble on.
    ``header_end``: with ``quiet_ends``, where the header region ends when the caller
    knows it: another text's, whose characters up to it and the one after it this text
    shares (the region depends on those only), so the preamble is not walked again.
    ``rest_known``: ``REST_FREE`` or ``REST_NONE`` when the caller knows what reading
    the rest would give (another text's answer, where every line that could change it
    is the same), so it is not read. The answer is the one without them.
    """
    # long: the regions in order, each returning its answer and what was read
    lines_end = header_region_end(text)
    barred = 0
    if quiet_ends:
        if header_end is None:
            header_end = max(lines_end, find_preamble(text)[1])
    else:
        stamp, header_end, unread = _scan_header(text, lines_end, lines_quiet=quiet_header)
        if stamp is not None:
            return stamp, header_end, -1, IN_HEADER, REST_UNREAD, 0, -1, -1
        barred = BARRED_ENDS if unread else 0
    # The end and the close of the first part are placed after the first HEADER_LINES
    # lines, as before the preamble was read: a short text that never reaches its body
    # proper (a cookie table, a list of vendors) still has its closing stamp read. The
    # regions may then overlap the preamble; catalog.date_reuse.reuse_regions never reuses those.
    end_start = -1
    reach = header_end + MIDDLE_CHARS  # what the close of the first part depends on
    room = -1  # no break up to the end region: how many characters it may grow by
    if lines_end < len(text):
        end_start = end_region_start(text, lines_end)
        if not quiet_ends:
            scanner = RegionScanner(text, end_start, len(text), 0, from_end=True)
            scanner.scan()
            best = scanner.best()
            if best is not None:  # counting lines of a 1 MB text costs; only when needed
                line = text.count("\n", 0, end_start)
                return _stamp(best, line), header_end, end_start, IN_END, REST_UNREAD, 0, -1, -1
            if scanner.unread:
                barred = BARRED_ENDS
        # A stamp closing the first part of a multi-part page: the few lines above the
        # first thematic break after the header (bounded search).
        window = min(end_start, lines_end + MIDDLE_CHARS)
        brk, whole = find_break(text, lines_end, window)
        if brk is None and whole and window == end_start:
            # no break line up to the end region: a text changed elsewhere than in
            # lines that could start one has none either, when it keeps the room
            room = MIDDLE_CHARS - (window - lines_end)
        if brk is not None:
            # the first break and what stands above it depend on the text up to its line
            brk_end = text.find("\n", brk, window)
            if brk_end != -1:
                reach = max(header_end, brk_end)
            start = line_start_above(text, brk, MIDDLE_LINES, lines_end)
            scanner = RegionScanner(text, start, brk, 0, from_end=True)
            scanner.scan()
            best = scanner.best()
            if best is not None and best.rank != 2:  # a bare date above a break is too weak
                stamp = _stamp(best, text.count("\n", 0, start))
                return stamp, header_end, end_start, ELSEWHERE, REST_UNREAD, 0, reach, -1
            if scanner.unread and not barred:
                barred = BARRED_CLOSE
    if barred:  # a stamp the reader sees but cannot date: nothing further down counts
        return None, header_end, end_start, ELSEWHERE, REST_UNREAD, barred, reach, room
    if rest_known != REST_UNREAD:
        return None, header_end, end_start, ELSEWHERE, rest_known, 0, reach, room
    rest_end = end_start if end_start >= 0 else header_end
    stamp, rest = _scan_rest(text, header_end, rest_end)
    where = IN_REST if stamp is not None else ELSEWHERE
    return stamp, header_end, end_start, where, rest, 0, reach, room


def _scan_rest(text: str, rest_start: int, rest_end: int) -> tuple[DateStamp | None, int]:
    """The stamp of the rest, ``text[rest_start:rest_end]``: the first stamp line that
    opens or closes a part (:func:`opens_part`, :func:`closes_part`) when no later one
    there is newer (older terms appended to the main ones: Snap's terms of 2025, then
    its terms of 2024 and 2017 for other countries); and the ``rest`` of
    :func:`find_with_regions`. A later part dated after it (a compilation of policies,
    each with its own date), a bare date line or a date that cannot be read give none.
    Every line of the text is looked at (those with a year, found at C speed), so that
    ``REST_FREE`` says the whole text holds none."""
    outside = False
    first: tuple[Candidate, int] | None = None
    for ls, le in year_lines(text, 0, len(text)):
        if not (opens_part(text, ls) or closes_part(text, le)):
            continue
        best, barring = _line_stamp(text, ls, le)
        if best is None and not barring:
            continue
        if not rest_start <= ls < rest_end:
            outside = True
        elif best is None or (first is not None and best.date > first[0].date):
            return None, REST_NONE  # a newer part, or a date that cannot be read
        elif first is None:
            first = best, ls
    if first is not None:
        return _stamp(first[0], text.count("\n", 0, first[1])), REST_FOUND
    return None, REST_NONE if outside else REST_FREE


def rest_lines_quiet(piece: str, lo: int, hi: int) -> bool:
    """Whether no line starting in ``piece[lo:hi]`` is a stamp line that opens or closes
    a part, not even one whose date cannot be read (as :func:`_scan_rest` decides).
    ``piece`` is a piece of a text: ``lo`` and ``hi`` stand at line bounds, with at least
    ``PART_CONTEXT_LINES`` lines of the text around them (or its start and end)."""
    for ls, le in year_lines(piece, lo, hi):
        if opens_part(piece, ls) or closes_part(piece, le):
            best, unread = _line_stamp(piece, ls, le)
            if best is not None or unread:
                return False
    return True


def _line_stamp(text: str, ls: int, le: int) -> tuple[Candidate | None, bool]:
    """The labelled stamp of the stamp line ``text[ls:le]`` (a label and its date alone
    on the line, not indented, not in parentheses: ``(effective January 28, 2026)``
    announces a change), and whether the line holds one that is not taken but bars the
    ones after it: a stamp whose date cannot be read, or a bare date line."""
    raw = text[ls:le]
    if raw.startswith(("    ", "\t")) or raw.lstrip("*_ ").startswith(("(", "[")):
        return None, False
    scanner = RegionScanner(text, ls, le, 0, from_end=False, strict=())
    scanner.scan()
    best = scanner.best()
    if best is not None and best.rank != 2:
        return best, False
    if scanner.unread:
        return None, True
    # A bare date line there (``**February 2025**`` under a part's title) dates its part
    # without a label: not taken, and no later part's stamp is either.
    loose = RegionScanner(text, ls, le, 0, from_end=False)
    loose.scan()
    bare = loose.best()
    return None, bare is not None and bare.rank == 2


def _stamp(best: Candidate, line_offset: int) -> DateStamp:
    return DateStamp(best.date, best.precision, best.label, best.line + line_offset)
