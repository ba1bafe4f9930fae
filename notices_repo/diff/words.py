# long: one algorithm whose tuning constants (tests patch them here) and levels share state;
# split, its parts would only import each other.
"""Two-level word diff whose hunks rebuild both texts exactly.

The diff of two texts is a list of :class:`Hunk` objects. The invariant, checked by the
property tests, is::

    "".join(h.old for h in hunks) == old
    "".join(h.new for h in hunks) == new

Tokens keep their whitespace (a token is a run of word characters, a run of whitespace
or one other character), so nothing is lost.

Cost follows the size of the change, not of the text:

1. The lines of both texts are aligned (level one).
2. Only the blocks of changed lines are tokenised into words and aligned again
   (level two), so a changed comma in a 65,000-character line is one small hunk. A large
   changed block (over :data:`SENTENCE_LEVEL` characters, such as a long single-line
   paragraph with many edits) is first aligned by sentence, and only the changed
   sentences are word-diffed.

Both levels use the same aligner, :func:`align`: common prefix and suffix are cut off in
C (slice comparisons), small remainders go to ``rapidfuzz.distance.Indel.opcodes`` (an
exact longest-common-subsequence alignment, but quadratic in the remainder), and large
remainders are first cut at *anchors*, elements that occur exactly once on each side, in
the longest increasing run of such pairs (the patience-diff idea). A large block without
any anchor is aligned by Indel up to :data:`MAX_CELLS`; beyond that, runs of
:data:`KGRAM` elements unique on both sides are tried as anchors, and a block without
those either is reported as one replacement, which keeps the cost bounded whatever the
input.

Huge changes are capped (issue 14: a 50 MB single-line notice took 16.6 s and 1.6 GB).
A changed block of more than :data:`CHUNK_LEVEL` characters is first aligned by
*chunks*: runs of sentences cut where the text itself says (a hash of the characters
before a sentence end), compared by hash (a collision is caught when hunks are made),
so an edit changes only its own chunk and the block is never held as a list of
strings; lines of such texts are hashed likewise. Then the changed text is compared as
above while it adds up to at most ``limit`` characters (:data:`COARSE_LIMIT`, 5 MB,
both sides counted); past it, the rest is compared by sentences only (a changed
sentence is replaced whole) and :func:`word_diff_capped` says the comparison was
*coarsened*.

Readability rules applied to the hunk list (none of them breaks the invariant):

- adjacent changes are merged: a deletion next to an insertion is one ``replace``;
- a whitespace-only equal run without a newline between two changes is absorbed into
  one ``replace``, as ``git diff --word-diff`` does (``[-the quick-]{+a slow+}`` rather
  than ``[-the-]{+a+} [-quick-]{+slow+}``); a run containing a newline is kept so changes
  stay on their lines;
- whitespace-only changes are reported like any other change (when whitespace must not
  count, the caller compares layout tokens instead; see :mod:`notices_repo.diff.compare`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import accumulate, pairwise
from typing import NamedTuple

from rapidfuzz.distance import Indel

from notices_repo.text.spans import texts_equal

__all__ = [
    "COARSE_LIMIT",
    "MAX_CELLS",
    "SMALL_CELLS",
    "Hunk",
    "WordDiff",
    "align",
    "apply_hunks",
    "split_lines",
    "tokenize",
    "word_diff",
    "word_diff_capped",
]

#: Remainders with at most this many cells (len(a) * len(b)) go straight to Indel
#: (about 0.5 ns a cell with many differences: about 1 ms).
SMALL_CELLS = 2_000_000
#: A remainder without anchors is still aligned exactly up to this many cells (about
#: 25 ms); a larger one is reported as one replacement.
MAX_CELLS = 50_000_000

#: Changed blocks of more characters than this (both sides) are aligned by sentence
#: before words.
SENTENCE_LEVEL = 4000
#: Changed blocks of fewer characters than this are tokenised whole; larger ones have
#: their common prefix and suffix cut off first.
TRIM_LEVEL = 1000
#: Changed text (characters, both sides) compared word by word; past it, by sentences.
COARSE_LIMIT = 5_000_000
#: Changed blocks of more characters than this (both sides) are aligned by hashed
#: chunks first; texts longer than this have their lines hashed.
CHUNK_LEVEL = 1_000_000
#: A chunk ends at a sentence end whose preceding characters hash to 0 modulo this
#: (about 8 sentences, 1 KB), or after :data:`CHUNK_MAX` characters without one.
CHUNK_SPREAD = 8
CHUNK_MAX = 65_536

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
# Sentence-ish pieces: leading whitespace, text, the punctuation that ends it.
_SENTENCE_RE = re.compile(r"\s*[^.!?;:]*[.!?;:]*")
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")
_SENTENCE_END_RE = re.compile(r"[.!?;:\n]\s*")

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"
REPLACE = "replace"


class Hunk(NamedTuple):
    """One run of the diff.

    ``old`` and ``new`` are the exact text of the run on each side (``""`` for the side
    an insertion or deletion does not have). ``old_start`` and ``new_start`` are offsets
    into the compared texts (for a section diff, into the section's text). Immutable; a
    named tuple because a large diff makes thousands of them.
    """

    op: str  # "equal" | "insert" | "delete" | "replace"
    old: str
    new: str
    old_start: int = 0
    new_start: int = 0

    @property
    def old_end(self) -> int:
        """Offset just after the run in the old text."""
        return self.old_start + len(self.old)

    @property
    def new_end(self) -> int:
        """Offset just after the run in the new text."""
        return self.new_start + len(self.new)

    @property
    def is_change(self) -> bool:
        """True for insert, delete and replace."""
        return self.op != EQUAL

    def to_dict(self) -> dict[str, str]:
        """The JSON form: ``{"op", "old", "new"}``."""
        return {"op": self.op, "old": self.old, "new": self.new}


def tokenize(text: str) -> list[str]:
    """Word tokens of ``text``: word runs, whitespace runs, single other characters.

    ``"".join(tokenize(text)) == text`` always holds.
    """
    return _TOKEN_RE.findall(text)


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` with their ``\\n`` kept (only ``\\n`` splits; ``\\r`` stays).

    ``"".join(split_lines(text)) == text`` always holds.
    """
    return _LINE_RE.findall(text)


# --------------------------------------------------------------------------- aligner

Op = tuple[bool, int, int, int, int]  # (equal?, a_start, a_end, b_start, b_end)


def _common_prefix(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, blo: int, n: int, first_step: int = 1
) -> int:
    """Length of the common prefix of a[alo:alo+n] and b[blo:blo+n], by galloping.

    ``first_step`` is the first stride past the first element; strings, whose slices
    compare fast in C, start with a longer one (see :func:`_str_common_prefix`).
    """
    if n <= 0 or a[alo] != b[blo]:
        return 0
    if a[alo : alo + n] == b[blo : blo + n]:
        return n
    good, step = 1, first_step
    while True:
        probe = min(good + step, n)
        if a[alo + good : alo + probe] == b[blo + good : blo + probe]:
            good = probe
            step *= 2
        else:
            bad = probe  # the prefix is shorter than bad
            break
    while bad - good > 1:
        mid = (good + bad) // 2
        if a[alo + good : alo + mid] == b[blo + good : blo + mid]:
            good = mid
        else:
            bad = mid
    return good


def _common_suffix(
    a: Sequence[Hashable], b: Sequence[Hashable], ahi: int, bhi: int, n: int, first_step: int = 1
) -> int:
    """Length of the common suffix of a[ahi-n:ahi] and b[bhi-n:bhi], by galloping.

    ``first_step`` as for :func:`_common_prefix`.
    """
    if n <= 0 or a[ahi - 1] != b[bhi - 1]:
        return 0
    if a[ahi - n : ahi] == b[bhi - n : bhi]:
        return n
    good, step = 1, first_step
    while True:
        probe = min(good + step, n)
        if a[ahi - probe : ahi - good] == b[bhi - probe : bhi - good]:
            good = probe
            step *= 2
        else:
            bad = probe
            break
    while bad - good > 1:
        mid = (good + bad) // 2
        if a[ahi - mid : ahi - good] == b[bhi - mid : bhi - good]:
            good = mid
        else:
            bad = mid
    return good


def _overlap(count_a: Counter, count_b: Counter) -> int:
    """How many elements the two multisets share."""
    if len(count_a) > len(count_b):
        count_a, count_b = count_b, count_a
    return sum(min(c, count_b[t]) for t, c in count_a.items() if t in count_b)


def _anchors(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    count_a: Counter | None = None,
    count_b: Counter | None = None,
) -> list[tuple[int, int, int]]:
    """Anchors ``(i, j, 1)``: elements unique on both sides, longest increasing run."""
    seg_a = a[alo:ahi]
    seg_b = b[blo:bhi]
    if count_a is None or count_b is None:
        count_a = Counter(seg_a)
        count_b = Counter(seg_b)
    unique = {t for t, c in count_a.items() if c == 1}
    unique.intersection_update(t for t, c in count_b.items() if c == 1)
    if not unique:
        return []
    pos_b = {t: j for j, t in enumerate(seg_b) if t in unique}
    pairs = [(i, pos_b[t]) for i, t in enumerate(seg_a) if t in unique]
    # Longest increasing subsequence of the b positions (patience sorting).
    tails: list[int] = []  # smallest tail b position of an increasing run of each length
    tail_idx: list[int] = []  # index in pairs of that tail
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    run: list[tuple[int, int, int]] = []
    k = tail_idx[-1]
    while k >= 0:
        i, j = pairs[k]
        run.append((alo + i, blo + j, 1))
        k = prev[k]
    run.reverse()
    return run


#: Length of the k-grams tried as anchors when no single element is unique.
KGRAM = 8


def _kgram_anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int, int]]:
    """Anchors made of runs of :data:`KGRAM` elements unique on both sides.

    The fallback for long stretches from a small vocabulary, where no single word is
    unique; linear in the size of the stretch. Overlapping anchors are dropped.
    """
    k = KGRAM
    seg_a = a[alo:ahi]
    seg_b = b[blo:bhi]
    grams_a = list(zip(*(seg_a[x:] for x in range(k)), strict=False))
    grams_b = list(zip(*(seg_b[x:] for x in range(k)), strict=False))
    if not grams_a or not grams_b:
        return []
    anchors: list[tuple[int, int, int]] = []
    end_i = end_j = -1
    for i, j, _ in _anchors(grams_a, grams_b, 0, len(grams_a), 0, len(grams_b)):
        if i >= end_i and j >= end_j:
            anchors.append((alo + i, blo + j, k))
            end_i, end_j = i + k, j + k
    return anchors


