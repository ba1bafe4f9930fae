"""What notice-tui derives from blobs: effective dates, titles, and technical revisions.

A blob never changes, so its facts (stated effective date, decoding warning, title) are
cached by blob id (:mod:`notices_repo.catalog.cache`), and so is the verdict on a pair of blobs
(does the newer text differ from the older one only in layout?). Both are recomputed only
when the code deriving them changes (:func:`derivation_key` hashes that code).

The history is scanned notice by notice, oldest revision first (:func:`scan`), so that a
revision's text and its parent's text are in hand together. Their common start and end
are found at ``memcmp`` speed (:func:`common_ends`), and then:

* *technical*: a coarse key of both ends of the changed middle settles most revisions
  in microseconds; for the others only the changed spans, widened to whole lines, go
  through the layout rules (:func:`same_layout`): the cost follows the size of the
  change, not of the text;
* *effective date*: the parent's date is reused when the parts of the text that
  :func:`notices_repo.text.dates.find_effective_date` read for the parent are byte-identical
  in the child (:func:`reuse_regions`); otherwise the date is parsed.

Both give exactly what the whole-text rules give (``tests/core/test_perf_scan.py``); the
date shortcut takes the regions from the parser itself (``dates.find_with_regions``),
so it follows that module.

Texts are never kept: a few recent blobs of the notice being scanned are. Large scans are
split over worker processes (each with its own ``cat-file``) that return only facts.

This module is the public face of that work, done by one module per job:
:mod:`notices_repo.catalog.blob` (the facts of one blob), :mod:`.technical` (byte diff
and layout verdicts), :mod:`.date_reuse` (a parent's date reused), :mod:`.scan` (the
scan in one process) and :mod:`.pool` (worker processes).
"""

from __future__ import annotations

from notices_repo.catalog.blob import (
    MISSING,
    BlobFacts,
    derivation_key,
    facts_of,
    first_line_title,
    title_of,
)
from notices_repo.catalog.date_reuse import NEVER, quiet_regions, reuse_bounds, reuse_regions
from notices_repo.catalog.pool import (
    PARALLEL_MIN_READS,
    TASK_READS,
    Progress,
    WorkerPool,
    default_workers,
    ensure_resource_tracker,
    scan,
)
from notices_repo.catalog.scan import (
    HAND_BLOBS,
    Chain,
    ScanResult,
    Step,
    pair_key,
    plan,
    scan_steps,
    steps_total,
)
from notices_repo.catalog.technical import Span, changed_spans, common_ends, quick_key, same_layout

__all__ = [
    "HAND_BLOBS",
    "MISSING",
    "NEVER",
    "PARALLEL_MIN_READS",
    "TASK_READS",
    "BlobFacts",
    "Chain",
    "Progress",
    "ScanResult",
    "Span",
    "Step",
    "WorkerPool",
    "changed_spans",
    "common_ends",
    "default_workers",
    "derivation_key",
    "ensure_resource_tracker",
    "facts_of",
    "first_line_title",
    "pair_key",
    "plan",
    "quick_key",
    "quiet_regions",
    "reuse_bounds",
    "reuse_regions",
    "same_layout",
    "scan",
    "scan_steps",
    "steps_total",
    "title_of",
]
