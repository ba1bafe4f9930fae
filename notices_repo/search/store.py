"""The cache file of one scope of the search index: written atomically, mapped to read.

Arrays are stored as they are in memory (aligned) and mapped read-only with ``mmap``
when searching, so the index on disk is not held in memory; lists are ``marshal``-ed.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import struct
from pathlib import Path
from typing import Any

from notices_repo.search.tables import Tables

MAGIC = b"NTSRCH01"
_ALIGN = 8


def save_tables(tables: Tables, path: Path) -> None:
    """Write ``tables`` to ``path`` atomically (a temporary file renamed over it)."""
    layout: dict[str, tuple[int, int, str]] = {}
    chunks: list[bytes | memoryview] = []
    pos = 0

    def add(name: str, data: bytes | memoryview, typecode: str) -> None:
        nonlocal pos
        layout[name] = (pos, len(data), typecode)
        chunks.append(data)
        pos += len(data)
        pad = (-pos) % _ALIGN
        if pad:
            chunks.append(b"\0" * pad)
            pos += pad

    for name, typecode in Tables.ARRAYS:
        value = getattr(tables, name)
        add(name, memoryview(value).cast("B") if not isinstance(value, bytes) else value, typecode)
    for name in Tables.LISTS:
        add(name, marshal.dumps(getattr(tables, name)), "marshal")
    header = marshal.dumps({"meta": tables.meta, "layout": layout})
    prefix = MAGIC + struct.pack("<Q", len(header)) + header
    prefix += b"\0" * ((-len(prefix)) % _ALIGN)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(prefix)
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def read_meta(path: Path) -> dict[str, Any] | None:
    """The ``meta`` of a cache file, or None when it is missing or not one."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(len(MAGIC))
            if magic != MAGIC:
                return None
            (size,) = struct.unpack("<Q", handle.read(8))
            if size > 1 << 30:
                return None
            header = marshal.loads(handle.read(size))
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        return None
    meta = header.get("meta") if isinstance(header, dict) else None
    return meta if isinstance(meta, dict) else None


def load_tables(path: Path) -> Tables | None:
    """Map a cache file (None when missing, damaged or not one)."""
    try:
        with open(path, "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        if mapped[: len(MAGIC)] != MAGIC:
            return None
        (size,) = struct.unpack_from("<Q", mapped, len(MAGIC))
        start = len(MAGIC) + 8
        header = marshal.loads(mapped[start : start + size])
        base = start + size + ((-(start + size)) % _ALIGN)
        view = memoryview(mapped)
        parts: dict[str, Any] = {}
        for name, (offset, length, typecode) in header["layout"].items():
            lo, hi = base + offset, base + offset + length
            if hi > len(mapped):
                return None
            if typecode == "marshal":
                parts[name] = marshal.loads(mapped[lo:hi])
            else:
                parts[name] = view[lo:hi].cast(typecode)
        tables = Tables(parts, header["meta"])
    except (ValueError, EOFError, TypeError, KeyError, struct.error, IndexError):
        return None
    tables.meta["_mapped"] = True
    return tables
