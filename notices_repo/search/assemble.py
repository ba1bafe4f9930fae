"""Assembling the index: the workers' results merged into :class:`Tables`, ids by recency.

Passage 0 and label 0 are the most recent (newest version holding them), so a posting
list read from its start yields the most recent texts first. Entries and postings stay
typed arrays all along, so the peak memory stays near the size of the tables themselves.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import operator
from array import array
from typing import Any

from notices_repo.search.normalise import label_key
from notices_repo.search.tables import NO_PASSAGE, NoticeRef, Tables, Terms, VersionRef


def _offsets(lists: list[list[int]] | list[array], typecode: str = "I") -> tuple[array, array]:
    """The lists in one flat array, and where each starts (and the last ends)."""
    flat = _zeros(typecode, sum(map(len, lists)))
    offsets = _zeros("Q", len(lists) + 1)
    pos = 0
    for k, items in enumerate(lists, 1):
        end = pos + len(items)
        flat[pos:end] = items if isinstance(items, array) else array(typecode, items)
        offsets[k] = pos = end
    return flat, offsets


def _zeros(typecode: str, size: int) -> array:
    """An array of ``size`` zeros, allocated once at its size: arrays grown item by item
    up to tens of megabytes leave the blocks they outgrew behind in the heap (the
    tables of a 50 MB notice peaked about 20 MB higher)."""
    return array(typecode, [0]) * size


def _invert(
    terms: Terms, order: list[int], term_id: array, vocabulary: int
) -> tuple[array, array, array, array]:
    """Forward lists (sorted word ids per item, items in ``order``) and postings.

    ``terms`` holds each item's words, sorted, as merge-time word ids; ``term_id`` maps
    those to ids in the sorted vocabulary (which keeps them sorted).
    """
    forward = array("I")
    forward_off = array("Q", [0])
    extend = forward.extend
    mark = forward_off.append
    flat, offsets, word = terms.flat, terms.offsets, term_id.__getitem__
    for old in order:
        extend(map(word, flat[offsets[old] : offsets[old + 1]]))
        mark(len(forward))
    # typed arrays, not lists: millions of postings as Python ints would cost 9x the memory
    lists: list[array] = [array("I") for _ in range(vocabulary)]
    appenders = [items.append for items in lists]
    # lists[tid].append(rank) for every posting, in C (map, operator.call): the ranks
    # come in increasing order, so each posting list is sorted
    counts = map(operator.sub, forward_off[1:], forward_off)
    ranks = itertools.chain.from_iterable(map(itertools.repeat, range(len(order)), counts))
    collections.deque(map(operator.call, map(appenders.__getitem__, forward), ranks), maxlen=0)
    del appenders
    postings, postings_off = _offsets(lists)
    return forward, forward_off, postings, postings_off


class Merger:
    """Merges workers' results one at a time (as they arrive, while others still work)."""

    def __init__(self) -> None:
        self.label_ids: dict[tuple[int, str], int] = {}
        self.label_words = Terms()
        self.passage_ids: dict[str, int] = {}
        self.passage_words = Terms()
        #: every word, by merge-time id (the order they came in)
        self.words: list[str] = []
        self.word_ids: dict[str, int] = {}
        self.seeded = False
        # notice, kind, label, passage, first, last, count, newest, section, offset,
        # context, lead: typed columns (tuples would cost several times the memory)
        self.cols = [array("I") for _ in range(12)]

    @classmethod
    def of(cls, results: list[dict[str, Any]]) -> Merger:
        """A merger of ``results`` (emptied as they are merged)."""
        merger = cls()
        while results:
            merger.add(results.pop())
        return merger

    def add(self, result: dict[str, Any]) -> None:
        """Merge one worker's result (then drop it)."""
        local = array("I", map(self._word_id, result["words"]))
        lmap = self._global_ids(
            self.label_ids, self.label_words, result["labels"], result["label_terms"], local
        )
        pmap = self._global_ids(
            self.passage_ids, self.passage_words, result["passages"], result["passage_terms"], local
        )
        columns = result["entries"]
        if len(columns) != len(self.cols):
            raise ValueError("a search index worker's result does not add up")
        # -1 (no passage, context or lead) is the last item: NO_PASSAGE
        pmap.append(NO_PASSAGE)
        contexts = [*lmap, NO_PASSAGE]
        out = self.cols
        for k, column in enumerate(columns):
            if k == 2:
                out[k].extend(map(lmap.__getitem__, column))
            elif k in (3, 11):
                out[k].extend(map(pmap.__getitem__, column))
            elif k == 10:
                out[k].extend(map(contexts.__getitem__, column))
            else:
                out[k].extend(column)

    def _word_id(self, word: str) -> int:
        """Merge-time id of a word (the next one for a word not seen before)."""
        found = self.word_ids.get(word)
        if found is None:
            found = self.word_ids[word] = len(self.words)
            self.words.append(word)
        return found

    def _global_ids(
        self,
        ids: dict[Any, int],
        words: Terms,
        keys: list[Any],
        terms: Terms,
        local: array,
    ) -> list[int]:
        """Merged ids of one worker's labels or passages (``keys``, with their ``terms``,
        ids into the worker's words that ``local`` maps to merge-time ids), in order: a
        key not seen before gets the next id, and its terms go to ``words``.
        """
        if len(keys) != len(terms.offsets) - 1:
            raise ValueError("a search index worker's result does not add up")
        out: list[int] = []
        word = local.__getitem__
        for item, key in enumerate(keys):
            gid = ids.get(key)
            if gid is None:
                gid = ids[key] = len(ids)
                words.append(map(word, terms.of(item)))
            out.append(gid)
        return out

    def seed(self, tables: Tables, reused: dict[int, tuple[int, int]]) -> None:
        """Start from a previous index: its labels and passages (same ids) and the
        entries of the notices in ``reused`` (old notice -> (new notice, how far its
        version ids moved)), so those notices are not read and parsed again.

        Call before :meth:`add`. Labels and passages only the other notices used are
        dropped by :func:`assemble` (it keeps what entries refer to).
        """
        word = array("I", map(self._word_id, tables.vocab)).__getitem__
        terms, terms_off = tables.label_terms, tables.label_terms_off
        for lid, (kind, text) in enumerate(zip(tables.label_kind, tables.labels, strict=True)):
            self.label_ids[(kind, text)] = lid
            self.label_words.append(map(word, terms[terms_off[lid] : terms_off[lid + 1]]))
        terms, terms_off = tables.passage_terms, tables.passage_terms_off
        raw, raw_off = tables.text, tables.text_off
        for pid in range(tables.passage_count):
            text = bytes(raw[raw_off[pid] : raw_off[pid + 1]]).decode("utf-8")
            self.passage_ids.setdefault(text, pid)
            self.passage_words.append(map(word, terms[terms_off[pid] : terms_off[pid + 1]]))
        self.seeded = True
        notices = len(tables.notices)
        keep = bytes(1 if n in reused else 0 for n in range(notices))
        renumber = array("I", (reused.get(n, (0, 0))[0] for n in range(notices)))
        shift = [reused.get(n, (0, 0))[1] for n in range(notices)]
        mask = bytes(map(keep.__getitem__, tables.e_notice))
        old_notices = list(itertools.compress(tables.e_notice, mask))
        columns = (
            tables.e_kind,
            tables.e_label,
            tables.e_passage,
            tables.e_first,
            tables.e_last,
            tables.e_count,
            tables.e_newest,
            tables.e_section,
            tables.e_offset,
            tables.e_context,
            tables.e_lead,
        )
        kept = [itertools.compress(column, mask) for column in columns]
        moves = list(map(shift.__getitem__, old_notices))
        self.cols[0].extend(map(renumber.__getitem__, old_notices))
        for k, values in enumerate(kept, 1):
            if k in (4, 5, 7):  # first, last, newest: version ids
                self.cols[k].extend(map(operator.add, values, moves))
            else:
                self.cols[k].extend(values)


