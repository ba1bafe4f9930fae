"""The effective timeline on real repositories: the latest word wins (overridden
revisions), as-recorded reading, and ends of a diff that never run backwards."""

from __future__ import annotations

import datetime as dt
import json

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.resolve import resolve_spec
from notices_repo.catalog.timeline import (
    effective_versions,
    in_force,
    latest,
    previous,
    recorded_on,
    upcoming,
)
from tests.conftest import GitRepo, run_cli

TODAY = dt.date(2026, 3, 1)

STATED = "# Terms\n\nEffective {date}\n\n## Use\n\n{body}\n"
REDIRECT = "Redirecting to legal.example.com\n"


def crawled(git_repo: GitRepo) -> dict[str, str]:
    """r1 states 2025-01-01; r2 is a failed capture (no date: its commit date
    2025-12-15 stands in); r3, committed 2026-01-10, states 2025-11-28."""
    r1 = git_repo.commit(
        {"terms.md": STATED.format(date="January 1, 2025", body="Old rules.")},
        date="2025-01-02T10:00:00+00:00",
        message="r1",
    )
    r2 = git_repo.commit(
        {"terms.md": REDIRECT}, date="2025-12-15T10:00:00+00:00", message="r2 bad capture"
    )
    r3 = git_repo.commit(
        {"terms.md": STATED.format(date="November 28, 2025", body="New rules.")},
        date="2026-01-10T10:00:00+00:00",
        message="r3",
    )
    return {"r1": r1, "r2": r2, "r3": r3}


def test_a_later_revision_with_an_earlier_date_overrides_a_bad_capture(
    git_repo: GitRepo,
) -> None:
    ids = crawled(git_repo)
    notice = NoticeRepository(git_repo.path).load().notices[0]
    versions = effective_versions(notice)
    assert [v.effective_date for v in versions] == [dt.date(2025, 11, 28), dt.date(2025, 1, 1)]
    r3, r2, r1 = notice.revisions
    assert r2.overridden_by == ids["r3"]
    assert r1.overridden_by is None and r3.overridden_by is None
    assert latest(notice, TODAY).revision.commit == ids["r3"]  # type: ignore[union-attr]
    # on 2025-12-20 the repository now says r3's version was in force (from Nov 28) ...
    assert in_force(notice, dt.date(2025, 12, 20)).revision.commit == ids["r3"]  # type: ignore[union-attr]
    # ... while it *held* the redirect page that day
    assert recorded_on(notice, dt.date(2025, 12, 20)).commit == ids["r2"]  # type: ignore[union-attr]
    assert upcoming(notice, TODAY) == []
    assert previous(notice, versions[0]) is versions[1]


def test_same_date_later_is_a_silent_edit_not_an_override(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"t.md": STATED.format(date="March 1, 2024", body="One.")},
        date="2024-03-01T00:00:00+00:00",
    )
    git_repo.commit(
        {"t.md": STATED.format(date="March 1, 2024", body="Two.")},
        date="2024-04-01T00:00:00+00:00",
    )
    notice = NoticeRepository(git_repo.path).load().notices[0]
    effective_versions(notice)
    assert [r.overridden_by for r in notice.revisions] == [None, None]
    assert len(effective_versions(notice)) == 1 and effective_versions(notice)[0].silent_edits == 1


def test_a_withdrawn_announcement_is_overridden(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"t.md": STATED.format(date="January 1, 2025", body="Now.")},
        date="2025-01-01T00:00:00+00:00",
    )
    announced = git_repo.commit(
        {"t.md": STATED.format(date="June 1, 2026", body="Coming.")},
        date="2026-02-01T00:00:00+00:00",
        message="announce",
    )
    back = git_repo.commit(
        {"t.md": STATED.format(date="January 1, 2025", body="Now.")},
        date="2026-02-15T00:00:00+00:00",
        message="withdraw",
    )
    notice = NoticeRepository(git_repo.path).load().notices[0]
    assert len(effective_versions(notice)) == 1
    assert notice.revisions[1].commit == announced
    assert notice.revisions[1].overridden_by == back
    assert upcoming(notice, TODAY) == []
    assert latest(notice, TODAY).revision.commit == back  # type: ignore[union-attr]


