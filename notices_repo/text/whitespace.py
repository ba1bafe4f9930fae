"""Layout normalisation shared by the technical flag and the diff's whitespace ignoring.

Two versions of a notice differ "only in layout" when their layout tokens are equal.
The tokens are the whitespace-separated words of the text after removing the noise that
re-extractions of the same page produce (seen in Open Terms Archive's "Apply technical
or declaration upgrade" commits):

* whitespace of any kind and amount: re-wrapped lines, trailing spaces, CRLF, tabs,
  non-breaking and other Unicode spaces, ``<br>`` tags, ``&nbsp;``/``&#x20;`` entities;
* list markers: tokens made only of ``*``, ``-``, ``+``, ``=``, ``#``, ``>``, ``|`` or a
  bullet (``•``, ``·``, ``●``, ``◦``, ``▪``, ``○``, ``■``, ``‣``, ``⁃``) anywhere, and an
  ordered-list marker (``1.``, ``12)``) at the start of a line, so ``* `` -> ``*   ``,
  renumbered lists, thematic breaks (``- - -``, ``***``), setext underlines and ATX
  ``#`` marks are layout;
* Markdown escaping: ``\\_`` and ``_``, ``\\*`` and ``*`` are the same text (an escaped
  ``1\\.`` at the start of a line is a number that is text, so it is not dropped as a
  list marker);
* link destinations in angle brackets: ``[x](<url>)`` and ``[x](url)``;
* emphasis delimiters: runs of ``*`` and ``_`` that are not between two letters or
  digits (``**Account Data:**`` and ``Account Data:`` are the same words; ``snake_case``
  and ``5*3`` are kept).

Not layout (kept): changed, added or removed words, changed punctuation (``Meta,`` vs
``Meta ,``), changed link targets or link texts, changed letter case, strikethrough and
code marks.

:func:`layout_fingerprint` runs the same pipeline on UTF-8 bytes with C-speed operations
(``bytes`` regular expressions with possessive quantifiers, ``bytes.split``, ``hashlib``),
so ``layout_fingerprint(a) == layout_fingerprint(b)`` exactly when
``layout_tokens(a.decode()) == layout_tokens(b.decode())``. Differences, by design:
bytes that are not valid UTF-8 are taken as they are (their Latin-1 non-breaking space
``0xA0`` is not whitespace there; :mod:`notices_repo.catalog.blob` re-encodes decoded
non-UTF-8 texts to UTF-8 before fingerprinting), and a UTF-16/32 byte-order mark makes
the fingerprint decode the bytes first.

Caveats of the line-start rule: a number that a re-wrap moves to the start of a line
(``... under section`` / ``5. The ...``) becomes a list marker there.
"""

from __future__ import annotations

import codecs
import hashlib
import re

__all__ = ["layout_equal", "layout_fingerprint", "layout_tokens"]

