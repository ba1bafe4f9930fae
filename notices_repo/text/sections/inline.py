"""Inline Markdown cleaning of a heading or label, and date-stamp lines."""

from __future__ import annotations

import html
import re

from notices_repo.text.markup import HEADING_ID, IAL

# ---------------------------------------------------------------------------
# Inline cleaning (all regexes are linear: possessive quantifiers, bounded classes)

_IMAGE_RE = re.compile(
    r"!\[[^\[\]\n]*+\]\((?:<[^<>\n]*+>|(?:[^()\s]|\([^()\s]*+\))*+)"
    r"(?:\s++(?:\"[^\"\n]*+\"|'[^'\n]*+'))?\s*+\)"
)
_LINK_RE = re.compile(
    r"\[([^\[\]\n]*+)\]\((?:<[^<>\n]*+>|(?:[^()\s]|\([^()\s]*+\))*+)"
    r"(?:\s++(?:\"[^\"\n]*+\"|'[^'\n]*+'))?\s*+\)"
)
_REFLINK_RE = re.compile(r"\[([^\[\]\n]*+)\]\[[^\[\]\n]*+\]")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]*+)>", re.IGNORECASE)
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>")
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->")
# Emphasis/code delimiters not between two letters/digits (snake_case and 5*3 stay).
_EMPHASIS_RE = re.compile(r"(?<![\\*_~`])(?<![^\W_])[*_~`]++|(?<![\\*_~`])[*_~`]++(?![^\W_])")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BARE_URL_RE = re.compile(r"(?:https?://|www\.)\S++|\S+@\S+\.\S++", re.IGNORECASE)
# kramdown attribute lists ``{: #id .class }`` and a heading id ``{#id}`` at the end: markup
# (notices_repo.text.body removes them from the text the same way).
_KRAMDOWN_RE = re.compile(rf"{IAL}|{HEADING_ID}\s*+$")


def clean_inline(raw: str) -> str:
    """Return ``raw`` as plain text: inline Markdown/HTML removed, whitespace collapsed.

    Images are dropped, links reduced to their text, emphasis/code delimiters, HTML
    tags and kramdown attribute lists removed, backslash escapes and HTML entities
    resolved, every run of whitespace (including newlines and non-breaking spaces)
    replaced by one space, ends stripped.
    """
    s = raw
    if "{" in s and ("{:" in s or "{#" in s):
        s = _KRAMDOWN_RE.sub(" ", s)
    if "](" in s or "][" in s:
        s = _IMAGE_RE.sub("", s)
        s = _LINK_RE.sub(r"\1", s)
        s = _REFLINK_RE.sub(r"\1", s)
    if "<" in s:
        s = _HTML_COMMENT_RE.sub("", s)
        s = _AUTOLINK_RE.sub(r"\1", s)
        s = _HTML_TAG_RE.sub(" ", s)
    if "*" in s or "_" in s or "~" in s or "`" in s:
        s = _EMPHASIS_RE.sub("", s)
    if "\\" in s:
        s = _ESCAPE_RE.sub(r"\1", s)
    if "&" in s:
        s = html.unescape(s)
    return " ".join(s.split())


def is_link_only(raw: str) -> bool:
    """True when a line is only links, images, URLs and punctuation (navigation)."""
    s = _IMAGE_RE.sub("", raw)
    s = _LINK_RE.sub("", s)
    s = _REFLINK_RE.sub("", s)
    s = _AUTOLINK_RE.sub("", s)
    s = _BARE_URL_RE.sub("", s)
    return not any(ch.isalnum() for ch in s)


# ---------------------------------------------------------------------------
# Date stamps

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre"
    r"|novembre|d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|se?tiembre|octubre|noviembre|diciembre"
)
_DATE_RE = re.compile(
    rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}\b"
    rf"|\b(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}\b"
    r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}[/.]\d{1,2}[/.]\d{1,2}\b",
    re.IGNORECASE,
)
STAMP_LABEL_RE = re.compile(
    r"\W*+(?:(?:date\s+of\s+)?last\s+)?"
    r"(?:updated|update|modified|revised|revision|effective|dated|date|version"
    r"|release\s+date|released|published|amended|posted"
    r"|en\s+vigueur|derni[èe]re\s+mise\s+[àa]\s+jour|mise?\s+[àa]\s+jour|vigente"
    r"|fecha|[úu]ltima\s+actualizaci[óo]n|actualizado)\b",
    re.IGNORECASE,
)


def is_date_stamp(clean: str) -> bool:
    """True for a date-stamp line such as ``Effective Date: December 9th, 2023``.

    A stamp is a date label (``Last updated``, ``Effective``, ``Revised``, ``Version``,
    ``Date``, French/Spanish equivalents) followed by nothing, or by text holding a digit
    or a date; or a short line (at most 6 words) holding a date (``8 October 2025``).
    ``Updated Terms of Service`` or ``Version History`` are not stamps.
    """
    m = STAMP_LABEL_RE.match(clean)
    if m:
        rest = clean[m.end() :]
        if not any(ch.isalnum() for ch in rest) or any(ch.isdigit() for ch in rest):
            return True
        if _DATE_RE.search(rest):
            return True
    return len(clean.split()) <= 6 and _DATE_RE.search(clean) is not None