def test_show_prints_head_and_log_json_names_the_overrider(git_repo: GitRepo) -> None:
    ids = crawled(git_repo)
    repo = str(git_repo.path)
    shown = run_cli("show", "terms", "--repo", repo, "--today", "2026-03-01")
    assert shown.code == 0
    assert "New rules." in shown.out and "Redirecting" not in shown.out
    log = run_cli("log", "--repo", repo, "--today", "2026-03-01", "--json")
    revisions = json.loads(log.out)["notices"][0]["revisions"]
    by_commit = {r["commit"]: r for r in revisions}
    assert by_commit[ids["r2"]]["overridden_by"] == ids["r3"]
    assert by_commit[ids["r3"]]["overridden_by"] is None
    assert by_commit[ids["r3"]]["published"].startswith("2026-01-10")
    text = run_cli("log", "--repo", repo, "--today", "2026-03-01")
    assert f"overridden by {ids['r3'][:10]}" in text.out
    assert "1 overridden" in text.out


def test_diff_previous_latest_runs_forward(git_repo: GitRepo) -> None:
    ids = crawled(git_repo)
    notice = NoticeRepository(git_repo.path).load().notices[0]
    to = resolve_spec(notice, "latest", TODAY)
    before = resolve_spec(notice, "previous", TODAY, other=to)
    assert to.revision.commit == ids["r3"]
    assert before.revision.commit == ids["r1"]
    assert before.version.effective_date < to.version.effective_date
    result = run_cli("diff", "terms", "previous", "latest", "--repo", str(git_repo.path))
    assert result.code == 1
    assert "New" in result.out and "Redirecting" not in result.out


def test_an_overridden_revision_can_still_be_shown_and_diffed(git_repo: GitRepo) -> None:
    ids = crawled(git_repo)
    repo = str(git_repo.path)
    shown = run_cli("show", "terms", "--rev", ids["r2"][:10], "--repo", repo, "--json")
    assert shown.code == 0
    document = json.loads(shown.out)
    assert document["status"] == "overridden"
    result = run_cli("diff", "terms", ids["r2"][:10], ids["r3"][:10], "--repo", repo)
    assert result.code == 1


def test_show_at_says_when_the_text_was_revised_after_the_day(git_repo: GitRepo) -> None:
    git_repo.commit(
        {"t.md": STATED.format(date="January 1, 2024", body="First words.")},
        date="2024-01-01T00:00:00+00:00",
    )
    git_repo.commit(
        {"t.md": STATED.format(date="January 1, 2024", body="Silently changed words.")},
        date="2024-02-01T00:00:00+00:00",
        message="silent",
    )
    repo = str(git_repo.path)
    shown = run_cli("show", "t.md", "--at", "2024-01-15", "--repo", repo, "--json")
    document = json.loads(shown.out)
    assert document["revised_after"] == "2024-01-15"
    assert "Silently changed words." in "\n".join(s["text"] for s in document["sections"])
    text = run_cli("show", "t.md", "--at", "2024-01-15", "--repo", repo)
    assert "revised after 2024-01-15" in text.out
    recorded = run_cli("show", "t.md", "--at", "2024-01-15", "--as-recorded", "--repo", repo)
    assert recorded.code == 0
    assert "First words." in recorded.out and "Silently" not in recorded.out
    later = run_cli("show", "t.md", "--at", "2024-03-01", "--repo", repo, "--json")
    assert json.loads(later.out)["revised_after"] is None


def test_show_as_recorded_shows_the_bad_capture_held_that_day(git_repo: GitRepo) -> None:
    crawled(git_repo)
    repo = str(git_repo.path)
    recorded = run_cli("show", "terms", "--at", "2025-12-20", "--as-recorded", "--repo", repo)
    assert recorded.code == 0
    assert "Redirecting" in recorded.out
    on_timeline = run_cli("show", "terms", "--at", "2025-12-20", "--repo", repo)
    assert "New rules." in on_timeline.out
    diff = run_cli("diff", "terms", "2025-12-20", "2026-02-01", "--as-recorded", "--repo", repo)
    assert diff.code == 1 and "Redirecting" in diff.out


def test_search_latest_scope_finds_the_text_in_force(git_repo: GitRepo) -> None:
    crawled(git_repo)
    repo = str(git_repo.path)
    found = run_cli("search", "new rules", "--repo", repo, "--today", "2026-03-01", "--json")
    assert found.code == 0, found.err
    assert "New rules" in found.out
    stale = run_cli("search", "redirecting", "--repo", repo, "--today", "2026-03-01", "--json")
    assert "Redirecting" not in stale.out
