"""Sections and categories together, derived from an earlier version when possible."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Any

from notices_repo.text.sections.categories import ITEM_LINE_RE, doc_categories
from notices_repo.text.sections.headings import EVENT_RE, Heading, detect_headings, sections_from
from notices_repo.text.sections.lines import Doc, prepare
from notices_repo.text.sections.records import DataCategory, Section

# A preamble that turns plain-text heading inference off and ends in a blank line, so a
# block parsed after it sees the state it has in the whole text (after a blank line, in a
# document with section markup).
_SENTINEL = "## a\n\n## b\n\n"
_SENTINEL_LEN = len(_SENTINEL)


# ---------------------------------------------------------------------------
# Sections and categories together, and derived from an earlier version

_Head = tuple[int, int, int, str]  # start, body start, level, heading
_Cat = tuple[str, str, int, int]  # name, description, start, end

_COMPARE_STEP = 1 << 14
#: Runs of new blocks closer than this are parsed in one call (a call has a fixed cost).
_MERGE_GAP = 2048
# Where a block starts: after a blank line, at a non-blank character (a blank line
# followed by an indented line does not start one: it may continue a list item).
_BLOCK_SPLIT_RE = re.compile(r"\n\n(?=\S)")


@dataclass(slots=True)
class Structure:
    """Sections and data categories of one text, as :func:`parse_structure` gives them.

    ``same_prefix``/``same_suffix`` say how much of the text equals the previous
    version's when it was derived from it (0 otherwise); ``unchanged`` lists the
    stretches of the text taken over from it, ``(start, end, shift)``: ``text[start:end]
    == previous[start - shift:end - shift]`` with the same headings and categories
    (None when not derived); ``reusable`` whether the next version may be derived from
    this one.
    """

    sections: list[Section]
    categories: list[DataCategory]
    reusable: bool = False
    same_prefix: int = 0
    same_suffix: int = 0
    plain: bool = False
    """Plain-text headings were inferred (the text has no section markup of its own)."""
    markup: list[_Head] | None = None
    """Headings from markup only (kept for plain texts, to tell when markup appears)."""
    facts: tuple[list[_Head], list[int], list[_Cat], list[int]] | None = None
    """Headings and categories as tuples, with their starts (see :func:`_facts_of`)."""
    unchanged: list[tuple[int, int, int]] | None = None


def _facts_of(structure: Structure) -> tuple[list[_Head], list[int], list[_Cat], list[int]]:
    """``(heads, head starts, cats, cat starts)`` of a structure: what a later version
    derived from it takes over (sorted by start; computed once)."""
    facts = structure.facts
    if facts is None:
        heads = [(x.start, x.body_start, x.level, x.heading) for x in structure.sections if x.level]
        cats = [(c.name, c.description, c.start, c.end) for c in structure.categories]
        facts = structure.facts = (heads, [h[0] for h in heads], cats, [c[2] for c in cats])
    return facts


def _block_local(text: str) -> bool:
    """Whether no construct of ``text`` spans blank lines (fences, hint tags, CRs)."""
    # one character first: a single-character search is several times faster
    return not (
        "\r" in text
        or ("`" in text and "```" in text)
        or ("~" in text and "~~~" in text)
        or ("{" in text and "{%" in text)
    )


def _parse_marked(text: str, categories: bool = True) -> tuple[list[_Head], list[_Cat]]:
    """Headings and categories of ``text`` parsed after a sentinel with section markup.

    The sentinel ends in a blank line and holds two level-2 headings, so the text is
    parsed as it is in a document with section markup (no plain-text headings) and its
    first line starts a block, as it does after a blank line. ``categories=False``:
    headings only (the categories list is empty; they are the costlier half).
    """
    doc = prepare(_SENTINEL + text)
    sections = sections_from(doc, detect_headings(doc)[0])
    heads = [
        (s.start - _SENTINEL_LEN, s.body_start - _SENTINEL_LEN, s.level, s.heading)
        for s in sections
        if s.start >= _SENTINEL_LEN
    ]
    if not categories:
        return heads, []
    cats = [
        (c.name, c.description, c.start - _SENTINEL_LEN, c.end - _SENTINEL_LEN)
        for c in doc_categories(doc, sections)
        if c.start >= _SENTINEL_LEN
    ]
    return heads, cats


def _markup_mode(heads: list[_Head]) -> bool:
    """Whether the heading rules would infer no plain-text headings (it has section markup)."""
    return len(heads) > 1 or any(level >= 2 for _, _, level, _ in heads)


def _assemble(
    text: str,
    heads: list[_Head],
    cats: list[_Cat],
    kept: tuple[Structure, int] | None = None,
    **extra: Any,
) -> Structure:
    """The structure of ``text`` from its headings and categories as tuples.

    ``kept``: the previous structure and how many of its first headings ``heads``
    starts with, unchanged. The sections of all but the last of them (and the preamble)
    are then the previous ones, and so are the categories in those sections: the same
    objects are reused rather than built again (building them was a fifth of a derived
    parse).
    """
    total = len(text)
    sections: list[Section] = []
    categories: list[DataCategory] = []
    first = 0  # first heading whose section is built
    if kept is not None and kept[1] > 1:
        old, same = kept
        old_sections = old.sections
        reused = same - 1 + (old_sections[0].level == 0)
        sections.extend(old_sections[:reused])
        first = same - 1
        for category in old.categories:
            if category.section_index >= reused:
                break
            categories.append(category)
    elif not heads or heads[0][0] > 0:
        sections.append(Section("", 0, 0, 0, heads[0][0] if heads else total))
    count = len(heads)
    for k in range(first, count):
        start, body_start, level, heading = heads[k]
        end = heads[k + 1][0] if k + 1 < count else total
        sections.append(Section(heading, level, start, min(body_start, end), end))
    starts = [s.start for s in sections]
    for name, description, start, end in cats[len(categories) :]:
        index = bisect.bisect_right(starts, start) - 1
        section = sections[index]
        categories.append(
            DataCategory(name, description, section.heading, index, start, min(end, section.end))
        )
    return Structure(sections, categories, True, **extra)


def _whole(text: str) -> Structure:
    """The structure of the whole text, parsed at once (not reusable)."""
    doc = prepare(text)
    sections = sections_from(doc, detect_headings(doc)[0])
    return Structure(sections, doc_categories(doc, sections))


def _full(text: str) -> Structure:
    """The structure of the whole text, parsed at once; reusable when no construct of
    the text spans blank lines (then a later version may be derived from it)."""
    doc = prepare(text)
    headings, markup = detect_headings(doc)
    sections = sections_from(doc, headings)
    structure = Structure(sections, doc_categories(doc, sections))
    if text.startswith("---") or not _block_local(text):
        return structure
    structure.reusable = True
    heads = _heads_from(doc, markup)
    if not _markup_mode(heads):
        structure.plain, structure.markup = True, heads
    return structure


def _heads_from(doc: Doc, headings: list[Heading]) -> list[_Head]:
    """Headings as offsets: ``(start, body start, level, heading)``."""
    starts, nexts = doc.starts, doc.nexts
    total = len(doc.text)
    out: list[_Head] = []
    for k, (first, last, level, clean) in enumerate(headings):
        end = starts[headings[k + 1][0]] if k + 1 < len(headings) else total
        out.append((starts[first], min(nexts[last], end), level, clean))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    step = _COMPARE_STEP
    while i + step <= n and a[i : i + step] == b[i : i + step]:
        i += step
    lo, hi = i, min(i + step, n)
    while lo < hi:  # a[:lo] == b[:lo]; find the first difference in [lo, hi]
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    n = min(len(a), len(b), limit)
    la, lb = len(a), len(b)
    i = 0
    step = _COMPARE_STEP
    while i + step <= n and a[la - i - step : la - i] == b[lb - i - step : lb - i]:
        i += step
    lo, hi = i, min(i + step, n)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _boundary_before(text: str, limit: int) -> int:
    """Start of the last block that starts before ``limit`` (0 when none)."""
    pos = limit
    while True:
        j = text.rfind("\n\n", 0, pos)
        if j < 0:
            return 0
        k = j + 2
        if k < limit and not text[k].isspace():
            return k
        pos = j + 1


def _boundary_after(text: str, limit: int) -> int:
    """Start of the first block whose separating blank line starts at or after ``limit``."""
    pos = limit
    n = len(text)
    while True:
        j = text.find("\n\n", pos)
        if j < 0 or j + 2 >= n:
            return n
        if not text[j + 2].isspace():
            return j + 2
        pos = j + 1


def _block_starts(pieces: list[str], total: int) -> list[int]:
    """Offsets of the pieces of ``_BLOCK_SPLIT_RE.split(region)`` in the region, and the
    region's length last."""
    starts = list(itertools.accumulate(map((2).__add__, map(len, pieces)), initial=0))
    starts[-1] = total
    return starts


