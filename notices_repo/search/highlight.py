"""Highlighting: which words of a heading or passage match the query, and a snippet
around the first one (spans in code points, so they survive display unchanged).
"""

from __future__ import annotations

import re

from notices_repo.search.lookup import QueryWord
from notices_repo.search.normalise import fold

#: Snippets are at most about this many characters.
SNIPPET_CHARS = 160

# A word holding at least one non-ASCII letter (matched from its start: \b, then the
# greedy \w* backs off to a non-ASCII letter).
_NON_ASCII_WORD_RE = re.compile(r"\b\w*[^\W\x00-\x7f]\w*")


class Matcher:
    """Finds the words of a text that match the query, as spans to highlight.

    A word the query matches exactly or by a typo is marked whole; a word it begins
    (a partial word being typed) has the typed part marked. ASCII texts go through one
    case-insensitive regular expression; others are folded word by word.
    """

    def __init__(self, words_: list[QueryWord], weak: list[str]) -> None:
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


def snippet_of(text: str, matcher: Matcher) -> tuple[str, list[tuple[int, int]]]:
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


__all__ = ["SNIPPET_CHARS", "Matcher", "snippet_of"]
