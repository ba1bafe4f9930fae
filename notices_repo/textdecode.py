"""Bytes of a notice to text, telling the encoding where it can be told.

UTF-8 is the norm. A byte-order mark decides UTF-8/16/32. Without one, bytes that are not
valid UTF-8 are decoded as Windows-1252 (a superset of Latin-1's printable range) and a
warning says so. NUL bytes without a UTF-16/32 BOM mean a binary file.
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


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded text; ``warning`` is None for clean UTF-8."""

    text: str
    encoding: str
    warning: str | None = None
    binary: bool = False


def decode(data: bytes) -> Decoded:
    """Decode the bytes of a notice (never raises)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, "replace")
            warning = None if encoding == "utf-8" else f"encoded as {encoding.upper()}; decoded"
            return Decoded(text, encoding, warning)
    if b"\x00" in data[:8192] or b"\x00" in data[-8192:]:
        return Decoded("", "binary", "binary file (NUL bytes); not shown", binary=True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "latin-1"
    return Decoded(text, encoding, "not UTF-8; decoded as Windows-1252/Latin-1")
