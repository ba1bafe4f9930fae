"""Searching the texts at HEAD without an index: the answer while the index is built.

The first open of a large archive reads its history and builds the search index for
several seconds (issue 16); until then :class:`HeadTexts` answers from the notices'
current files: HEAD's tree is listed, the notice files (the repository's
``.notice-tui.toml`` rules) are read with one ``cat-file``, and each query is looked
for in them with regular expressions (in C), folded as the index folds words.

It is a simpler search than the index's, and says so where it is shown: sections only
(no data categories), words matched exactly or as prefixes (no typos), one hit per
section, the texts at HEAD (which may hold a version announced for later). Scores use
the index's weights and rapidfuzz scorers (:mod:`notices_repo.search.rank`), so a
heading match still ranks above the same words in a body.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
from itertools import repeat
from pathlib import Path

from rapidfuzz import fuzz

from notices_repo.catalog.derive import title_from_path
from notices_repo.catalog.early import notice_files
from notices_repo.errors import Cancelled
from notices_repo.git.catfile import CatFile
from notices_repo.git.queries import commit_id
from notices_repo.git.runner import GitRunner
from notices_repo.search.highlight import Matcher, snippet_of
from notices_repo.search.lookup import EXACT, PREFIX_MAX, PREFIX_MIN, QueryWord, query_words
from notices_repo.search.normalise import body_word, fold, label_key
from notices_repo.search.passages import iter_passages
from notices_repo.search.rank import (
    BODY_CONTEXT,
    BODY_QUALITY,
    BODY_SIMILARITY,
    HEAD_QUALITY,
    HEAD_SIMILARITY,
    SCORE_CUTOFF,
    Hit,
)
from notices_repo.text.body import body_of
from notices_repo.text.decode import decode
from notices_repo.text.sections import Section, split_sections

#: Between the folded sections of a non-ASCII text (no word runs across it).
_SEPARATOR = "\x00"
_WORD_CHAR = re.compile(r"\w").match


class _Text:
    """One notice file at HEAD: what is searched, its sections, and the text as UTF-8
    (a third to half the memory of the string: the texts of a large archive's HEAD are
    tens of megabytes, held while the index is built)."""

    __slots__ = ("hay", "path", "raw", "sections", "starts", "title")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.raw = text.encode("utf-8", "surrogatepass")
        #: ``split_sections`` of the text (as the index and the main screen number them)
        self.sections = split_sections(text)
        #: what is searched: the text lower-cased (ASCII), else folded section by section
        #: (offsets need not match), typographic punctuation made ASCII (a narrower string)
        self.hay, self.starts = _hay(text, self.sections)
        self.title = next((s.heading for s in self.sections[:3] if s.heading), "")
        if not self.title:
            self.title = title_from_path(path)

    @property
    def text(self) -> str:
        """The text (decoded again)."""
        return self.raw.decode("utf-8", "surrogatepass")


#: Punctuation that makes a folded text a wide string, as ASCII (one character each;
#: ``str.replace`` per pair: ``str.translate`` with a table is several times slower).
_NARROW = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2022", "*"),
    ("\u00a0", " "),
)


def _hay(text: str, sections: list[Section]) -> tuple[str, list[int]]:
    """What is searched in ``text`` and where each section starts in it.

    Typographic punctuation is made ASCII first (one character for one: offsets kept), so
    most texts are ASCII then and only lower-cased; the others are folded section by
    section (folding may change lengths).
    """
    for wide, narrow in _NARROW:
        if wide in text:
            text = text.replace(wide, narrow)
    if text.isascii():
        return text.lower(), [s.start for s in sections]  # as fold() does ASCII
    pieces = [fold(text[s.start : s.end]) for s in sections]
    starts, pos = [], 0
    for piece in pieces:
        starts.append(pos)
        pos += len(piece) + 1
    return _SEPARATOR.join(pieces), starts


class HeadTexts:
    """The notice files at HEAD of one repository, searched without an index."""

    def __init__(self, head: str, day: dt.date, texts: list[_Text]) -> None:
        self.head = head
        """The commit the texts were read at."""
        self.day = day
        """The day of that commit (the date its hits carry)."""
        self._texts = texts
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._texts)

    @classmethod
    def read(cls, path: Path, cancelled: threading.Event | None = None) -> HeadTexts | None:
        """Read the notice files at HEAD of the repository in ``path`` (None: no commits).

        Raises :class:`~notices_repo.errors.Cancelled` when ``cancelled`` is set and
        :class:`~notices_repo.errors.RepoError` when git cannot read the repository.
        """
        runner = GitRunner(path)
        head = commit_id(runner)
        if head is None:
            return None
        day = dt.date.fromisoformat(
            runner.output("log", "-1", "--format=%cs", head).decode("ascii").strip()
        )
        reader = CatFile(runner)
        try:
            files, _ = notice_files(runner, head, reader.read)
            texts = []
            paths, blobs = list(files), list(files.values())
            for path_, (_, data) in zip(paths, reader.read_many(blobs, cancelled), strict=True):
                if data is not None:
                    texts.append(_Text(path_, body_of(decode(data).text).text))
        finally:
            reader.close()
        if cancelled is not None and cancelled.is_set():
            raise Cancelled()
        return cls(head, day, texts)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The best sections for ``query`` at HEAD, best first (empty: no match).

        Words of 3+ characters that are not stop words must all be in a section (as
        words or word beginnings); a query of short words only matches headings.
        """
        words_ = list(dict.fromkeys(query_words(query)))
        if not words_:
            return []
        strong = [w for w in words_ if body_word(w)]
        weak = [w for w in words_ if not body_word(w)]
        needed = strong or weak
        # a literal first: the regex engine finds it fast; word starts are checked apart
        patterns = [(w, re.compile(re.escape(w) + r"\w*")) for w in needed]
        matcher = Matcher([QueryWord(w, -1, 0, 0, {}) for w in strong], weak)
        folded_query = " ".join(words_)
        limit = max(1, limit)
        hits: list[Hit] = []
        with self._lock:
            candidates = [c for text in self._texts for c in self._candidates(text, patterns)]
            # best possible score first: snippets and scorers only for those that may
            # be among the first ``limit``
            candidates.sort(key=lambda c: (-c[0], c[1].path, c[2]))
            scores: list[float] = []
            decoded: dict[str, str] = {}
            for bound, text, k, qualities in candidates:
                if len(scores) >= limit and bound < scores[limit - 1]:
                    break
                whole = decoded.get(text.path)
                if whole is None:
                    whole = decoded[text.path] = text.text
                hit = self._hit(
                    text, whole, k, qualities, patterns, bool(strong), matcher, folded_query
                )
                if hit is not None:
                    hits.append(hit)
                    bisect.insort(scores, hit.score, key=lambda x: -x)
        hits.sort(key=lambda h: (-h.score, h.path, h.section))
        return hits[:limit]

    def _candidates(
        self, text: _Text, patterns: list[tuple[str, re.Pattern[str]]]
    ) -> list[tuple[float, _Text, int, list[float]]]:
        """The sections of one text holding every word: ``(best possible score, text,
        section, quality of each word)``."""
        hay, starts = text.hay, text.starts
        found: list[dict[int, float]] = []  # per word: section -> best quality
        if not all(word in hay for word, _ in patterns):
            return []  # most texts, at C speed
        for word, pattern in patterns:
            where: dict[int, float] = {}
            for m in pattern.finditer(hay):
                at = m.start()
                if at and _WORD_CHAR(hay[at - 1]):
                    continue  # inside a word
                k = bisect.bisect_right(starts, at) - 1
                quality = _quality(len(word), m)
                if quality > where.get(k, 0.0):
                    where[k] = quality
            if not where:
                return []
            found.append(where)
        out = []
        for k in set(found[0]).intersection(*found[1:]):
            qualities = [w[k] for w in found]
            quality = sum(qualities) / len(qualities)
            words_ = fold(text.sections[k].heading).split()
            if all(any(x.startswith(w) for x in words_) for w, _ in patterns):
                bound = HEAD_QUALITY * quality + HEAD_SIMILARITY
            else:
                bound = BODY_QUALITY * quality + BODY_SIMILARITY + BODY_CONTEXT
            out.append((bound, text, k, qualities))
        return out

    def _hit(
        self,
        text: _Text,
        whole: str,
        k: int,
        qualities: list[float],
        patterns: list[tuple[str, re.Pattern[str]]],
        bodies: bool,
        matcher: Matcher,
        folded_query: str,
    ) -> Hit | None:
        """Section ``k`` as a hit: a heading match, else a body match (its first
        paragraph holding a word), scored as the index scores them."""
        section = text.sections[k]
        heading = fold(section.heading)
        heading_words = heading.split()
        in_heading = [any(map(str.startswith, heading_words, repeat(w))) for w, _ in patterns]
        quality = sum(qualities) / len(qualities)
        passage = ""
        if all(in_heading) and section.heading:
            similarity = fuzz.token_sort_ratio(folded_query, label_key(section.heading))
            score = HEAD_QUALITY * quality + HEAD_SIMILARITY * similarity / 100
            passage = next(iter_passages(whole, None, section.body_start, section.end), "")
        elif bodies:
            for piece in iter_passages(whole, None, section.body_start, section.end):
                if matcher.spans(piece):
                    passage = piece
                    break
            if not passage:
                return None  # the words are only in markup the passages drop
            similarity = fuzz.partial_ratio(folded_query, fold(passage))
            score = BODY_QUALITY * quality + BODY_SIMILARITY * similarity / 100
            score += BODY_CONTEXT if any(in_heading) else 0.0
        else:
            return None  # short words match headings only
        if score <= SCORE_CUTOFF:
            return None
        snippet, spans = snippet_of(passage, matcher)
        return Hit(
            notice=text.path,
            path=text.path,
            title=text.title,
            kind="section",
            heading=section.heading,
            name=None,
            score=round(score, 1),
            snippet=snippet,
            spans=tuple(spans),
            label_spans=tuple(matcher.spans(section.heading)),
            effective_date=self.day,
            commit=self.head,
            first_seen=self.day,
            last_seen=self.day,
            versions=1,
            section=k,
            offset=section.start,
        )


def _quality(typed: int, m: re.Match[str]) -> float:
    """Quality of a word match as the index rates it: exact, or a prefix (more of the
    word typed, higher); ``typed``: the length of the query word."""
    whole = m.end() - m.start()
    if whole <= typed:
        return EXACT
    return PREFIX_MIN + (PREFIX_MAX - PREFIX_MIN) * typed / whole


__all__ = ["HeadTexts"]
