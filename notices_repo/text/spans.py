"""Comparing stretches of two long texts in place (no copy of a 50 MB text made whole).

Shared by the word diff (:mod:`notices_repo.diff.words`: an equal run is checked before it
is trusted) and the search index (:mod:`notices_repo.search.build`: a section is the same
as one of the previous version), which must not import each other.
"""

from __future__ import annotations

__all__ = ["texts_equal"]

#: Equal runs are checked against each other in pieces of this many characters, so a
#: 50 MB run is never copied whole twice.
_CHECK_PIECE = 1 << 20


def texts_equal(old: str, a0: int, new: str, b0: int, size: int) -> bool:
    """Whether ``old[a0:a0+size] == new[b0:b0+size]``, compared piece by piece."""
    if a0 == 0 and b0 == 0 and size == len(old) == len(new):
        return old == new
    for k in range(0, size, _CHECK_PIECE):
        n = min(_CHECK_PIECE, size - k)
        if old[a0 + k : a0 + k + n] != new[b0 + k : b0 + k + n]:
            return False
    return True