def _may_hold_facts(chunk: str) -> bool:
    """Whether whole blocks parsed in a document with section markup may hold a heading
    or a named list item: some line is a candidate of :func:`_event_lines` or
    :func:`doc_categories` (prose edited in place has none, and needs no parse)."""
    probe = "\n" + chunk
    return EVENT_RE.search(probe) is not None or ITEM_LINE_RE.search(probe) is not None


def _stretch(unchanged: list[tuple[int, int, int]], start: int, end: int, shift: int) -> None:
    """Append an unchanged stretch, merged with the previous one when they touch."""
    if unchanged and unchanged[-1][1] == start and unchanged[-1][2] == shift:
        unchanged[-1] = (unchanged[-1][0], end, shift)
    elif end > start:
        unchanged.append((start, end, shift))


def _reparse_region(
    old: str,
    text: str,
    structure: Structure,
    a: int,
    b_old: int,
    b_new: int,
    unchanged: list[tuple[int, int, int]],
) -> tuple[list[_Head], list[_Cat]]:
    """Headings and categories of ``text[a:b_new]``, reusing the unchanged blocks of
    ``old[a:b_old]`` and parsing each run of new blocks in one call.

    The blocks of both regions are matched by ``rapidfuzz``'s Indel opcodes (the block
    texts are compared in C); an unchanged block's headings and categories are the old
    ones, moved by as much as the block moved. The stretches taken over are appended
    to ``unchanged`` (see :class:`Structure`).
    """
    from rapidfuzz.distance import Indel

    old_region, new_region = old[a:b_old], text[a:b_new]
    old_pieces = _BLOCK_SPLIT_RE.split(old_region)
    new_pieces = _BLOCK_SPLIT_RE.split(new_region)
    old_at = _block_starts(old_pieces, len(old_region))
    new_at = _block_starts(new_pieces, len(new_region))
    all_heads, head_starts, all_cats, cat_starts = _facts_of(structure)
    left = bisect.bisect_left
    heads: list[_Head] = []
    cats: list[_Cat] = []
    # pending: a run of new text to parse, [run_start, run_end) in the new region, and
    # the unchanged stretches after it (parsed with it when the next run is close)
    run_start = run_end = -1
    pending: list[tuple[int, int, int]] = []  # (new start, old start, old end), absolute

    def keep(new_start: int, old_start: int, old_end: int) -> None:
        shift = new_start - old_start
        _stretch(unchanged, new_start, old_end + shift, shift)
        h0, h1 = left(head_starts, old_start), left(head_starts, old_end)
        if h0 < h1:
            heads.extend((hs + shift, hb + shift, lv, hd) for hs, hb, lv, hd in all_heads[h0:h1])
        c0, c1 = left(cat_starts, old_start), left(cat_starts, old_end)
        if c0 < c1:
            cats.extend((nm, ds, cs + shift, ce + shift) for nm, ds, cs, ce in all_cats[c0:c1])

    def flush() -> None:
        chunk = text[a + run_start : a + run_end]
        if _may_hold_facts(chunk):
            found_heads, found_cats = _parse_marked(chunk)
            base = a + run_start
            heads.extend((hs + base, hb + base, lv, hd) for hs, hb, lv, hd in found_heads)
            cats.extend((nm, ds, cs + base, ce + base) for nm, ds, cs, ce in found_cats)
        for stretch in pending:
            keep(*stretch)
        pending.clear()

    for tag, i1, i2, j1, j2 in Indel.opcodes(old_pieces, new_pieces):
        if tag == "equal":
            stretch = (a + new_at[j1], a + old_at[i1], a + old_at[i2])
            if run_start < 0:
                keep(*stretch)
            else:
                pending.append(stretch)
            continue
        if j1 == j2:
            continue  # blocks deleted: nothing to parse
        start, end = new_at[j1], new_at[j2]
        if run_start >= 0 and start - run_end <= _MERGE_GAP:
            pending.clear()  # parse the unchanged blocks in between with the run: one call
        elif run_start >= 0:
            flush()
            run_start = start
        else:
            run_start = start
        run_end = end
    if run_start >= 0:
        flush()
    return heads, cats


