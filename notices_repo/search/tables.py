"""The search index as flat tables: what is built, stored in the cache file and searched.

Built by :mod:`notices_repo.search.build` (per worker) and
:mod:`notices_repo.search.assemble` (merged, ids ranked by recency), written and mapped
by :mod:`notices_repo.search.store`, read by :mod:`notices_repo.search.rank`.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: Kind of a label or entry: a section heading...
SECTION = 0
#: ...or a data category name.
CATEGORY = 1
#: The kinds by number, as hits name them.
KINDS = ("section", "data_category")
#: "No passage" in a passage column (an entry of a heading or name alone; also "no
#: label" in the context column).
NO_PASSAGE = 0xFFFFFFFF


@dataclass(slots=True)
class VersionRef:
    """What the index keeps of an indexed version."""

    notice: int
    effective: int  # date ordinal
    commit: str
    path: str


@dataclass(slots=True)
class NoticeRef:
    """What the index keeps of a notice."""

    key: str
    path: str
    title: str
    retired: bool


class Tables:
    """The index as flat tables (built in memory, or mapped from the cache file).

    Ids are ranks: passage 0 and label 0 are the most recent (newest version holding
    them), so a posting list read from its start yields the most recent texts first.

    * ``vocab``: sorted distinct words; a word's id is its position.
    * ``head_post``/``head_off``: word -> labels whose text holds it.
    * ``body_post``/``body_off``: word -> passages that hold it.
    * ``label_terms``/``label_terms_off``, ``passage_terms``/``passage_terms_off``:
      the sorted word ids of each label and passage (to check the other query words).
    * ``text``/``text_off``: passages as UTF-8.
    * entries (one per distinct text of a notice): ``e_*`` columns, sorted by passage
      (label-only entries, passage :data:`NO_PASSAGE`, last) then label;
      ``passage_entries`` and ``label_entries`` give each passage's and each label's
      range; ``label_passages``/``label_passages_off`` the passages under each label.
    """

    ARRAYS: tuple[tuple[str, str], ...] = (
        ("head_post", "I"),
        ("head_off", "Q"),
        ("body_post", "I"),
        ("body_off", "Q"),
        ("label_kind", "B"),
        ("label_terms", "I"),
        ("label_terms_off", "Q"),
        ("passage_terms", "I"),
        ("passage_terms_off", "Q"),
        ("text", "B"),
        ("text_off", "Q"),
        ("e_kind", "B"),
        ("e_notice", "I"),
        ("e_label", "I"),
        ("e_passage", "I"),
        ("e_first", "I"),
        ("e_last", "I"),
        ("e_count", "I"),
        ("e_newest", "I"),
        ("e_section", "I"),
        ("e_offset", "I"),
        ("e_context", "I"),
        ("e_lead", "I"),
        ("passage_entries", "Q"),
        ("label_entries", "Q"),
        ("label_passages", "I"),
        ("label_passages_off", "Q"),
        ("v_notice", "I"),
        ("v_date", "I"),
    )
    LISTS: tuple[str, ...] = (
        "vocab",
        "labels",
        "label_keys",
        "commits",
        "paths",
        "notices",
        "chains",
    )

    def __init__(self, parts: dict[str, Any], meta: dict[str, Any]) -> None:
        self.meta = meta
        for name, _ in self.ARRAYS:
            setattr(self, name, parts[name])
        self.vocab: list[str] = parts["vocab"]
        self.labels: list[str] = parts["labels"]
        self.label_keys: list[str] = parts["label_keys"]
        self.commits: list[str] = parts["commits"]
        self.paths: list[str] = parts["paths"]
        self.notices: list[tuple[str, str, str, bool]] = parts["notices"]
        self.chains: list[str] = parts["chains"]
        """Per notice, :func:`chain_key` of the versions indexed (to reuse them)."""

    # typed views (mypy): the attributes are set from ARRAYS above
    head_post: Any
    head_off: Any
    body_post: Any
    body_off: Any
    label_kind: Any
    label_terms: Any
    label_terms_off: Any
    passage_terms: Any
    passage_terms_off: Any
    text: Any
    text_off: Any
    e_kind: Any
    e_notice: Any
    e_label: Any
    e_passage: Any
    e_first: Any
    e_last: Any
    e_count: Any
    e_newest: Any
    e_section: Any
    e_offset: Any
    e_context: Any
    e_lead: Any
    passage_entries: Any
    label_entries: Any
    label_passages: Any
    label_passages_off: Any
    v_notice: Any
    v_date: Any

    @property
    def passage_count(self) -> int:
        """Number of distinct passages."""
        return len(self.text_off) - 1

    def passage_text(self, pid: int) -> str:
        """The text of passage ``pid``."""
        return bytes(self.text[self.text_off[pid] : self.text_off[pid + 1]]).decode("utf-8")


class Terms:
    """The words of labels or passages, in id order, as word ids in one flat array.

    Space-joined strings cost about three times as much (150,000 passages of the
    synthetic repository: 35 MB as strings, 12 MB here) and the merger holds them
    until the end of the build.
    """

    __slots__ = ("flat", "offsets")

    def __init__(self) -> None:
        self.flat = array("I")
        self.offsets = array("Q", [0])

    def append(self, ids: Iterable[int]) -> None:
        """The words of the next item."""
        self.flat.extend(ids)
        self.offsets.append(len(self.flat))

    def of(self, item: int) -> array:
        """The word ids of one item."""
        return self.flat[self.offsets[item] : self.offsets[item + 1]]


__all__ = [
    "CATEGORY",
    "KINDS",
    "NO_PASSAGE",
    "SECTION",
    "NoticeRef",
    "Tables",
    "Terms",
    "VersionRef",
]
