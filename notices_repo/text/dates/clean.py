"""Markup cleaning of a fragment, accents, and the shapes of lines around a stamp."""

from __future__ import annotations

import functools
import re
import unicodedata

from notices_repo.text.dates.languages import SUFFIXES
from notices_repo.text.markup import IAL_LOOSE_RE

# --------------------------------------------------------------------------- months


def unaccented(phrase: str) -> str:
    """``phrase`` without combining accents ("entrée" -> "entree"); "ł" stays."""
    decomposed = unicodedata.normalize("NFKD", phrase)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def spellings(phrase: str) -> tuple[str, ...]:
    """A phrase of the language table and its unaccented spelling, when different."""
    plain = unaccented(phrase)
    return (phrase,) if plain == phrase else (phrase, plain)


# ------------------------------------------------------------------ markup cleaning

LINK_TARGET_RE = re.compile(r"\]\([^)\n]{0,2000}\)|<https?://[^>\s]{0,2000}>")
TAG_RE = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")
_URL_RE = re.compile(r"https?://\S{0,2000}")
# (old, new) replacements; str.replace guarded by "in" is much faster than
# str.translate on non-ASCII text.
_CLEAN_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("*", ""),
    ("_", ""),
    ("`", ""),
    ("~", ""),
    ("[", ""),
    ("]", ""),
    ("\\", ""),
    ("\u200b", ""),  # zero-width space
    ("\u200c", ""),  # zero-width non-joiner
    ("\u200d", ""),  # zero-width joiner
    ("\u2060", ""),  # word joiner
    ("\ufeff", ""),  # byte order mark
    ("\u00ad", ""),  # soft hyphen
    ("\u00a0", " "),  # no-break space
    ("\u202f", " "),  # narrow no-break space
    ("\u2007", " "),  # figure space
    ("\u2009", " "),  # thin space
    ("\u200a", " "),  # hair space
    ("\u3000", " "),  # ideographic space
    ("\t", " "),
    ("\r", " "),
    ("，", ","),  # fullwidth comma: "August 29，2023"
    ("：", ":"),  # fullwidth colon: "最終更新日：2020年9月9日"
)


def clean_fragment(fragment: str) -> str:
    """``fragment`` without Markdown/HTML markup and with odd spaces made plain.

    Escaped brackets (``\\[Effective ...\\]``) become parentheses; link texts stay,
    link targets, URLs and kramdown attribute lists (``{: .class }``) go.
    """
    if "](" in fragment or "<" in fragment:
        fragment = LINK_TARGET_RE.sub("", fragment)
        fragment = TAG_RE.sub(" ", fragment)
    if "http" in fragment:
        fragment = _URL_RE.sub("", fragment)
    if "{:" in fragment:
        fragment = IAL_LOOSE_RE.sub("", fragment)
    if "\\[" in fragment or "\\]" in fragment:
        fragment = fragment.replace("\\[", "(").replace("\\]", ")")
    for old, new in _CLEAN_REPLACEMENTS:
        if old in fragment:
            fragment = fragment.replace(old, new)
    return fragment


LEADING_MARKUP = " #>|*+-–—•·●▪.:()"


# Lines that are only markup: blank lines, setext underlines, table rules, breaks.
RULE_LINE_RE = re.compile(r"[\s=\-_*|:+#>]*")
LIST_ITEM_RE = re.compile(r"\s*(?:[*+\-•·●▪◦]\s|[0-9]{1,3}[.)]\s)")
#: What may follow the date of a bare date line: the word for "year" that Polish,
#: Russian, Bulgarian, Ukrainian, Serbian and Croatian write after one ("20 lipca 2017 r.",
#: "20 июля 2017 г."), punctuation, one parenthesis.
BARE_TRAIL_RE = re.compile(
    r"(?:\s*(?:r|г|р|god|g)\.|\s+(?:roku|года|году|року|година|godine))?"
    r"[\s.,;:|)\]}>#\-–—]*(?:\([^()]{0,80}\)[\s.]*)?",
    re.IGNORECASE,
)


@functools.cache
def suffix_re() -> re.Pattern[str]:
    """A word after a date that starts its line: "2020年9月9日 改定", "2020년 9월 9일
    시행" (built on first use)."""
    return re.compile(
        r"\s*(?:より|から|부터|起|开始|開始)?\s*(?:(?P<eff>"
        + "|".join(sorted(SUFFIXES[0][1], key=len, reverse=True))
        + ")|(?P<upd>"
        + "|".join(sorted(SUFFIXES[1][1], key=len, reverse=True))
        + r"))(?:日|일)?"
        + r"(?:しました|します|する|されました|されます|됨|됩니다|합니다|한다)?[\s。.)）]*"
    )


# The subject of a CJK sentence that states the date of the text it opens, before the
# date: "本政策自" (this policy, from), "本隐私政策于" (this privacy policy, on), "自",
# "本規約は" (these terms), "이 개인정보 처리방침은" (this privacy policy). The sentence
# must end with a word of SUFFIXES ("起生效", "更新", "より施行", "부터 시행됩니다").
CJK_PROSE_LEAD_RE = re.compile(
    r"[\s#>*+\-–—•·●▪.:()]*(?:"
    r"(?:(?:本|此|该|該|这|這)[\u4e00-\u9fff]{1,15})?(?:自|于|於|从|從)"
    r"|(?:本|この)[\u3040-\u30ff\u4e00-\u9fff]{1,15}?[はを][、,]?"
    r"|(?:이|본)\s*[\uac00-\ud7a3\s]{1,25}?[은는]"
    r")\s*"
)
# Where a sentence starts, for CJK_PROSE_LEAD_RE ("부칙: 이 방침은 ...").
SENTENCE_END_RE = re.compile(r"[。．！？!?:]|\.\s")


# What may follow the date of a stamp line: punctuation, markup, one parenthesis,
# "r." / "г." (Polish, Russian: year).
STAMP_TRAIL_RE = re.compile(
    r"\s*(?:r\.|г\.|rok|года?)?[\s.,;:|)\]}>#\-–—]*(?:\([^()]{0,80}\)[\s.]*)?"
)
# What may stand around a label that is alone on its line.
LABEL_ALONE_RE = re.compile(r"[\W_]*")
