"""Search sections and data categories of every notice, now or in any earlier version.

:class:`SearchIndex` answers a query per keystroke from an index built once (in the
background for the app) and kept in the user's cache folder
(:mod:`notices_repo.search.index` builds and stores it). ``docs/search.md`` explains
the ranking and the measurements behind it.

How a query is answered:

1. Words of the query are folded (casefold, accents removed). Words of 3+ characters
   are *strong*: each expands, over the index's vocabulary, to itself (exact), to the
   words it begins (prefix: ``retent`` -> ``retention``) and to words a typo away
   (``cookeis`` -> ``cookies``, rapidfuzz over the vocabulary, never over texts).
   Words of 1-2 characters and stop words (``the``, ``and``...) only refine (a heading
   word starting with them scores a little more); a query made only of such words
   searches headings and category names by prefix.
2. Candidates: headings and category names holding every strong word; passages
   (paragraphs) holding every strong word (the words' passage sets, memoised per word,
   are intersected), most recent first, and passages under a heading holding the
   rarest word whose text holds the others. The candidate sets are capped.
3. Scores (0-100): a heading or category name match is worth up to 100, a body
   match up to 75, so the same words in a heading outrank them in a body. Within each,
   word quality (exact > prefix > typo) and a rapidfuzz similarity of the query to the
   heading (to the passage for body matches) decide; recency breaks ties.
4. Hits below :data:`SCORE_CUTOFF` are dropped: no hit above it means no match.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from notices_repo.model import Catalog
from notices_repo.search.index import (
    CATEGORY,
    KINDS,
    NO_PASSAGE,
    SCOPES,
    Tables,
    body_word,
    build_tables,
    code_key,
    fold,
    index_file,
    load_tables,
    read_meta,
    save_tables,
    scope_key,
    select_versions,
    word_spans,
)

log = logging.getLogger("notices_repo.search.query")

Progress = Callable[[str, int, int], None]

#: A hit needs a score above this; no hit above it means "no match".
SCORE_CUTOFF = 40.0
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
#: Weights of a heading/name hit: word quality and similarity of the whole heading.
HEAD_QUALITY, HEAD_SIMILARITY = 80.0, 20.0
#: Weights of a body hit: word quality, similarity to the passage, heading context.
BODY_QUALITY, BODY_SIMILARITY, BODY_CONTEXT = 55.0, 15.0, 5.0
#: A word found in the heading of a passage counts this much of its quality.
CONTEXT_FACTOR = 0.8
#: Candidate caps (see docs/search.md for the measurements behind them).
LABEL_CAP = 2000
PASSAGE_CAP = 100
SCAN_CAP = 4000
#: When every word is common, a prefix is scanned through this many of its completions.
SCAN_TERMS = 16
#: A word with more passages than this gets no passage set (it is checked per candidate).
SET_CAP = 30000
LABEL_PASSAGE_CAP = 40
#: At most this many body hits of one section of one notice.
PER_SECTION = 3
SNIPPET_CHARS = 160
_CACHE_SIZE = 64
_SET_CACHE = 16


@dataclass(frozen=True, slots=True)
class Hit:
    """One result: a section or a data category of one notice, in one version.

    ``spans`` are ``(start, end)`` code-point offsets of matched words in ``snippet``;
    ``label_spans`` the same in ``name`` (categories) or ``heading`` (sections).
    ``effective_date``/``commit`` name the newest version (in the scope searched)
    holding this text, ``section`` its index in ``split_sections()`` of that version's
    text and ``offset`` where the section (the category's list item) starts.
    ``first_seen``/``last_seen``/``versions``: effective dates of the first and last
    version holding the text and how many versions do.
    """

    notice: str
    path: str
    title: str
    kind: str
    heading: str
    name: str | None
    score: float
    snippet: str
    spans: tuple[tuple[int, int], ...]
    label_spans: tuple[tuple[int, int], ...]
    effective_date: dt.date
    commit: str
    first_seen: dt.date
    last_seen: dt.date
    versions: int
    section: int
    offset: int
    retired: bool = False

    def to_json(self) -> dict[str, Any]:
        """The hit as ``search --json`` prints it."""
        return {
            "path": self.path,
            "notice": self.notice,
            "kind": self.kind,
            "heading": self.heading,
            "name": self.name,
            "score": round(self.score, 1),
            "snippet": self.snippet,
            "spans": [list(s) for s in self.spans],
            "label_spans": [list(s) for s in self.label_spans],
            "effective_date": self.effective_date.isoformat(),
            "commit": self.commit,
            "first_seen": self.first_seen.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "versions": self.versions,
            "section": self.section,
            "offset": self.offset,
        }


# ---------------------------------------------------------------------------------------
# Query words


@dataclass(slots=True)
class _Word:
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


def _query_words(query: str) -> list[str]:
    return [w for _, _, w in word_spans(query)]


# ---------------------------------------------------------------------------------------
# The engine of one scope


class _Engine:
    """Answers queries over one :class:`Tables`."""

    def __init__(self, tables: Tables, scope: str) -> None:
        self.t = tables
        self.scope = scope
        self.vocab: list[str] = tables.vocab
        self._by_start: dict[tuple[str, int], tuple[list[str], list[int]]] | None = None
        self._words: OrderedDict[str, _Word] = OrderedDict()
        self._label_sets: OrderedDict[str, set[int]] = OrderedDict()
        self._passage_sets: OrderedDict[str, set[int]] = OrderedDict()
        self._first_labels: dict[str, list[int]] = {}
        self._prefix_labels: OrderedDict[str, list[int]] = OrderedDict()
        self._notice_ids = {n[0]: i for i, n in enumerate(tables.notices)}
        self._label_keys: dict[int, str] = {}
        self._lock = threading.Lock()

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

    def word(self, text: str) -> _Word:
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
        word = _Word(text, exact, lo, hi, typos)
        word.typo_words = frozenset(self.vocab[t] for t in typos)
        self._words[text] = word
        if len(self._words) > _CACHE_SIZE:
            self._words.popitem(last=False)
        return word

    def _tids_of(self, word: _Word) -> list[int]:
        out = list(range(word.lo, word.hi))
        out.extend(word.typos)
        return out

    def labels_with(self, word: _Word) -> dict[int, float]:
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

    def passages_with(self, word: _Word) -> set[int]:
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

    def body_size(self, word: _Word) -> int:
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

    # searching -----------------------------------------------------------------------

    def search(self, query: str, limit: int, notice_key: str | None) -> list[Hit]:
        with self._lock:
            return self._search(query, limit, notice_key)

    def _search(self, query: str, limit: int, notice_key: str | None) -> list[Hit]:
        folded_query = " ".join(_query_words(query))
        if not folded_query:
            return []
        notice_filter = -1
        if notice_key is not None:
            found = self._notice_ids.get(notice_key)
            if found is None:
                return []
            notice_filter = found
        texts = folded_query.split()
        strong = list(dict.fromkeys(w for w in texts if body_word(w)))
        weak = [w for w in texts if not body_word(w)]
        if not strong:
            scored = self._short(folded_query, weak, limit)
            return self._hits(scored, [], weak, folded_query, limit, notice_filter)
        words_ = [self.word(w) for w in strong]
        if any(w.hi == w.lo and not w.typos for w in words_):
            return []  # a word that matches nothing in the vocabulary: nothing matches all
        scored = self._labels(words_, weak, folded_query)
        scored += self._passages(words_, folded_query, notice_filter)
        return self._hits(scored, words_, weak, folded_query, limit, notice_filter)

    def _short(self, folded_query: str, weak: list[str], limit: int) -> list[Any]:
        """Only 1-2 character words: headings and category names with words starting so.

        The most recent :data:`LABEL_CAP` labels holding such words are ranked by how
        close the whole label is to the query (rapidfuzz ratio, in one C call).
        """
        candidates: set[int] | None = None
        for text in dict.fromkeys(weak):
            found = set(self.labels_with_prefix(text))
            candidates = found if candidates is None else candidates & found
        if not candidates:
            return []
        ordered = sorted(candidates)
        keys = [self.t.label_keys[label] for label in ordered]
        best = process.extract(
            folded_query, keys, scorer=fuzz.ratio, processor=None, limit=max(limit * 4, 40)
        )
        base = HEAD_QUALITY * PREFIX_MIN
        return [
            (base + HEAD_SIMILARITY * similarity / 100.0, ordered[k], NO_PASSAGE)
            for _, similarity, k in best
        ]

    def _labels(self, words_: list[_Word], weak: list[str], folded_query: str) -> list[Any]:
        """Headings and category names holding every strong word."""
        tables = [self.labels_with(w) for w in words_]
        tables.sort(key=len)
        candidates: dict[int, float] = {}
        for label, quality in tables[0].items():
            total = quality
            for other in tables[1:]:
                q = other.get(label)
                if q is None:
                    break
                total += q
            else:
                candidates[label] = total / len(words_)
        if not candidates:
            return []
        if len(candidates) > LABEL_CAP:
            candidates = {k: candidates[k] for k in sorted(candidates)[:LABEL_CAP]}
        ordered = list(candidates)
        keys = self.t.label_keys
        similar = process.extract(
            folded_query,
            [keys[label] for label in ordered],
            scorer=LABEL_SCORER,
            processor=None,
            limit=None,
        )
        out: list[Any] = []
        for _, similarity, k in similar:
            label = ordered[k]
            score = HEAD_QUALITY * candidates[label] + HEAD_SIMILARITY * similarity / 100.0
            if weak:
                score += _weak_bonus(weak, keys[label])
            out.append((min(score, 100.0), label, NO_PASSAGE))
        return out

    def _passages(self, words_: list[_Word], folded_query: str, notice_filter: int) -> list[Any]:
        """Passages holding every strong word (in the passage or in its heading)."""

        t = self.t
        vocab = self.vocab
        order = sorted(words_, key=self.body_size)
        rarest = order[0]
        body_post, body_off = t.body_post, t.body_off
        e_label, e_notice = t.e_label, t.e_notice
        p_entries = t.passage_entries
        seen: set[int] = set()
        found: list[tuple[int, list[float], bool]] = []  # pid, qualities, heading context
        scanned = 0
        label_cache: dict[tuple[int, int], float] = {}

        def context_quality(word: _Word, label: int) -> float:
            key = (id(word), label)
            q = label_cache.get(key)
            if q is None:
                q = word.best_in(self.label_tids(label), vocab)
                label_cache[key] = q
            return q

        def consider(pid: int, via_label: int) -> None:
            tids = self.passage_tids(pid)
            a, b = p_entries[pid], p_entries[pid + 1]
            if notice_filter >= 0 and not any(e_notice[k] == notice_filter for k in range(a, b)):
                return
            labels = [via_label] if via_label >= 0 else list({e_label[k] for k in range(a, b)})
            qualities: list[float] = []
            in_body = False
            for word in words_:
                q = word.best_in(tids, vocab)
                if q > 0:
                    in_body = True
                    qualities.append(q)
                    continue
                best = max(context_quality(word, label) for label in labels)
                if best <= 0:
                    return
                qualities.append(CONTEXT_FACTOR * best)
            if in_body:
                context = any(context_quality(w, lab) > 0 for w in words_ for lab in labels)
                found.append((pid, qualities, context))

        # 1. passages holding every word in their body: intersect the words' passage
        #    sets (memoised per word, so typing the next word reuses them); a word with
        #    too many passages for a set is checked in each candidate's word list.
        small = [w for w in order if self.body_size(w) <= SET_CAP]
        if small:
            pool = self.passages_with(small[0])
            for word in small[1:]:
                if len(pool) < 64:
                    break  # checking the few left in their word lists is cheaper
                pool = pool & self.passages_with(word)
            # most recent first; the first few hundred usually suffice (one C sort of
            # the pool is faster than heapq.nsmallest for any pool size here)
            ordered = sorted(pool)
            first = ordered[: 4 * PASSAGE_CAP]
            more = len(ordered) > len(first)
            for second in (False, True):
                if second and not more:
                    break
                batch = ordered[len(first) : SCAN_CAP] if second else first
                for pid in batch:
                    seen.add(pid)
                    scanned += 1
                    consider(pid, -1)
                    if len(found) >= PASSAGE_CAP:
                        break
                if len(found) >= PASSAGE_CAP:
                    break
        else:
            # every word is common: scan the rarest one's postings, most recent first
            tiers: list[list[int]] = []
            if rarest.exact >= 0:
                tiers.append([rarest.exact])
            completions = [t_ for t_ in range(rarest.lo, rarest.hi) if t_ != rarest.exact]
            if len(completions) > SCAN_TERMS:
                # a short prefix of many words: its most frequent completions stand for it
                completions = heapq.nlargest(
                    SCAN_TERMS, completions, key=lambda t_: body_off[t_ + 1] - body_off[t_]
                )
            tiers.append(completions)
            tiers.append(sorted(rarest.typos, key=lambda t_: -rarest.typos[t_]))
            for tier in tiers:
                if len(found) >= PASSAGE_CAP or scanned >= SCAN_CAP:
                    break
                streams = [
                    body_post[body_off[tid] : body_off[tid + 1]]
                    for tid in tier
                    if body_off[tid + 1] > body_off[tid]
                ]
                merged = streams[0] if len(streams) == 1 else heapq.merge(*streams)
                for pid in merged:
                    if pid in seen:
                        continue
                    seen.add(pid)
                    scanned += 1
                    consider(pid, -1)
                    if len(found) >= PASSAGE_CAP or scanned >= SCAN_CAP:
                        break
        # 2. passages under headings that hold the rarest word (the body holds the rest)
        if len(words_) > 1:
            heads = heapq.nsmallest(LABEL_PASSAGE_CAP, self.labels_with(rarest).keys())
            lp, lp_off = t.label_passages, t.label_passages_off
            budget = PASSAGE_CAP
            for label in heads:
                for pid in lp[lp_off[label] : lp_off[label + 1]][:LABEL_PASSAGE_CAP]:
                    if pid in seen:
                        continue
                    seen.add(pid)
                    consider(pid, label)
                    budget -= 1
                if budget <= 0:
                    break
        out: list[Any] = []
        for pid, qualities, context in found:
            quality = sum(qualities) / len(qualities)
            text = fold(t.passage_text(pid))
            similarity = BODY_SCORER(folded_query, text, processor=None)
            score = BODY_QUALITY * quality + BODY_SIMILARITY * similarity / 100.0
            if context:
                score += BODY_CONTEXT
            out.append((score, -1, pid))
        return out

    # hits ----------------------------------------------------------------------------

    def _hits(
        self,
        scored: list[Any],
        words_: list[_Word],
        weak: list[str],
        folded_query: str,
        limit: int,
        notice_filter: int,
    ) -> list[Hit]:
        """Hits of the best candidates: each candidate's entries, best score first.

        Candidates are expanded one score at a time (ties are ordered by the newest
        version holding the text), until ``limit`` hits are found.
        """
        t = self.t
        v_date, e_newest, e_notice = t.v_date, t.e_newest, t.e_notice
        tail = t.passage_entries[len(t.passage_entries) - 1]
        candidates = sorted(
            ((round(score, 1), label, pid) for score, label, pid in scored if score > SCORE_CUTOFF),
            key=lambda c: (-c[0], c[2], c[1]),
        )
        matcher = _Matcher(words_, weak)
        hits: list[Hit] = []
        per_section: dict[tuple[int, int, int], int] = {}
        shown: set[tuple[int, ...]] = set()
        i = 0
        while i < len(candidates) and len(hits) < limit:
            score = candidates[i][0]
            rows: list[tuple[int, int]] = []  # (-date, entry)
            while i < len(candidates) and candidates[i][0] == score:
                _, label, pid = candidates[i]
                i += 1
                if pid == NO_PASSAGE:
                    a, b = t.label_entries[label] + tail, t.label_entries[label + 1] + tail
                else:
                    a, b = t.passage_entries[pid], t.passage_entries[pid + 1]
                for k in range(a, b):
                    if notice_filter < 0 or e_notice[k] == notice_filter:
                        rows.append((-v_date[e_newest[k]], k))
            rows.sort()
            for _, k in rows:
                pid = t.e_passage[k]
                # A heading hit shows the section's first passage: that passage's own
                # hit (same notice, version and text) would say the same again.
                seen = (e_notice[k], t.e_kind[k], t.e_label[k], e_newest[k])
                shows = (*seen, pid if pid != NO_PASSAGE else t.e_lead[k])
                if shows in shown:
                    continue
                shown.add(shows)
                if pid != NO_PASSAGE:
                    key = seen[:3]
                    if per_section.get(key, 0) >= PER_SECTION:
                        continue
                    per_section[key] = per_section.get(key, 0) + 1
                hits.append(self._hit(k, score, matcher))
                if len(hits) >= limit:
                    break
        return hits

    def _hit(self, k: int, score: float, matcher: _Matcher) -> Hit:
        t = self.t
        notice_key, path, title, retired = t.notices[t.e_notice[k]]
        kind = t.e_kind[k]
        label_text = t.labels[t.e_label[k]]
        pid = t.e_passage[k]
        if pid == NO_PASSAGE:
            pid = t.e_lead[k]
        passage = t.passage_text(pid) if pid != NO_PASSAGE else ""
        snippet, spans = _snippet(passage, matcher)
        label_spans = matcher.spans(label_text)
        if kind == CATEGORY:
            context = t.e_context[k]
            heading = t.labels[context] if context != NO_PASSAGE else ""
            name: str | None = label_text
        else:
            heading, name = label_text, None
        newest = t.e_newest[k]
        return Hit(
            notice=notice_key,
            path=path,
            title=title,
            kind=KINDS[kind],
            heading=heading,
            name=name,
            score=score,
            snippet=snippet,
            spans=tuple(spans),
            label_spans=tuple(label_spans),
            effective_date=dt.date.fromordinal(t.v_date[newest]),
            commit=t.commits[newest],
            first_seen=dt.date.fromordinal(t.v_date[t.e_first[k]]),
            last_seen=dt.date.fromordinal(t.v_date[t.e_last[k]]),
            versions=int(t.e_count[k]),
            section=int(t.e_section[k]),
            offset=int(t.e_offset[k]),
            retired=bool(retired),
        )


#: How similar a whole heading or name is to the query (0-100); see docs/search.md.
LABEL_SCORER: Callable[..., float] = fuzz.token_sort_ratio
#: How well the query appears as one piece of a passage (0-100); see docs/search.md.
BODY_SCORER: Callable[..., float] = fuzz.partial_ratio


def _weak_bonus(weak: list[str], folded_label: str) -> float:
    words_ = folded_label.split()
    return sum(2.0 for w in weak if any(x.startswith(w) for x in words_))


# A word holding at least one non-ASCII letter (matched from its start: \b, then the
# greedy \w* backs off to a non-ASCII letter).
_NON_ASCII_WORD_RE = re.compile(r"\b\w*[^\W\x00-\x7f]\w*")


class _Matcher:
    """Finds the words of a text that match the query, as spans to highlight.

    A word the query matches exactly or by a typo is marked whole; a word it begins
    (a partial word being typed) has the typed part marked. ASCII texts go through one
    case-insensitive regular expression; others are folded word by word.
    """

    def __init__(self, words_: list[_Word], weak: list[str]) -> None:
        self.words = words_
        self.weak = weak
        prefixes = sorted({w.text for w in words_} | set(weak), key=len, reverse=True)
        typos = sorted({t for w in words_ for t in w.typo_words}, key=len, reverse=True)
        parts = []
        if prefixes:
            parts.append(r"(" + "|".join(map(re.escape, prefixes)) + r")(\w*)")
        if typos:
            parts.append(r"(" + "|".join(map(re.escape, typos)) + r")\b")
        self.regex = re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE) if parts else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of the words of ``text`` that match the query.

        ASCII words go through the regular expression; only words holding a non-ASCII
        letter are folded one by one (most non-ASCII texts are ASCII words with curly
        quotes or a few accented names).
        """
        if self.regex is None or not text:
            return []
        ascii_text = text.isascii()
        out = []
        for m in self.regex.finditer(text):
            if not ascii_text and not m.group().isascii():
                continue  # a word with non-ASCII letters: folded below
            if m.group(1) is not None:
                whole = not m.group(2)
                out.append((m.start(1), m.end(2) if whole else m.end(1)))
            else:
                out.append((m.start(3), m.end(3)))
        if not ascii_text:
            folded = self._folded_spans(text)
            if folded:
                out.extend(folded)
                out.sort()
        return out

    def _folded_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of the words holding a non-ASCII letter, compared folded."""
        out: list[tuple[int, int]] = []
        for m in _NON_ASCII_WORD_RE.finditer(text):
            start, end = m.span()
            folded = fold(m.group())
            if not folded:
                continue
            mark = 0
            for word in self.words:
                mark = word.matches_word(folded)
                if mark:
                    break
            if not mark:
                for w in self.weak:
                    if folded.startswith(w):
                        mark = len(w)
                        break
            if not mark:
                continue
            if mark < 0 or len(folded) != end - start or mark >= end - start:
                out.append((start, end))
            else:
                out.append((start, start + mark))
        return out


def _snippet(text: str, matcher: _Matcher) -> tuple[str, list[tuple[int, int]]]:
    """A short piece of ``text`` around its first matched word, and the spans in it."""
    spans = matcher.spans(text)
    if len(text) <= SNIPPET_CHARS:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET_CHARS // 4, len(text) - SNIPPET_CHARS))
    if start > 0:
        space = text.find(" ", start, first) if first > start else -1
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start + SNIPPET_CHARS // 2, end)
        end = space if space > 0 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    shift = len(prefix) - start
    cut = prefix + text[start:end] + suffix
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return cut, inside


# ---------------------------------------------------------------------------------------
# The index


class IndexNotReady(Exception):
    """The all-versions scope was asked for before it was built."""


class SearchIndex:
    """The search index of one repository at one HEAD: the latest versions, and every
    version when it was asked for.

    Build it with :meth:`load_or_build` (reuses the cache file when it matches the
    repository, HEAD, the versions chosen and the code), in a worker for the app: it
    takes a ``cancelled`` event and a ``progress(stage, done, total)`` callback.
    """

    def __init__(self, engines: dict[str, _Engine]) -> None:
        self._engines = engines

    @property
    def scopes(self) -> tuple[str, ...]:
        """The scopes this index can search (``latest``, and ``all`` when built)."""
        return tuple(s for s in SCOPES if s in self._engines)

    def stats(self, scope: str = "latest") -> dict[str, Any]:
        """Sizes and build facts of one scope (for the benchmark and ``--debug``)."""
        engine = self._engines[scope]
        t = engine.t
        meta = {k: v for k, v in t.meta.items() if not k.startswith("_")}
        meta.update(
            passages=t.passage_count,
            labels=len(t.labels),
            vocabulary=len(t.vocab),
            entries=len(t.e_kind),
            postings=len(t.body_post) + len(t.head_post),
            mapped=bool(t.meta.get("_mapped")),
        )
        return meta

    def warm(self) -> None:
        """Prepare what the first keystrokes would otherwise pay for (about 10-50 ms per
        scope; call it in the worker that loaded the index, not for a one-off search)."""
        for engine in self._engines.values():
            with engine._lock:
                engine.warm()

    def search(
        self,
        query: str,
        limit: int = 20,
        scope: str = "latest",
        notice_key: str | None = None,
    ) -> list[Hit]:
        """The best hits for ``query``, best first (empty: no match above the cutoff).

        ``scope``: ``latest`` (the version in force of each notice at HEAD) or ``all``
        (every effective version; IndexNotReady until it is built). ``notice_key``:
        only this notice.
        """
        engine = self._engines.get(scope)
        if engine is None:
            if scope not in SCOPES:
                raise ValueError(f"unknown search scope {scope!r}")
            raise IndexNotReady(f"the {scope} index is not built yet")
        return engine.search(query, max(1, limit), notice_key)

    @classmethod
    def load_or_build(
        cls,
        repository: Any,
        catalog: Catalog,
        *,
        all_versions: bool = False,
        today: dt.date | None = None,
        progress: Progress | None = None,
        cancelled: threading.Event | None = None,
        use_cache: bool = True,
        workers: int | None = None,
    ) -> SearchIndex:
        """The index of ``catalog``'s repository, from the cache file when it matches.

        ``repository`` is the :class:`~notices_repo.catalog.repository.NoticeRepository` the
        catalog was loaded from. Builds what is missing (``latest`` always, ``all``
        when ``all_versions``) and saves it in the cache folder. Raises
        :class:`~notices_repo.errors.Cancelled` when ``cancelled`` is set.
        """
        today = today or dt.date.today()
        engines: dict[str, _Engine] = {}
        for scope in ("latest", "all") if all_versions else ("latest",):
            tables = open_scope(
                repository, catalog, scope, today, progress, cancelled, use_cache, workers
            )
            engines[scope] = _Engine(tables, scope)
        return cls(engines)

    build = load_or_build

    def with_all_versions(
        self,
        repository: Any,
        catalog: Catalog,
        *,
        today: dt.date | None = None,
        progress: Progress | None = None,
        cancelled: threading.Event | None = None,
        use_cache: bool = True,
        workers: int | None = None,
    ) -> SearchIndex:
        """This index plus the all-versions scope (built or loaded; for a worker)."""
        if "all" in self._engines:
            return self
        tables = open_scope(
            repository,
            catalog,
            "all",
            today or dt.date.today(),
            progress,
            cancelled,
            use_cache,
            workers,
        )
        return SearchIndex({**self._engines, "all": _Engine(tables, "all")})


def open_scope(
    repository: Any,
    catalog: Catalog,
    scope: str,
    today: dt.date,
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
    use_cache: bool = True,
    workers: int | None = None,
) -> Tables:
    """The tables of one scope: mapped from the cache file, or built (and saved)."""
    notices, versions, chains = select_versions(catalog, scope, today)
    key = scope_key(repository.git_dir, catalog.head, scope, versions, chains)
    path = index_file(repository.git_dir, scope)
    previous = None
    code = code_key()
    if use_cache:
        meta = read_meta(path)
        if meta is not None and meta.get("key") == key:
            tables = load_tables(path)
            if tables is not None:
                log.debug("search index %s: reused %s", scope, path)
                return tables
        if meta is not None and meta.get("code") == code and meta.get("scope") == scope:
            # An index of an earlier HEAD (or day): the notices it holds unchanged are
            # taken from it.
            previous = load_tables(path)
        log.debug("search index %s: building (cache %s)", scope, "stale" if meta else "missing")
    started = time.perf_counter()
    meta = {
        "key": key,
        "code": code,
        "scope": scope,
        "head": catalog.head,
        "repository": catalog.repository,
        "versions": len(versions),
        "notices": len(notices),
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    tables = build_tables(
        repository.runner, notices, versions, chains, meta, progress, cancelled, workers, previous
    )
    del previous  # unmap the old file before it is replaced
    meta["seconds"] = round(time.perf_counter() - started, 3)
    if not use_cache:
        return tables
    try:
        save_tables(tables, path)
    except OSError as exc:
        log.debug("search index not saved: %s", exc)
        return tables
    mapped = load_tables(path)
    return mapped if mapped is not None else tables


__all__ = [
    "SCORE_CUTOFF",
    "Hit",
    "IndexNotReady",
    "SearchIndex",
    "open_scope",
]
