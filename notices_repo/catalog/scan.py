"""The history scan in one process: what to read, and the facts of each blob and pair.

What notice-tui derives from blobs: effective dates, titles, and technical revisions. A
blob never changes, so its facts (stated effective date, decoding warning, title) are
cached by blob id (:mod:`notices_repo.catalog.cache`), and so is the verdict on a pair of
blobs (does the newer text differ from the older one only in layout?). Both are
recomputed only when the code deriving them changes
(:func:`notices_repo.catalog.blob.derivation_key` hashes that code).

The history is scanned notice by notice, oldest revision first (:func:`scan_steps`), so
that a revision's text and its parent's text are in hand together. Their common start
and end are found at ``memcmp`` speed (:func:`notices_repo.catalog.technical.common_ends`),
and then:

* *technical*: a coarse key of both ends of the changed middle settles most revisions
  in microseconds; for the others only the changed spans, widened to whole lines, go
  through the layout rules (:func:`notices_repo.catalog.technical.same_layout`): the cost
  follows the size of the change, not of the text;
* *effective date*: the parent's date is reused when the parts of the text that
  :func:`notices_repo.text.dates.find_effective_date` read for the parent are
  byte-identical in the child (:func:`notices_repo.catalog.date_reuse.reuse_regions`);
  otherwise the date is parsed.

Both give exactly what the whole-text rules give (``tests/core/test_perf_scan.py``); the
date shortcut takes the regions from the parser itself (``dates.find_with_regions``),
so it follows that module.

Texts are never kept: a few recent blobs of the notice being scanned are. Large scans are
split over worker processes (each with its own ``cat-file``) that return only facts.

One module per job: :mod:`notices_repo.catalog.blob` (the facts of one blob),
:mod:`.technical` (byte diff and layout verdicts), :mod:`.date_reuse` (a parent's date
reused), this module (the scan in one process) and :mod:`.pool` (worker processes,
:func:`notices_repo.catalog.pool.scan`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from notices_repo.catalog.blob import (
    ANY_BOM,
    HEAD_BYTES,
    MISSING,
    BlobFacts,
    facts_of,
    is_binary,
    sample_ends,
    title_of,
    utf8_bytes,
    valid_utf8,
)
from notices_repo.catalog.date_reuse import (
    LAZY_HEAD,
    NEVER,
    PARSE_FAILED,
    REST_FOUND,
    REST_FREE,
    REST_UNREAD,
    REUSE_PARSE,
    REUSE_QUIET_ENDS,
    REUSE_SAME_DATE,
    changed_middles,
    child_years,
    close_unchanged,
    covers,
    header_facts,
    quiet_regions,
    rest_of,
    rest_unchanged,
    reuse_bounds,
    reuse_regions,
    text_facts,
)
from notices_repo.catalog.technical import common_ends, same_layout
from notices_repo.git.catfile import CatFile
from notices_repo.text.dates.regions import year_hits

#: Blobs of one notice kept in hand while its revisions are scanned (flip-flops come back
#: to recent texts; an older one is read again).
HAND_BLOBS = 8


# --- scanning notices --------------------------------------------------------------------


@dataclass(slots=True)
class Chain:
    """One notice's revisions as ``(parent blob, blob)`` pairs, oldest first."""

    pairs: list[tuple[str | None, str | None]]
    title_blob: str | None = None
    """The newest text, whose title the notice takes (None: title already known)."""


#: A step of a scan: ``(parent to read or None, blob, want its facts, want the pair)``;
#: a title step is ``(None, blob, None, None)``.
Step = tuple[str | None, str, bool | None, bool | None]


def pair_key(old: str, new: str) -> tuple[str, str]:
    """Technical or not is symmetric: one key for both orders."""
    return (old, new) if old < new else (new, old)


def plan(
    chains: Iterable[Chain],
    known_facts: Callable[[str], bool],
    known_pairs: Callable[[tuple[str, str]], bool],
) -> list[list[Step]]:
    """The steps of each notice: what to read and derive, each blob and pair once."""
    facts_done: set[str] = set()
    pairs_done: set[tuple[str, str]] = set()
    out: list[list[Step]] = []
    for chain in chains:
        steps: list[Step] = []
        for parent, blob in chain.pairs:
            if not blob:
                continue
            want_fact = blob not in facts_done and not known_facts(blob)
            facts_done.add(blob)
            want_pair = False
            if parent and parent != blob:
                key = pair_key(parent, blob)
                if key not in pairs_done:
                    pairs_done.add(key)
                    want_pair = not known_pairs(key)
            if want_fact or want_pair:
                steps.append((parent if want_pair else None, blob, want_fact, want_pair))
        if chain.title_blob:
            steps.append((None, chain.title_blob, None, None))
        if steps:
            out.append(steps)
    return out


