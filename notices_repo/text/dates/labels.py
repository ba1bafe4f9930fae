"""Stamp labels (English, and the language table's built on first use), and what may
stand around them."""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass

from notices_repo.text.dates.clean import unaccented
from notices_repo.text.dates.languages import LANGUAGES, Language
from notices_repo.text.dates.stamp import LEAD_WORDS

# --------------------------------------------------------------------------- labels


def is_cjk(char: str) -> bool:
    """Whether ``char`` is of a script whose labels may start anywhere: written without
    spaces between words (CJK, kana, Thai) or with particles after them (Hangul)."""
    return char >= "\u2e80" or "\u0e00" <= char <= "\u0e7f"


@functools.cache
def _char_pattern(char: str) -> str:
    """A letter of a label phrase: itself or its unaccented form ("é" -> "[ée]")."""
    if unicodedata.combining(char):  # a mark standing alone (Arabic tanwin): optional
        return f"(?:{re.escape(char)})?"
    plain = unaccented(char)
    if plain != char and len(plain) == 1:
        return f"[{char}{plain}]"
    return re.escape(char)


def _phrase_tokens(phrase: str) -> list[str]:
    """A label phrase of the language table as a list of (verbose) patterns, one per
    character: a space matches any white space, an apostrophe either apostrophe, an
    accented letter its plain form too."""
    tokens: list[str] = []
    for n, word in enumerate(phrase.split()):
        if n:
            tokens.append(r"\s+")
        tokens.extend(r"['’]\s?" if c in "'’" else _char_pattern(c) for c in word)
    return tokens


def _trie_pattern(phrases: list[list[str]]) -> str:
    """One pattern for many token lists, with shared beginnings factored out (a
    regex tries one branch per distinct next character, not one per phrase); where a
    phrase ends and a longer one goes on, the longer is tried first."""
    root: dict[str, dict] = {}
    for tokens in phrases:
        node = root
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict[str, dict]) -> str:
        alternatives = [token + emit(child) for token, child in node.items() if token]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _phrase_key(label: str) -> str:
    """How a label found in a text is looked up in the language table: unaccented, one
    space between words, one kind of apostrophe (the text is already lower case)."""
    words = unaccented(label).replace("’", "'").split()
    return " ".join(words).replace("' ", "'")


@functools.cache
def l10n_kinds() -> dict[str, tuple[str, Language]]:
    """Kind names (of _LABEL_KINDS) of the language table's phrases and their language,
    by _phrase_key (built on first use); a phrase of two languages is the first's."""
    kinds: dict[str, tuple[str, Language]] = {}
    for language in LANGUAGES:
        for effective, phrases in ((True, language.effective), (False, language.updated)):
            for phrase in phrases:
                if is_cjk(phrase[0]):
                    kind = "eff_cjk" if effective else "upd_cjk"
                else:
                    suffix = "l10n" if language.dayfirst else "ymd"
                    kind = f"{'eff' if effective else 'upd'}_{suffix}"
                kinds.setdefault(_phrase_key(phrase), (kind, language))
    return kinds


# (kind, alternatives) of the English labels, in the order they are tried; the language
# table's come first (:func:`label_fast_re`). Written in lower case; matched against
# lower-cased text with a single fast regex, then classified by matching the found label
# against each kind.
_ENGLISH_LABEL_SOURCES: tuple[tuple[str, str], ...] = (
    ("eff_prose", r"""
        (?:went|came|comes|come|will\s+come|enter(?:s|ed)?|goes|go)\s+into\s+(?:effect|force)
      | (?:takes?|took)\s+effect"""),
    ("eff", r"""
        effective(?:\s+date)?
      | date\s+effective
      | with\s+effect\s+(?:from|as\s+of)
      | in\s+(?:effect|force)\s+(?:from|as\s+of|since)
      | valid\s+(?:from|as\s+of|since)"""),
    ("stand", r"stand(?:\s+vom)?"),
    ("upd_last", r"""
        (?:last|most\s+recently|latest)\s+updated?
      | date\s+of\s+(?:the\s+)?last\s+update"""),
    ("upd", r"updated|update\s+date"),
    ("mod_last", r"last\s+(?:modified|amended|changed|modification|amendment)"
                 r"|date\s+of\s+last\s+(?:modification|amendment)"),
    ("mod", r"modified|amended"),
    ("rev_last", r"last\s+revised|(?:date\s+of\s+)?last\s+revision"),
    ("rev", r"revised|revision\s+date|date\s+of\s+revision"),
    ("rev_strict", r"revision"),
    ("rel", r"release\s+date|released|published|publication\s+date|date\s+of\s+publication"),
    ("dated", r"dated"),
    ("version", r"version(?:\s+(?:of|from|dated|du|vom))?|fassung\s+vom"),
    ("date", r"date"),
)  # fmt: skip