def _align_into(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    out: list[Op],
) -> None:
    prefix = _common_prefix(a, b, alo, blo, min(ahi - alo, bhi - blo))
    if prefix:
        out.append((True, alo, alo + prefix, blo, blo + prefix))
        alo += prefix
        blo += prefix
    suffix = _common_suffix(a, b, ahi, bhi, min(ahi - alo, bhi - blo))
    ahi -= suffix
    bhi -= suffix
    n, m = ahi - alo, bhi - blo
    if n == 0 or m == 0:
        if n or m:
            out.append((False, alo, ahi, blo, bhi))
    elif n * m <= SMALL_CELLS:
        _indel_into(a, b, alo, ahi, blo, bhi, out)
    else:
        count_a = Counter(a[alo:ahi])
        count_b = Counter(b[blo:bhi])
        anchors = _anchors(a, b, alo, ahi, blo, bhi, count_a, count_b)
        if not anchors and n * m > MAX_CELLS and _overlap(count_a, count_b) * 2 >= max(n, m):
            anchors = _kgram_anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            i0, j0 = alo, blo
            for i, j, length in anchors:
                if i > i0 or j > j0:
                    _align_into(a, b, i0, i, j0, j, out)
                out.append((True, i, i + length, j, j + length))
                i0, j0 = i + length, j + length
            if i0 < ahi or j0 < bhi:
                _align_into(a, b, i0, ahi, j0, bhi, out)
        elif n * m <= MAX_CELLS:
            _indel_into(a, b, alo, ahi, blo, bhi, out)
        else:
            out.append((False, alo, ahi, blo, bhi))
    if suffix:
        out.append((True, ahi, ahi + suffix, bhi, bhi + suffix))


