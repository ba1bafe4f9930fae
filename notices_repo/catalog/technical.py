"""Whether a revision changes only layout: its changed spans found at ``memcmp`` speed,
then the layout rules on those alone."""

from __future__ import annotations

import re
from collections import Counter

from notices_repo.text.whitespace import layout_fingerprint, utf8_layout_tokens

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


#: Bytes the quick layout check ignores: what text/whitespace.py treats as layout (whitespace,
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
    if nul and runs_only(joined_a, joined_b):
        return True  # the spans, hence the texts, differ only in runs of spaces and tabs
    for key in (_coarse_key, quick_key):
        key_a, key_b = key(joined_a), key(joined_b)
        if not _same_bytes_counted(key_a, key_b, nul):
            return False
    if nul:
        lead = b"\n" if spans[0][0] else b""  # at the very start, a BOM is dropped
        tokens_a, tokens_b = (
            utf8_layout_tokens(lead + joined_a),
            utf8_layout_tokens(lead + joined_b),
        )
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


_TAB_TO_SPACE = bytes.maketrans(b"\t", b" ")


def runs_only(a: bytes, b: bytes) -> bool:
    """Whether ``a`` and ``b`` differ at most in the lengths of their runs of spaces and
    tabs (a bullet's ``* `` and ``*   ``, re-indented lines, a trailing space more), the
    runs themselves in the same places: such texts always have equal layout tokens and
    equal quick keys, so they differ only in layout.

    Every layout rule of :mod:`notices_repo.text.whitespace` reads a run of spaces and
    tabs only as being there (whitespace between tokens, ``[ \\t]*`` in a ``<br>`` tag or
    before a list number, ``\\s`` next to a marker or an emphasis run, the final split),
    and the quick key deletes both bytes; ``tests/core/test_perf_scan.py`` holds this
    to the whole-text rules. C-speed passes: two deletions, then halving runs of two
    spaces until none is left (a few passes).
    """
    if a.translate(None, b" \t") != b.translate(None, b" \t"):
        return False
    a, b = a.translate(_TAB_TO_SPACE), b.translate(_TAB_TO_SPACE)
    while b"  " in a:
        a = a.replace(b"  ", b" ")
    while b"  " in b:
        b = b.replace(b"  ", b" ")
    return a == b


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