def _any_l10n_source(cjk: bool) -> str:
    """All the table's label phrases of the scripts written without spaces (``cjk``) or
    of the others, in one trie: a regex tries one branch per distinct next character,
    so one trie costs less than one per kind (the kind is looked up: kind_of)."""
    phrases = {
        phrase
        for language in LANGUAGES
        for phrase in (*language.effective, *language.updated)
        if is_cjk(phrase[0]) == cjk
    }
    return _trie_pattern([_phrase_tokens(p) for p in sorted(phrases)])


@functools.cache
def label_fast_re() -> re.Pattern[str]:
    """Any label, in one regex (built on first use): the language table's, then the
    English ones, then those of scripts written without spaces.

    Labels of the other scripts start a word, and the labels of scripts without spaces
    start with a character of theirs: the guards let the regex engine give up at once
    at most places (searching is three times faster than with bare alternatives).
    """
    english = [src for _kind, src in _ENGLISH_LABEL_SOURCES]
    return re.compile(
        r"(?<![^\W\d_])(?=[^\W\d_])(?:"
        + "|".join([_any_l10n_source(cjk=False), *english])
        + r")(?![^\W\d_])|(?=[\u0e00-\u0e7f\u2e80-\uffff])(?:"
        + _any_l10n_source(cjk=True)
        + ")",
        re.VERBOSE,
    )


@functools.cache
def label_kind_re() -> re.Pattern[str]:
    """Kinds of the English labels, by group name (those of the language table:
    :func:`l10n_kinds`, a lookup)."""
    return re.compile(
        "|".join(f"(?P<{kind}>{src})" for kind, src in _ENGLISH_LABEL_SOURCES), re.VERBOSE
    )


@functools.lru_cache(maxsize=1024)  # the same few labels come back in every text
def kind_of(label: str) -> LabelKind | None:
    """The kind of a label found by label_fast_re() (lower case), or None. A label of the
    language table's has its language (``lang``, ``dayfirst``)."""
    found = l10n_kinds().get(_phrase_key(label))
    if found is not None:
        name, language = found
        kind = _LABEL_KINDS[name]
        return dataclasses.replace(kind, lang=language.code, dayfirst=language.dayfirst)
    km = label_kind_re().fullmatch(label)
    return _LABEL_KINDS[km.lastgroup] if km is not None and km.lastgroup else None


@dataclass(frozen=True, slots=True)
class LabelKind:
    """What a kind of label means and how far it may stand into its clause."""

    label: str
    max_words: int  # words allowed before the label in its clause
    last: bool = False  # "last updated this notice on <date>"
    dayfirst: bool = False  # localized label: numeric dates are day-first
    effective: bool = False
    lang: str = ""  # the language table's code of a localized label ("hr")


_LABEL_KINDS: dict[str, LabelKind] = {
    "eff_l10n": LabelKind("effective", LEAD_WORDS, dayfirst=True, effective=True),
    "eff_prose": LabelKind("effective", 4, effective=True),
    "eff": LabelKind("effective", LEAD_WORDS, effective=True),
    "upd_l10n": LabelKind("updated", LEAD_WORDS, dayfirst=True),
    "eff_ymd": LabelKind("effective", LEAD_WORDS, effective=True),
    "upd_ymd": LabelKind("updated", LEAD_WORDS),
    "eff_cjk": LabelKind("effective", LEAD_WORDS, effective=True),
    "upd_cjk": LabelKind("updated", LEAD_WORDS),
    "stand": LabelKind("updated", 0, dayfirst=True),
    "upd_last": LabelKind("updated", LEAD_WORDS, last=True),
    "upd": LabelKind("updated", LEAD_WORDS),
    "mod_last": LabelKind("modified", LEAD_WORDS, last=True),
    "mod": LabelKind("modified", LEAD_WORDS),
    "rev_last": LabelKind("revised", LEAD_WORDS, last=True),
    "rev": LabelKind("revised", LEAD_WORDS),
    "rev_strict": LabelKind("revised", 0),
    "rel": LabelKind("release", LEAD_WORDS),
    "dated": LabelKind("dated", 0),
    "version": LabelKind("version", 0),
    "date": LabelKind("date", 0),
}

