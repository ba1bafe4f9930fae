"""Building the index: versions of notices read and parsed into labels, passages, entries.

Each version's blob is read once (one ``cat-file`` per worker process, notices split over
processes) and its structure derived from the previous version of the same notice
(:func:`~notices_repo.text.sections.parse_structure`: only the changed region is parsed);
a section that did not change is not looked at again. :mod:`notices_repo.search.assemble`
merges what the workers send back.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import operator
import os
import sys
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from notices_repo.errors import Cancelled
from notices_repo.git.catfile import CatFile
from notices_repo.git.runner import GitRunner
from notices_repo.search.normalise import safe_text
from notices_repo.search.passages import STREAM_MIN as _STREAM_MIN
from notices_repo.search.passages import clean_passage, cut, iter_passages
from notices_repo.search.tables import CATEGORY, SECTION, Terms
from notices_repo.search.terms import vocabulary_terms
from notices_repo.text.body import body_of
from notices_repo.text.decode import decode
from notices_repo.text.sections import DataCategory, Section, Structure, parse_structure
from notices_repo.text.spans import texts_equal

Progress = Callable[[str, int, int], None]

#: Sections longer than this are keyed by their length and hash when a version's sections
#: are matched with the previous version's (checked with :func:`texts_equal` on a match),
#: so a huge one is never held as a copy.
_SPLIT_MAX = 1 << 16


def _text_key(text: str, start: int, end: int) -> str | tuple[int, int]:
    """``text[start:end]`` as a dictionary key; a huge one as its length and hash (the
    caller checks a match), so it is never held as a copy."""
    if end - start <= _SPLIT_MAX:
        return text[start:end]
    return (end - start, hash(text[start:end]))


#: Below this many versions, one process builds the index (worker start-up would cost
#: more than it saves).
PARALLEL_VERSIONS = 400

#: git's delta base cache for the ``cat-file`` reading the versions to index. Its
#: default (96 MiB) fills up on a long scan of big documents and stays resident in each
#: of the readers (one per worker); a smaller one measured no slower (docs/search.md).
DELTA_CACHE = "16m"


@dataclass(slots=True)
class _Entry:
    """One text of one notice: a heading or category name, or a passage under it."""

    runs: list[tuple[int, int]]  # (first, last) version ids of runs of versions holding it
    newest: int  # version id of the newest version holding it
    section: int  # index into split_sections() of that version
    offset: int  # offset of the section (category item) in that version
    context: int  # label of the section a category is in (-1 for sections)
    lead: int  # first passage of the section (category) in that version (-1: none)


class _Unit:
    """A section (and its categories) that stays the same over consecutive versions."""

    __slots__ = ("cats", "ids", "index", "label", "sig", "since", "start")

    def __init__(
        self,
        label: int,
        ids: tuple[int, ...],
        since: int,
        cats: list[tuple[int, int, tuple[int, ...], int]],
        sig: tuple[Any, ...],
    ) -> None:
        self.label = label
        self.ids = ids
        self.since = since
        self.cats = cats  # (name label, section label, description passages, offset - start)
        self.sig = sig  # heading and categories (name, description, offset - start)
        self.index = 0
        self.start = 0


def _signature(section: Section, categories: list[DataCategory]) -> tuple[Any, ...]:
    """What a unit holds besides its text: the heading and the categories of a section."""
    start = section.start
    return (
        section.heading,
        tuple((c.name, c.description, c.start - start) for c in categories),
    )


class ChainIndexer:
    """Turns versions of notices into labels, passages and entries (in one process).

    Labels are distinct ``(kind, heading or category name)``; passages are distinct
    cleaned paragraphs. Entries are keyed ``(notice, kind, label, passage)`` (passage
    -1 for a heading or name alone), so identical texts in several versions are one
    entry with runs of versions. A section that does not change from one version to the
    next is one :class:`_Unit`, whose entries are written once, when it ends.
    """

    def __init__(self) -> None:
        self.labels: dict[tuple[int, str], int] = {}
        self.passages: dict[str, int] = {}
        self.entries: dict[tuple[int, int, int, int], _Entry] = {}
        self._memo: dict[str, tuple[str, ...]] = {}
        self._ids_memo: dict[str, tuple[int, ...]] = {}

    def label(self, kind: int, text: str) -> int:
        """Id of a label (interned)."""
        key = (kind, text)
        found = self.labels.get(key)
        if found is None:
            found = self.labels[key] = len(self.labels)
        return found

    def passage_ids(self, pieces: Iterable[str]) -> tuple[int, ...]:
        """Ids of passages (interned)."""
        table = self.passages
        out: list[int] = []
        for piece in pieces:
            found = table.get(piece)
            if found is None:
                found = table[piece] = len(table)
            out.append(found)
        return tuple(out)

    def _body_ids(self, text: str, start: int, end: int) -> tuple[int, ...]:
        """Ids of the passages of ``text[start:end]`` (a section body).

        Each paragraph's passage ids are remembered for the notice (a changed section
        keeps most of its paragraphs), so a paragraph met again is one lookup, not a
        cleaning, a cut and an interning per piece. A body holding a huge paragraph goes
        through :func:`iter_passages` (cleaned and cut a window at a time, never held).
        """
        if end - start > _STREAM_MIN:
            return self.passage_ids(iter_passages(text, self._memo, start, end))
        memo = self._ids_memo
        out: list[int] = []
        for raw in text[start:end].split("\n\n"):
            ids = memo.get(raw)
            if ids is None:
                blank = not raw or raw.isspace()
                ids = () if blank else self.passage_ids(cut(clean_passage(raw)))
                if len(raw) <= _SPLIT_MAX:  # never hold a huge one
                    memo[raw] = ids
            out += ids
        return tuple(out)

    def _record(
        self,
        key: tuple[int, int, int, int],
        first: int,
        last: int,
        section: int,
        offset: int,
        ctx: int,
        lead: int,
    ) -> None:
        entry = self.entries.get(key)
        if entry is None:
            self.entries[key] = _Entry([(first, last)], last, section, offset, ctx, lead)
            return
        entry.runs.append((first, last))
        # The newest version's first occurrence (a heading may recur in one text).
        if last > entry.newest or (last == entry.newest and section < entry.section):
            entry.newest, entry.section, entry.offset = last, section, offset
            entry.context, entry.lead = ctx, lead

    def _close(self, notice: int, unit: _Unit, last: int) -> None:
        """Write the entries of a section that held from ``unit.since`` to ``last``."""
        record = self._record
        label, since, index, start = unit.label, unit.since, unit.index, unit.start
        lead = unit.ids[0] if unit.ids else -1
        if label >= 0:
            record((notice, SECTION, label, -1), since, last, index, start, -1, lead)
        else:
            label = -label - 1
        for pid in unit.ids:
            record((notice, SECTION, label, pid), since, last, index, start, -1, lead)
        for name, ctx, ids, shift in unit.cats:
            where = (index, start + shift, ctx, ids[0] if ids else -1)
            record((notice, CATEGORY, name, -1), since, last, *where)
            for pid in ids:
                record((notice, CATEGORY, name, pid), since, last, *where)

    def chain(self, notice: int, versions: Iterable[tuple[int, str]]) -> None:
        """Index one notice's versions ``(version id, text)``, oldest first.

        Version ids of one notice must be consecutive (runs are counted by id).
        """
        previous: tuple[str, Structure] | None = None
        old_text: str | None = None
        units: dict[tuple[int, int], _Unit] = {}
        self._memo = {}  # paragraphs recur within a notice, rarely across notices
        self._ids_memo = {}
        last = -1
        for version, text in versions:
            structure = parse_structure(text, previous)  # a huge one is parsed whole
            alive = self._version(notice, version, text, structure, old_text, units)
            # The previous text is not needed to write the entries of what ended: let it
            # go first (the entries of a 50 MB text's 216,000 passages take 70 MB).
            previous = old_text = None
            kept = {id(unit) for unit in alive.values()}
            for unit in units.values():
                if id(unit) not in kept:
                    self._close(notice, unit, last)
            units = alive
            last = version
            previous = (text, structure) if structure.reusable else None
            old_text = text
        previous = old_text = None
        text = ""  # nor is the last one
        for unit in units.values():
            self._close(notice, unit, last)

    def _version(
        self,
        notice: int,
        version: int,
        text: str,
        structure: Structure,
        old_text: str | None,
        old_units: dict[tuple[int, int], _Unit],
    ) -> dict[tuple[int, int], _Unit]:
        """Sections and categories of one version; returns its ``(start, end) -> unit``.

        A section continues the previous version's unit when it lies in a stretch of
        text the structure took over from the previous version (``unchanged``: its old
        place is known, no text is compared), or else when its text, heading and
        categories equal those of a section of the previous version that no other
        section continues (edits inside it undone, or the section moved).
        """
        units: dict[tuple[int, int], _Unit] = {}
        taken: set[int] = set()
        sections = structure.sections
        placed: list[_Unit | None] = [None] * len(sections)
        stretches = structure.unchanged if old_text is not None else None
        if stretches:
            lows = [lo for lo, _, _ in stretches]
            for index, section in enumerate(sections):
                start, end = section.start, section.end
                k = bisect.bisect_right(lows, start) - 1
                if k >= 0 and end <= stretches[k][1]:
                    shift = stretches[k][2]
                    unit = old_units.get((start - shift, end - shift))
                    if unit is not None and id(unit) not in taken:
                        placed[index] = unit
                        taken.add(id(unit))
        categories = structure.categories
        category_starts: list[int] | None = None
        by_text: dict[str, _Unit] | None = None
        for index, section in enumerate(sections):
            start, end = section.start, section.end
            unit = placed[index]
            if unit is None:
                if category_starts is None:
                    category_starts = [c.start for c in categories]
                first = bisect.bisect_left(category_starts, start)
                own = categories[first : bisect.bisect_left(category_starts, end, first)]
                if old_text is not None:
                    if by_text is None:
                        by_text = {}
                        for (a, b), old_unit in old_units.items():
                            if id(old_unit) not in taken:
                                by_text.setdefault(_text_key(old_text, a, b), (old_unit, a))
                    found = by_text.get(_text_key(text, start, end))
                    unit = None
                    if found is not None and (
                        end - start <= _SPLIT_MAX
                        or texts_equal(old_text, found[1], text, start, end - start)
                    ):
                        unit = found[0]
                    if unit is not None and (
                        id(unit) in taken or unit.sig != _signature(section, own)
                    ):
                        unit = None
                if unit is None:
                    unit = self._unit(version, text, section, own)
                taken.add(id(unit))
            unit.index = index
            unit.start = start
            units[(start, end)] = unit
        return units

    def _unit(self, version: int, text: str, section: Section, own: list[DataCategory]) -> _Unit:
        """A new unit for a section (its passages cut, its labels interned)."""
        start = section.start
        label = self.label(SECTION, section.heading)
        ids = self._body_ids(text, section.body_start, section.end)
        cats = [
            (
                self.label(CATEGORY, c.name),
                label,
                self.passage_ids(cut(safe_text(c.description))),
                c.start - start,
            )
            for c in own
        ]
        # A negative label marks a preamble (no heading entry of its own).
        return _Unit(
            label if section.heading else -label - 1,
            ids,
            version,
            cats,
            _signature(section, own),
        )

    def terms(self) -> tuple[list[str], Terms, Terms]:
        """The distinct folded words of every label and every passage: ``(words, label
        terms, passage terms)`` (:func:`~notices_repo.search.terms.vocabulary_terms`)."""
        return vocabulary_terms((text for _, text in self.labels), list(self.passages))

    def result(self) -> dict[str, Any]:
        """What a worker sends back: tables in id order and entries as columns.

        Entry columns (:data:`ENTRY_COLUMNS`, typed arrays, one item per entry):
        ``notice, kind, label, passage, first, last, count, newest, section, offset,
        context, lead`` with version ids for first, last and newest, and -1 for no
        passage, context or lead. Arrays, not a tuple per entry: a sixth of the memory,
        and pickled and merged without a Python step per entry.
        """
        vocabulary, label_terms, passage_terms = self.terms()
        return {
            "labels": list(self.labels),
            "passages": list(self.passages),
            "words": vocabulary,
            "label_terms": label_terms,
            "passage_terms": passage_terms,
            "entries": self._entry_columns(),
        }

    def _entry_columns(self) -> list[array]:
        """The entries as :data:`ENTRY_COLUMNS`: their runs of versions counted."""
        keys = list(self.entries)
        values = list(self.entries.values())
        firsts, lasts, counts = array("I"), array("I"), array("I")
        for e in values:
            runs = e.runs
            if len(runs) == 1:
                first, last = runs[0]
                firsts.append(first)
                lasts.append(last)
                counts.append(last - first + 1)
                continue
            runs.sort()
            count = 0
            covered = -1
            for first, last in runs:
                if last > covered:
                    count += last - max(first, covered + 1) + 1
                    covered = last
            firsts.append(runs[0][0])
            lasts.append(covered)
            counts.append(count)
        key = operator.itemgetter
        field = operator.attrgetter
        return [
            array("I", map(key(0), keys)),
            array("I", map(key(1), keys)),
            array("I", map(key(2), keys)),
            array("i", map(key(3), keys)),
            firsts,
            lasts,
            counts,
            array("I", map(field("newest"), values)),
            array("I", map(field("section"), values)),
            array("I", map(field("offset"), values)),
            array("i", map(field("context"), values)),
            array("i", map(field("lead"), values)),
        ]


#: The entry columns of a worker's result, in order (-1 in a signed one: none).
ENTRY_COLUMNS = (
    "notice",
    "kind",
    "label",
    "passage",
    "first",
    "last",
    "count",
    "newest",
    "section",
    "offset",
    "context",
    "lead",
)

Chain = tuple[int, list[tuple[int, str]]]  # notice id, [(version id, blob)] oldest first


def _index_chains(
    runner: GitRunner,
    chains: list[Chain],
    progress: Callable[[int], None] | None = None,
    cancelled: threading.Event | None = None,
) -> dict[str, Any]:
    """Read and index some notices' versions through one ``cat-file`` (one process)."""
    with _no_cyclic_gc():
        return _index_chains_now(runner, chains, progress, cancelled)


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The cyclic garbage collector off while indexing: the build makes hundreds of
    thousands of tuples, lists and entries and no cycles, and the collections their
    number sets off (each walking everything kept so far) took a sixth of its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _index_chains_now(
    runner: GitRunner,
    chains: list[Chain],
    progress: Callable[[int], None] | None,
    cancelled: threading.Event | None,
) -> dict[str, Any]:
    indexer = ChainIndexer()
    blobs = [blob for _, versions in chains for _, blob in versions]
    stream = CatFile(runner).read_many(blobs, cancelled, delta_cache=DELTA_CACHE)
    done = 0

    def texts(versions: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        # one version's text at a time: a notice may have thousands of 1 MB versions
        # (the bytes are not kept while the text is indexed: 50 MB more for a 50 MB one).
        # A version whose blob is one of the two before it (an edit undone: a quarter of
        # the synthetic archive's versions) takes that text again, not decoded twice;
        # only texts up to _RECENT_MAX characters are kept for that.
        recent: list[tuple[str, str]] = []
        for version, blob in versions:
            data = next(stream)[1]
            text = next((t for b, t in recent if b == blob), None)
            if text is None:
                text = _body(data)
            del data
            recent = [(blob, text), *recent[:1]] if len(text) <= _RECENT_MAX else recent[:1]
            yield version, text

    for notice, versions in chains:
        indexer.chain(notice, texts(versions))
        done += len(versions)
        if progress is not None:
            progress(done)
    for _ in stream:  # let the reader finish cleanly
        pass
    return indexer.result()


#: Texts longer than this are not kept for a later version of the same blob.
_RECENT_MAX = 1 << 20


def _body(data: bytes | None) -> str:
    """The text indexed: what a reader reads (no front matter, no attribute lists)."""
    return body_of(decode(data).text).text if data is not None else ""


def _worker(path: str, chains: list[Chain]) -> dict[str, Any]:
    try:
        return _index_chains(GitRunner(Path(path)), chains)
    finally:
        _release_memory()


def _release_memory() -> None:
    """Give the heap a task left free back to the system (in a worker, between tasks).

    Without it a worker's resident size ratchets up task after task to the sum of the
    largest ones, although what it holds between tasks is a few megabytes.
    """
    gc.collect()
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def _split_work(chains: list[Chain], parts: int) -> list[list[Chain]]:
    """Chains in about ``parts`` groups of similar size, biggest chains first."""
    ordered = sorted(chains, key=lambda c: -len(c[1]))
    groups: list[list[Chain]] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for chain in ordered:
        k = sizes.index(min(sizes))
        groups[k].append(chain)
        sizes[k] += len(chain[1])
    return [g for g in groups if g]


class TaskOrder:
    """Hands on the workers' results in the order of their tasks, whatever order they
    finish in: merged ids (and so the order of equally recent hits) must not depend on
    which process was faster (a result that comes early waits for the ones before it)."""

    def __init__(self, deliver: Callable[[dict[str, Any]], None]) -> None:
        self.deliver = deliver
        self.waiting: dict[int, dict[str, Any]] = {}
        self.next = 0

    def add(self, number: int, result: dict[str, Any]) -> None:
        """Task ``number``'s result: delivered now with those after it that wait, or kept."""
        self.waiting[number] = result
        while self.next in self.waiting:
            self.deliver(self.waiting.pop(self.next))
            self.next += 1


def index_versions(
    runner: GitRunner,
    chains: list[Chain],
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    workers: int | None = None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Index every chain; in worker processes when there are many versions.

    Results are returned, or handed to ``on_result`` (then not kept), in the order of
    the tasks (:class:`TaskOrder`): the same index whichever worker is faster.
    """
    total = sum(len(v) for _, v in chains)
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if total < PARALLEL_VERSIONS or workers < 2:

        def step(done: int) -> None:
            if progress is not None:
                progress("indexing texts", done, total)

        result = _index_chains(runner, chains, step, cancelled)
        if on_result is not None:
            on_result(result)
            return []
        return [result]
    # Many small tasks, so both processes stay busy until the end and cancelling is quick.
    tasks = _split_work(chains, workers * 8)
    results: list[dict[str, Any]] = []
    deliver = on_result if on_result is not None else results.append
    order = TaskOrder(deliver)
    done = 0
    from notices_repo.catalog.pool import ensure_resource_tracker

    ensure_resource_tracker()  # under Textual sys.stderr has no descriptor to pass on
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures = {
            pool.submit(_worker, str(runner.path), task): (number, task)
            for number, task in enumerate(tasks)
        }
        try:
            pending = set(futures)
            while pending:
                if cancelled is not None and cancelled.is_set():
                    raise Cancelled()
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    number, task = futures.pop(future)  # and with it the result it holds
                    order.add(number, future.result())
                    done += sum(len(v) for _, v in task)
                    if progress is not None:
                        progress("indexing texts", done, total)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return results
