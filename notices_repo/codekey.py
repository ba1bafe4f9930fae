"""Digests of the domain's own source, so caches built by older code are not reused.

A cache entry records the digest of the code that derived it; when any of that code
changes (an upgrade, a fix), the digest changes and the entry is derived again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

#: The ``notices_repo`` package folder; paths given to :func:`source_digest` are under it.
PACKAGE_DIR = Path(__file__).resolve().parent


def source_digest(salt: str, *paths: str) -> str:
    """A short digest of ``salt`` and the named files and folders (every ``.py`` in a
    folder, recursively), given relative to the package (``"text"``, ``"model.py"``)."""
    digest = hashlib.sha256(salt.encode())
    for name in paths:
        target = PACKAGE_DIR / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()
