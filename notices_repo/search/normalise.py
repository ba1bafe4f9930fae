"""How words are compared: folded (casefold, accents out), stop words, inert text.

The index (:mod:`notices_repo.search.build`, :mod:`notices_repo.search.assemble`) and the
queries (:mod:`notices_repo.search.rank`) fold words the same way; ``docs/search.md`` has
the measurements behind each choice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD_RE = re.compile(r"\w+")
_BODY_WORD_RE = re.compile(r"\w{3,}")
# Combining marks (accents) of the Latin, Greek and Cyrillic blocks and their supplements;
# the breve of Cyrillic й and ў stays (letters of their own: "мой" is not "мои"; ё folds
# to е).
_MARKS = "[\u0300-\u0305\u0307-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_COMBINING_RE = re.compile(_MARKS + "|(?<![\u0438\u0443])\u0306")
# The same marks but the breve: what _COMBINING_RE removes from a text without one.
_MARKS_RE = re.compile(_MARKS)
# Characters that could drive a terminal or reorder text: spaces in stored text, so
# snippets are already inert and span offsets survive display unchanged.
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")

#: Words too common to find anything with in a body: passages do not index them, and
#: a query treats them like 1-2 character words (they refine heading matches only).
STOP_WORDS = frozenset(
    [
        "about",
        "after",
        "all",
        "also",
        "and",
        "any",
        "are",
        "been",
        "before",
        "being",
        "both",
        "but",
        "can",
        "could",
        "did",
        "does",
        "each",
        "for",
        "from",
        "had",
        "has",
        "have",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "into",
        "its",
        "may",
        "more",
        "most",
        "not",
        "off",
        "once",
        "only",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "she",
        "should",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "too",
        "under",
        "until",
        "upon",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
    ]
)


def body_word(word: str) -> bool:
    """Whether a folded word is indexed in passages (3+ characters, not a stop word)."""
    return len(word) > 2 and word not in STOP_WORDS


def safe_text(text: str) -> str:
    """``text`` with control, bidi and zero-width characters turned into spaces."""
    if _UNSAFE_RE.search(text) is None:
        return text
    return _UNSAFE_RE.sub(" ", text)


def fold(text: str) -> str:
    """Casefolded, accents removed (``Données`` -> ``donnees``): how words are compared.

    NFKD decomposition, the combining marks of Latin, Greek and Cyrillic dropped, then
    NFC composition (one C-speed pass each). Only those accents go: the voiced marks of
    kana (``ダ`` is ``タ`` + U+3099 when decomposed) and hangul syllables are composed
    back, so ``ダウンロード``, ``개인정보`` and ``隐私`` fold to themselves (half-width
    kana to full-width), ``Straße`` to ``strasse``, ``Ελληνικά`` to ``ελληνικα``.
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    # Without a breve the lookbehind is moot: the plain class is scanned several times
    # faster (most non-ASCII passages hold only quotes and dashes).
    marks = _COMBINING_RE if "\u0306" in decomposed else _MARKS_RE
    return unicodedata.normalize("NFC", marks.sub("", decomposed))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return _WORD_RE.findall(fold(text))


_NUMBERING_RE = re.compile(r"^(?:(?:\d+|[ivxlc]+|[a-z])(?: |$))+")
_PAGE_RE = re.compile(r"(?: \d+)+$")


def label_key(text: str) -> str:
    """A heading or name as compared with a query: folded words, without leading
    numbering or a trailing page number (``3.6. Cookies``, ``F. COOKIES`` -> ``cookies``)."""
    folded = " ".join(words(text))
    stripped = _PAGE_RE.sub("", _NUMBERING_RE.sub("", folded))
    return stripped or folded


def body_words(text: str) -> set[str]:
    """The distinct folded words a passage is indexed under (see :func:`body_word`)."""
    return set(_BODY_WORD_RE.findall(fold(text))) - STOP_WORDS


# Every ASCII byte that is not a word character (``\w``) as a space: an ASCII text's
# words are then a ``split()`` away, about twice as fast as the regular expression.
_ASCII_SPACES = bytes(c if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(128)) + bytes(
    range(128, 256)
)
# The words of one or two ASCII word characters (left out of passages, as the regular
# expression leaves them out), together with the stop words.
_ASCII_ALNUM = [chr(c) for c in range(128) if chr(c).isalnum() or c == 0x5F]
_SHORT_OR_STOP = frozenset(
    _ASCII_ALNUM + [a + b for a in _ASCII_ALNUM for b in _ASCII_ALNUM]
).union(STOP_WORDS)


def body_word_lists(texts: Iterable[str]) -> list[list[str]]:
    """The sorted :func:`body_words` of each of ``texts``: a few C calls per text (no
    Python step per word; an ASCII text split by bytes, not by a regular expression)."""
    findall, stop, short = _BODY_WORD_RE.findall, STOP_WORDS, _SHORT_OR_STOP
    table = _ASCII_SPACES
    out: list[list[str]] = []
    for text in map(fold, texts):
        if text.isascii():
            found = set(text.encode("ascii").translate(table).decode("ascii").split())
            found -= short
        else:
            found = set(findall(text))
            found -= stop
        out.append(sorted(found))
    return out


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, folded word)`` of every word of ``text`` (code-point offsets)."""
    out: list[tuple[int, int, str]] = []
    for m in _WORD_RE.finditer(text):
        folded = fold(m.group())
        if folded:
            out.append((m.start(), m.end(), folded))
    return out


__all__ = [
    "STOP_WORDS",
    "body_word",
    "body_word_lists",
    "body_words",
    "fold",
    "label_key",
    "safe_text",
    "word_spans",
    "words",
]
