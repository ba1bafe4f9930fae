"""Count the sections ``diff`` pairs as renamed, over every notice of a repository.

For issue 14 (rename pairing): run it before and after a change to the matching rules
and compare. Two measures per notice: the default ``diff NOTICE`` (previous effective
version against the latest) and, with ``--all-pairs``, every pair of consecutive
revisions with different texts.

    .venv/bin/python bench/renames.py --repo /tmp/vlopses [--all-pairs] [--list]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.resolve import resolve_spec
from notices_repo.diff.compare import _norm_heading, diff_texts


def _pairs(notice, today: dt.date, all_pairs: bool) -> list[tuple[str, str]]:
    if all_pairs:
        blobs = [r.blob for r in reversed(notice.revisions) if r.blob]
        return [(a, b) for a, b in itertools.pairwise(blobs) if a != b]
    try:
        newer = resolve_spec(notice, "latest", today)
        older = resolve_spec(notice, "previous", today, other=newer)
    except Exception:  # one version only, or none in force
        return []
    if older.revision.blob == newer.revision.blob:
        return []
    return [(older.revision.blob, newer.revision.blob)]


def main(argv: list[str] | None = None) -> int:
    """Print the number of renamed sections (and, with --list, each of them)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True, type=Path)
    parser.add_argument("--all-pairs", action="store_true", help="every consecutive pair")
    parser.add_argument("--list", action="store_true", help="print every rename")
    parser.add_argument("--today", default=dt.date.today().isoformat())
    args = parser.parse_args(argv)
    today = dt.date.fromisoformat(args.today)
    repository = NoticeRepository(args.repo)
    catalog = repository.load()
    compared = renames = added = removed = 0
    for notice in catalog.notices:
        if notice.retired:
            continue
        for old_blob, new_blob in _pairs(notice, today, args.all_pairs):
            old = repository.read_text(old_blob).text
            new = repository.read_text(new_blob).text
            result = diff_texts(old, new)
            compared += 1
            added += result.summary["sections_added"]
            removed += result.summary["sections_removed"]
            for section in result.sections:
                if section.old_heading is None:
                    continue
                renames += 1
                if args.list:
                    ratio = fuzz.ratio(
                        _norm_heading(section.old_heading), _norm_heading(section.heading)
                    )
                    print(
                        f"{notice.path}: {section.old_heading!r} -> {section.heading!r}"
                        f"  heading {ratio:.0f}"
                    )
    repository.close()
    print(f"{compared} comparisons: {renames} renamed sections, {added} added, {removed} removed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