def assemble(
    results: list[dict[str, Any]] | Merger,
    versions: list[VersionRef],
    notices: list[NoticeRef],
    meta: dict[str, Any],
    chain_keys: list[str] | None = None,
) -> Tables:
    """Merge the workers' results into :class:`Tables` (ids ranked by recency).

    ``results`` (a list, emptied as it is merged, or a :class:`Merger` that already
    holds them). Entries stay typed columns, so the peak memory stays near the size of
    the tables themselves.
    """
    merger = results if isinstance(results, Merger) else Merger.of(results)
    label_ids, label_words = merger.label_ids, merger.label_words
    passage_ids, passage_words = merger.passage_ids, merger.passage_words
    words_by_id = merger.words
    cols = merger.cols
    seeded = merger.seeded
    del merger
    dates = [v.effective for v in versions]
    passage_order, label_order = _recency_order(cols, dates, len(passage_ids), len(label_ids))
    if seeded:
        # Seeded from a previous index: keep only what the entries refer to, and the
        # words of what is kept.
        passage_order, label_order, vocab = _used_only(
            cols, passage_order, label_order, passage_words, label_words, words_by_id
        )
    else:
        vocab = sorted(words_by_id)
    passage_rank = _ranks(passage_order, len(passage_ids))
    label_rank = _ranks(label_order, len(label_ids))
    rank_of = {w: i for i, w in enumerate(vocab)}.get
    # merge-time word id -> id in the sorted vocabulary (0 for words no longer used)
    term_id = array("I", (rank_of(w, 0) for w in words_by_id))
    del rank_of, words_by_id
    label_terms_flat, label_terms_off, head_post, head_off = _invert(
        label_words, label_order, term_id, len(vocab)
    )
    del label_words
    passage_terms_flat, passage_terms_off, body_post, body_off = _invert(
        passage_words, passage_order, term_id, len(vocab)
    )
    del term_id, passage_words
    # Passage texts in rank order, each string dropped once copied (the texts are the
    # largest part of the index: holding them twice, as strings and as bytes, and
    # copying the bytes again, was the peak of the whole build).
    texts = list(passage_ids)
    del passage_ids
    text, text_off = _packed_texts(texts, passage_order)
    del texts
    labels_by_id = list(label_ids)
    del label_ids
    labels, label_keys, label_kind = _label_lists(labels_by_id, label_order)
    del labels_by_id
    entries = _entry_tables(cols, passage_rank, label_rank, len(passage_order), len(label_order))
    parts: dict[str, Any] = {
        "head_post": head_post,
        "head_off": head_off,
        "body_post": body_post,
        "body_off": body_off,
        "label_kind": label_kind,
        "label_terms": label_terms_flat,
        "label_terms_off": label_terms_off,
        "passage_terms": passage_terms_flat,
        "passage_terms_off": passage_terms_off,
        "text": text,
        "text_off": text_off,
        **entries,
        "v_notice": array("I", [v.notice for v in versions]),
        "v_date": array("I", dates),
        "vocab": vocab,
        "labels": labels,
        "label_keys": label_keys,
        "commits": [v.commit for v in versions],
        "paths": [v.path for v in versions],
        "notices": [(n.key, n.path, n.title, n.retired) for n in notices],
        "chains": chain_keys if chain_keys is not None else [""] * len(notices),
    }
    return Tables(parts, meta)


