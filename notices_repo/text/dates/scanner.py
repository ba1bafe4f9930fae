"""Stamp candidates in one region of a text, and the best of them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from notices_repo.text.dates.clean import (
    BARE_TRAIL_RE,
    CJK_PROSE_LEAD_RE,
    LABEL_ALONE_RE,
    LEADING_MARKUP,
    LIST_ITEM_RE,
    RULE_LINE_RE,
    SENTENCE_END_RE,
    STAMP_TRAIL_RE,
    clean_fragment,
    suffix_re,
)
from notices_repo.text.dates.labels import (
    CONNECT_RE,
    LAST_GAP_RE,
    OF_THIS_RE,
    RANGE_RE,
    VERSION_NUMBER_RE,
    LabelKind,
    is_cjk,
    kind_of,
    label_fast_re,
    leads,
)
from notices_repo.text.dates.parse import (
    FOREIGN_DIGIT_RE,
    WIDE_PROBE,
    ascii_digits,
    date_from_match,
    date_re,
    iter_dates,
    month_overrides,
    wide_text,
)
from notices_repo.text.dates.preamble import under_level1_title
from notices_repo.text.dates.stamp import (
    BARE_MAX,
    DATE_REACH,
    LABEL_LINE_MAX,
    LABEL_REACH,
    LONG_LINE,
    MAX_DATE_SEARCHES,
    MAX_YEARS,
    NEXT_LINES,
    WINDOW_AFTER,
    WINDOW_BEFORE,
)
from notices_repo.text.markup import FRONT_OPENS_ANY

# ----------------------------------------------------------------------- scanning


@dataclass(slots=True)
class Candidate:
    """A possible stamp in a region: its date, label, place and how it ranks."""

    rank: int  # 0 effective, 1 other label, 2 bare date line
    sub: int  # front matter first, by key rank
    line: int
    col: int
    date: datetime.date
    precision: str
    label: str
    newest: int = 0  # date stamps that list a history: the newest date wins

    def key(self) -> tuple[int, int, bool, int, int, int]:
        """The sort key of the best candidate (smallest first)."""
        # a labelled stamp before a history line of its rank; among history lines the
        # newest date
        return (self.rank, self.sub, self.newest != 0, -self.newest, self.line, self.col)


def _labels_before(s: str, lo: int, ds: int) -> list[tuple[int, LabelKind]]:
    """Labels in ``s[lo:ds]`` whose date starts exactly at ``ds``, nearest first.

    Each is ``(start, kind)``. "Published Date: ..." gives both "Date" and "Published".
    """
    window_start = max(lo, ds - LABEL_REACH)
    low = s[window_start:ds].replace("İ", "I").lower()
    if len(low) != ds - window_start:  # lower() changed the length: give up on the line
        return []
    labels = []
    for lm in reversed(list(label_fast_re().finditer(low))):
        start = window_start + lm.start()
        if start > 0 and s[start - 1].isalnum() and not is_cjk(s[start]):
            continue  # inside a word (scripts without spaces have no word bounds)
        kind = kind_of(lm.group())
        if kind is None:
            continue
        if _date_start_after(s, window_start + lm.end(), kind, ds):
            labels.append((start, kind))
    return labels


def _date_start_after(s: str, pos: int, kind: LabelKind, ds: int) -> bool:
    """Whether the date after a label ending at ``pos`` starts at ``ds``."""
    connect = CONNECT_RE.match(s, pos, ds)
    if connect is not None and connect.end() == ds:
        return True
    if kind.last:
        gap = LAST_GAP_RE.match(s, pos, ds)
        if gap is not None and gap.end() == ds:
            return True
    if kind.max_words:
        gap = OF_THIS_RE.match(s, pos, ds)
        connect = CONNECT_RE.match(s, gap.end(), ds) if gap is not None else None
        if connect is not None and connect.end() == ds:
            return True
    if kind.label == "version":
        number = VERSION_NUMBER_RE.match(s, pos, ds)
        if number is not None and number.end() == ds:
            return True
    return False


def _cjk_prose(s: str, prev_end: int, dm: re.Match[str], line_start: bool) -> bool | None:
    """Whether the CJK date ``dm`` of ``s`` is the stamp of a sentence that states the
    text's date ("本政策自2020年9月9日起生效。", "이 방침은 2020년 9월 9일부터
    시행됩니다."): True when it says effective, False updated, None when it is not such a
    sentence. The sentence starts its line (or follows a sentence end) and ends with the
    stamp word (then the line or another sentence)."""
    ds = dm.start()
    start = prev_end
    for m in SENTENCE_END_RE.finditer(s, prev_end, ds):
        start = m.end()
    if start == 0 and not line_start:
        return None  # a window of a very long line: where its sentence starts is unknown
    lead = CJK_PROSE_LEAD_RE.match(s, start, ds)
    if lead is None or lead.end() != ds:
        return None
    sm = suffix_re().match(s, dm.end())
    if sm is None:
        return None
    if sm.end() != len(s) and not any(c in s[dm.end() : sm.end()] for c in "。."):
        return None  # the sentence goes on
    return sm.group("eff") is not None


def _is_year_at(text: str, p: int, end: int) -> bool:
    """Whether ``text[p:p+4]`` ("19.."/"20.." already checked) is a four-digit year."""
    return (
        p + 4 <= end
        and "0" <= text[p + 2] <= "9"
        and "0" <= text[p + 3] <= "9"
        and not (p > 0 and "0" <= text[p - 1] <= "9")
        and not (p + 4 < len(text) and "0" <= text[p + 4] <= "9")
    )


def _is_short_year_at(text: str, p: int, end: int) -> bool:
    """Whether ``text[p:p+3]`` (a quote already checked) is a ``'23`` year."""
    return p + 3 <= end and "0" <= text[p + 1] <= "9" and "0" <= text[p + 2] <= "9"


