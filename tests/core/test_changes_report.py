"""The period report (``notice-tui changes``, issue 17): on a real repository with a
period holding changes in three notices, one silent edit and one upcoming announcement."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.reports.changes import (
    REVISION,
    UPCOMING,
    VERSION,
    Period,
    changes_report,
)
from notices_repo.reports.changes_render import render_markdown, render_text
from notices_repo.reports.digest_cache import DigestCache
from tests.conftest import GitRepo

TODAY = dt.date(2026, 7, 1)
PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def _privacy(date: str, *, cookies: bool = False, extra: str = "") -> str:
    text = (
        f"# Privacy Notice\n\nEffective date: {date}\n\n## Data we collect\n\n"
        "* **Account Data:** your name and email address.\n"
    )
    if cookies:
        text += "* **Usage Data:** pages you open and buttons you press.\n"
        text += "\n## Cookies\n\nWe use one cookie to keep you signed in.\n"
    return text + extra


def _terms(date: str, body: str, *, liability: bool = False) -> str:
    text = f"# Terms of Use\n\nEffective date: {date}\n\n## Use\n\n{body}\n"
    if liability:
        text += "\n## Liability\n\nWe are liable only as the law requires.\n"
    return text


def build_period_repo(repo: GitRepo) -> dict[str, str]:
    """The acceptance repository; returns the commits by name.

    Before the period: privacy (2025-01-01), terms (2025-03-01), retention (2024, never
    changed again). In 2026-01-01..2026-06-30, as on 2026-07-01:
    terms silently edited (2026-01-20, same stated date), privacy's new version (2026-02-01:
    a section and a data category added), terms' new version (2026-03-10), a new notice
    (cookies, 2026-05-01), and privacy's next version announced (2026-06-15) for
    2026-09-01: upcoming.
    """
    ids: dict[str, str] = {}
    ids["retention"] = repo.commit(
        {"retention.md": "# Retention\n\nEffective date: March 1, 2024\n\n## Logs\n\n30 days.\n"},
        date="2024-03-01T10:00:00+00:00",
        message="Add retention",
    )
    ids["privacy1"] = repo.commit(
        {"privacy.md": _privacy("January 1, 2025")},
        date="2025-01-02T10:00:00+00:00",
        message="Add privacy",
    )
    ids["terms1"] = repo.commit(
        {"terms.md": _terms("March 1, 2025", "Be nice.")},
        date="2025-03-01T10:00:00+00:00",
        message="Add terms",
    )
    ids["terms_edit"] = repo.commit(
        {"terms.md": _terms("March 1, 2025", "Be nice to other people.")},
        date="2026-01-20T10:00:00+00:00",
        message="Terms: silent edit",
    )
    ids["privacy2"] = repo.commit(
        {"privacy.md": _privacy("February 1, 2026", cookies=True)},
        date="2026-02-01T10:00:00+00:00",
        message="Privacy: cookies",
    )
    ids["terms2"] = repo.commit(
        {"terms.md": _terms("March 10, 2026", "Be nice to other people.", liability=True)},
        date="2026-03-10T10:00:00+00:00",
        message="Terms: liability",
    )
    ids["cookies"] = repo.commit(
        {"cookies.md": "# Cookie Policy\n\nEffective date: May 1, 2026\n\n## Cookies\n\nOne.\n"},
        date="2026-05-01T10:00:00+00:00",
        message="Add cookies",
    )
    ids["privacy3"] = repo.commit(
        {
            "privacy.md": _privacy(
                "September 1, 2026", cookies=True, extra="\n## Contact\n\nWrite to us.\n"
            )
        },
        date="2026-06-15T10:00:00+00:00",
        message="Privacy: announce contact section",
    )
    return ids


def _report(repo: GitRepo, period: Period = PERIOD, **kwargs: Any):
    repository = NoticeRepository(repo.path)
    try:
        catalog = repository.load()
        return changes_report(catalog, repository, period, TODAY, **kwargs)
    finally:
        repository.close()


def test_three_notices_changed_one_silent_edit_one_upcoming(git_repo: GitRepo) -> None:
    ids = build_period_repo(git_repo)
    report = _report(git_repo)
    assert report.counts() == {
        "notices_changed": 3,
        "versions": 3,
        "revisions": 1,
        "upcoming": 1,
        "notices_announcing": 1,
    }
    assert [n.notice.path for n in report.notices] == ["cookies.md", "privacy.md", "terms.md"]
    by_path = {n.notice.path: n for n in report.notices}
    # privacy: the new version, compared with the one before, and the announcement apart
    (privacy,) = by_path["privacy.md"].versions
    assert (privacy.kind, privacy.effective_date) == (VERSION, dt.date(2026, 2, 1))
    assert privacy.before is not None and privacy.before.commit == ids["privacy1"]
    assert privacy.digest is not None
    assert privacy.digest.summary["sections_added"] == 1
    assert privacy.digest.summary["categories_added"] == 1
    assert [(s.status, s.heading) for s in privacy.digest.sections] == [
        ("changed", "Privacy Notice"),
        ("changed", "Data we collect"),
        ("added", "Cookies"),
    ]
    assert [(c.status, c.name) for c in privacy.digest.categories] == [("added", "Usage Data")]
    (coming,) = by_path["privacy.md"].upcoming
    assert (coming.kind, coming.effective_date) == (UPCOMING, dt.date(2026, 9, 1))
    assert coming.announced == "2026-06-15" and coming.before.commit == ids["privacy2"]  # type: ignore[union-attr]
    # terms: the silent edit is a revision of the version in force, not a version
    terms = by_path["terms.md"]
    (edit,) = terms.revisions
    assert edit.kind == REVISION and edit.revision.commit == ids["terms_edit"]
    assert edit.effective_date == dt.date(2025, 3, 1) and "silent edit" in edit.flags
    assert edit.before is not None and edit.before.commit == ids["terms1"]
    assert edit.digest is not None and edit.digest.summary["sections_changed"] == 1
    assert [v.effective_date for v in terms.versions] == [dt.date(2026, 3, 10)]
    # cookies: a new notice, compared with nothing
    (first,) = by_path["cookies.md"].versions
    assert first.before is None and first.digest.summary["sections_added"] == 2  # type: ignore[union-attr]
    assert report.has_changes and report.head == git_repo.head()


def test_a_period_without_changes_and_a_period_that_ended_earlier(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    quiet = _report(git_repo, Period(dt.date(2025, 4, 1), dt.date(2025, 12, 31)))
    assert not quiet.has_changes and quiet.notices == []
    assert "no notice changed" in render_text(quiet)
    # January to mid-February: the silent edit and privacy's version; terms' version of
    # March 10 and the September announcement (made in June) are outside it
    early = _report(git_repo, Period(dt.date(2026, 1, 1), dt.date(2026, 2, 15)))
    assert early.counts()["versions"] == 1 and early.counts()["revisions"] == 1
    assert early.counts()["upcoming"] == 0
    # a period reaching past today: what takes effect after today is upcoming
    ahead = _report(git_repo, Period(dt.date(2026, 7, 1), dt.date(2026, 12, 31)))
    assert ahead.counts()["upcoming"] == 1 and ahead.counts()["versions"] == 0
    with pytest.raises(ValueError, match=r"starts .* after it ends"):
        Period(dt.date(2026, 2, 1), dt.date(2026, 1, 1))


class CountingSource:
    """The real repository, counting the texts read through it."""

    def __init__(self, repository: NoticeRepository) -> None:
        self.repository = repository
        self.reads = 0

    def read_text(self, blob: str | None) -> Any:
        self.reads += 1
        return self.repository.read_text(blob)


def test_digests_are_kept_so_the_same_report_again_reads_no_text(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    repository = NoticeRepository(git_repo.path)
    catalog = repository.load()
    cache = DigestCache()
    try:
        first_source = CountingSource(repository)
        first = changes_report(catalog, first_source, PERIOD, TODAY, cache=cache)
        assert first_source.reads > 0
        again_source = CountingSource(repository)
        again = changes_report(catalog, again_source, PERIOD, TODAY, cache=cache)
        assert again_source.reads == 0
        assert again.to_json()["notices"] == first.to_json()["notices"]
        # the cache file is in the cache folder, never in the repository
        assert cache.path.is_file() and git_repo.path not in cache.path.parents
        assert git_repo.git("status", "--porcelain", "--ignored") == ""
    finally:
        cache.close()
        repository.close()


def test_a_damaged_cache_file_is_rebuilt(git_repo: GitRepo, tmp_path: Path) -> None:
    build_period_repo(git_repo)
    path = tmp_path / "changes.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    cache = DigestCache(path)
    try:
        assert cache.enabled
        report = _report(git_repo, cache=cache)
        assert report.counts()["versions"] == 3
        assert cache.get_many(["-:0"]) == {}
    finally:
        cache.close()


def test_full_adds_word_level_changes(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    report = _report(git_repo, full=True, notices=None)
    edit = next(n for n in report.notices if n.notice.path == "terms.md").revisions[0]
    assert edit.result is not None
    data = edit.to_json()
    hunks = [h for s in data["sections"] for h in s["hunks"] if h["op"] != "equal"]
    assert any("to other people" in h["new"] for h in hunks)
    text = render_text(report)
    assert "Be nice{+ to other people+}." in text
    md = render_markdown(report)  # in the report to file: fenced, under its section
    assert "#### Section changed: Use\n\n```text\nBe nice{+ to other people+}.\n```" in md


def test_markdown_is_a_report_to_file(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    report = _report(git_repo, generated_at="2026-07-01T09:00:00+00:00")
    md = render_markdown(report)
    assert md.startswith("# Notice changes from 2026-01-01 to 2026-06-30\n")
    assert "- **Period:** 2026-01-01 to 2026-06-30" in md
    assert f"- **Repository:** {report.repository}" in md.replace("\\", "")
    assert f"- **HEAD commit:** {git_repo.head()}" in md
    assert "- **Generated at:** 2026-07-01T09:00:00+00:00" in md
    sections = re.findall(r"^## \d+\. (.+)$", md, flags=re.M)
    assert sections == ["Cookie Policy", "Privacy Notice", "Terms of Use"]
    assert "### Upcoming, not in force by 2026-06-30" in md
    assert "silent edit" in md


def test_untrusted_titles_and_paths_stay_text(git_repo: GitRepo) -> None:
    git_repo.commit(
        {
            "evil[link](x).md": "# Evil <img src=x> `code` \x1b[31mred\n\n"
            "Effective date: May 1, 2026\n"
        },
        date="2026-05-01T10:00:00+00:00",
    )
    report = _report(git_repo)
    md = render_markdown(report)
    assert "<img" not in md and "\x1b" not in md
    assert "evil\\[link\\](x).md" in md  # no link: the brackets are escaped
    text = render_text(report)
    assert "\x1b" not in text and "evil[link](x).md" in text
    json.dumps(report.to_json())  # serialisable


def test_a_long_list_of_sections_is_cut_in_text_only(git_repo: GitRepo) -> None:
    body = "".join(f"## Part {n}\n\nText {n}.\n\n" for n in range(1, 16))
    git_repo.commit(
        {"long.md": f"# Long\n\nEffective date: May 1, 2026\n\n{body}"},
        date="2026-05-01T10:00:00+00:00",
    )
    report = _report(git_repo)
    text = render_text(report)
    assert "+ added: Part 11\n" in text and "Part 12" not in text
    assert "… 4 more (every one with --format markdown or --json)" in text
    assert "Section added: Part 15" in render_markdown(report)


def edited_after_effect(repo: GitRepo) -> dict[str, str]:
    """terms: a version committed 2026-09-30, in force from 2026-10-01, silently edited on
    2026-12-01 (as /tmp/r17/ml5 of the review); its first version before that."""
    ids = {
        "old": repo.commit(
            {"terms.md": _terms("January 1, 2026", "Be kind.")},
            date="2026-01-01T10:00:00+00:00",
        ),
        "opened": repo.commit(
            {"terms.md": _terms("October 1, 2026", "Be nice.")},
            date="2026-09-30T10:00:00+00:00",
        ),
        "edit": repo.commit(
            {"terms.md": _terms("October 1, 2026", "Be nice, always.")},
            date="2026-12-01T10:00:00+00:00",
        ),
    }
    return ids


def test_a_version_shows_the_text_that_took_effect_and_its_later_edits(
    git_repo: GitRepo,
) -> None:
    ids = edited_after_effect(git_repo)
    repository = NoticeRepository(git_repo.path)
    try:
        catalog = repository.load()
        period = Period(dt.date(2026, 9, 1), dt.date(2026, 12, 6))
        report = changes_report(catalog, repository, period, dt.date(2026, 12, 6))
    finally:
        repository.close()
    (terms,) = report.notices
    (version,) = terms.versions
    # the text that took effect on 2026-10-01, compared with the text in force before it
    assert version.revision.commit == ids["opened"]
    assert version.before is not None and version.before.commit == ids["old"]
    # the silent edit of December is listed as a revision of it, compared with that text
    (edit,) = terms.revisions
    assert (edit.kind, edit.revision.commit) == (REVISION, ids["edit"])
    assert edit.before is not None and edit.before.commit == ids["opened"]
    assert "silent edit" in edit.flags and edit.digest is not None
    assert edit.digest.summary["sections_changed"] == 1
    assert [c.kind for c in terms.in_force] == [VERSION, REVISION]
    data = report.to_json()["notices"][0]
    assert data["versions"][0]["commit"] == ids["opened"]
    assert data["revisions"][0]["commit"] == ids["edit"]
    assert data["revisions"][0]["from"]["commit"] == ids["opened"]
    text = render_text(report)
    opened, edited = ids["opened"][:10], ids["edit"][:10]
    assert (
        f"2026-10-01  new version, replaces 2026-01-01, 2 revisions (1 silent edit)  {opened}"
        in (text)
    )
    assert f"2026-12-01  revision of the version effective 2026-10-01 (silent edit)  {edited}" in (
        text
    )
    md = render_markdown(report)
    assert f"- **Commit:** {ids['opened']}" in md and f"- **Commit:** {ids['edit']}" in md


def test_revisions_after_today_are_not_there_yet(git_repo: GitRepo) -> None:
    ids = edited_after_effect(git_repo)
    repository = NoticeRepository(git_repo.path)
    try:
        catalog = repository.load()
        # as on 2026-11-01 (the period reaching past it): the December edit is not there
        period = Period(dt.date(2026, 9, 1), dt.date(2026, 12, 31))
        report = changes_report(catalog, repository, period, dt.date(2026, 11, 1))
        # as on 2026-09-15: the October version is not committed yet, nothing is listed
        before = changes_report(catalog, repository, period, dt.date(2026, 9, 15))
    finally:
        repository.close()
    (terms,) = report.notices
    assert terms.revisions == []
    (version,) = terms.versions
    assert version.revision.commit == ids["opened"] and version.revision_count == 1
    assert "revisions" not in render_text(report).split("\n\n")[1]
    assert report.to_json()["notices"][0]["versions"][0]["revisions"] == 1
    assert before.notices == [] and before.exit_code == 0


def test_exit_code_counts_changes_in_force_not_announcements(git_repo: GitRepo) -> None:
    build_period_repo(git_repo)
    # 2026-06-01..2026-06-30: only privacy's announcement (made 2026-06-15, for September)
    announced = _report(git_repo, Period(dt.date(2026, 6, 1), dt.date(2026, 6, 30)))
    assert announced.counts()["upcoming"] == 1 and announced.changed == []
    assert announced.has_changes and announced.exit_code == 0
    assert _report(git_repo).exit_code == 1


def test_the_repository_is_named_by_its_absolute_path(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_period_repo(git_repo)
    monkeypatch.chdir(git_repo.path)
    repository = NoticeRepository(Path("."))
    try:
        report = changes_report(repository.load(), repository, PERIOD, TODAY)
    finally:
        repository.close()
    assert report.repository == str(git_repo.path.resolve())
    assert f"Repository {git_repo.path.resolve()} at" in render_text(report)


def test_a_period_starting_after_today_says_so() -> None:
    today = dt.date(2026, 12, 6)
    with pytest.raises(ValueError, match=r"--since 2027-01-01 is after today \(2026-12-06\)"):
        Period.typed(dt.date(2027, 1, 1), None, today)
    assert Period.typed(dt.date(2026, 1, 1), None, today) == Period(dt.date(2026, 1, 1), today)
    with pytest.raises(ValueError, match="give --since before --until"):
        Period.typed(dt.date(2027, 1, 1), dt.date(2026, 12, 31), today)