def _indel_into(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    out: list[Op],
) -> None:
    for tag, i0, i1, j0, j1 in Indel.opcodes(a[alo:ahi], b[blo:bhi]):
        out.append((tag == "equal", alo + i0, alo + i1, blo + j0, blo + j1))


def align(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[str, int, int, int, int]]:
    """Align two sequences: ``(tag, a_start, a_end, b_start, b_end)`` runs, in order.

    ``tag`` is ``"equal"`` or ``"replace"`` (a ``replace`` run may have an empty side).
    Runs are maximal: two runs of the same tag never follow each other. Elements need
    only be hashable and comparable with ``==``.
    """
    return [
        (EQUAL if eq else REPLACE, i0, i1, j0, j1)
        for eq, i0, i1, j0, j1 in _merge_ops(_align_ids(list(a), list(b)))
    ]


def _align_ids(a: list, b: list) -> list[Op]:
    out: list[Op] = []
    _align_into(a, b, 0, len(a), 0, len(b), out)
    return out


def _merge_ops(ops: list[Op]) -> list[Op]:
    """Merge neighbouring runs of the same kind."""
    merged: list[Op] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if merged and merged[-1][0] == op[0]:
            last = merged[-1]
            merged[-1] = (last[0], last[1], op[2], last[3], op[4])
        else:
            merged.append(op)
    return merged


