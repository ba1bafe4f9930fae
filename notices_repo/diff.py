"""Section-aware comparison of two versions of a notice.

:func:`diff_texts` splits both texts with :func:`notices_repo.sections.split_sections`,
matches the sections between the versions, word-diffs the changed ones
(:mod:`notices_repo.worddiff`) and compares the data categories on their own. The result,
a :class:`DiffResult`, is what the ``diff`` command prints and what the TUI's diff view
renders: a flat list of sections, each with its own flat list of hunks whose offsets are
relative to the section's text, so a view can lay out only what is on screen.

Matching sections
    1. Same heading (case and spacing ignored), paired in order of occurrence; the
       preamble (the text before the first heading) pairs with the preamble. YAML
       front matter is cut out of the preamble into a section of its own, ``Front
       matter`` (:func:`split_front_matter`), so its changes show apart.
    2. Among the rest, renamed headings: heading similarity (``rapidfuzz`` ratio) and
       body similarity (shared words), greedily best first. A pair is accepted when the
       headings are close (>= 80), or the bodies are (>= 0.75 of the words shared, bodies
       of at least 5 words), or both are fairly close (>= 50 and >= 0.5).
    3. Moves: the matched pairs in new-text order; the largest set of pairs (weighted by
       section size) whose old order agrees stays in place; the others are ``moved``.

Statuses: ``added``, ``removed``, ``unchanged``, ``moved`` (same text, other place),
``changed`` (with ``moved`` true when it also moved). A renamed heading is a change;
the section then has ``old_heading``. A moved section whose text differs only in
trailing whitespace (the blank lines that separated it from its old neighbour) is
``moved``, not ``changed``; its hunks still carry that whitespace change.

The invariant (without whitespace ignoring), checked by the property tests:

- every section's hunks rebuild that section's old and new text exactly (an added
  section's old text and a removed section's new text are ``""``);
- ``result.sections`` is in new-text order (a removed section comes right after the
  section that preceded it in the old text), so joining ``h.new`` over all sections and
  hunks gives the new text; joining ``h.old`` over the sections sorted by
  ``old_index`` gives the old text. :meth:`DiffResult.rebuild` does both.

With ``ignore_whitespace`` a matched section whose text differs is compared as its
layout tokens (:func:`notices_repo.layout.layout_tokens`) joined by single spaces:
whitespace and layout-only changes vanish and a whitespace-only revision has no changes.
Its hunks (and their offsets) then refer to that normalised text, and the section says
so with ``normalised``; identical, added and removed sections keep their original text.
"""

from __future__ import annotations

import datetime
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from notices_repo.bodytext import front_matter_end
from notices_repo.layout import layout_tokens
from notices_repo.sections import DataCategory, Section, Structure, parse_structure
from notices_repo.worddiff import EQUAL, Hunk, word_diff

__all__ = [
    "ADDED",
    "CHANGED",
    "FRONT_MATTER",
    "MOVED",
    "REMOVED",
    "UNCHANGED",
    "CategoryDiff",
    "DiffResult",
    "Parsed",
    "SectionDiff",
    "clear_parse_cache",
    "diff_texts",
    "match_sections",
    "parse",
    "split_front_matter",
]

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
MOVED = "moved"
UNCHANGED = "unchanged"

#: Heading similarity (0-100) at which two unmatched sections are a renamed pair.
HEADING_CLOSE = 80
#: Share of body words at which two unmatched sections are a renamed pair.
BODY_CLOSE = 0.75
#: Fewest body words for a match on the body alone.
BODY_MIN_WORDS = 5
#: Above this many candidate pairs, bodies count only when identical.
MAX_BODY_PAIRS = 400

_WORD_RE = re.compile(r"\w+")


