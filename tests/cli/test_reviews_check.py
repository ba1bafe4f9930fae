"""``notice-tui reviews --check``: the Nagios answer on whether every notice's version in
force has been reviewed, one state per exit code."""

from __future__ import annotations

import json
import re

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.catalog.reviews import ReviewRecord, repository_id, review_file
from tests.conftest import GitRepo, run_cli

TODAY = "2026-07-01"
NOTICE = "# {title}\n\nEffective date: {date}\n\n## Data\n\n{body}\n"


def _repo(repo: GitRepo) -> None:
    """privacy in force from 2026-06-11 (20 days before TODAY), terms from 2026-06-26
    (5 days), cookies from 2025 (long ago)."""
    repo.commit(
        {"cookies.md": NOTICE.format(title="Cookies", date="March 1, 2025", body="One.")},
        date="2025-03-01T10:00:00+00:00",
    )
    repo.commit(
        {"privacy.md": NOTICE.format(title="Privacy", date="June 11, 2026", body="Logs.")},
        date="2026-06-11T10:00:00+00:00",
    )
    repo.commit(
        {"terms.md": NOTICE.format(title="Terms", date="June 26, 2026", body="Be nice.")},
        date="2026-06-26T10:00:00+00:00",
    )


def _mark(repo: GitRepo, *paths: str, upcoming: bool = False) -> None:
    """Mark the version in force (or the newest, with ``upcoming``) of each path."""
    import datetime as dt

    from notices_repo.catalog.timeline import effective_versions, in_force

    catalog = NoticeRepository(repo.path).load()
    record = ReviewRecord.load()
    for path in paths:
        notice = catalog.by_key(path)
        assert notice is not None
        version = (
            effective_versions(notice)[0] if upcoming else in_force(notice, dt.date(2026, 7, 1))
        )
        assert version is not None
        record.mark(repository_id(repo.path), notice, version, who="alice")


def _check(repo: GitRepo, *args: str):
    return run_cli("reviews", "--check", "--repo", str(repo.path), "--today", TODAY, *args)


def test_ok_when_every_version_in_force_is_reviewed(git_repo: GitRepo) -> None:
    _repo(git_repo)
    _mark(git_repo, "cookies.md", "privacy.md", "terms.md")
    result = _check(git_repo)
    assert result.code == 0, result.err
    assert result.out == (
        "OK - every version in force is reviewed (3 notices) "
        "| unreviewed=0 oldest_days=0 upcoming=0\n"
    )


def test_warning_when_a_recent_version_waits(git_repo: GitRepo) -> None:
    _repo(git_repo)
    _mark(git_repo, "cookies.md", "privacy.md")
    result = _check(git_repo)
    assert result.code == 1, result.err
    assert result.out.startswith(
        "WARNING - 1 of 3 notices not reviewed, oldest terms.md for 5 days"
    )
    assert result.out.rstrip().endswith("| unreviewed=1 oldest_days=5 upcoming=0")


def test_critical_past_max_age_with_perf_data(git_repo: GitRepo) -> None:
    _repo(git_repo)
    _mark(git_repo, "cookies.md")
    result = _check(git_repo)
    assert result.code == 2, result.err
    assert result.out.startswith("CRITICAL - 2 of 3 notices not reviewed, oldest privacy.md")
    assert "| unreviewed=2 oldest_days=20" in result.out
    # a longer allowance turns it into a warning
    relaxed = _check(git_repo, "--max-age", "30")
    assert relaxed.code == 1 and relaxed.out.startswith("WARNING")
    # only the notices asked for
    one = _check(git_repo, "--notice", "terms")
    assert one.code == 1 and "| unreviewed=1 oldest_days=5" in one.out


def test_verbose_one_line_per_notice_and_json(git_repo: GitRepo) -> None:
    _repo(git_repo)
    _mark(git_repo, "cookies.md")
    result = _check(git_repo, "--verbose")
    lines = result.out.splitlines()
    assert len(lines) == 4
    assert re.match(r"OK cookies\.md: version effective 2025-03-01 reviewed by alice on ", lines[1])
    assert lines[2] == "CRITICAL privacy.md: version effective 2026-06-11 not reviewed (20 days)"
    assert lines[3] == "WARNING terms.md: version effective 2026-06-26 not reviewed (5 days)"
    data = json.loads(_check(git_repo, "--json").out)
    assert (data["state"], data["exit_code"], data["oldest_days"]) == ("CRITICAL", 2, 20)
    assert [n["state"] for n in data["notices"]] == ["OK", "CRITICAL", "WARNING"]


def test_upcoming_is_listed_never_critical_and_a_silent_edit_undoes_a_review(
    git_repo: GitRepo,
) -> None:
    _repo(git_repo)
    _mark(git_repo, "cookies.md", "privacy.md", "terms.md")
    # announced in 2025 for 2027: long unreviewed, but upcoming
    git_repo.commit(
        {"cookies.md": NOTICE.format(title="Cookies", date="January 1, 2027", body="Two.")},
        date="2026-06-28T10:00:00+00:00",
    )
    result = _check(git_repo, "--verbose", "--max-age", "1")
    assert result.code == 0, result.out
    assert "upcoming=1" in result.out.splitlines()[0]
    assert "upcoming 2027-01-01 not reviewed" in result.out
    # a silent edit of privacy (same stated date): its review no longer covers the text
    git_repo.commit(
        {"privacy.md": NOTICE.format(title="Privacy", date="June 11, 2026", body="Fewer logs.")},
        date="2026-06-30T10:00:00+00:00",
    )
    edited = _check(git_repo, "--verbose")
    assert edited.code == 1, edited.out
    assert "privacy.md: version effective 2026-06-11 edited since it was reviewed (1 day)" in (
        edited.out
    )