# --------------------------------------------------------------------------- word diff


class WordDiff(NamedTuple):
    """Hunks of a word diff, and whether part of it was compared by sentences only.

    ``compared``: characters of changed text (both sides) compared word by word.
    """

    hunks: list[Hunk]
    coarse: bool
    compared: int = 0


class _Budget:
    """Changed text still to compare word by word; whether the cap was reached."""

    __slots__ = ("coarse", "left")

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.coarse = False


def word_diff(old: str, new: str, *, limit: int = COARSE_LIMIT) -> list[Hunk]:
    """Word-level diff of two texts, two levels (lines, then words in changed blocks).

    The hunks rebuild both texts exactly (see the module docstring); offsets are into
    ``old`` and ``new``. Equal texts give one ``equal`` hunk (none when both are empty).
    Past ``limit`` characters of changed text, compared by sentences
    (:func:`word_diff_capped` tells).
    """
    return word_diff_capped(old, new, limit=limit).hunks


def word_diff_capped(
    old: str,
    new: str,
    *,
    limit: int = COARSE_LIMIT,
    old_span: tuple[int, int] | None = None,
    new_span: tuple[int, int] | None = None,
) -> WordDiff:
    """:func:`word_diff` and whether the changed text passed ``limit`` (coarsened).

    ``old_span``/``new_span``: compare only ``old[lo:hi]`` and ``new[lo:hi]`` (hunk
    offsets are then relative to ``lo``) without copying them: a section of a huge text.
    """
    lo_a, hi_a = old_span if old_span is not None else (0, len(old))
    lo_b, hi_b = new_span if new_span is not None else (0, len(new))
    if hi_a - lo_a == hi_b - lo_b and texts_equal(old, lo_a, new, lo_b, hi_a - lo_a):
        text = old[lo_a:hi_a]
        return WordDiff([Hunk(EQUAL, text, text, 0, 0)] if text else [], False)
    budget = _Budget(limit)
    lines_a, lengths_a = _lines(old, lo_a, hi_a)
    lines_b, lengths_b = _lines(new, lo_b, hi_b)
    at_a = _LineOffsets(lengths_a, hi_a - lo_a)
    at_b = _LineOffsets(lengths_b, hi_b - lo_b)
    raw: list[Op] = []
    for eq, i0, i1, j0, j1 in _merge_ops(_align_ids(lines_a, lines_b)):
        a0, a1 = lo_a + at_a(i0), lo_a + at_a(i1)
        b0, b1 = lo_b + at_b(j0), lo_b + at_b(j1)
        if eq or a0 == a1 or b0 == b1:
            raw.append((eq, a0, a1, b0, b1))
        elif a1 - a0 + b1 - b0 > CHUNK_LEVEL:
            _chunk_diff(old, new, a0, a1, b0, b1, raw, budget)
        else:
            _block_diff(old, new, a0, a1, b0, b1, raw, budget)
    del lines_a, lines_b
    hunks = _finish(old, new, raw, lo_a, lo_b)
    return WordDiff(hunks, budget.coarse, limit - budget.left)