_UTF16_32_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Unicode whitespace that str.split() knows and bytes.split() does not, in UTF-8:
# U+0085 and U+00A0 (\xc2..), U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
# U+3000; U+001C-U+001F are mapped by _SEPARATORS_TO_SPACE. Every regular expression below starts
# with a literal byte so that the regex engine scans for it at memchr speed (a leading
# character class is scanned byte by byte, ten times slower), and none backtracks.
_UNICODE_SPACE_RE = re.compile(rb"\xe2(?:\x80[\x80-\x8a\xa8\xa9\xaf]|\x81\x9f)")
_OTHER_UNICODE_SPACES = (b"\xc2\xa0", b"\xc2\x85", b"\xe3\x80\x80", b"\xe1\x9a\x80")
_SEPARATORS_TO_SPACE = bytes.maketrans(b"\x1c\x1d\x1e\x1f", b"    ")
_BR_RE = re.compile(rb"<[bB][rR][ \t]*+/?>")
_ENTITY_SPACE_RE = re.compile(rb"&(?:nbsp|#160|#[xX][aA]0|#[xX]20|#32);")
# An ordered-list marker at the start of a line (before escapes are resolved, so an
# escaped ``1\.`` -- a number that is text, not a list -- stays). The text is given a
# leading newline so that the first line is a line too.
_ORDERED_MARKER_RE = re.compile(rb"\n[ \t]*+\d{1,9}[.)](?=\s|\Z)")
# [text](<destination>) -> [text](destination)
_ANGLE_LINK_RE = re.compile(rb"\]\(<([^<>\n]*+)>")
# Markdown backslash escapes of ASCII punctuation.
_ESCAPE_RE = re.compile(rb"\\([!-/:-@\[-`{-~])")
# Runs of * and _ not between two word characters (bytes >= 0x80 are UTF-8 letters);
# one expression per first character of the run, each anchored at the run's start.
_WORD = rb"[0-9A-Za-z\x80-\xff]"
_EMPHASIS_RES = tuple(
    re.compile(
        lead
        + rb"(?:(?<![*_0-9A-Za-z\x80-\xff]"
        + lead
        + rb")[*_]*+|(?<![*_]"
        + lead
        + rb")[*_]*+(?!"
        + _WORD
        + rb"))"
    )
    for lead in (rb"\*", rb"_")
)
# Tokens made only of list/heading/quote/table markup characters or bullets. One
# expression per first character, anchored on that character (the lookbehind then
# checks the token starts after whitespace): scanning for a literal byte is fast.
_MARKUP_CHAR = (
    rb"(?:[-+=#>|]|\xe2\x80[\xa2\xa3]|\xc2\xb7|\xe2\x97[\x8b\x8f\xa6]|\xe2\x96[\xa0\xaa]"
    rb"|\xe2\x81\x83)"
)
_MARKUP_LEADS = (b"-", b"+", b"=", b"#", b">", b"|")
_MARKUP_TOKEN_RES = tuple(
    (
        lead,
        re.compile(
            re.escape(lead) + rb"(?<=\s" + re.escape(lead) + rb")" + _MARKUP_CHAR + rb"*+(?=\s)"
        ),
    )
    for lead in _MARKUP_LEADS
)
# Bullet-led tokens: the three-byte bullets share the lead byte \xe2.
_BULLET_TOKEN_RES = (
    (
        b"\xe2",
        re.compile(
            rb"\xe2(?:\x80[\xa2\xa3]|\x97[\x8b\x8f\xa6]|\x96[\xa0\xaa]|\x81\x83)"
            rb"(?<=\s...)" + _MARKUP_CHAR + rb"*+(?=\s)"
        ),
    ),
    (b"\xc2\xb7", re.compile(rb"\xc2\xb7(?<=\s..)" + _MARKUP_CHAR + rb"*+(?=\s)")),
)
_ASCII = bytes(range(128))


def utf8_layout_tokens(data: bytes) -> list[bytes]:
    """The layout tokens of UTF-8 ``data``."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    # The non-ASCII bytes alone (a few percent of a notice) tell cheaply which of the
    # multi-byte characters below occur: valid UTF-8 stays aligned on characters.
    non_ascii = b"" if data.isascii() else data.translate(None, _ASCII)
    if non_ascii:
        if b"\xe2\x80" in non_ascii or b"\xe2\x81" in non_ascii:
            data = _UNICODE_SPACE_RE.sub(b" ", data)
        for space in _OTHER_UNICODE_SPACES:
            if space in non_ascii:
                data = data.replace(space, b" ")
    data = data.translate(_SEPARATORS_TO_SPACE)
    if b"<" in data:
        data = _BR_RE.sub(b" ", data)
    if b"&" in data:
        data = _ENTITY_SPACE_RE.sub(b" ", data)
    data = _ORDERED_MARKER_RE.sub(b"\n", b"\n" + data)
    if b"](<" in data:
        data = _ANGLE_LINK_RE.sub(rb"](\1", data)
    if b"\\" in data:
        data = _ESCAPE_RE.sub(rb"\1", data)
    if b"*" in data:
        data = _EMPHASIS_RES[0].sub(b"", data)
    if b"_" in data:
        data = _EMPHASIS_RES[1].sub(b"", data)
    data += b"\n"  # the text starts with one already: every token has whitespace around
    for lead, pattern in _MARKUP_TOKEN_RES:
        if lead in data:
            data = pattern.sub(b"", data)
    if non_ascii:
        for lead, pattern in _BULLET_TOKEN_RES:
            if lead in non_ascii:
                data = pattern.sub(b"", data)
    return data.split()


def layout_tokens(text: str) -> list[str]:
    """The words of ``text`` with layout noise removed (see the module docstring).

    Never raises; lone surrogates are kept as they are.
    """
    if not isinstance(text, str) or not text:
        return []
    tokens = utf8_layout_tokens(text.encode("utf-8", "surrogatepass"))
    try:
        return [token.decode("utf-8", "surrogatepass") for token in tokens]
    except UnicodeDecodeError:  # cannot happen: substitutions keep UTF-8 sequences whole
        return [token.decode("utf-8", "replace") for token in tokens]


def layout_fingerprint(data: bytes) -> str:
    """Hex digest of the layout tokens of ``data`` (UTF-8 bytes of a notice).

    Two blobs get the same fingerprint exactly when their layout tokens are equal, i.e.
    when they differ only in whitespace or markup layout. Linear, with C-speed passes
    only: about 35 ms of CPU for the largest real notice (1.2 MB), half of it in
    ``bytes.split`` and ``join``. Never raises.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        data = b""
    data = bytes(data)
    for bom, encoding in _UTF16_32_BOMS:
        if data.startswith(bom):
            data = data[len(bom) :].decode(encoding, "replace").encode("utf-8")
            break
    return hashlib.blake2b(b" ".join(utf8_layout_tokens(data)), digest_size=20).hexdigest()