def _recency_order(
    cols: list[array], dates: list[int], passages: int, labels: int
) -> tuple[list[int], list[int]]:
    """Passage and label ids, the newest version holding them first (equal dates keep
    first-seen order: the sort is stable)."""
    none = NO_PASSAGE
    passage_recency = [0] * passages
    label_recency = [0] * labels
    for label, passage, newest in zip(cols[2], cols[3], cols[7], strict=True):
        date = dates[newest]
        if passage != none and date > passage_recency[passage]:
            passage_recency[passage] = date
        if date > label_recency[label]:
            label_recency[label] = date
    passage_order = sorted(range(passages), key=passage_recency.__getitem__, reverse=True)
    label_order = sorted(range(labels), key=label_recency.__getitem__, reverse=True)
    return passage_order, label_order


def _used_only(
    cols: list[array],
    passage_order: list[int],
    label_order: list[int],
    passage_words: Terms,
    label_words: Terms,
    words_by_id: list[str],
) -> tuple[list[int], list[int], list[str]]:
    """The passages and labels (in order) that entries refer to, and the sorted words
    they hold."""
    used = set(cols[3]).union(cols[11])
    passage_order = [p for p in passage_order if p in used]
    used = set(cols[2]).union(cols[10])
    label_order = [lab for lab in label_order if lab in used]
    del used
    kept: set[int] = set()
    for old in label_order:
        kept.update(label_words.of(old))
    for old in passage_order:
        kept.update(passage_words.of(old))
    return passage_order, label_order, sorted(map(words_by_id.__getitem__, kept))