@dataclass(slots=True)
class SectionDiff:
    """One section of the comparison.

    ``heading`` is the new heading (the old one for a removed section); ``old_heading``
    is set only when the heading was renamed. ``old_index``/``new_index`` index
    ``split_sections`` of each text (``None`` on the side the section is missing);
    ``old_start``/``old_end`` and ``new_start``/``new_end`` are its offsets in the
    original texts. Hunk offsets are relative to the section's compared text: its
    original text, or, when ``normalised`` is true (whitespace ignored and the texts
    differ), its layout tokens joined by single spaces.
    """

    heading: str
    old_heading: str | None
    status: str
    moved: bool
    hunks: list[Hunk]
    level: int = 0
    old_index: int | None = None
    new_index: int | None = None
    old_start: int | None = None
    old_end: int | None = None
    new_start: int | None = None
    new_end: int | None = None
    normalised: bool = False

    @property
    def is_change(self) -> bool:
        """Anything but ``unchanged``."""
        return self.status != UNCHANGED

    @property
    def change_count(self) -> int:
        """How many change hunks (insert, delete, replace) the section has."""
        return sum(1 for h in self.hunks if h.op != EQUAL)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: heading, old_heading, status, moved, hunks."""
        return {
            "heading": self.heading,
            "old_heading": self.old_heading,
            "status": self.status,
            "moved": self.moved,
            "hunks": [h.to_dict() for h in self.hunks],
        }


@dataclass(frozen=True, slots=True)
class CategoryDiff:
    """One data category across the two versions.

    ``status``: ``added``, ``removed``, ``changed`` (description changed) or
    ``unchanged``; ``old``/``new`` are the descriptions (``None`` where missing);
    ``section`` is the heading of the section it is in (new side when present).
    """

    name: str
    status: str
    old: str | None
    new: str | None
    section: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: name, status, old, new."""
        return {"name": self.name, "status": self.status, "old": self.old, "new": self.new}


@dataclass(slots=True)
class DiffResult:
    """The comparison of two texts.

    ``sections`` holds every section (``unchanged`` ones too) in new-text order, so the
    invariant holds over it; :attr:`shown_sections` is what the output shows (changed
    sections only, or all with ``full``). ``data_categories`` likewise holds every
    category; :attr:`shown_categories` only the changed ones unless ``full``.
    """

    sections: list[SectionDiff]
    data_categories: list[CategoryDiff]
    ignore_whitespace: bool = False
    full: bool = False
    _summary: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def summary(self) -> dict[str, int]:
        """Counts: sections added/removed/changed/moved, categories added/removed/changed.

        ``sections_changed`` counts the ``changed`` sections (moved or not);
        ``sections_moved`` counts every section that moved, changed or not.
        """
        if not self._summary:
            secs = self.sections
            cats = self.data_categories
            self._summary = {
                "sections_added": sum(s.status == ADDED for s in secs),
                "sections_removed": sum(s.status == REMOVED for s in secs),
                "sections_changed": sum(s.status == CHANGED for s in secs),
                "sections_moved": sum(s.moved for s in secs),
                "categories_added": sum(c.status == ADDED for c in cats),
                "categories_removed": sum(c.status == REMOVED for c in cats),
                "categories_changed": sum(c.status == CHANGED for c in cats),
            }
        return self._summary

    @property
    def has_changes(self) -> bool:
        """True when anything differs (without whitespace ignoring: iff the texts do)."""
        return any(self.summary.values())

    @property
    def changed_sections(self) -> list[SectionDiff]:
        """Sections that are not ``unchanged``, in new-text order."""
        return [s for s in self.sections if s.is_change]

    @property
    def shown_sections(self) -> list[SectionDiff]:
        """All sections with ``full``, else only the changed ones."""
        return list(self.sections) if self.full else self.changed_sections

    @property
    def changed_categories(self) -> list[CategoryDiff]:
        """Categories added, removed or with a changed description."""
        return [c for c in self.data_categories if c.status != UNCHANGED]

    @property
    def shown_categories(self) -> list[CategoryDiff]:
        """All categories with ``full``, else only the changed ones."""
        return list(self.data_categories) if self.full else self.changed_categories

    def change_positions(self) -> list[tuple[int, int]]:
        """``(section index, hunk index)`` of every change hunk, in order.

        For stepping from change to change (``]``/``[`` in the diff view); indexes are
        into :attr:`sections` and the section's ``hunks``.
        """
        return [
            (k, m)
            for k, section in enumerate(self.sections)
            if section.is_change
            for m, hunk in enumerate(section.hunks)
            if hunk.op != EQUAL
        ]

    def rebuild(self) -> tuple[str, str]:
        """The (old, new) texts the hunks describe; the invariant's two sides."""
        new = "".join(h.new for s in self.sections for h in s.hunks)
        in_old_order = sorted(
            (s for s in self.sections if s.old_index is not None),
            key=lambda s: s.old_index or 0,
        )
        old = "".join(h.old for s in in_old_order for h in s.hunks)
        return old, new

    def to_json(self, from_info: Any = None, to_info: Any = None) -> dict[str, Any]:
        """The JSON-ready dict of ``notice-tui diff --json``.

        ``from_info``/``to_info``: a mapping or an object with ``commit`` and
        ``effective_date`` (a ``datetime.date`` is written as ISO 8601), or ``None``.
        """
        return {
            "from": _version_info(from_info),
            "to": _version_info(to_info),
            "summary": dict(self.summary),
            "sections": [s.to_dict() for s in self.shown_sections],
            "data_categories": [c.to_dict() for c in self.shown_categories],
        }


