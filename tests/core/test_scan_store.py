"""After a cold load the cache holds every fact but those of missing objects, the
notices' titles, and no verdict that involved a missing object (it may arrive later)."""

from __future__ import annotations

import random

from notices_repo.catalog.blob import derivation_key
from notices_repo.catalog.cache import HistoryCache, cache_file_for
from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.scan import pair_key
from tests.conftest import GitRepo

NOTICE = "# {name} Terms\n\nLast updated: March {day}, 2024\n\n{body}\n"


def _history(git_repo: GitRepo) -> None:
    rng = random.Random(3)
    words = ["data", "cookies", "retention", "third", "parties", "we", "collect", "the", "usage"]
    for c in range(18):
        k = c % 3
        body = "\n\n".join(" ".join(rng.choice(words) for _ in range(12)) for _ in range(8))
        text = NOTICE.format(name=f"S{k}", day=c % 28 + 1, body=body)
        git_repo.commit({f"s{k}/terms.md": text}, date=f"2024-04-{c + 1:02d}T10:00:00+00:00")


def test_the_cache_holds_facts_titles_and_verdicts_but_none_of_a_missing_object(
    git_repo: GitRepo,
) -> None:
    _history(git_repo)
    gone = git_repo.git("rev-parse", "HEAD~4:s2/terms.md").strip()
    loose = git_repo.path / ".git" / "objects" / gone[:2] / gone[2:]
    loose.unlink()
    repository = NoticeRepository(git_repo.path)
    catalog = repository.load()
    git_dir = repository.git_dir
    repository.close()
    revisions = [r for n in catalog.notices for r in n.revisions]
    blobs = {r.blob for r in revisions if r.blob}
    pairs = {
        pair_key(r.parent_blob, r.blob)
        for r in revisions
        if r.parent_blob and r.blob and r.parent_blob != r.blob
    }
    cache = HistoryCache(cache_file_for(git_dir), derivation_key())
    try:
        rows = cache.get_facts(blobs)
        verdicts = cache.get_pairs(pairs)
    finally:
        cache.close()
    assert set(rows) == blobs - {gone}
    newest = {n.revisions[0].blob: n.title for n in catalog.notices}
    assert {b: rows[b][3] for b in newest} == newest  # each notice's title, kept
    assert all(rows[b][3] is None for b in blobs - {gone} - set(newest))
    with_gone = {k for k in pairs if gone in k}
    assert with_gone and set(verdicts) == pairs - with_gone
    assert any(row[0] == "2024-03-18" for row in rows.values())