def _reads(steps: list[Step]) -> list[str]:
    """The blob ids the steps read, in order (the same hand logic as :class:`BlobScanner`)."""
    hand: OrderedDict[str, None] = OrderedDict()
    reads: list[str] = []

    def need(oid: str) -> None:
        if oid in hand:
            hand.move_to_end(oid)
            return
        reads.append(oid)
        hand[oid] = None
        if len(hand) > HAND_BLOBS:
            hand.popitem(last=False)

    for parent, blob, _, _ in steps:
        if parent:
            need(parent)
        need(blob)
    return reads


@dataclass(slots=True)
class ScanResult:
    """What a scan derived: facts by blob, verdicts by :func:`pair_key`, titles by blob."""

    facts: dict[str, BlobFacts] = field(default_factory=dict)
    pairs: dict[tuple[str, str], bool] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    blobs_read: int = 0
    bytes_read: int = 0
    dates_parsed: int = 0

    def merge(self, other: ScanResult) -> None:
        """Add another worker's results."""
        self.facts.update(other.facts)
        self.pairs.update(other.pairs)
        self.titles.update(other.titles)
        self.blobs_read += other.blobs_read
        self.bytes_read += other.bytes_read
        self.dates_parsed += other.dates_parsed


class BlobScanner:
    """Runs steps over a stream of blobs, keeping a few in hand."""

    def __init__(self, stream: Iterator[tuple[str, bytes | None]], result: ScanResult) -> None:
        self.stream = stream
        self.result = result
        self.hand: OrderedDict[str, bytes | None] = OrderedDict()
        self.plain: dict[str, bool] = {}  # blob -> plain UTF-8 (no BOM, not binary)
        # blob -> bytes a child must share with it to have its date, and to have no
        # stamp in its header and end regions either (:func:`reuse_regions`,
        # :func:`quiet_regions`, in bytes), where its header region ends
        # (characters; -1: not known), what a child must know of the rest
        # (:func:`rest_of`), and the room of a close with no break (-1: none)
        self.bounds: dict[str, tuple[tuple[int, int], tuple[int, int], int, int, int]] = {}
        # blob -> (decoded text, what the parser read) of recent parses: bounds are
        # worked out only when a child could use them (most children change the header)
        self.parsed: OrderedDict[str, tuple[str, Any]] = OrderedDict()
        # blob -> offsets of the four-digit years in its (sampled) bytes, when worked out
        # for the rest of a child (:func:`child_years`)
        self.years: OrderedDict[str, list[int]] = OrderedDict()
        self.samples: OrderedDict[str, bytes] = OrderedDict()  # blob -> sample_ends, long ones

    def take(self, oid: str) -> bytes | None:
        """The bytes of ``oid``: from the hand, else the next blob of the stream."""
        hand = self.hand
        if oid in hand:
            hand.move_to_end(oid)
            return hand[oid]
        got, data = next(self.stream)
        if got != oid:  # pragma: no cover - the plan and the scan disagree
            raise RuntimeError(f"blob scan out of step: {got} for {oid}")
        self.result.blobs_read += 1
        if data is not None:
            self.result.bytes_read += len(data)
        hand[oid] = data
        if len(hand) > HAND_BLOBS:
            hand.popitem(last=False)
        return data

    def is_plain(
        self, oid: str, data: bytes, parent: str | None, ends: tuple[int, int] | None
    ) -> bool:
        """Plain UTF-8: valid throughout, no BOM, no NUL near the ends."""
        known = self.plain.get(oid)
        if known is not None:
            return known
        if data.startswith(ANY_BOM) or is_binary(data):
            plain = False
        elif data.isascii():
            plain = True
        elif parent is not None and ends is not None and self.plain.get(parent):
            # The parent is valid and the rest is its bytes: only the changed middle
            # needs checking, from a character start before it to one after it.
            prefix, suffix = ends
            start = max(0, prefix - 4)
            while start > 0 and 0x80 <= data[start] < 0xC0:
                start -= 1
            stop = min(len(data), len(data) - suffix + 4)
            while stop < len(data) and 0x80 <= data[stop] < 0xC0:
                stop += 1
            plain = valid_utf8(data[start:stop])
        else:
            plain = valid_utf8(data)
        self.plain[oid] = plain
        return plain

    def run(self, steps: list[Step]) -> None:
        """Derive what the steps ask for into the result."""
        result = self.result
        plain = self.plain
        for parent, blob, want_fact, want_pair in steps:
            if want_fact is None:  # a title
                result.titles[blob] = title_of(self.take(blob))
                continue
            old = self.take(parent) if parent else None
            if old is not None and parent is not None and parent not in plain:
                self.is_plain(parent, old, None, None)  # met first as a parent
            new = self.take(blob)
            if new is None:
                if want_fact:
                    result.facts[blob] = MISSING
                if want_pair and parent:
                    result.pairs[pair_key(parent, blob)] = False
                continue
            ends = None
            if old is not None and plain.get(parent):  # type: ignore[arg-type]
                ends = common_ends(old, new)
            if want_fact:
                result.facts[blob] = self.facts(blob, new, parent, ends)
            if want_pair and parent:
                result.pairs[pair_key(parent, blob)] = self.technical(
                    old, new, self.is_plain(blob, new, parent, ends), ends
                )

    def facts(
        self, blob: str, data: bytes, parent: str | None, ends: tuple[int, int] | None
    ) -> BlobFacts:
        """The blob's facts: its parent's date when the regions read are the same,
        else parsed (only the close of its first part when its header and end are a
        stampless parent's; not the rest when its changed lines leave the parent's
        answer there). Plain UTF-8 is learnt on the way (a decoded whole is valid)."""
        if data.startswith(ANY_BOM) or is_binary(data):
            self.plain[blob] = False
            return facts_of(data)
        reuse = REUSE_PARSE
        rest_known = REST_UNREAD
        if parent is not None and ends is not None:
            reuse = self.reuse(parent, ends, data)
            known = self.bounds.get(parent)
            if known is not None:
                rest = known[3]
            else:
                parsed = self.parsed.get(parent)
                rest = rest_of(parsed[1]) if parsed is not None else REST_UNREAD
            if rest != REST_UNREAD and (reuse != REUSE_PARSE or rest == REST_FREE):
                reuse, rest_known = self.rest(parent, blob, data, ends, reuse, rest)
            earlier = self.result.facts.get(parent)
            if reuse == REUSE_SAME_DATE and earlier is not None:
                if not self.is_plain(blob, data, parent, ends):
                    return facts_of(data)
                self.bounds[blob] = self.bounds[parent]
                return earlier
        self.result.dates_parsed += 1
        sample = self.sample(blob, data)
        quiet_header = False
        if (
            reuse == REUSE_PARSE
            and len(sample) > LAZY_HEAD
            and ends is not None
            and self.plain.get(parent)  # type: ignore[arg-type]
        ):
            # A child of a plain parent: plain UTF-8 is known from the changed middle
            # alone, so the header can be decoded and read first.
            if not self.is_plain(blob, data, parent, ends):
                return facts_of(data)
            header, read, quiet_header = header_facts(sample)
            if header is not None:
                self.parsed[blob] = read
                if len(self.parsed) > HAND_BLOBS:
                    self.parsed.popitem(last=False)
                return header
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError:
            self.plain[blob] = False
            return facts_of(data)
        if len(sample) == len(data):
            self.plain[blob] = True  # the whole text was decoded
        elif not self.is_plain(blob, data, parent, ends):
            return facts_of(data)
        quiet = reuse == REUSE_QUIET_ENDS
        # The parent's header region is this text's: its end is not worked out again.
        header_end = self.bounds[parent][2] if quiet and parent is not None else -1
        facts, found = text_facts(text, quiet, quiet_header, header_end, rest_known)
        if found is PARSE_FAILED or found is None:
            self.bounds[blob] = (NEVER, NEVER, -1, REST_UNREAD, -1)
        else:
            self.parsed[blob] = (text, found)
            if len(self.parsed) > HAND_BLOBS:
                self.parsed.popitem(last=False)
        return facts

    def reuse(self, parent: str, ends: tuple[int, int], data: bytes) -> int:
        """What a child ``data`` with common ends ``ends`` can take from its parent's
        date: :data:`REUSE_SAME_DATE`, :data:`REUSE_QUIET_ENDS` or nothing
        (:data:`REUSE_PARSE`).

        Characters are never more than bytes, so the bounds in characters rule most
        children out before any byte length is worked out. A parent with no break up to
        its end region needs only its header kept, when the child's changed lines start
        none (:func:`close_unchanged`; texts read whole only).
        """
        known = self.bounds.get(parent)
        if known is None:
            parsed = self.parsed.get(parent)
            if parsed is None:
                return REUSE_PARSE
            text, found = parsed
            same, quiet = reuse_regions(text, found), quiet_regions(text, found)
            if same[0] < 0 and quiet[0] < 0:
                known = self.bounds[parent] = (NEVER, NEVER, -1, rest_of(found), -1)
                del self.parsed[parent]
            elif not covers(ends, same) and not covers(ends, quiet):
                return REUSE_PARSE  # a later child (a branch) may still use them
            else:
                same_bytes, quiet_bytes = reuse_bounds(text, same), reuse_bounds(text, quiet)
                known = (same_bytes, quiet_bytes, found[1], rest_of(found), found[7])
                self.bounds[parent] = known
                del self.parsed[parent]
        if covers(ends, known[0]):
            room = known[4]
            if room < 0:
                return REUSE_SAME_DATE
            old = self.hand.get(parent)
            if (
                old is not None
                and len(old) <= HEAD_BYTES
                and len(data) <= HEAD_BYTES
                and close_unchanged(data, ends, room)
            ):
                return REUSE_SAME_DATE
        if covers(ends, known[1]):
            return REUSE_QUIET_ENDS
        return REUSE_PARSE

    def sample(self, blob: str, data: bytes) -> bytes:
        """``sample_ends(data)``, kept for the last few long blobs (a child's is read again
        as the parent of the next)."""
        if len(data) <= HEAD_BYTES:
            return data
        got = self.samples.get(blob)
        if got is None:
            got = self.samples[blob] = sample_ends(data)
            if len(self.samples) > HAND_BLOBS:
                self.samples.popitem(last=False)
        return got

    def rest(
        self, parent: str, blob: str, data: bytes, ends: tuple[int, int], reuse: int, rest: int
    ) -> tuple[int, int]:
        """``(reuse, rest_known)``: what a child takes of its parent's reading of the rest
        (:func:`rest_of`): when none was found there and the child's changed lines hold
        no stamp line of a part (:func:`rest_unchanged`, on the samples the parser
        read), the parent's answer; a same date needs it (else only the header and end
        are the parent's). ``REST_FREE`` holds whatever the header and end become;
        ``REST_NONE`` only with them. ``rest``: the parent's (:func:`rest_of`), read:
        not ``REST_UNREAD``, and ``REST_FREE`` when the child is parsed whole."""
        old = self.hand.get(parent)
        if old is not None and self.same_rest(parent, blob, old, data, ends, rest):
            # a stamp from the rest is the parent's date, not something to skip
            return reuse, REST_UNREAD if rest == REST_FOUND else rest
        return (REUSE_QUIET_ENDS if reuse == REUSE_SAME_DATE else reuse), REST_UNREAD

    def same_rest(
        self, parent: str, blob: str, old: bytes, data: bytes, ends: tuple[int, int], rest: int
    ) -> bool:
        """Whether reading the rest of ``data`` gives what it gave for its parent ``old``
        (:func:`rest_unchanged` on the samples the parser read), the years of each kept
        for the next child."""
        sample, old_sample = data, old
        if len(data) > HEAD_BYTES or len(old) > HEAD_BYTES:
            sample, old_sample = self.sample(blob, data), self.sample(parent, old)
            if sample is not data or old_sample is not old:  # long texts: their samples
                if sample == old_sample:  # changed beyond them: what was read is the same
                    return True
                ends = common_ends(old_sample, sample)
        old_years = self.years.get(parent)
        if old_years is None:
            old_years = year_hits(old_sample, 0, len(old_sample))
        prefix, suffix = ends
        new_end = len(sample) - suffix
        if not old_years:  # the common case: the parent holds no year at all
            years = year_hits(sample, max(0, prefix - 3), min(len(sample), new_end + 3))
            self.years[blob] = years
            if len(self.years) > HAND_BLOBS:
                self.years.popitem(last=False)
            if not years:
                return True  # no year anywhere: no stamp line of a part in either
            spans = [(prefix, len(old_sample) - suffix, prefix, new_end)]
        else:
            spans = changed_middles(old_sample, sample, ends)
            years = self.years[blob] = child_years(old_years, sample, spans)
            if len(self.years) > HAND_BLOBS:
                self.years.popitem(last=False)
        before = None if rest == REST_FREE else old_sample  # lines that may have gone
        return rest_unchanged(before, old_years, sample, spans, years)

    @staticmethod
    def technical(old: bytes | None, new: bytes, plain: bool, ends: tuple[int, int] | None) -> bool:
        """Whether ``new`` differs from ``old`` only in layout (False when ``old`` is missing)."""
        if old is None:
            return False
        if plain and ends is not None:
            return same_layout(old, new, ends)
        a, b = utf8_bytes(old), utf8_bytes(new)
        if a is None or b is None:
            return False
        try:
            return same_layout(a, b)
        except Exception:
            return False


def scan_steps(catfile: CatFile, chains: list[list[Step]], cancelled: Any = None) -> ScanResult:
    """Run the steps of several notices through one ``cat-file`` stream."""
    result = ScanResult()
    reads: list[str] = []
    for steps in chains:
        reads += _reads(steps)
    stream = catfile.stream(reads, cancelled)
    try:
        for steps in chains:
            scanner = BlobScanner(stream, result)
            scanner.run(steps)
        for _ in stream:  # nothing is left: this lets the stream end and keep its process
            pass
    finally:
        stream.close()
    return result


def steps_total(chains: list[list[Step]]) -> int:
    """How many steps (about how many blob reads) the plan holds."""
    return sum(len(steps) for steps in chains)