def _version_info(info: Any) -> dict[str, Any]:
    def get(key: str) -> Any:
        if info is None:
            return None
        if isinstance(info, Mapping):
            return info.get(key)
        return getattr(info, key, None)

    date = get("effective_date")
    if isinstance(date, datetime.date):
        date = date.isoformat()
    return {"commit": get("commit"), "effective_date": date}


# --------------------------------------------------------------------------- matching


def _norm_heading(heading: str) -> str:
    return " ".join(heading.casefold().split())


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD_RE.findall(text.casefold()))


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
        queues.setdefault((sec.level == 0, _norm_heading(sec.heading)), []).append(i)
    for j, sec in enumerate(new_sections):
        queue = queues.get((sec.level == 0, _norm_heading(sec.heading)))
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

    heads_old = {i: _norm_heading(old_sections[i].heading) for i in left_old}
    heads_new = {j: _norm_heading(new_sections[j].heading) for j in left_new}
    candidates: list[tuple[float, int, int]] = []
    if len(left_old) * len(left_new) <= MAX_BODY_PAIRS:
        words_old = {i: _words(body(old_text, old_sections[i])) for i in left_old}
        words_new = {j: _words(body(new_text, new_sections[j])) for j in left_new}
        for i in left_old:
            for j in left_new:
                if (old_sections[i].level == 0) != (new_sections[j].level == 0):
                    continue
                h = fuzz.ratio(heads_old[i], heads_new[j])
                wa, wb = words_old[i], words_new[j]
                union = len(wa | wb)
                b = len(wa & wb) / union if union else 0.0
                enough = min(len(wa), len(wb)) >= BODY_MIN_WORDS
                if h >= HEADING_CLOSE or (b >= BODY_CLOSE and enough) or (h >= 50 and b >= 0.5):
                    candidates.append((h / 100 + b, i, j))
    else:
        # Many unmatched sections (say, every heading renumbered): close headings found
        # by rapidfuzz in C, bodies only when identical.
        by_body: dict[str, list[int]] = {}
        for j in left_new:
            by_body.setdefault(body(new_text, new_sections[j]).strip(), []).append(j)
        for i in left_old:
            old_sec = old_sections[i]
            same_body = (
                by_body.get(body(old_text, old_sec).strip(), [])
                if old_sec.body_start < old_sec.end
                else []
            )
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


def _in_place(pairs: list[tuple[int, int]], weights: list[int]) -> set[int]:
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


# --------------------------------------------------------------------------- diffing


def _normalised(text: str) -> str:
    return " ".join(layout_tokens(text))


#: How many texts' structures :func:`parse` remembers.
PARSE_CACHE_SIZE = 8
_parsed: OrderedDict[str, Structure] = OrderedDict()
_parsed_lock = threading.Lock()