def test_unknown_on_bad_input(git_repo: GitRepo) -> None:
    _repo(git_repo)
    for args in (("--max-age", "0"), ("--max-age", "soon"), ("--notice", "nothing-like-it")):
        result = _check(git_repo, *args)
        assert result.code == 3, (args, result.err)
        assert result.err.startswith("notice-tui:") and "Traceback" not in result.err
    path = review_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken", "utf-8")
    damaged = _check(git_repo)
    assert damaged.code == 3 and "not valid JSON" in damaged.err
    missing = run_cli("reviews", "--check", "--repo", str(git_repo.path / "nope"))
    assert missing.code == 3
    # without --check, bad input stays exit 2
    assert run_cli("reviews", "--max-age", "3").code == 2


def _edited_after_effect(repo: GitRepo) -> tuple[str, str, str]:
    """terms in force from 2026-10-01 (committed 2026-09-30), silently edited on
    2026-12-01 and 2026-12-03 (the review's /tmp/r17/ml5, one edit more)."""
    first = repo.commit(
        {"terms.md": NOTICE.format(title="Terms", date="October 1, 2026", body="a")},
        date="2026-09-30T10:00:00+00:00",
    )
    edit = repo.commit(
        {"terms.md": NOTICE.format(title="Terms", date="October 1, 2026", body="a, typo")},
        date="2026-12-01T10:00:00+00:00",
    )
    again = repo.commit(
        {"terms.md": NOTICE.format(title="Terms", date="October 1, 2026", body="a, typos")},
        date="2026-12-03T10:00:00+00:00",
    )
    return first, edit, again


def _check_on(repo: GitRepo, today: str, *args: str):
    return run_cli("reviews", "--check", "--repo", str(repo.path), "--today", today, *args)


def test_a_never_reviewed_version_ages_from_when_it_took_effect(git_repo: GitRepo) -> None:
    _, _, again = _edited_after_effect(git_repo)
    result = _check_on(git_repo, "2026-12-06", "--verbose", "--json")
    data = json.loads(result.out)
    assert (data["state"], data["oldest_days"]) == ("CRITICAL", 66)  # not 3: the edits
    assert data["notices"][0]["commit"] == again
    plain = _check_on(git_repo, "2026-12-06", "--verbose")
    assert plain.code == 2
    assert "terms.md: version effective 2026-10-01 not reviewed (66 days)" in plain.out


def test_an_edit_since_the_review_ages_from_the_first_edit_not_seen(git_repo: GitRepo) -> None:
    first, _, _ = _edited_after_effect(git_repo)
    import datetime as dt

    from notices_repo.catalog.reviews import Review

    # alice reviewed the text of 2026-09-30; the edits of 12-01 and 12-03 came after
    ReviewRecord.load().add(
        Review(
            repository=repository_id(git_repo.path),
            notice="terms.md",
            path="terms.md",
            commit=first,
            effective_date=dt.date(2026, 10, 1),
            who="alice",
            when="2026-10-02T09:00:00+00:00",
        )
    )
    result = _check_on(git_repo, "2026-12-06", "--verbose")
    assert result.code == 1, result.out
    assert "terms.md: version effective 2026-10-01 edited since it was reviewed (5 days)" in (
        result.out
    )


def test_a_past_today_ignores_revisions_committed_after_it(git_repo: GitRepo) -> None:
    first, _, _ = _edited_after_effect(git_repo)
    data = json.loads(_check_on(git_repo, "2026-11-01", "--json").out)
    assert data["notices"][0]["commit"] == first
    assert (data["state"], data["oldest_days"]) == ("CRITICAL", 31)
    # before the version was committed, nothing was in force
    early = _check_on(git_repo, "2026-09-15", "--verbose")
    assert early.code == 0, early.out
    assert "terms.md: nothing in force" in early.out


def test_unknown_prints_its_nagios_line_on_stdout(git_repo: GitRepo) -> None:
    _repo(git_repo)
    result = _check(git_repo, "--notice", "nothing-like-it")
    assert result.code == 3
    assert result.out == (
        "REVIEWS UNKNOWN - no notice matches 'nothing-like-it'; run notice-tui log to list them\n"
    )
    assert result.err.startswith("notice-tui: no notice matches")
    missing = run_cli("reviews", "--check", "--repo", str(git_repo.path / "nope"))
    assert missing.code == 3 and missing.out.startswith("REVIEWS UNKNOWN - ")
    soon = _check(git_repo, "--max-age", "soon")
    assert soon.code == 3
    assert soon.out == (
        "REVIEWS UNKNOWN - --max-age 'soon' is not a whole number of days; give one such as 30\n"
    )