def _block_diff(
    old: str, new: str, a0: int, a1: int, b0: int, b1: int, out: list[Op], budget: _Budget
) -> None:
    """One changed block: words while the budget lasts, else sentences only."""
    size = a1 - a0 + b1 - b0
    if size > budget.left:
        budget.coarse = True
        _sentence_diff(old, new, a0, a1, b0, b1, out, words=False)
        return
    budget.left -= size
    if size > SENTENCE_LEVEL:
        _sentence_diff(old, new, a0, a1, b0, b1, out)
    else:
        _token_diff(old, new, a0, a1, b0, b1, out)


def _chunk_cuts(text: str, start: int, end: int) -> list[int]:
    """Content-defined cut offsets of ``text[start:end]``, ``start`` and ``end`` included.

    A cut follows a sentence end whose preceding 16 characters hash to 0 modulo
    :data:`CHUNK_SPREAD` (the same text gives the same cuts wherever it is), or comes
    :data:`CHUNK_MAX` characters after the previous cut when no sentence end does.
    """
    cuts = [start]
    last = start
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        cut = m.end()
        while cut - last > CHUNK_MAX:
            last += CHUNK_MAX
            cuts.append(last)
        if hash(text[max(last, cut - 16) : cut]) % CHUNK_SPREAD == 0:
            cuts.append(cut)
            last = cut
    while end - last > CHUNK_MAX:
        last += CHUNK_MAX
        cuts.append(last)
    if cuts[-1] != end:
        cuts.append(end)
    return cuts


def _chunk_diff(
    old: str, new: str, a0: int, a1: int, b0: int, b1: int, out: list[Op], budget: _Budget
) -> None:
    """A huge changed block: align hashed chunks, then diff only the changed runs."""
    cuts_a = _chunk_cuts(old, a0, a1)
    cuts_b = _chunk_cuts(new, b0, b1)
    keys_a = [hash(old[x:y]) for x, y in pairwise(cuts_a)]
    keys_b = [hash(new[x:y]) for x, y in pairwise(cuts_b)]
    for eq, i0, i1, j0, j1 in _merge_ops(_align_ids(keys_a, keys_b)):
        c0, c1, d0, d1 = cuts_a[i0], cuts_a[i1], cuts_b[j0], cuts_b[j1]
        if eq or c0 == c1 or d0 == d1:
            out.append((eq, c0, c1, d0, d1))
        else:
            _block_diff(old, new, c0, c1, d0, d1, out, budget)


def _sentence_diff(
    old: str, new: str, a0: int, a1: int, b0: int, b1: int, out: list[Op], *, words: bool = True
) -> None:
    """Between the levels, for large changed blocks: align sentences, then words.

    A 65,000-character line with a few hundred edits becomes about 600 sentences to
    align (in C) and a few hundred short sentence blocks to word-diff. With ``words``
    false (the coarsened comparison) changed sentences stay whole. Sentences of a huge
    block are compared by hash, never held as strings.
    """
    if a1 - a0 + b1 - b0 > CHUNK_LEVEL:
        keys_a, pos_a = _hashed_sentences(old, a0, a1)
        keys_b, pos_b = _hashed_sentences(new, b0, b1)
    else:
        sent_a = _SENTENCE_RE.findall(old, a0, a1)
        sent_b = _SENTENCE_RE.findall(new, b0, b1)
        pos_a = list(accumulate(map(len, sent_a), initial=a0))
        pos_b = list(accumulate(map(len, sent_b), initial=b0))
        keys_a, keys_b = sent_a, sent_b  # type: ignore[assignment]
    for eq, i0, i1, j0, j1 in _merge_ops(_align_ids(keys_a, keys_b)):
        c0, c1, d0, d1 = pos_a[i0], pos_a[i1], pos_b[j0], pos_b[j1]
        if eq or c0 == c1 or d0 == d1 or not words:
            out.append((eq, c0, c1, d0, d1))
        else:
            _token_diff(old, new, c0, c1, d0, d1, out)