def parse(text: str) -> tuple[tuple[Section, ...], tuple[DataCategory, ...]]:
    """Sections and data categories of a text, remembered for the last few texts.

    Parsing is most of the cost of a diff of a large notice; the TUI compares the same
    versions again (toggling whitespace, stepping through neighbouring versions), so
    the last eight texts' structures are kept. A text not seen yet is derived from the
    one parsed last (:func:`notices_repo.sections.parse_structure`: only what changed
    between them is parsed again, with the same result as parsing it whole), so the
    second text of a comparison costs about as much as its changes.
    """
    if not text:
        return (), ()
    with _parsed_lock:
        structure = _parsed.get(text)
        if structure is not None:
            _parsed.move_to_end(text)
        previous = next(reversed(_parsed.items()), None) if structure is None else None
    if structure is None:
        structure = parse_structure(text, previous)
        with _parsed_lock:
            _parsed[text] = structure
            while len(_parsed) > PARSE_CACHE_SIZE:
                _parsed.popitem(last=False)
    return tuple(structure.sections), tuple(structure.categories)


def clear_parse_cache() -> None:
    """Forget the structures :func:`parse` remembers (for benchmarks and tests)."""
    with _parsed_lock:
        _parsed.clear()


#: Sections and data categories of one text, as :func:`parse` returns them.
Parsed = tuple[Sequence[Section], Sequence[DataCategory]]


def diff_texts(
    old: str,
    new: str,
    *,
    ignore_whitespace: bool = False,
    full: bool = False,
    old_parsed: Parsed | None = None,
    new_parsed: Parsed | None = None,
) -> DiffResult:
    """Compare two versions of a notice section by section.

    ``ignore_whitespace`` compares layout tokens (whitespace, re-wrapping and list-marker
    spacing vanish; hunks then refer to normalised text). ``full`` only changes what
    :attr:`DiffResult.shown_sections` and the JSON include: every section, or only the
    changed ones. ``old_parsed``/``new_parsed``: the texts' sections and categories when
    the caller has them (e.g. cached by blob id); otherwise :func:`parse` is used. See
    the module docstring for matching and the invariant.
    """
    if old_parsed is None:
        old_parsed = parse(old)
    if new_parsed is None:
        new_parsed = parse(new)
    old_parsed = split_front_matter(old, old_parsed)
    new_parsed = split_front_matter(new, new_parsed)
    old_sections = list(old_parsed[0])
    new_sections = list(new_parsed[0])
    pairs = match_sections(old, old_sections, new, new_sections)
    weights = [
        old_sections[i].end - old_sections[i].start + new_sections[j].end - new_sections[j].start
        for i, j in pairs
    ]
    keep = _in_place(pairs, weights)
    by_new = {j: (i, k not in keep) for k, (i, j) in enumerate(pairs)}
    new_of_old = {i: j for i, j in pairs}

    items: list[tuple[tuple[int, int, int], SectionDiff]] = []
    for j, new_sec in enumerate(new_sections):
        new_piece = new[new_sec.start : new_sec.end]
        if j not in by_new:
            hunks = [Hunk("insert", "", new_piece, 0, 0)] if new_piece else []
            sd = SectionDiff(new_sec.heading, None, ADDED, False, hunks, new_sec.level)
        else:
            i, moved = by_new[j]
            old_sec = old_sections[i]
            old_piece = old[old_sec.start : old_sec.end]
            normalised = False
            if ignore_whitespace:
                renamed = old_sec.heading.split() != new_sec.heading.split()
                if old_piece != new_piece:
                    old_piece, new_piece = _normalised(old_piece), _normalised(new_piece)
                    normalised = True
            else:
                renamed = old_sec.heading != new_sec.heading
            if old_piece == new_piece and not renamed:
                status = MOVED if moved else UNCHANGED
                hunks = [Hunk(EQUAL, old_piece, new_piece, 0, 0)] if new_piece else []
            elif moved and not renamed and old_piece.rstrip() == new_piece.rstrip():
                # The blank lines between sections stayed behind: moved, not changed.
                status = MOVED
                hunks = word_diff(old_piece, new_piece)
            else:
                status = CHANGED
                hunks = word_diff(old_piece, new_piece)
            sd = SectionDiff(
                new_sec.heading,
                old_sec.heading if renamed else None,
                status,
                moved,
                hunks,
                new_sec.level,
                old_index=i,
                old_start=old_sec.start,
                old_end=old_sec.end,
                normalised=normalised,
            )
        sd.new_index = j
        sd.new_start, sd.new_end = new_sec.start, new_sec.end
        items.append(((j, 0, 0), sd))
    for i, old_sec in enumerate(old_sections):
        if i in new_of_old:
            continue
        old_piece = old[old_sec.start : old_sec.end]
        hunks = [Hunk("delete", old_piece, "", 0, 0)] if old_piece else []
        sd = SectionDiff(
            old_sec.heading,
            None,
            REMOVED,
            False,
            hunks,
            old_sec.level,
            old_index=i,
            old_start=old_sec.start,
            old_end=old_sec.end,
        )
        # Right after the new position of the nearest earlier old section that is kept.
        anchor = next((new_of_old[k] for k in range(i - 1, -1, -1) if k in new_of_old), -1)
        items.append(((anchor, 1, i), sd))
    items.sort(key=lambda item: item[0])
    sections = [sd for _, sd in items]
    categories = _diff_categories(list(old_parsed[1]), list(new_parsed[1]), ignore_whitespace)
    return DiffResult(sections, categories, ignore_whitespace=ignore_whitespace, full=full)


