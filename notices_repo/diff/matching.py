"""Which sections of two versions are the same section: matching by heading and by body.

A section of the old version is matched to one of the new version with the same heading
(case and spacing ignored; numbering and restated dates count as a little change). Of the
sections left, pairs are renamed sections when the heading changed only a little
(:data:`HEADING_CLOSE`) or half of the body's words are in common, in order
(:data:`BODY_ALIKE`); :func:`match_sections` returns the pairs, in place or moved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from notices_repo.text.sections import Section

#: Heading similarity (``rapidfuzz`` ratio, 0-100) at which a heading "changed only a
#: little" and two unmatched sections are a renamed pair whatever their bodies.
HEADING_CLOSE = 85
#: Share of the bodies' words in common, in order (``2 * LCS / total``), at which two
#: unmatched sections are a renamed pair whatever their headings.
BODY_ALIKE = 0.5
#: Fewest body words (each side) for a match on the body.
BODY_MIN_WORDS = 5
#: Above this many candidate pairs, bodies count only when identical.
MAX_BODY_PAIRS = 400

_WORD_RE = re.compile(r"\w+")
# A leading section number: "6", "5.", "2.1.4", "(4)", "（4）", "IV.", "2、".
_NUMBERING_RE = re.compile(
    r"^(?:\d+(?:[.．]\d+)*[.．、)）:]?"  # 6, 5., 2.1.4, 2、
    r"|[(（](?:\d+|[ivxlc]+|[a-z])[)）]"  # (4), （4）, (iv), (a)
    r"|(?:[ivxlc]+|[a-z])[.．)）](?=\s))"  # IV. , a)
    r"\s*"
)
_NON_WORD_RE = re.compile(r"[\W_]+")
# Month names, and with them numbers: a heading that only restates a date changed little.
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_RE = re.compile(rf"\b(?:{_MONTHS})\b")
_DATE_WORD_RE = re.compile(rf"\b(?:\d+|{_MONTHS})\b")


def norm_heading(heading: str) -> str:
    return " ".join(heading.casefold().split())


def _heading_core(norm: str) -> str:
    """A normalised heading without its section number and punctuation."""
    return _NON_WORD_RE.sub(" ", _NUMBERING_RE.sub("", norm)).strip()


def _undated(core: str) -> str:
    """A heading core without numbers and month names."""
    return " ".join(_DATE_WORD_RE.sub(" ", core).split())


def heading_changed_little(old: str, new: str) -> bool:
    """True when heading ``old`` became ``new`` with only a small change.

    Case and spacing ignored: ``rapidfuzz`` ratio at least :data:`HEADING_CLOSE`, or
    the same words once section numbers and punctuation are left out (numbers and month
    names too: "Effective Date: January 16, 2026" -> "Effective Date: March 31, 2026"),
    or every word of the shorter heading (two or more words) kept in the longer one.
    """
    a, b = norm_heading(old), norm_heading(new)
    if fuzz.ratio(a, b) >= HEADING_CLOSE:
        return True
    core_a, core_b = _heading_core(a), _heading_core(b)
    if core_a and core_a == core_b:
        return True
    if _MONTH_RE.search(core_a) or _MONTH_RE.search(core_b):  # a date restated
        undated_a = _undated(core_a)
        if undated_a and undated_a == _undated(core_b):
            return True
    words_a, words_b = set(core_a.split()), set(core_b.split())
    shorter, longer = sorted((words_a, words_b), key=len)
    return len(shorter) >= 2 and shorter <= longer


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def bodies_alike(old_words: Sequence[str], new_words: Sequence[str]) -> float:
    """Share of the two bodies' words in common, in order (0 when either is too short).

    ``2 * LCS / (len(old) + len(new))`` over the word sequences (``rapidfuzz`` Indel
    similarity): a body kept whole and doubled scores 0.67, two unrelated sections of
    the same notice score 0.1 - 0.45 however much vocabulary they share ("personal",
    "data", "we"), because order counts. A cheap bound on shared words is checked first.
    """
    size_a, size_b = len(old_words), len(new_words)
    if min(size_a, size_b) < BODY_MIN_WORDS:
        return 0.0
    shared = (Counter(old_words) & Counter(new_words)).total()
    if 2 * shared / (size_a + size_b) < BODY_ALIKE:
        return 2 * shared / (size_a + size_b)  # an upper bound, below the threshold
    return Indel.normalized_similarity(old_words, new_words)


def match_sections(
    old_text: str, old_sections: list[Section], new_text: str, new_sections: list[Section]
) -> list[tuple[int, int]]:
    """Pairs ``(old_index, new_index)`` of matching sections, in new order.

    Same heading first (in order of occurrence), then renamed headings by similarity of
    heading and body; see the module docstring for the thresholds.
    """
    pairs: dict[int, int] = {}  # new index -> old index
    queues: dict[tuple[bool, str], list[int]] = {}
    for i, sec in enumerate(old_sections):
        queues.setdefault((sec.level == 0, norm_heading(sec.heading)), []).append(i)
    for j, sec in enumerate(new_sections):
        queue = queues.get((sec.level == 0, norm_heading(sec.heading)))
        if queue:
            pairs[j] = queue.pop(0)
    matched_old = set(pairs.values())
    left_old = [i for i in range(len(old_sections)) if i not in matched_old]
    left_new = [j for j in range(len(new_sections)) if j not in pairs]
    if left_old and left_new:
        for i, j in _similar_pairs(
            old_text, old_sections, left_old, new_text, new_sections, left_new
        ):
            pairs[j] = i
    return sorted(((i, j) for j, i in pairs.items()), key=lambda p: p[1])


def _similar_pairs(
    old_text: str,
    old_sections: list[Section],
    left_old: list[int],
    new_text: str,
    new_sections: list[Section],
    left_new: list[int],
) -> list[tuple[int, int]]:
    """Renamed pairs among the unmatched sections, greedily best first."""

    def body(text: str, sec: Section) -> str:
        return text[sec.body_start : sec.end]

    heads_old = {i: norm_heading(old_sections[i].heading) for i in left_old}
    heads_new = {j: norm_heading(new_sections[j].heading) for j in left_new}
    candidates: list[tuple[float, int, int]] = []
    if len(left_old) * len(left_new) <= MAX_BODY_PAIRS:
        words_old = {i: _words(body(old_text, old_sections[i])) for i in left_old}
        words_new = {j: _words(body(new_text, new_sections[j])) for j in left_new}
        for i in left_old:
            for j in left_new:
                if (old_sections[i].level == 0) != (new_sections[j].level == 0):
                    continue
                h = fuzz.ratio(heads_old[i], heads_new[j])
                b = bodies_alike(words_old[i], words_new[j])
                if b >= BODY_ALIKE or heading_changed_little(
                    old_sections[i].heading, new_sections[j].heading
                ):
                    candidates.append((h / 100 + b, i, j))
    else:
        # Many unmatched sections (say, every heading renumbered): close headings found
        # by rapidfuzz in C, bodies only when identical.
        # A body counts only when it has words (sections whose heading is followed at
        # once by a sub-heading all have the same, empty, body).
        by_body: dict[str, list[int]] = {}
        for j in left_new:
            text = body(new_text, new_sections[j]).strip()
            if len(_WORD_RE.findall(text)) >= BODY_MIN_WORDS:
                by_body.setdefault(text, []).append(j)
        by_core: dict[str, list[int]] = {}
        for j in left_new:
            by_core.setdefault(_heading_core(heads_new[j]), []).append(j)
        for i in left_old:
            old_sec = old_sections[i]
            same_body = list(by_body.get(body(old_text, old_sec).strip(), []))
            core = _heading_core(heads_old[i])
            if core:
                same_body += [j for j in by_core.get(core, []) if j not in same_body]
            for j in same_body:
                if (old_sec.level == 0) == (new_sections[j].level == 0):
                    candidates.append((fuzz.ratio(heads_old[i], heads_new[j]) / 100 + 1, i, j))
            found = process.extract(
                heads_old[i], heads_new, scorer=fuzz.ratio, score_cutoff=HEADING_CLOSE, limit=10
            )
            for _, score, j in found:
                if (old_sec.level == 0) == (new_sections[j].level == 0) and j not in same_body:
                    candidates.append((score / 100, i, j))
    candidates.sort(key=lambda c: (-c[0], abs(c[1] - c[2]), c[1]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    result: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            result.append((i, j))
    return result


def in_place(pairs: list[tuple[int, int]], weights: list[int]) -> set[int]:
    """Indexes into ``pairs`` (sorted by new index) of the heaviest run in old order.

    A weighted longest increasing subsequence over the old indexes (Fenwick tree of
    prefix maxima), so the sections that stay in place are the most text, and the
    smaller ones are the ones reported as moved.
    """
    if not pairs:
        return set()
    size = max(i for i, _ in pairs) + 1
    tree_best = [0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    best = [0] * len(pairs)
    prev = [-1] * len(pairs)
    for k, (i, _) in enumerate(pairs):
        # prefix max over old indexes < i
        q, top, arg = i, 0, -1
        while q > 0:
            if tree_best[q] > top:
                top, arg = tree_best[q], tree_arg[q]
            q -= q & -q
        best[k] = top + weights[k]
        prev[k] = arg
        q = i + 1
        while q <= size:
            if best[k] > tree_best[q]:
                tree_best[q], tree_arg[q] = best[k], k
            q += q & -q
    k = max(range(len(pairs)), key=best.__getitem__)
    keep: set[int] = set()
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return keep