#: Texts longer than this are parsed whole, not derived from ``previous``: deriving copies
#: the changed region, which in a huge single-line text is nearly all of it (+200 MB for
#: 50 MB), while parsing whole costs no memory beyond the structure.
DERIVE_MAX = 5_000_000


def parse_structure(text: str, previous: tuple[str, Structure] | None = None) -> Structure:
    """Sections and data categories of ``text``, derived from ``previous`` when possible.

    ``previous`` is the text and structure of an earlier version of the same notice.
    Text outside the changed region (from the block before the first difference to the
    block after the last one) keeps its headings and categories; inside it, blocks the
    previous version also had keep theirs, and each run of new blocks is parsed once. The
    result equals ``split_sections(text)`` and ``find_data_categories(text)``
    (``tests/core/test_search_index.py`` checks that on every version of the real corpus);
    without ``previous`` (or for a text over :data:`DERIVE_MAX`), both are computed in
    one pass over the text.
    """
    if not text:
        return Structure([], [])
    if previous is None or not previous[1].reusable or text.startswith("---"):
        return _full(text)
    old, structure = previous
    if old == text:
        return Structure(
            structure.sections,
            structure.categories,
            True,
            len(text),
            0,
            structure.plain,
            structure.markup,
            structure.facts,
            [(0, len(text), 0)],
        )
    if len(text) > DERIVE_MAX:
        return _full(text)
    p = _common_prefix(old, text)
    s = _common_suffix(old, text, min(len(old), len(text)) - p)
    delta = len(text) - len(old)
    a = _boundary_before(text, p)
    b_new = _boundary_after(text, len(text) - s)
    region = text[a:b_new]
    if not _block_local(region):
        return _whole(text)
    b_old = b_new - delta
    if structure.plain:
        return _plain_update(text, structure, region, a, b_old, delta, p, s)
    all_heads, head_starts, all_cats, cat_starts = _facts_of(structure)
    left = bisect.bisect_left
    heads = all_heads[: left(head_starts, a)]
    same = len(heads)
    cats = all_cats[: left(cat_starts, a)]
    unchanged = [(0, a, 0)] if a else []
    region_heads, region_cats = _reparse_region(old, text, structure, a, b_old, b_new, unchanged)
    if b_new < len(text):
        _stretch(unchanged, b_new, len(text), delta)
    heads.extend(region_heads)
    cats.extend(region_cats)
    heads.extend(
        (st + delta, bs + delta, lv, hd) for st, bs, lv, hd in all_heads[left(head_starts, b_old) :]
    )
    cats.extend(
        (nm, ds, cs + delta, ce + delta) for nm, ds, cs, ce in all_cats[left(cat_starts, b_old) :]
    )
    if not _markup_mode(heads):
        return _full(text)
    result = _assemble(text, heads, cats, (structure, same), same_prefix=p, same_suffix=s)
    result.facts = (heads, [h[0] for h in heads], cats, [c[2] for c in cats])
    result.unchanged = unchanged
    return result