def _hashed_sentences(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Hashes of the sentences of ``text[start:end]`` and their offsets (end included)."""
    keys: list[int] = []
    pos = [start]
    for m in _SENTENCE_RE.finditer(text, start, end):
        if m.end() > m.start():
            keys.append(hash(m.group()))
            pos.append(m.end())
    return keys, pos


def _lines(text: str, lo: int = 0, hi: int | None = None) -> tuple[list[Hashable], list[int]]:
    """Lines without their ``\\n``, to align, and their lengths.

    A last line without ``\\n`` is wrapped in a tuple so it never equals a line that has
    one.
    """
    hi = len(text) if hi is None else hi
    if hi - lo > CHUNK_LEVEL:
        return _hashed_lines(text, lo, hi)
    lines: list[Hashable] = list((text if lo == 0 and hi == len(text) else text[lo:hi]).split("\n"))
    lengths = list(map(len, lines))  # type: ignore[arg-type]
    if lines[-1] == "":
        lines.pop()
    else:
        lines[-1] = (lines[-1],)
    return lines, lengths


def _hashed_lines(text: str, lo: int, hi: int) -> tuple[list[Hashable], list[int]]:
    """:func:`_lines` of ``text[lo:hi]``, huge: hashes of the lines, never the lines.

    Equal hashes of different lines are caught when hunks are made (:func:`_finish`).
    """
    keys: list[Hashable] = []
    lengths: list[int] = []
    start = lo
    while True:
        end = text.find("\n", start, hi)
        if end < 0:
            break
        keys.append(hash(text[start:end]))
        lengths.append(end - start)
        start = end + 1
    lengths.append(hi - start)
    if start < hi:
        keys.append((hash(text[start:hi]),))
    return keys, lengths


class _LineOffsets:
    """Offset where line ``i`` starts, for increasing ``i`` (linear over all calls)."""

    __slots__ = ("_index", "_lengths", "_offset", "_size")

    def __init__(self, lengths: list[int], size: int) -> None:
        self._lengths = lengths
        self._index = 0
        self._offset = 0
        self._size = size

    def __call__(self, i: int) -> int:
        if i < self._index:  # not expected; restart
            self._index = self._offset = 0
        self._offset += sum(self._lengths[self._index : i]) + (i - self._index)
        self._index = i
        return min(self._offset, self._size)


def _token_diff(old: str, new: str, a0: int, a1: int, b0: int, b1: int, out: list[Op]) -> None:
    """Second level: word tokens of one changed block of lines (old[a0:a1], new[b0:b1]).

    The common character prefix and suffix are cut off first (backed off to a
    whitespace boundary so no word is split), so a long line with a small change is
    tokenised only around the change.
    """
    block_a, block_b = old[a0:a1], new[b0:b1]
    if len(block_a) + len(block_b) < TRIM_LEVEL:
        cut, end_a, end_b = 0, len(block_a), len(block_b)
    else:
        cut, _ = _trim(block_a, block_b)
        if cut:
            out.append((True, a0, a0 + cut, b0, b0 + cut))
        end_a, end_b = _trim_end(block_a, block_b, cut)
    toks_a = tokenize(block_a[cut:end_a])
    toks_b = tokenize(block_b[cut:end_b])
    pos_a = list(accumulate(map(len, toks_a), initial=a0 + cut))
    pos_b = list(accumulate(map(len, toks_b), initial=b0 + cut))
    if len(toks_a) * len(toks_b) <= SMALL_CELLS:
        # Fast path for the common small block: Indel directly (it cuts affixes itself).
        for tag, i0, i1, j0, j1 in Indel.opcodes(toks_a, toks_b):
            out.append((tag == "equal", pos_a[i0], pos_a[i1], pos_b[j0], pos_b[j1]))
    else:
        for eq, i0, i1, j0, j1 in _merge_ops(_align_ids(toks_a, toks_b)):
            out.append((eq, pos_a[i0], pos_a[i1], pos_b[j0], pos_b[j1]))
    if end_a < len(block_a):
        out.append((True, a0 + end_a, a1, b0 + end_b, b1))


_LAST_WS_RUN_RE = re.compile(r"\s+\S*\Z")
_WS_RUN_RE = re.compile(r"\s+")
_BACKOFF = 256


def _trim(old: str, new: str) -> tuple[int, int]:
    """Length of the common prefix, backed off to the start of a whitespace run.

    The cut is then a token boundary in both texts (a non-space before, the same
    whitespace run after), so tokenising the rest gives the same tokens.
    """
    p = _str_common_prefix(old, new)
    if p == min(len(old), len(new)) and len(old) == len(new):
        return p, p
    if p == 0:
        return 0, 0
    m = _LAST_WS_RUN_RE.search(old, max(0, p - _BACKOFF), p)
    cut = m.start() if m else max(0, p - _BACKOFF)
    return cut, cut


def _trim_end(old: str, new: str, start: int) -> tuple[int, int]:
    """Where the common suffix starts in each text, moved past a whitespace run."""
    limit = min(len(old), len(new)) - start
    s = _str_common_suffix(old, new, limit)
    if s == 0:
        return len(old), len(new)
    sa = len(old) - s
    m = _WS_RUN_RE.search(old, sa, min(len(old), sa + _BACKOFF))
    if m:
        sa = m.end()
    elif sa + _BACKOFF < len(old):
        sa += _BACKOFF
    else:
        return len(old), len(new)
    return sa, len(new) - (len(old) - sa)


#: First galloping stride of the string prefix and suffix searches (string slices
#: compare in C, so long strides cost little).
_STR_FIRST_STEP = 64


def _str_common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of two strings."""
    return _common_prefix(a, b, 0, 0, min(len(a), len(b)), _STR_FIRST_STEP)


def _str_common_suffix(a: str, b: str, n: int) -> int:
    """Length of the common suffix of two strings, at most ``n``."""
    return _common_suffix(a, b, len(a), len(b), n, _STR_FIRST_STEP)


def _finish(old: str, new: str, raw: list[Op], base_a: int = 0, base_b: int = 0) -> list[Hunk]:
    """Merge runs, absorb whitespace-only equal runs between changes, make hunks.

    ``raw`` runs are contiguous character ranges of ``old`` and ``new``; hunk offsets
    are made relative to ``base_a`` and ``base_b``.
    """
    merged: list[list] = []  # [equal?, a0, a1, b0, b1]
    for eq, a0, a1, b0, b1 in raw:
        if a0 == a1 and b0 == b1:
            continue
        if eq and (a1 - a0 != b1 - b0 or not texts_equal(old, a0, new, b0, a1 - a0)):
            eq = False  # never trust a hash collision
        if merged and merged[-1][0] == eq:
            merged[-1][2] = a1
            merged[-1][4] = b1
        else:
            merged.append([eq, a0, a1, b0, b1])
    # Absorb "change, whitespace (no newline), change" into one change.
    absorbed: list[list] = []
    k = 0
    while k < len(merged):
        item = merged[k]
        if (
            item[0]
            and absorbed
            and k + 1 < len(merged)
            and item[2] - item[1] <= 64
            and _is_inline_space(old[item[1] : item[2]])
        ):
            nxt = merged[k + 1]
            absorbed[-1][2] = nxt[2]
            absorbed[-1][4] = nxt[4]
            k += 2
            continue
        absorbed.append(item)
        k += 1
    hunks: list[Hunk] = []
    for eq, a0, a1, b0, b1 in absorbed:
        o = old[a0:a1]
        n = o if eq else new[b0:b1]  # equal text is held once
        if eq:
            op = EQUAL
        elif not o:
            op = INSERT
        elif not n:
            op = DELETE
        else:
            op = REPLACE
        hunks.append(Hunk(op, o, n, a0 - base_a, b0 - base_b))
    return hunks


def _is_inline_space(text: str) -> bool:
    return text.isspace() and "\n" not in text


def apply_hunks(hunks: Sequence[Hunk]) -> tuple[str, str]:
    """The (old, new) texts a hunk list describes: the invariant's two sides."""
    return "".join(h.old for h in hunks), "".join(h.new for h in hunks)