def _label_lists(
    labels_by_id: list[tuple[int, str]], order: list[int]
) -> tuple[list[str], list[str], array]:
    """Label texts in rank order, their :func:`label_key` and their kinds."""
    labels = [labels_by_id[old][1] for old in order]
    label_keys = [label_key(text) for text in labels]
    label_kind = array("B", [labels_by_id[old][0] for old in order])
    return labels, label_keys, label_kind


def _ranks(order: list[int], size: int) -> array:
    """Old id -> rank, for ids in ``order`` (0 for ids left out)."""
    rank_of = array("I", bytes(4 * size))
    for rank, old in enumerate(order):
        rank_of[old] = rank
    return rank_of


def _packed_texts(texts: list[str], order: list[int]) -> tuple[array, array]:
    """Passage texts in rank order as UTF-8, and where each starts (and the last ends).

    Each string in ``texts`` is dropped once copied (the texts are the largest part of
    the index: holding them twice, as strings and as bytes, and copying the bytes
    again, was the peak of the whole build).
    """
    text = _zeros(
        "B",
        sum(
            len(t) if t.isascii() else len(t.encode("utf-8")) for t in map(texts.__getitem__, order)
        ),
    )
    text_off = _zeros("Q", len(order) + 1)
    pos = 0
    with memoryview(text) as into:
        for k, old in enumerate(order, 1):
            data = texts[old].encode("utf-8")
            texts[old] = ""
            end = pos + len(data)
            into[pos:end] = data
            text_off[k] = pos = end
    return text, text_off


def _entry_tables(
    cols: list[array], passage_rank: array, label_rank: array, passages: int, labels: int
) -> dict[str, array]:
    """The entry columns renumbered by rank, then sorted by passage (label-only last),
    label, notice; with each passage's and each label's range of entries and the
    passages under each label. ``cols`` is replaced in place (its old columns go)."""
    none = NO_PASSAGE
    cols[2] = array("I", map(label_rank.__getitem__, cols[2]))
    cols[3] = array("I", (passage_rank[p] if p != none else none for p in cols[3]))
    cols[10] = array("I", (label_rank[c] if c != none else none for c in cols[10]))
    cols[11] = array("I", (passage_rank[p] if p != none else none for p in cols[11]))
    keys = [
        (p << 52) | (lab << 20) | n for p, lab, n in zip(cols[3], cols[2], cols[0], strict=True)
    ]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    del keys
    cols[:] = [array(c.typecode, map(c.__getitem__, order)) for c in cols]
    del order
    e_notice, e_kind, e_label, e_passage = cols[0], array("B", cols[1]), cols[2], cols[3]
    passage_entries = array("Q", [0] * (passages + 1))
    label_entries = array("Q", [0] * (labels + 1))
    tail = bisect.bisect_left(e_passage, NO_PASSAGE)
    for pid in e_passage[:tail]:
        passage_entries[pid + 1] += 1
    for k in range(passages):
        passage_entries[k + 1] += passage_entries[k]
    for label in e_label[tail:]:
        label_entries[label + 1] += 1
    for k in range(labels):
        label_entries[k + 1] += label_entries[k]
    label_passage_sets: list[set[int]] = [set() for _ in range(labels)]
    for k in range(tail):
        label_passage_sets[e_label[k]].add(e_passage[k])
    label_passages, label_passages_off = _offsets([sorted(s) for s in label_passage_sets])
    del label_passage_sets
    return {
        "e_kind": e_kind,
        "e_notice": e_notice,
        "e_label": e_label,
        "e_passage": e_passage,
        "e_first": cols[4],
        "e_last": cols[5],
        "e_count": cols[6],
        "e_newest": cols[7],
        "e_section": cols[8],
        "e_offset": cols[9],
        "e_context": cols[10],
        "e_lead": cols[11],
        "passage_entries": passage_entries,
        "label_entries": label_entries,
        "label_passages": label_passages,
        "label_passages_off": label_passages_off,
    }
