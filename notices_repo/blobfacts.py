"""What notice-tui derives from one blob, once: its stated effective date and its layout.

A blob never changes, so these facts are cached by blob id (:mod:`notices_repo.cache`) and
recomputed only when the code that derives them changes (:func:`derivation_key` hashes
that code). Titles are derived lazily, only for the texts that need one.

Bulk computation reads blobs through ``git cat-file --batch`` and, on large repositories,
splits the blob list over worker processes (each with its own ``cat-file``), because both
reading and parsing are CPU-bound and the box has two cores.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from .catfile import CatFile
from .dates import find_effective_date
from .errors import Cancelled
from .gitcmd import GitRunner
from .layout import layout_fingerprint
from .textdecode import decode

_DERIVING_MODULES = ("blobfacts.py", "dates.py", "layout.py", "sections.py", "textdecode.py")

#: Below this many blobs, one process does it all (worker start-up would cost more).
PARALLEL_THRESHOLD = 3000

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class BlobFacts:
    """Facts of one blob. ``stated`` is an ISO date or None when the text states none."""

    stated: str | None
    precision: str | None
    fingerprint: str | None
    warning: str | None
    title: str | None = None

    def row(
        self, blob: str
    ) -> tuple[str, str | None, str | None, str | None, str | None, str | None]:
        """The row stored in the cache."""
        return (blob, self.stated, self.precision, self.fingerprint, self.warning, self.title)


MISSING = BlobFacts(
    None, None, None, "object missing from the repository (partial or damaged clone)"
)


def derivation_key() -> str:
    """Changes whenever the code deriving blob facts changes (invalidates the cache)."""
    digest = hashlib.sha256(b"blobfacts-1")
    here = Path(__file__).parent
    for name in _DERIVING_MODULES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:20]


#: Bytes the quick layout hash ignores: what layout.py treats as layout (whitespace,
#: list/heading/quote/table marks, emphasis, escapes, angle brackets) and a little more,
#: so equal exact fingerprints have equal quick ones. Digits are kept: a revision that
#: only renumbers an ordered list is therefore not called technical (conservative), and
#: the many revisions that change only a date stay out of the exact comparison.
_QUICK_DELETE = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f*_-+=#>|\\<();&/"
_QUICK_SEQUENCES = (
    *(bytes([0xE2, 0x80, c]) for c in (*range(0x80, 0x8B), 0xA2, 0xA3, 0xA8, 0xA9, 0xAF)),
    b"\xc2\xa0",
    b"\xc2\x85",
    b"\xc2\xb7",
    b"\xe3\x80\x80",
    b"\xe1\x9a\x80",
    b"\xe2\x81\x9f",
    b"\xe2\x81\x83",
    b"\xe2\x97\x8b",
    b"\xe2\x97\x8f",
    b"\xe2\x97\xa6",
    b"\xe2\x96\xa0",
    b"\xe2\x96\xaa",
)
_ASCII = bytes(range(128))
_QUICK_BR = re.compile(rb"<[bB][rR][ \t]*/?>")
_QUICK_ENTITY = re.compile(rb"&(?:nbsp|#160|#[xX][aA]0|#[xX]20|#32);")
#: Long texts are decoded and searched for their date only at both ends.
_HEAD_BYTES = 64 * 1024
_TAIL_BYTES = 16 * 1024
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def quick_fingerprint(data: bytes) -> str:
    """Cheap layout hash at C speed, a pre-filter for the exact layout comparison.

    Texts with equal exact layout fingerprints (:mod:`notices_repo.layout`) always get
    equal quick ones; the converse does not hold (a changed digit or joined words), so
    equal quick fingerprints are confirmed exactly before a revision is called technical.
    """
    if b"<b" in data or b"<B" in data:
        data = _QUICK_BR.sub(b"", data)
    if b"&nbsp;" in data or b"&#" in data:
        data = _QUICK_ENTITY.sub(b"", data)
    if not data.isascii():
        # The non-ASCII bytes alone are a few percent of a notice: look for the
        # sequences there, and scan the whole text only for those present.
        non_ascii = data.translate(None, _ASCII)
        for sequence in _QUICK_SEQUENCES:
            if sequence in non_ascii:
                data = data.replace(sequence, b"")
    # CRC-32 is enough: only a revision's two blobs are compared, and every match is
    # confirmed exactly; it runs at several GB/s where a cryptographic hash does not.
    return f"{zlib.crc32(data.translate(None, _QUICK_DELETE)):08x}"


def _sample(data: bytes) -> bytes:
    """Both ends of a long UTF-8 text, cut on character boundaries (the rest unread)."""
    if len(data) <= _HEAD_BYTES + _TAIL_BYTES or data.startswith(_WIDE_BOMS):
        return data
    end = _HEAD_BYTES
    while end > 0 and 0x80 <= data[end] < 0xC0:
        end -= 1
    start = len(data) - _TAIL_BYTES
    while start < len(data) and 0x80 <= data[start] < 0xC0:
        start += 1
    return data[:end] + b"\n\n" + data[start:]


def facts_of(data: bytes | None) -> BlobFacts:
    """Derive the facts of one blob's bytes (None: the object is missing). Never raises.

    Only both ends of a long text are decoded (that is where effective dates are
    stated, and where an encoding problem shows in practice); the layout fingerprint
    covers all of it.
    """
    if data is None:
        return MISSING
    decoded = decode(_sample(data))
    if decoded.binary:
        return BlobFacts(None, None, hashlib.sha1(data).hexdigest(), decoded.warning)
    try:
        stamp = find_effective_date(decoded.text)
    except Exception:  # a parser bug must not cost the whole history
        stamp = None
    raw = data if decoded.encoding == "utf-8" else decode(data).text.encode("utf-8")
    fingerprint = quick_fingerprint(raw)
    if stamp is None:
        return BlobFacts(None, None, fingerprint, decoded.warning)
    return BlobFacts(stamp.date.isoformat(), stamp.precision, fingerprint, decoded.warning)


def exact_layout_fingerprint(data: bytes | None) -> str | None:
    """The exact layout fingerprint of a blob (None when missing or unreadable)."""
    if data is None:
        return None
    try:
        return layout_fingerprint(_utf8(data))
    except Exception:
        return None


def _utf8(data: bytes) -> bytes:
    decoded = decode(data)
    return data if decoded.encoding == "utf-8" else decoded.text.encode("utf-8")


def _compute_serial(
    runner: GitRunner,
    blobs: list[str],
    progress: Progress | None,
    cancelled: threading.Event | None,
    done_before: int = 0,
    total: int | None = None,
) -> dict[str, BlobFacts]:
    facts: dict[str, BlobFacts] = {}
    total = total or len(blobs)
    catfile = CatFile(runner)
    for index, (blob, data) in enumerate(catfile.read_many(blobs, cancelled)):
        facts[blob] = facts_of(data)
        if progress is not None and index % 500 == 0:
            progress("reading texts", done_before + index, total)
    return facts


def _worker(path: str, blobs: list[str]) -> list[tuple[str, BlobFacts]]:
    runner = GitRunner(Path(path))
    return list(_compute_serial(runner, blobs, None, None).items())


def compute_facts(
    runner: GitRunner,
    blobs: Iterable[str],
    progress: Progress | None = None,
    cancelled: threading.Event | None = None,
) -> dict[str, BlobFacts]:
    """Facts of every blob in ``blobs``, in parallel processes when there are many."""
    wanted = list(dict.fromkeys(blobs))
    workers = min(os.cpu_count() or 1, 4)
    if len(wanted) < PARALLEL_THRESHOLD or workers < 2:
        return _compute_serial(runner, wanted, progress, cancelled)
    chunks = [wanted[i : i + 1000] for i in range(0, len(wanted), 1000)]
    facts: dict[str, BlobFacts] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_worker, str(runner.path), chunk) for chunk in chunks]
        try:
            for future in futures:
                while True:
                    if cancelled is not None and cancelled.is_set():
                        raise Cancelled()
                    try:
                        result = future.result(timeout=0.1)
                        break
                    except TimeoutError:
                        continue
                facts.update(result)
                if progress is not None:
                    progress("reading texts", len(facts), len(wanted))
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return facts
