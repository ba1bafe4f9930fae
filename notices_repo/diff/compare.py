"""Section-aware comparison of two versions of a notice.

:func:`diff_texts` splits both texts with :func:`notices_repo.text.sections.split_sections`,
matches the sections between the versions (:mod:`notices_repo.diff.matching`), word-diffs
the changed ones (:mod:`notices_repo.diff.words`) and compares the data categories on their
own. The result,
a :class:`DiffResult`, is what the ``diff`` command prints and what the TUI's diff view
renders: a flat list of sections, each with its own flat list of hunks whose offsets are
relative to the section's text, so a view can lay out only what is on screen.

Matching sections
    1. Same heading (case and spacing ignored), paired in order of occurrence; the
       preamble (the text before the first heading) pairs with the preamble. YAML
       front matter is cut out of the preamble into a section of its own, ``Front
       matter`` (:func:`split_front_matter`), so its changes show apart.
    2. Among the rest, renamed headings, greedily best first. A pair is a rename only
       when the heading changed only a little or the bodies are alike; otherwise it is
       one section removed and one added (issue 14: "Retention of personal data" ->
       "Sharing of Personal Data" and "Cross-border data transfers" -> "California"
       were paired before). The heading changed only a little when, case and spacing
       ignored, the ``rapidfuzz`` ratio is at least ``HEADING_CLOSE`` (85: a few
       characters of a short heading; "Retention"/"Sharing" scores 80), or only the
       section number, a date or punctuation changed ("6 BRAZIL" -> "5. BRAZIL"), or the words
       of one heading (two or more) all stay in the other ("Activity Controls" ->
       "Personalization and Activity Controls"). The bodies are alike when at least
       ``BODY_ALIKE`` (half) of their words are in common, in order (Indel
       similarity of the word sequences), both having at least ``BODY_MIN_WORDS``
       words.
       Measured on the shared corpus by ``bench/renames.py``.
    3. Moves: the matched pairs in new-text order; the largest set of pairs (weighted by
       section size) whose old order agrees stays in place; the others are ``moved``.

Statuses: ``added``, ``removed``, ``unchanged``, ``moved`` (same text, other place),
``changed`` (with ``moved`` true when it also moved). A renamed heading is a change;
the section then has ``old_heading``. A moved section whose text differs only in
trailing whitespace (the blank lines that separated it from its old neighbour) is
``moved``, not ``changed``; its hunks still carry that whitespace change.

The invariant (with or without whitespace ignoring), checked by the property tests:

- every section's hunks rebuild that section's old and new text exactly (an added
  section's old text and a removed section's new text are ``""``);
- ``result.sections`` is in new-text order (a removed section comes right after the
  section that preceded it in the old text), so joining ``h.new`` over all sections and
  hunks gives the new text; joining ``h.old`` over the sections sorted by
  ``old_index`` gives the old text. :meth:`DiffResult.rebuild` does both.

With ``ignore_whitespace`` a matched section is compared by its layout tokens
(:func:`notices_repo.text.whitespace.layout_tokens`): whitespace and layout-only changes vanish
and a whitespace-only revision has no changes. The hunks still hold the original texts
(lines, headings and Markdown kept): a word diff of the originals in which every
layout-only change is an ``equal`` hunk (:func:`notices_repo.diff.whitespace.ignore_layout`),
whose ``old`` and ``new`` may then differ in layout; it is shown from the new side.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from notices_repo.diff.matching import in_place, match_sections, norm_heading
from notices_repo.diff.whitespace import ignore_layout
from notices_repo.diff.words import COARSE_LIMIT, EQUAL, Hunk, word_diff_capped
from notices_repo.text.body import front_matter_end
from notices_repo.text.sections import DataCategory, Section, Structure, parse_structure
from notices_repo.text.spans import texts_equal
from notices_repo.text.whitespace import layout_equal

__all__ = [
    "ADDED",
    "CHANGED",
    "COARSE_LIMIT",
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
    "parse",
    "split_front_matter",
]

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
MOVED = "moved"
UNCHANGED = "unchanged"


@dataclass(slots=True)
class SectionDiff:
    """One section of the comparison.

    ``heading`` is the new heading (the old one for a removed section); ``old_heading``
    is set only when the heading was renamed. ``old_index``/``new_index`` index
    ``split_sections`` of each text (``None`` on the side the section is missing);
    ``old_start``/``old_end`` and ``new_start``/``new_end`` are its offsets in the
    original texts. Hunk offsets are relative to the section's text.
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
    coarse: bool = False

    @property
    def is_change(self) -> bool:
        """Anything but ``unchanged``."""
        return self.status != UNCHANGED

    @property
    def change_count(self) -> int:
        """How many change hunks (insert, delete, replace) the section has."""
        return sum(1 for h in self.hunks if h.op != EQUAL)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: heading, old_heading, status, moved, coarse, hunks."""
        return {
            "heading": self.heading,
            "old_heading": self.old_heading,
            "status": self.status,
            "moved": self.moved,
            "coarse": self.coarse,
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
    def coarse(self) -> bool:
        """True when part of the comparison was coarsened: by sentences, not words.

        Past ``coarse_limit`` characters of changed text (5 MB by default), changed
        sentences are shown replaced whole, to keep time and memory bounded.
        """
        return any(s.coarse for s in self.sections)

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
            "coarse": self.coarse,
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


# --------------------------------------------------------------------------- diffing


#: How many texts' structures :func:`parse` remembers.
PARSE_CACHE_SIZE = 8
_parsed: OrderedDict[str, Structure] = OrderedDict()
_parsed_lock = threading.Lock()


def parse(text: str) -> tuple[tuple[Section, ...], tuple[DataCategory, ...]]:
    """Sections and data categories of a text, remembered for the last few texts.

    Parsing is most of the cost of a diff of a large notice; the TUI compares the same
    versions again (toggling whitespace, stepping through neighbouring versions), so
    the last eight texts' structures are kept. A text not seen yet is derived from the
    one parsed last (:func:`notices_repo.text.sections.parse_structure`: only what changed
    between them is parsed again, with the same result as parsing it whole), so the
    second text of a comparison costs about as much as its changes (a huge one is parsed
    whole: :data:`notices_repo.text.sections.DERIVE_MAX`).
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
    coarse_limit: int | None = None,
) -> DiffResult:
    """Compare two versions of a notice section by section.

    ``ignore_whitespace`` compares layout tokens (whitespace, re-wrapping and list-marker
    spacing vanish; the hunks keep the original texts, layout-only changes as equal).
    ``full`` only changes what :attr:`DiffResult.shown_sections` and the JSON include:
    every section, or only the changed ones. ``old_parsed``/``new_parsed``: the texts'
    sections and categories when the caller has them (e.g. cached by blob id); otherwise
    :func:`parse` is used. See the module docstring for matching and the invariant.
    ``coarse_limit``: characters of changed text (both sides, all sections) compared
    word by word (default :data:`COARSE_LIMIT`, 5 MB); past it, by sentences only, and
    :attr:`DiffResult.coarse` is true.
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
    keep = in_place(pairs, weights)
    by_new = {j: (i, k not in keep) for k, (i, j) in enumerate(pairs)}
    new_of_old = {i: j for i, j in pairs}

    budget = COARSE_LIMIT if coarse_limit is None else coarse_limit  # left to compare by words
    items: list[tuple[tuple[int, int, int], SectionDiff]] = []
    for j, new_sec in enumerate(new_sections):
        if j not in by_new:
            new_piece = new[new_sec.start : new_sec.end]
            hunks = [Hunk("insert", "", new_piece, 0, 0)] if new_piece else []
            sd = SectionDiff(new_sec.heading, None, ADDED, False, hunks, new_sec.level)
        else:
            i, moved = by_new[j]
            sd, compared = _compare_pair(
                old, new, old_sections[i], new_sec, i, moved, ignore_whitespace, budget
            )
            budget -= compared
        sd.new_index = j
        sd.new_start, sd.new_end = new_sec.start, new_sec.end
        items.append(((j, 0, 0), sd))
    for i, old_sec in enumerate(old_sections):
        if i not in new_of_old:
            # Right after the new position of the nearest earlier old section that is kept.
            anchor = next((new_of_old[k] for k in range(i - 1, -1, -1) if k in new_of_old), -1)
            items.append(((anchor, 1, i), _removed(old, old_sec, i)))
    items.sort(key=lambda item: item[0])
    sections = [sd for _, sd in items]
    categories = _diff_categories(list(old_parsed[1]), list(new_parsed[1]), ignore_whitespace)
    return DiffResult(sections, categories, ignore_whitespace=ignore_whitespace, full=full)


def _compare_pair(
    old: str,
    new: str,
    old_sec: Section,
    new_sec: Section,
    i: int,
    moved: bool,
    ignore_whitespace: bool,
    budget: int,
) -> tuple[SectionDiff, int]:
    """One matched pair of sections compared; with the characters compared word by word."""
    # Spans, not slices: a section of a huge text is never copied to compare it.
    old_span, new_span = (old_sec.start, old_sec.end), (new_sec.start, new_sec.end)
    size = old_sec.end - old_sec.start
    identical = size == new_sec.end - new_sec.start and texts_equal(
        old, old_sec.start, new, new_sec.start, size
    )
    same = identical
    coarse = False
    compared = 0
    if ignore_whitespace:
        renamed = old_sec.heading.split() != new_sec.heading.split()
        same = same or layout_equal(old, new, old_span, new_span)
    else:
        renamed = old_sec.heading != new_sec.heading
    if same and not renamed:
        status = MOVED if moved else UNCHANGED
        old_piece = old[old_sec.start : old_sec.end]
        # held once when identical (compared above)
        new_piece = old_piece if identical else new[new_sec.start : new_sec.end]
        hunks = [Hunk(EQUAL, old_piece, new_piece, 0, 0)] if old_piece or new_piece else []
    else:
        capped = word_diff_capped(old, new, limit=budget, old_span=old_span, new_span=new_span)
        hunks, coarse, compared = capped.hunks, capped.coarse, capped.compared
        status = CHANGED
        if (
            moved
            and not renamed
            and old[old_sec.start : old_sec.end].rstrip()
            == new[new_sec.start : new_sec.end].rstrip()
        ):
            # The blank lines between sections stayed behind: moved, not changed.
            status = MOVED
        elif ignore_whitespace:
            shown = ignore_layout(hunks, new, new_sec.start)
            if any(h.op != EQUAL for h in shown):  # else: every change counts
                hunks = shown
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
        coarse=coarse,
    )
    return sd, compared


def _removed(old: str, old_sec: Section, i: int) -> SectionDiff:
    """A section of the old version with no counterpart in the new one."""
    old_piece = old[old_sec.start : old_sec.end]
    hunks = [Hunk("delete", old_piece, "", 0, 0)] if old_piece else []
    return SectionDiff(
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
            return layout_equal(a, b)
        return a == b

    queues: dict[str, list[int]] = {}
    for i, cat in enumerate(old_cats):
        queues.setdefault(norm_heading(cat.name), []).append(i)
    pairs: dict[int, int] = {}
    for j, cat in enumerate(new_cats):
        queue = queues.get(norm_heading(cat.name))
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
