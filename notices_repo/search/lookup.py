"""What the words of a query match in one scope of the index (memoised lookups).

A strong query word (3+ characters, not a stop word) expands, over the index's
vocabulary, to itself (exact), to the words it begins (prefix) and to words a typo away
(rapidfuzz over the vocabulary, never over texts); :class:`Lookup` finds the headings,
category names and passages holding them. :mod:`notices_repo.search.rank` scores them.
"""

from __future__ import annotations

import bisect
import heapq
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from notices_repo.search.normalise import word_spans
from notices_repo.search.tables import Tables

#: Quality of a word match: exact, prefix (scaled by how much of the word was typed),
#: typo (scaled by the vocabulary scorer's similarity).
EXACT = 1.0
PREFIX_MIN, PREFIX_MAX = 0.85, 0.95
TYPO = 0.9
#: Typos: edits (OSA distance: insert, delete, substitute, swap neighbours) allowed by
#: query word length (index; the last value holds for longer words), and how many
#: vocabulary words one query word may stand for.
TYPO_EDITS = (0, 0, 0, 0, 1, 1, 1, 1, 2)
TYPO_MIN = 4
TYPO_LIMIT = 12
#: At most this many headings and names for a prefix (the most recent ones).
LABEL_CAP = 2000
_CACHE_SIZE = 64
_SET_CACHE = 16


@dataclass(slots=True)
class QueryWord:
    """A strong query word and what it matches in the vocabulary."""

    text: str
    exact: int  # word id, -1 when the word is not in the vocabulary
    lo: int  # prefix range [lo, hi) of word ids (includes exact)
    hi: int
    typos: dict[int, float]  # word id -> quality (outside the prefix range)
    quality: dict[int, float] = field(default_factory=dict)  # filled lazily

    def quality_of(self, tid: int, vocab: list[str]) -> float:
        """Quality of vocabulary word ``tid`` for this query word (0 when it does not match)."""
        if tid == self.exact:
            return EXACT
        if self.lo <= tid < self.hi:
            q = self.quality.get(tid)
            if q is None:
                share = len(self.text) / max(len(vocab[tid]), 1)
                q = PREFIX_MIN + (PREFIX_MAX - PREFIX_MIN) * share
                self.quality[tid] = q
            return q
        return self.typos.get(tid, 0.0)

    def best_in(self, tids: Any, vocab: list[str]) -> float:
        """Best quality among sorted word ids ``tids`` (a slice of a forward list)."""
        best = 0.0
        if self.hi > self.lo:
            k = bisect.bisect_left(tids, self.lo)
            if k < len(tids) and tids[k] < self.hi:
                if self.exact >= 0:
                    j = bisect.bisect_left(tids, self.exact, k)
                    if j < len(tids) and tids[j] == self.exact:
                        return EXACT
                best = self.quality_of(tids[k], vocab)
        for tid, q in self.typos.items():
            if q > best:
                j = bisect.bisect_left(tids, tid)
                if j < len(tids) and tids[j] == tid:
                    best = q
        return best

    def matches_word(self, folded: str) -> int:
        """How many leading characters of a folded text word to mark (0: none)."""
        if folded == self.text:
            return len(folded)
        if folded.startswith(self.text):
            return len(self.text)
        return -1 if folded in self.typo_words else 0

    typo_words: frozenset[str] = frozenset()


def query_words(query: str) -> list[str]:
    return [w for _, _, w in word_spans(query)]