def _plain_update(
    text: str,
    structure: Structure,
    region: str,
    a: int,
    b_old: int,
    delta: int,
    p: int,
    s: int,
) -> Structure:
    """:func:`parse_structure` for a text with plain-text headings (no section markup).

    Plain headings are one-line blocks, so the region parsed on its own infers the same
    ones, as long as the whole text still has no markup: the markup headings outside
    the region (kept from before) and inside it (parsed after the sentinel) tell.
    """
    if a > 0 and region.startswith("---"):
        return _full(text)  # would read as front matter on its own
    old_markup = structure.markup or []
    doc = prepare(region)
    region_headings, region_markup_lines = detect_headings(doc)
    # The region's markup headings parsed on their own are those it has after a
    # sentinel (_parse_marked): it starts a block, holds no construct spanning blank
    # lines and no front matter (tests/core/test_sections_fast.py checks it).
    region_markup = _heads_from(doc, region_markup_lines)
    markup = [h for h in old_markup if h[0] < a]
    markup.extend((st + a, bs + a, lv, hd) for st, bs, lv, hd in region_markup)
    markup.extend((st + delta, bs + delta, lv, hd) for st, bs, lv, hd in old_markup if st >= b_old)
    if _markup_mode(markup):
        return _full(text)
    region_sections = sections_from(doc, region_headings)
    all_heads, head_starts, all_cats, cat_starts = _facts_of(structure)
    left = bisect.bisect_left
    heads = all_heads[: left(head_starts, a)]
    same = len(heads)
    heads.extend(
        (x.start + a, x.body_start + a, x.level, x.heading) for x in region_sections if x.level
    )
    heads.extend(
        (st + delta, bs + delta, lv, hd) for st, bs, lv, hd in all_heads[left(head_starts, b_old) :]
    )
    cats = all_cats[: left(cat_starts, a)]
    cats.extend(
        (c.name, c.description, c.start + a, c.end + a)
        for c in doc_categories(doc, region_sections)
    )
    cats.extend(
        (nm, ds, cs + delta, ce + delta) for nm, ds, cs, ce in all_cats[left(cat_starts, b_old) :]
    )
    result = _assemble(text, heads, cats, (structure, same), same_prefix=p, same_suffix=s)
    result.plain, result.markup = True, markup
    return result