# What a year starts with, and how the rest is checked.
_Needles = tuple[tuple[str, Callable[[str, int, int], bool]], ...]
_NEEDLES: _Needles = (("20", _is_year_at), ("19", _is_year_at),
            ("'", _is_short_year_at), ("’", _is_short_year_at))  # fmt: skip
# The wide reading (parse.wide_text) has Thai Buddhist Era years too: 2563 is 2020.
_WIDE_NEEDLES: _Needles = (*_NEEDLES, ("25", _is_year_at), ("24", _is_year_at), ("26", _is_year_at))


def _year_offsets(
    text: str, start: int, end: int, limit: int, from_end: bool, needles: _Needles = _NEEDLES
) -> list[int]:
    """Sorted offsets in ``text[start:end]`` of four-digit years 1900-2099 (not part of
    a longer number) and of two-digit ``'23`` years: the first ``limit`` ones, or the
    last ``limit`` ones when ``from_end``. ``needles``: ``_WIDE_NEEDLES`` for Buddhist
    Era years too."""
    hits: list[int] = []
    for needle, check in needles:
        found = 0
        if from_end:
            p = text.rfind(needle, start, end)
            while p != -1 and found < limit:
                if check(text, p, end):
                    hits.append(p)
                    found += 1
                p = text.rfind(needle, start, p + len(needle) - 1)
        else:
            p = text.find(needle, start, end)
            while p != -1 and found < limit:
                if check(text, p, end):
                    hits.append(p)
                    found += 1
                p = text.find(needle, p + 1, end)
    hits.sort()
    return hits[-limit:] if from_end else hits[:limit]


# The start of the last text asked about and whether it reads wide: a text's regions are
# scanned one after the other, and the versions of a notice mostly start alike. The
# answer depends on the first WIDE_PROBE characters only; holding a copy of them, not
# the text, lets the text be freed at once.
_last_wide: list[tuple[str, bool]] = [("\0", False)]


def _reads_wide(text: str) -> bool:
    """:func:`wide_text` of ``text``, asked once per text start."""
    start, last = _last_wide[0]
    if text.startswith(start) and (len(start) == WIDE_PROBE or len(text) == len(start)):
        return last
    wide = wide_text(text)
    _last_wide[0] = (text[:WIDE_PROBE], wide)
    return wide