class Lookup:
    """The memoised lookups of query words over one :class:`Tables` (vocabulary,
    postings, forward lists)."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables
        self.vocab: list[str] = tables.vocab
        self._by_start: dict[tuple[str, int], tuple[list[str], list[int]]] | None = None
        self._words: OrderedDict[str, QueryWord] = OrderedDict()
        self._label_sets: OrderedDict[str, dict[int, float]] = OrderedDict()
        self._passage_sets: OrderedDict[str, set[int]] = OrderedDict()
        self._first_labels: dict[str, list[int]] = {}
        self._prefix_labels: OrderedDict[str, list[int]] = OrderedDict()

    # vocabulary ----------------------------------------------------------------------

    def _prefix_range(self, text: str) -> tuple[int, int]:
        lo = bisect.bisect_left(self.vocab, text)
        hi = bisect.bisect_left(self.vocab, text + "\U0010ffff", lo)
        return lo, hi

    def _buckets(self) -> dict[tuple[str, int], tuple[list[str], list[int]]]:
        """Vocabulary words by (first character, length), for typo candidates."""
        if self._by_start is None:
            buckets: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
            for tid, word in enumerate(self.vocab):
                if word.isdigit():
                    continue
                words_, ids = buckets.setdefault((word[0], len(word)), ([], []))
                words_.append(word)
                ids.append(tid)
            self._by_start = buckets
        return self._by_start

    def _typos(self, text: str, lo: int, hi: int) -> dict[int, float]:
        """Vocabulary words within :data:`TYPO_EDITS` edits (OSA distance) of ``text``.

        Candidates start with the word's first or second character (so a swap of the
        first two letters is found) and are at most two characters longer or shorter.
        """
        edits = TYPO_EDITS[min(len(text), len(TYPO_EDITS) - 1)]
        if edits <= 0:
            return {}
        buckets = self._buckets()
        n = len(text)
        found: dict[int, float] = {}
        for start in dict.fromkeys(text[:2]):
            for length in range(n - edits, n + edits + 1):
                bucket = buckets.get((start, length))
                if bucket is None:
                    continue
                words_, ids = bucket
                for _, distance, k in process.extract(
                    text,
                    words_,
                    scorer=OSA.distance,
                    processor=None,
                    score_cutoff=edits,
                    limit=TYPO_LIMIT,
                ):
                    tid = ids[k]
                    if not lo <= tid < hi:
                        found[tid] = TYPO * (1.0 - distance / max(n, length))
        if len(found) > TYPO_LIMIT:
            found = dict(sorted(found.items(), key=lambda kv: -kv[1])[:TYPO_LIMIT])
        return found

    def word(self, text: str) -> QueryWord:
        """The expansion of a strong query word (memoised)."""
        found = self._words.get(text)
        if found is not None:
            self._words.move_to_end(text)
            return found
        lo, hi = self._prefix_range(text)
        exact = lo if lo < hi and self.vocab[lo] == text else -1
        typos: dict[int, float] = {}
        if len(text) >= TYPO_MIN and exact < 0:
            typos = self._typos(text, lo, hi)
        word = QueryWord(text, exact, lo, hi, typos)
        word.typo_words = frozenset(self.vocab[t] for t in typos)
        self._words[text] = word
        if len(self._words) > _CACHE_SIZE:
            self._words.popitem(last=False)
        return word

    def _tids_of(self, word: QueryWord) -> list[int]:
        out = list(range(word.lo, word.hi))
        out.extend(word.typos)
        return out

    def labels_with(self, word: QueryWord) -> dict[int, float]:
        """Labels holding a word matching ``word``, with the best quality (memoised)."""
        found = self._label_sets.get(word.text)
        if found is not None:
            self._label_sets.move_to_end(word.text)
            return found
        post, off, vocab = self.t.head_post, self.t.head_off, self.vocab
        out: dict[int, float] = {}
        # lowest quality first, so better matches overwrite
        terms = sorted(
            ((word.quality_of(tid, vocab), tid) for tid in self._tids_of(word)),
        )
        for quality, tid in terms:
            a, b = off[tid], off[tid + 1]
            if b > a:
                out.update(dict.fromkeys(post[a:b], quality))
        self._label_sets[word.text] = out
        if len(self._label_sets) > _CACHE_SIZE:
            self._label_sets.popitem(last=False)
        return out

    def warm(self) -> None:
        """Do the one-time work of the first keystrokes now (in a worker, after loading):
        typo buckets, and the labels for every one-character query."""
        self._buckets()
        vocab, post, off = self.vocab, self.t.head_post, self.t.head_off
        by_first: dict[str, set[int]] = {}
        for tid, word in enumerate(vocab):
            a, b = off[tid], off[tid + 1]
            if b > a:
                by_first.setdefault(word[0], set()).update(post[a:b])
        for first, labels in by_first.items():
            self._first_labels[first] = heapq.nsmallest(LABEL_CAP, labels)

    def labels_with_prefix(self, prefix: str) -> list[int]:
        """Labels with a word starting with ``prefix``, most recent first (memoised)."""
        found = self._first_labels.get(prefix) if len(prefix) == 1 else None
        if found is None:
            found = self._prefix_labels.get(prefix)
        if found is not None:
            return found
        lo, hi = self._prefix_range(prefix)
        post, off = self.t.head_post, self.t.head_off
        out: set[int] = set()
        if hi > lo:
            a, b = off[lo], off[hi]
            if b - a < 4 * LABEL_CAP:
                out.update(post[a:b])
            else:
                for tid in range(lo, hi):
                    out.update(post[off[tid] : off[tid + 1]])
        result = heapq.nsmallest(LABEL_CAP, out)
        if len(prefix) == 1:
            self._first_labels[prefix] = result
            return result
        self._prefix_labels[prefix] = result
        if len(self._prefix_labels) > _CACHE_SIZE:
            self._prefix_labels.popitem(last=False)
        return result

    def passages_with(self, word: QueryWord) -> set[int]:
        """Passages whose body holds a word matching ``word`` (memoised)."""
        found = self._passage_sets.get(word.text)
        if found is not None:
            self._passage_sets.move_to_end(word.text)
            return found
        post, off = self.t.body_post, self.t.body_off
        out: set[int] = set()
        a, b = off[word.lo], off[word.hi]
        if b > a:
            out.update(post[a:b])
        for tid in word.typos:
            out.update(post[off[tid] : off[tid + 1]])
        self._passage_sets[word.text] = out
        if len(self._passage_sets) > _SET_CACHE:
            self._passage_sets.popitem(last=False)
        return out

    def body_size(self, word: QueryWord) -> int:
        """How many postings the word's expansion has in bodies (for picking the rarest)."""
        off = self.t.body_off
        size = off[word.hi] - off[word.lo]
        for tid in word.typos:
            size += off[tid + 1] - off[tid]
        return int(size)

    # forward lists -------------------------------------------------------------------

    def label_tids(self, label: int) -> Any:
        off = self.t.label_terms_off
        return self.t.label_terms[off[label] : off[label + 1]]

    def passage_tids(self, pid: int) -> Any:
        off = self.t.passage_terms_off
        return self.t.passage_terms[off[pid] : off[pid + 1]]


__all__ = [
    "EXACT",
    "LABEL_CAP",
    "PREFIX_MAX",
    "PREFIX_MIN",
    "TYPO",
    "Lookup",
    "QueryWord",
    "query_words",
]
