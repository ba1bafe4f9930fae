"""Bytes of a notice to text, telling the encoding where it can be told.

The rules (``docs/encodings.md`` explains them with the measurements behind them):

1. A byte-order mark decides UTF-8, UTF-16 or UTF-32. UTF-16 without one is recognised
   by its NUL bytes: at least half the bytes of one parity (odd offsets for
   little-endian, even for big-endian) are NUL, and 90% of all NULs sit there.
2. Otherwise the bytes are UTF-8 unless they are *not UTF-8 at all*: they are UTF-8
   when their invalid sequences are no more than their valid non-ASCII characters. One
   bad byte in a French text is then one replacement character (U+FFFD) and the
   warning counts it; a text whose every accented letter is a lone byte is decoded as
   Windows-1252 (as browsers do: its five unassigned bytes become the C1 controls of
   Latin-1) and the warning names that encoding.
3. A file is binary when it is mostly not text: it has NUL bytes (as git tests) and
   either starts with the signature of a common binary format (PNG, JPEG, GIF, PDF,
   ZIP, gzip, ELF...) or more than 5% of its characters are control characters other
   than tab, line breaks, form feed and escape (NUL included). Text has next to none;
   compressed or encoded data about one in ten, NULs among them. Without NULs a file
   is text: its control characters are shown as visible marks.
4. A text with a few NUL bytes (a crawl that caught some) keeps its text: the NULs are
   dropped and the warning counts them.

:func:`classify` settles encoding, binary and warning from the whole bytes with C-speed
operations only; :func:`decode` then decodes. The history scan classifies whole blobs and
decodes only the parts it reads (:mod:`notices_repo.catalog.scan`), so both agree.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Control characters that do not occur in text (tab, LF, VT, FF, CR and ESC do).
CONTROL_BYTES = bytes([c for c in range(0x20) if c not in (9, 10, 11, 12, 13, 27)] + [0x7F])
_CONTROL_CHARS = {c: None for c in CONTROL_BYTES}
_HIGH_BYTES = bytes(range(0x80, 0x100))
_REPLACEMENT = "\ufffd"
_REPLACEMENT_BYTES = _REPLACEMENT.encode("utf-8")

#: More control characters than this share of the characters: binary.
BINARY_CONTROL_SHARE = 0.05
#: UTF-16 without a byte-order mark: at least this share of the bytes of one parity
#: are NUL ...
UTF16_NUL_SHARE = 0.50
#: ... and at least this share of all NUL bytes are there.
UTF16_PARITY_SHARE = 0.90

#: Leading bytes of binary formats that may be committed by mistake (a short file of one
#: of these may have too few bytes for the control share to tell); with NULs only.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)


def _windows_1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """The five bytes Windows-1252 leaves unassigned decode as Latin-1 (as in browsers)."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("notice-tui-windows-1252", _windows_1252_fallback)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded text; ``warning`` is None for clean UTF-8."""

    text: str
    encoding: str
    warning: str | None = None
    binary: bool = False


@dataclass(frozen=True, slots=True)
class Verdict:
    """How a blob's bytes are read: ``encoding`` (``"binary"`` when they are not text),
    the length of a byte-order mark to skip, NUL bytes to drop, and the warning."""

    encoding: str
    bom: int = 0
    drop_nuls: bool = False
    warning: str | None = None

    @property
    def binary(self) -> bool:
        """Not text: nothing is shown."""
        return self.encoding == "binary"


def _binary_verdict(reason: str) -> Verdict:
    return Verdict("binary", warning=f"binary file ({reason}); not shown")


def _control_share(count: int, total: int) -> float:
    return count / total if total else 0.0


def _join(*parts: str | None) -> str | None:
    kept = [p for p in parts if p]
    return "; ".join(kept) if kept else None


def _nul_note(nuls: int) -> str | None:
    if not nuls:
        return None
    return f"{nuls:,} NUL byte{'s' if nuls != 1 else ''} dropped"


def _wide(data: bytes, bom: int, encoding: str, note: str) -> tuple[Verdict, str | None]:
    """UTF-16/32 (with or without a byte-order mark): binary when the decoded text is
    mostly control characters. The decoded text comes with the verdict (None: binary)."""
    text = data[bom:].decode(encoding, "replace")
    nuls = text.count("\x00")
    controls = len(text) - len(text.translate(_CONTROL_CHARS)) if nuls else 0
    if _control_share(controls, len(text)) > BINARY_CONTROL_SHARE:
        return _binary_verdict(f"{controls:,} control characters"), None
    return Verdict(encoding, bom, bool(nuls), _join(note, _nul_note(nuls))), text