#: Heading of the section YAML front matter gets in a comparison (level 0, as a preamble).
FRONT_MATTER = "Front matter"


def split_front_matter(text: str, parsed: Parsed) -> Parsed:
    """``parsed`` with a text's YAML front matter (and the blank lines after it) cut
    out of the preamble into a section of its own, :data:`FRONT_MATTER`: its changes
    show on their own, and the preamble pairs with the preamble. Coverage is kept."""
    end = front_matter_end(text)
    sections = parsed[0]
    if not end or not sections or sections[0].start != 0 or sections[0].level != 0:
        return parsed
    first = sections[0]
    front = Section(FRONT_MATTER, 0, 0, 0, min(end, first.end))
    rest = [Section("", 0, end, end, first.end)] if end < first.end else []
    return (front, *rest, *sections[1:]), parsed[1]


# --------------------------------------------------------------------------- categories


def _diff_categories(
    old_cats: list[DataCategory], new_cats: list[DataCategory], ignore_whitespace: bool
) -> list[CategoryDiff]:

    def same(a: str, b: str) -> bool:
        if ignore_whitespace:
            return _normalised(a) == _normalised(b)
        return a == b

    queues: dict[str, list[int]] = {}
    for i, cat in enumerate(old_cats):
        queues.setdefault(_norm_heading(cat.name), []).append(i)
    pairs: dict[int, int] = {}
    for j, cat in enumerate(new_cats):
        queue = queues.get(_norm_heading(cat.name))
        if queue:
            pairs[j] = queue.pop(0)
    new_of_old = {i: j for j, i in pairs.items()}
    items: list[tuple[tuple[int, int, int], CategoryDiff]] = []
    for j, cat in enumerate(new_cats):
        if j in pairs:
            old_cat: DataCategory = old_cats[pairs[j]]
            status = UNCHANGED if same(old_cat.description, cat.description) else CHANGED
            diff = CategoryDiff(cat.name, status, old_cat.description, cat.description, cat.section)
        else:
            diff = CategoryDiff(cat.name, ADDED, None, cat.description, cat.section)
        items.append(((j, 0, 0), diff))
    for i, cat in enumerate(old_cats):
        if i in new_of_old:
            continue
        anchor = next((new_of_old[k] for k in range(i - 1, -1, -1) if k in new_of_old), -1)
        items.append(
            ((anchor, 1, i), CategoryDiff(cat.name, REMOVED, cat.description, None, cat.section))
        )
    items.sort(key=lambda item: item[0])
    return [c for _, c in items]
