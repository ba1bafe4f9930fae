"""Answering a query over one scope: candidates, scores (0-100) and hits.

A heading or category name match is worth up to 100, a body match up to 75, so the same
words in a heading outrank them in a body; word quality (exact > prefix > typo) and a
rapidfuzz similarity of the query to the heading (to the passage) decide within each;
recency breaks ties. ``docs/search.md`` has the measurements behind each weight and cap.
"""

from __future__ import annotations

import datetime as dt
import heapq
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from notices_repo.search.highlight import Matcher, snippet_of
from notices_repo.search.lookup import LABEL_CAP, PREFIX_MIN, Lookup, QueryWord, query_words
from notices_repo.search.normalise import body_word, fold
from notices_repo.search.tables import CATEGORY, KINDS, NO_PASSAGE, Tables

#: A hit needs a score above this; no hit above it means "no match".
SCORE_CUTOFF = 40.0
#: Weights of a heading/name hit: word quality and similarity of the whole heading.
HEAD_QUALITY, HEAD_SIMILARITY = 80.0, 20.0
#: Weights of a body hit: word quality, similarity to the passage, heading context.
BODY_QUALITY, BODY_SIMILARITY, BODY_CONTEXT = 55.0, 15.0, 5.0
#: A word found in the heading of a passage counts this much of its quality.
CONTEXT_FACTOR = 0.8
#: Candidate caps (see docs/search.md for the measurements behind them).
PASSAGE_CAP = 100
SCAN_CAP = 4000
#: When every word is common, a prefix is scanned through this many of its completions.
SCAN_TERMS = 16
#: A word with more passages than this gets no passage set (it is checked per candidate).
SET_CAP = 30000
LABEL_PASSAGE_CAP = 40
#: At most this many body hits of one section of one notice.
PER_SECTION = 3


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


class Engine(Lookup):
    """Answers queries over one :class:`Tables`."""

    def __init__(self, tables: Tables, scope: str) -> None:
        super().__init__(tables)
        self.scope = scope
        self._notice_ids = {n[0]: i for i, n in enumerate(tables.notices)}
        self._label_keys: dict[int, str] = {}
        self._lock = threading.Lock()

    def warm(self) -> None:
        """:meth:`Lookup.warm`, while no query runs."""
        with self._lock:
            super().warm()

    # searching -----------------------------------------------------------------------

    def search(self, query: str, limit: int, notice_key: str | None) -> list[Hit]:
        with self._lock:
            return self._search(query, limit, notice_key)

    def _search(self, query: str, limit: int, notice_key: str | None) -> list[Hit]:
        folded_query = " ".join(query_words(query))
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

    def _labels(self, words_: list[QueryWord], weak: list[str], folded_query: str) -> list[Any]:
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

    def _passages(
        self, words_: list[QueryWord], folded_query: str, notice_filter: int
    ) -> list[Any]:
        """Passages holding every strong word (in the passage or in its heading)."""
        t = self.t
        vocab = self.vocab
        order = sorted(words_, key=self.body_size)
        rarest = order[0]
        e_label, e_notice = t.e_label, t.e_notice
        p_entries = t.passage_entries
        seen: set[int] = set()
        found: list[tuple[int, list[float], bool]] = []  # pid, qualities, heading context
        label_cache: dict[tuple[int, int], float] = {}

        def context_quality(word: QueryWord, label: int) -> float:
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
            self._scan_sets(small, seen, found, consider)
        else:
            # every word is common: scan the rarest one's postings, most recent first
            self._scan_postings(rarest, seen, found, consider)
        # 2. passages under headings that hold the rarest word (the body holds the rest)
        if len(words_) > 1:
            self._scan_headings(rarest, seen, consider)
        return self._scored(found, folded_query)

    def _scan_sets(
        self,
        small: list[QueryWord],
        seen: set[int],
        found: list[tuple[int, list[float], bool]],
        consider: Callable[[int, int], None],
    ) -> None:
        """Candidates from the intersection of the words' passage sets, most recent first."""
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
                consider(pid, -1)
                if len(found) >= PASSAGE_CAP:
                    break
            if len(found) >= PASSAGE_CAP:
                break

    def _scan_postings(
        self,
        rarest: QueryWord,
        seen: set[int],
        found: list[tuple[int, list[float], bool]],
        consider: Callable[[int, int], None],
    ) -> None:
        """Candidates from the rarest word's postings (exact, then its most frequent
        completions, then typos), most recent first, until the caps."""
        body_post, body_off = self.t.body_post, self.t.body_off
        scanned = 0
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

    def _scan_headings(
        self, rarest: QueryWord, seen: set[int], consider: Callable[[int, int], None]
    ) -> None:
        """Candidates under the most recent headings holding the rarest word."""
        t = self.t
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

    def _scored(self, found: list[tuple[int, list[float], bool]], folded_query: str) -> list[Any]:
        """Scores of the passages found: word quality, similarity, heading context."""
        t = self.t
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
        words_: list[QueryWord],
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
        matcher = Matcher(words_, weak)
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

    def _hit(self, k: int, score: float, matcher: Matcher) -> Hit:
        t = self.t
        notice_key, path, title, retired = t.notices[t.e_notice[k]]
        kind = t.e_kind[k]
        label_text = t.labels[t.e_label[k]]
        pid = t.e_passage[k]
        if pid == NO_PASSAGE:
            pid = t.e_lead[k]
        passage = t.passage_text(pid) if pid != NO_PASSAGE else ""
        snippet, spans = snippet_of(passage, matcher)
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


__all__ = ["SCORE_CUTOFF", "Engine", "Hit"]