def _bomless_utf16(data: bytes, nuls: int) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL bytes say so, else None: at least half
    the bytes of one parity are NUL (the high bytes of Latin text), and 90% of all NULs
    are there."""
    if len(data) < 4:
        return None
    half = len(data) // 2
    for encoding, parity in (("utf-16-le", 1), ("utf-16-be", 0)):
        there = data[parity::2].count(0)
        if there >= UTF16_NUL_SHARE * half and there >= UTF16_PARITY_SHARE * nuls:
            return encoding
    return None


def utf8_errors(data: bytes) -> tuple[int, int]:
    """``(invalid sequences, valid non-ASCII characters)`` of ``data`` read as UTF-8."""
    invalid, valid, _ = _utf8_replaced(data)
    return invalid, valid


def _utf8_replaced(data: bytes) -> tuple[int, int, str]:
    """:func:`utf8_errors`, and ``data`` decoded with invalid sequences replaced."""
    text = data.decode("utf-8", "replace")
    invalid = text.count(_REPLACEMENT) - data.count(_REPLACEMENT_BYTES)
    ascii_bytes = len(data.translate(None, _HIGH_BYTES))
    return invalid, len(text) - ascii_bytes - invalid, text


def classify(data: bytes) -> Verdict:
    """How ``data`` is to be read (never raises; whole-bytes operations at C speed)."""
    return classify_decoded(data)[0]


def classify_decoded(data: bytes) -> tuple[Verdict, str | None]:
    """The verdict, and the whole text when deciding decoded it already (UTF-8 that is
    not ASCII, UTF-16/32): what :func:`decode_with` gives for the whole bytes, NUL bytes
    not yet dropped. Never raises."""
    nuls = data.count(0)
    if nuls:  # binary data has NUL bytes (git's own test), text has none or a few
        for signature, name in _SIGNATURES:
            if data.startswith(signature):
                return _binary_verdict(name), None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding != "utf-8":
                note = f"encoded as {encoding.upper()}; decoded"
                return _wide(data, len(bom), encoding, note)
            return _eight_bit(data, len(bom), nuls)  # the UTF-8 BOM holds no NUL
    if nuls:
        wide = _bomless_utf16(data, nuls)
        if wide is not None:
            verdict, text = _wide(
                data, 0, wide, f"{wide.upper()} without a byte-order mark; decoded"
            )
            if not verdict.binary:
                return verdict, text
    return _eight_bit(data, 0, nuls)


def _eight_bit(data: bytes, bom: int, nuls: int) -> tuple[Verdict, str | None]:
    """UTF-8 (with replacements when a few sequences are invalid) or Windows-1252;
    ``nuls``: how many NUL bytes the body after the ``bom`` bytes holds (counted once)."""
    body = data[bom:] if bom else data
    if nuls:
        controls = len(body) - len(body.translate(None, CONTROL_BYTES))
        if _control_share(controls, len(body)) > BINARY_CONTROL_SHARE:
            share = round(100 * controls / len(body))
            return _binary_verdict(f"{share}% control bytes"), None
    note = _nul_note(nuls)
    if body.isascii():
        return Verdict("utf-8", bom, bool(nuls), note), None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Verdict("utf-8", bom, bool(nuls), note), text
    invalid, valid, replaced = _utf8_replaced(body)
    if invalid <= valid:
        where = "sequence" if invalid == 1 else "sequences"
        damaged = f"UTF-8 with {invalid:,} invalid byte {where} (replaced by U+FFFD)"
        return Verdict("utf-8", bom, bool(nuls), _join(damaged, note)), replaced
    fallback = (
        f"not UTF-8 ({invalid:,} of {invalid + valid:,} non-ASCII sequences invalid); "
        "decoded as Windows-1252"
    )
    return Verdict("windows-1252", bom, bool(nuls), _join(fallback, note)), None


def decode_with(data: bytes, verdict: Verdict) -> str:
    """``data`` (all of a blob or a part of it cut on character boundaries) decoded as
    ``verdict`` says; "" for a binary file."""
    if verdict.binary:
        return ""
    body = data[verdict.bom :] if verdict.bom else data
    if verdict.encoding == "windows-1252":
        text = body.decode("cp1252", "notice-tui-windows-1252")
    else:
        text = body.decode(verdict.encoding, "replace")
    return text.replace("\x00", "") if verdict.drop_nuls else text


def decode(data: bytes) -> Decoded:
    """Decode the bytes of a notice (never raises)."""
    verdict, text = classify_decoded(data)
    if verdict.binary:
        return Decoded("", "binary", verdict.warning, binary=True)
    if text is None:
        text = decode_with(data, verdict)
    elif verdict.drop_nuls:
        text = text.replace("\x00", "")
    return Decoded(text, verdict.encoding, verdict.warning)