# Between a label and its date: separators, markup leftovers, connector words.
CONNECT_RE = re.compile(
    r"""
    (?:
        [\s:|.,;=>)(\[\]{}\-–—/]+
      | (?:on|as\s+of|as\s+at|from|since|of|is|was|in|at|the|date|le|du|au|el|del|de|desde
          |a\s+partir\s+del?|[àa]\s+compter\s+du|[àa]\s+partir\s+du|depuis\s+le|am|vom|ab
          |seit|il|dal|al|em|op|per|vanaf|od|dnia|z|ze|dne|с|со|от|a|a\s+partir\s+de
          |den|pada|від|la|din|ngày|vào|des\s+del?|l['’]|dana|од|дана|на|nuo|alates
          |(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi
          |samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|montag
          |dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(?![^\W\d_])
      | [为為于於是は은는]
      | (?:ณ|เมื่อ|ตั้งแต่|วันที่|วัน)  # Thai: "as of", "on", "since", "the date"
    )*
    """,
    re.IGNORECASE | re.VERBOSE,
)
# "last updated this notice on", "most recently updated in": a few words, then on/in.
LAST_GAP_RE = re.compile(r"\s+(?:[^\W\d_]+\s+){1,4}?(?:on|in)\s+(?:the\s+)?", re.IGNORECASE)
# "Effective date of this Privacy Policy is", "Last updated for these Terms:"
OF_THIS_RE = re.compile(
    r"\s+(?:of|for)\s+(?:this|these|the|our)\s+(?:[^\W\d_]+\s+){0,3}?[^\W\d_]+"
    r"(?:\s+(?:is|was|are|were)\s+|\s*:\s*)",
    re.IGNORECASE,
)
# "Version 2.3 – 9 December 2023"
VERSION_NUMBER_RE = re.compile(
    r"\s*[:\-–—]?\s*v?[0-9]+(?:\.[0-9]+)*[a-z]?\s*(?:[:\-–—,(]|\bdated\b|\bof\b|\bfrom\b)?\s*",
    re.IGNORECASE,
)
# "effective from June 6, 2014, until May 24, 2018": a range, i.e. an older version.
RANGE_RE = re.compile(
    r"[\s,]*(?:until|till|through|thru|to|[-–—])\s*(?:[0-9]|[^\W\d_]{3,10}\.?\s*[0-9])",
    re.IGNORECASE,
)


# Where a clause starts, for counting the words that lead to a label. Brackets are
# handled separately (see leads).
_CLAUSE_BREAK_RE = re.compile(r"[.!?;:](?:\s|$)|[|•·●▪]|\s[-–—]\s|^\s*[-–—]\s")
_BRACKET_RE = re.compile(r"[(){}]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_BRACKET_TITLE_WORDS = 6  # "Privacy Policy (Effective January 1, 2024)"
# A clause about the text itself may be longer: "This version of ... took effect on".
_SELF = frozenset(
    {"version", "policy", "notice", "statement", "terms", "agreement", "page", "document",
     "privacy", "cookie", "cookies", "guidelines", "policies", "conditions", "addendum"}
)  # fmt: skip
_SELF_WORDS = 10
_ANNOUNCE_WORDS = frozenset({"updating", "update", "updates", "upcoming"})


def leads(prefix: str, kind: LabelKind, line_start: bool) -> bool:
    """Whether a label preceded by ``prefix`` (cleaned) leads its line or clause.

    The label may follow at most ``kind.max_words`` words after the start of the line,
    the last clause break (sentence end, ``;``, ``:``, ``|``, a spaced dash, a bullet)
    or a bracket still open at the label. An effective label inside a bracket that
    opens after more than a few words qualifies those words ("... Act [Effective
    January 1, 2026]") and does not lead. ``line_start`` says whether ``prefix``
    starts its line; if not (a window of a very long line), a clause break is needed.
    """
    start = 0
    broken = line_start
    for m in _CLAUSE_BREAK_RE.finditer(prefix):
        start = m.end()
        broken = True
    opened: list[int] = []
    for m in _BRACKET_RE.finditer(prefix):
        if m.group() in "({":
            opened.append(m.start())
        elif opened:
            opened.pop()
    if opened:
        bracket = opened[-1]
        if kind.effective:
            before = len(_WORD_RE.findall(prefix, 0, bracket))
            if not line_start or before > _BRACKET_TITLE_WORDS:
                return False
        if bracket >= start:
            start = bracket + 1
            broken = True
    if not broken:
        return False
    if kind.lang == "th":
        # Thai has no spaces between words: count what stands between spaces. A number
        # before the label is a law's year ("... พ.ศ. 2562 ซึ่งมีผลใช้บังคับ ..."): the
        # sentence is about that law, not about the text.
        chunks = prefix[start:].split()
        return len(chunks) <= kind.max_words and not any(c.isdigit() for c in prefix[start:])
    words = _WORD_RE.findall(prefix, start)
    limit = kind.max_words
    if len(words) > 1 and words[0].lower() in ("this", "these") and words[1].lower() in _SELF:
        # "This version of npm's privacy questions and answers took effect June 3, 2020."
        limit = max(limit, _SELF_WORDS)
    if len(words) > limit:
        return False
    if words and words[-1].lower() == "as" and not kind.last and not kind.effective:
        return False  # "Regulation (EU) 2016/679, as amended 27 April 2016": a citation
    # "We're updating our Guidelines, effective ...", "This update goes into effect on
    # ...": a banner announcing a coming version; the text shown is the current one.
    return not any(word.lower() in _ANNOUNCE_WORDS for word in words)