#: Texts longer than this are compared by :func:`layout_equal` piece by piece.
PIECE = 1 << 20


def _plain_space(text: str, start: int, end: int) -> int:
    """The last space in ``text[start:end]`` that a piece may end at (-1: none).

    Rules that match across spaces (a tag such as ``<br />``, an angle-bracket link
    destination) or that make the next word start a line (``<br />``) must read the same
    in a piece as in the whole text: the best space is after a word character and
    outside any ``<...>``, the next best outside any ``<...>``, the last resort any."""
    outside = -1
    cut = end
    opened = text.rfind("<", start, end)  # the last "<" and ">" before ``cut``, found
    closed = text.rfind(">", start, end)  # moving backwards only: linear in the piece
    while True:
        cut = text.rfind(" ", start, cut)
        if cut <= start:
            break
        while opened > cut:
            opened = text.rfind("<", start, opened)
        while closed > cut:
            closed = text.rfind(">", start, closed)
        if opened <= closed:
            if text[cut - 1].isalnum():
                return cut
            if outside < 0:
                outside = cut
    return outside if outside >= 0 else text.rfind(" ", start, end)


def _layout_digest(text: str, start: int = 0, size: int | None = None) -> bytes:
    """Digest of the layout tokens of a long text, computed a piece (about 1 MB) at a time.

    Pieces are cut after a newline (the next piece starts a line, as in the whole text)
    or else after a plain space (:func:`_plain_space`); a piece that does not start a
    line is read after a sentinel word, dropped again, so an ordered-list marker there
    is not taken for one at a line start. The digest does not depend on where the pieces were cut.
    """
    digest = hashlib.blake2b(digest_size=20)
    first = start
    size = len(text) if size is None else size
    while start < size:
        end = min(size, start + PIECE)
        if end < size:
            cut = text.rfind("\n", start, end)
            if cut < start:
                cut = _plain_space(text, start, end)
            if cut >= start:
                end = cut + 1
        data = text[start:end].encode("utf-8", "surrogatepass")
        if start == first or text[start - 1] == "\n":
            tokens = utf8_layout_tokens(data)
        else:
            tokens = utf8_layout_tokens(b"\x01 " + data)[1:]
        for token in tokens:
            digest.update(token)
            digest.update(b" ")
        start = end
    return digest.digest()


def layout_equal(
    a: str,
    b: str,
    a_span: tuple[int, int] | None = None,
    b_span: tuple[int, int] | None = None,
) -> bool:
    """Whether ``layout_tokens(a) == layout_tokens(b)``, without holding the tokens of
    long texts (a 50 MB text has millions): those are compared by digest, piece by piece.

    ``a_span``/``b_span``: compare ``a[lo:hi]`` and ``b[lo:hi]`` without copying them.
    """
    lo_a, hi_a = a_span if a_span is not None else (0, len(a))
    lo_b, hi_b = b_span if b_span is not None else (0, len(b))
    if hi_a - lo_a <= PIECE and hi_b - lo_b <= PIECE:
        piece_a, piece_b = a[lo_a:hi_a], b[lo_b:hi_b]
        return piece_a == piece_b or layout_tokens(piece_a) == layout_tokens(piece_b)
    return _layout_digest(a, lo_a, hi_a) == _layout_digest(b, lo_b, hi_b)
