"""Facts of one blob: the record, its effective date and title, and how its bytes are read."""

from __future__ import annotations

import codecs
from typing import NamedTuple

from notices_repo.codekey import source_digest
from notices_repo.text.dates import find_effective_date
from notices_repo.text.decode import classify_decoded, decode, decode_with

#: The code whose output is a blob fact (any change there derives the facts again).
_DERIVING_MODULES = (
    "catalog/blob.py",
    "catalog/technical.py",
    "catalog/date_reuse.py",
    "catalog/scan.py",
    "catalog/pool.py",
    "text",
)
#: Where a date was read from a machine-readable twin: ``model.SOURCE_MARKUP`` (not
#: imported: workers import this module fast).
MARKUP_SOURCE = "markup"


class BlobFacts(NamedTuple):
    """Facts of one blob. ``stated`` is an ISO date or None when the text states none.

    A named tuple: tens of thousands are made in a cold load, and a tuple is made fast.
    """

    stated: str | None
    precision: str | None
    warning: str | None
    title: str | None = None
    source: str | None = None
    """Where ``stated`` was read: None for the visible text, "markup" for a
    machine-readable twin (:attr:`notices_repo.text.dates.DateStamp.source`)."""

    def row(
        self, blob: str
    ) -> tuple[str, str | None, str | None, str | None, str | None, str | None]:
        """The row stored in the cache."""
        return (blob, self.stated, self.precision, self.warning, self.title, self.source)


MISSING = BlobFacts(None, None, "object missing from the repository (partial or damaged clone)")


def derivation_key() -> str:
    """Changes whenever the code deriving blob facts changes (invalidates the cache)."""
    return source_digest("blobfacts-3", *_DERIVING_MODULES)[:20]


# --- one blob ---------------------------------------------------------------------------

#: Long texts are decoded and searched for their date only at both ends.
HEAD_BYTES = 64 * 1024
_TAIL_BYTES = 16 * 1024
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
ANY_BOM = (codecs.BOM_UTF8, *_WIDE_BOMS)


def sample_ends(data: bytes) -> bytes:
    """Both ends of a long UTF-8 text, cut on character boundaries (the rest unread)."""
    if len(data) <= HEAD_BYTES + _TAIL_BYTES or data.startswith(_WIDE_BOMS):
        return data
    end = HEAD_BYTES
    while end > 0 and 0x80 <= data[end] < 0xC0:
        end -= 1
    start = len(data) - _TAIL_BYTES
    while start < len(data) and 0x80 <= data[start] < 0xC0:
        start += 1
    return data[:end] + b"\n\n" + data[start:]


def facts_of(data: bytes | None) -> BlobFacts:
    """Derive the facts of one blob's bytes (None: the object is missing). Never raises.

    Only both ends of a long text are decoded (that is where effective dates are stated,
    and where an encoding problem shows in practice). This is the reference the scan's
    shortcuts are tested against.
    """
    if data is None:
        return MISSING
    # From the whole bytes (the warning is the reader's), with the text when deciding
    # decoded it: then it is not decoded again.
    verdict, whole = classify_decoded(data)
    if verdict.binary:
        return BlobFacts(None, None, verdict.warning)
    narrow = verdict.encoding in ("utf-8", "windows-1252")
    read = sample_ends(data) if narrow else data
    if whole is not None and len(read) == len(data):
        text = whole.replace("\x00", "") if verdict.drop_nuls else whole
    else:
        text = decode_with(read, verdict)
    try:
        stamp = find_effective_date(text)
    except Exception:  # a parser bug must not cost the whole history
        stamp = None
    if stamp is None:
        return BlobFacts(None, None, verdict.warning)
    source = MARKUP_SOURCE if stamp.source == MARKUP_SOURCE else None
    return BlobFacts(stamp.date.isoformat(), stamp.precision, verdict.warning, None, source)


def title_of(data: bytes | None) -> str:
    """The title a notice's text gives itself ("" when none), from its first 20,000 chars:
    :func:`notices_repo.text.sections.find_title`, or its answer found sooner when the text
    opens with a level-1 heading (:func:`first_line_title`)."""
    if data is None:
        return ""
    from notices_repo.text.sections import find_title

    try:
        text = decode(data).text[:20000]
        title = first_line_title(text)
        return (title if title is not None else find_title(text)) or ""
    except Exception:
        return ""


def first_line_title(text: str) -> str | None:
    """What ``sections.find_title(text)`` gives when the text's first line is a level-1
    heading (``# Title``, or ``Title`` over a ``===`` underline); None when it is not.

    ``find_title`` looks at the whole text (front matter, code fences, every heading)
    to take the first level-1 heading: about 0.4 ms for 20,000 characters. A first line
    that is a heading needs none of it: no front matter starts with it, no block
    is open above it, and nothing after it comes first. The checks are the ones of
    :mod:`notices_repo.text.sections` (its own helpers); lines with ``\r`` or ``{%`` (hint
    blocks) are left to ``find_title``. ``tests/core/test_perf_scan.py`` holds both to the
    same answers.
    """
    # Imported when needed: a load's main process has no use for sections.
    from notices_repo.text.sections import (
        SETEXT_FIRST,
        atx_heading,
        clean_inline,
        paragraph_line,
        setext_char,
    )

    nl = text.find("\n")
    line0 = text if nl == -1 else text[:nl]
    if not line0 or line0.isspace() or "\r" in line0 or "{%" in line0:
        return None
    if "#" in line0[:4]:
        atx = atx_heading(line0)
        if atx is not None:
            return atx[1] if atx[0] == 1 else None
    if nl == -1:
        return None
    nl1 = text.find("\n", nl + 1)
    line1 = text[nl + 1 :] if nl1 == -1 else text[nl + 1 : nl1]
    if "\r" in line1 or "{%" in line1 or line1[:1] not in SETEXT_FIRST:
        return None
    if setext_char(line1) != "=" or not paragraph_line(line0.strip()):
        return None
    return clean_inline(line0) or None


def utf8_bytes(data: bytes) -> bytes | None:
    """The bytes the layout rules read: UTF-8 (decoded and re-encoded when it was not);
    None for a binary file."""
    decoded = decode(data)
    if decoded.binary:
        return None
    clean = decoded.encoding == "utf-8" and decoded.warning is None
    return data if clean else decoded.text.encode("utf-8")


def valid_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 throughout."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def is_binary(data: bytes) -> bool:
    """Has NUL bytes anywhere: binary, or text whose NULs decoding drops (not plain)."""
    return b"\x00" in data