class RegionScanner:
    """Candidates from one region of the text."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        first_line: int,
        from_end: bool,
        strict: tuple[tuple[int, int], ...] | None = None,
    ):
        self.text = text
        # Stamp lines only (the rest of the preamble), never in these hidden spans
        # (front matter, HTML comments): see RegionScanner.is_stamp_line.
        self.strict = strict
        self.hidden: tuple[tuple[int, int], ...] = ()  # HTML comments: not seen
        self.segment_start = start
        self.start = start  # region [start, end) of text
        self.end = end
        self.first_line = first_line  # line number of self.start
        self.partial_start = start > 0 and text[start - 1] != "\n"  # mid-line start
        self.from_end = from_end  # the end region: its last years matter most
        self.budget = MAX_DATE_SEARCHES  # bounds the work on adversarial texts
        self.found: list[Candidate] = []
        self.wide = False  # the wide reading of parse.wide_text (set by scan)
        self.needles = _NEEDLES
        self.unread = False  # a leading label's date could not be read (01/06/2023)

    # -- lines of the region
    def line_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end of the line at ``pos``, within the region."""
        ls = self.text.rfind("\n", self.start, pos) + 1
        if ls == 0:
            ls = self.start
        le = self.text.find("\n", pos, self.end)
        if le == -1:
            le = self.end
        return ls, le

    def scan(self) -> None:
        """Look at every line (or long-line window) of the region that holds a year."""
        if _reads_wide(self.text):
            self.read_wide()
        # Real regions hold at most about fifteen years; the cap bounds odd texts.
        hits = _year_offsets(
            self.text, self.start, self.end, MAX_YEARS, self.from_end, self.needles
        )
        done_lines: set[int] = set()
        line_no = self.first_line
        counted_to = self.start
        for p in hits:
            if any(c.rank == 0 and not c.newest for c in self.found):
                return  # an effective stamp: nothing later can beat it (a history line can)
            line_no += self.text.count("\n", counted_to, p)
            counted_to = p
            ls, le = self.line_bounds(p)
            whole = ls > self.start or not self.partial_start
            if le - ls <= LONG_LINE:
                if line_no not in done_lines:
                    done_lines.add(line_no)
                    self.scan_segment(ls, ls, le, line_no, whole, None)
            else:
                ws = max(ls, p - WINDOW_BEFORE)
                we = min(le, p + WINDOW_AFTER)
                self.scan_segment(ls, ws, we, line_no, whole and ws == ls, p - ws)

    def read_wide(self) -> None:
        """Read the region the wide way: words with marks, Buddhist Era years, and the
        digits of other scripts as ASCII digits (the text keeps its length, so every
        offset stays; only the region is rewritten, and only when it holds such
        digits)."""
        self.wide = True
        self.needles = _WIDE_NEEDLES
        text, start, end = self.text, self.start, self.end
        if FOREIGN_DIGIT_RE.search(text, start, end) is not None:
            self.text = text[:start] + ascii_digits(text[start:end]) + text[end:]

    def scan_segment(
        self, ls: int, ws: int, we: int, line_no: int, line_start: bool, year_at: int | None
    ) -> None:
        """Dates in ``text[ws:we]``, a line starting at ``ls`` or a window of it.

        ``line_start``: the segment starts at the start of its line. ``year_at``: for a
        window, the offset of the year that caused it; only the date holding it is used.
        """
        raw = self.text[ws:we]
        self.segment_start = ws
        s = clean_fragment(raw)
        lo, hi = 0, len(s)
        if year_at is not None:  # cleaning removed len(raw) - len(s) characters
            slack = len(raw) - len(s) + 2
            lo, hi = max(0, year_at - slack), min(len(s), year_at + 6)
        prev_end = 0  # end of the previous date on the segment
        for y in _year_offsets(s, lo, hi, max(self.budget, 0), False, self.needles):
            if y < prev_end:
                continue
            self.budget -= 1
            if self.budget < 0:
                return
            # The date holding this year starts at most DATE_REACH characters before it.
            dates = iter_dates(s, True, max(prev_end, y - DATE_REACH), y + 40, self.wide)
            for dm, parsed in dates:
                if dm.start() <= y < dm.end():
                    if RANGE_RE.match(s, dm.end()) is None:
                        self.classify(ls, raw, s, dm, parsed, prev_end, line_no, line_start)
                    prev_end = dm.end()
                    break

    def classify(
        self,
        ls: int,
        raw: str,
        s: str,
        dm: re.Match[str],
        parsed: tuple[datetime.date, str] | None,
        prev_end: int,
        line_no: int,
        line_start: bool,
    ) -> None:
        """Add the date ``dm`` of the cleaned segment ``s`` if it is a stamp."""
        ds = dm.start()
        if self.strict is not None and not self.is_stamp_line(ls, raw, s, dm):
            return
        if self.hidden:
            # where the date is, give or take the characters cleaning removed before it
            at = self.segment_start + ds
            if any(lo <= at < hi for lo, hi in self.hidden):
                return
        labels = _labels_before(s, prev_end, ds)
        col = ds
        if labels:
            leading = [
                (start, kind)
                for start, kind in labels
                if leads(s[prev_end:start], kind, line_start or prev_end > 0)
            ]
            if not leading:
                return
            col, kind = leading[0]
        elif line_start and not s[:ds].strip(LEADING_MARKUP):
            # The date starts its line: a word after it ("2020年9月9日 改定"), a label
            # alone above it, or a bare date line.
            sm = suffix_re().fullmatch(s, dm.end())
            if sm is not None:
                if parsed is not None:
                    # Such lines list a history (enacted, revised, revised): newest wins.
                    effective = sm.group("eff") is not None
                    label = "effective" if effective else "updated"
                    self.add(0 if effective else 1, line_no, ds, parsed[0], parsed[1], label)
                    self.found[-1].newest = parsed[0].toordinal()
                return
            above = self.label_alone_above(ls)
            if above is None:
                if (
                    parsed is not None
                    and self.is_bare(raw, s, dm)
                    and (self.strict is None or self.under_title(ls))
                ):
                    self.add(2, line_no, ds, parsed[0], parsed[1], "date")
                return
            kind = above
        elif dm.group("cjk") is not None and parsed is not None:
            effective = _cjk_prose(s, prev_end, dm, line_start)
            if effective is not None:
                label = "effective" if effective else "updated"
                self.add(0 if effective else 1, line_no, ds, parsed[0], parsed[1], label)
            return
        else:
            return
        if (kind.dayfirst and dm.group("num") is not None) or kind.lang in month_overrides():
            parsed = date_from_match(dm, kind.dayfirst, kind.lang)
        if parsed is not None:
            self.add(0 if kind.effective else 1, line_no, col, parsed[0], parsed[1], kind.label)
        else:
            self.unread = True

    def add(
        self, rank: int, line: int, col: int, date: datetime.date, precision: str, label: str
    ) -> None:
        """Record a labelled candidate (``rank`` 0 for an effective label, else 1)."""
        self.found.append(Candidate(rank, 0, line, col, date, precision, label))

    def label_alone_above(self, ls: int) -> LabelKind | None:
        """The label standing alone on one of the few lines above the line at ``ls``."""
        text = self.text
        pos = ls
        for _ in range(NEXT_LINES):
            if pos <= self.start:
                return None
            prev_start = text.rfind("\n", self.start, pos - 1) + 1
            if prev_start == 0:
                prev_start = self.start
            line = text[prev_start : pos - 1]
            pos = prev_start
            if RULE_LINE_RE.fullmatch(line):
                continue  # blank line, setext underline, table rule
            if len(line) > LABEL_LINE_MAX:
                return None
            cleaned = clean_fragment(line)
            low = cleaned.lower()
            lead = LABEL_ALONE_RE.match(low)
            lm = label_fast_re().match(low, lead.end() if lead else 0)
            if lm is None or not LABEL_ALONE_RE.fullmatch(low, lm.end()):
                return None
            kind = kind_of(lm.group())
            return None if kind is None or kind.label == "version" else kind
        return None

    def is_stamp_line(self, ls: int, raw: str, s: str, dm: re.Match[str]) -> bool:
        """Whether the line of the date ``dm`` is a stamp line: a label (or nothing) at its
        start, then the date, then at most punctuation and one parenthesis ("(previous
        version)"); not a table row, not hidden (front matter, comment)."""
        if any(lo <= ls < hi for lo, hi in self.strict or ()):
            return False
        if raw.lstrip().startswith(("|", "[", "![")) or raw.count("|") >= 2:
            return False  # a table row (a change log, a summary), a link
        if LIST_ITEM_RE.match(raw):
            return False  # a list: contents, older versions
        if (
            suffix_re().fullmatch(s, dm.end()) is None
            and STAMP_TRAIL_RE.fullmatch(s, dm.end()) is None
        ):
            return False
        low = s[: dm.start()].lower()
        lead = LABEL_ALONE_RE.match(low)
        if lead is None or lead.end() == len(low):
            return True  # the date starts the line
        lm = label_fast_re().match(low, lead.end())
        kind = kind_of(lm.group()) if lm is not None else None
        if lm is None or kind is None or len(low) != dm.start():
            return False
        return _date_start_after(s, lm.end(), kind, dm.start())

    def under_title(self, ls: int) -> bool:
        """Whether the line at ``ls`` stands right under a level-1 heading."""
        return under_level1_title(self.text, ls)

    @staticmethod
    def is_bare(raw: str, s: str, dm: re.Match[str]) -> bool:
        """Whether the line is nothing but a date (not a list item, not a link)."""
        if len(s) > BARE_MAX or LIST_ITEM_RE.match(raw):
            return False
        stripped = raw.lstrip()
        if stripped.startswith("[") or stripped.startswith("!["):
            return False  # a link, e.g. to an archived version
        return BARE_TRAIL_RE.fullmatch(s, dm.end()) is not None

    def front_matter(self) -> None:
        """Date keys of a YAML (---) or TOML (+++) front matter at the start."""
        text = self.text
        first_end = text.find("\n", 0, self.end)
        if first_end == -1 or text[:first_end].strip() not in FRONT_OPENS_ANY:
            return
        fence = text[:first_end].strip()
        pos = first_end + 1
        line_no = 1
        while pos < self.end:
            nl = text.find("\n", pos, self.end)
            line = text[pos : nl if nl != -1 else self.end]
            if line.strip() in (fence, "..."):
                return
            m = _FM_LINE_RE.match(line)
            if m is not None:
                key = m.group(1).strip().lower().replace("-", "_").replace(" ", "_")
                sub = _FM_KEYS.get(key)
                value = clean_fragment(m.group(2)).strip().strip("\"'").strip()
                dm = date_re().match(value) if sub is not None else None
                parsed = date_from_match(dm, dayfirst=False) if dm is not None else None
                if sub is not None and parsed is not None:
                    rank = 0 if sub == 0 else 1
                    self.found.append(Candidate(rank, sub - 3, line_no, 0, *parsed, "front-matter"))
            if nl == -1:
                return
            pos = nl + 1
            line_no += 1

    def best(self) -> Candidate | None:
        """The winning candidate of the region, or None."""
        return min(self.found, key=Candidate.key) if self.found else None


# Front matter keys, by rank: effective keys, then update keys, then plain dates.
_FM_KEYS: dict[str, int] = {
    **dict.fromkeys(
        ("effective_date", "effective", "effective_from", "effective_on", "effective_as_of",
         "effectivedate", "in_force", "in_force_from", "valid_from"),
        0,
    ),
    **dict.fromkeys(
        ("last_updated", "lastupdated", "updated", "updated_at", "updated_on", "last_update",
         "last_modified", "modified", "modified_at", "date_modified", "datemodified",
         "lastmod", "last_mod", "last_revised", "revised"),
        1,
    ),
    **dict.fromkeys(
        ("date", "published", "published_at", "date_published", "release_date",
         "publication_date", "version_date", "dated"),
        2,
    ),
}  # fmt: skip
_FM_LINE_RE = re.compile(r"\s*([A-Za-z][\w\- ]{0,40}?)\s*[:=]\s*(.*)")
