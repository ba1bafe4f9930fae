"""The use-case layer both front ends call: open, compare, search, check support.

Each use case runs against real git repositories built by the fixtures, with bad input
(unknown notice, bad revision, no repository) ending in one clear error; the CLI's
answers are those of the use case (``diff --json``, ``search --json``, ``status``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from notices_repo.catalog.repository import NoticeRepository
from notices_repo.errors import (
    AmbiguousNotice,
    NoticeError,
    NoticeNotFound,
    RepoError,
    RevisionNotFound,
)
from notices_repo.model import Catalog
from notices_repo.settings.config import AppConfig
from notices_repo.usecases import InvalidRequest
from notices_repo.usecases.changes import parse_period, period_changes
from notices_repo.usecases.compare import (
    CompareRequest,
    Side,
    compare_sides,
    compare_versions,
    end_of,
    read_sides,
    resolve_ends,
)
from notices_repo.usecases.repository import SAMPLE_STAGE, choose, open_repository
from notices_repo.usecases.search import SearchRequest, prepare_index, search_notices
from notices_repo.usecases.show import ShowRequest, read_notice, read_version
from notices_repo.usecases.support import (
    SupportRequest,
    builtin_rows,
    calendar_as_toml,
    offline_status,
    running_support,
    support_checks,
    verdict,
)
from tests.conftest import GitRepo, run_cli

PRIVACY = "privacy/privacy-notice.md"
TERMS = "terms/terms-of-use.md"
TODAY = dt.date(2026, 11, 26)

PRIVACY_TEXT = """# Privacy Notice

Effective {date}

## Data we collect

{body}

## Contact

Write to privacy@example.invalid with any question.
"""
TERMS_TEXT = "# Terms of Use\n\nEffective 2024-01-01\n\n## Use\n\nBe kind to others.\n"


@pytest.fixture
def notices(git_repo: GitRepo) -> GitRepo:
    """Two notices: a privacy notice in two versions (the second revised once more, only
    re-wrapped, its stated date kept) and terms of use in one."""
    git_repo.commit(
        {
            PRIVACY: PRIVACY_TEXT.format(date="2024-01-01", body="We collect account data."),
            TERMS: TERMS_TEXT,
        },
        date="2024-01-01T10:00:00+00:00",
        message="First notices",
    )
    git_repo.commit(
        {
            PRIVACY: PRIVACY_TEXT.format(
                date="2025-03-01", body="We collect account data and diagnostic logs."
            )
        },
        date="2025-03-01T10:00:00+00:00",
        message="Diagnostics",
    )
    git_repo.commit(
        {
            PRIVACY: PRIVACY_TEXT.format(
                date="2025-03-01", body="We collect account data\nand diagnostic logs."
            )
        },
        date="2025-06-01T10:00:00+00:00",
        message="Re-wrapped",
    )
    return git_repo


def _commits(repo: GitRepo) -> list[str]:
    """The repository's commits, oldest first."""
    return repo.git("rev-list", "--reverse", "HEAD").split()


def _open(path: Path) -> tuple[NoticeRepository, Catalog]:
    repository = open_repository(path)
    return repository, repository.load()


# opening the repository ---------------------------------------------------------------


def test_the_choice_follows_option_then_environment_then_config_then_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = AppConfig(path=tmp_path / "config.toml", repository=str(tmp_path / "from-config"))
    bare = AppConfig(path=tmp_path / "config.toml")
    assert choose(None, bare).is_sample and choose(None, bare).origin == "built-in sample"
    assert choose(None, bare).where == "the built-in sample"
    assert choose(None, config).path == tmp_path / "from-config"
    assert choose(None, config).origin.startswith("config (")
    monkeypatch.setenv("NOTICE_TUI_REPO", str(tmp_path / "from-env"))
    assert (choose(None, config).path, choose(None, config).origin) == (
        tmp_path / "from-env",
        "NOTICE_TUI_REPO",
    )
    chosen = choose(str(tmp_path / "from-option"), config)
    assert (chosen.path, chosen.origin, chosen.is_sample) == (
        tmp_path / "from-option",
        "--repo",
        False,
    )
    assert chosen.where == str(tmp_path / "from-option")


def test_opening_a_chosen_repository_and_the_sample(notices: GitRepo) -> None:
    repository = open_repository(choose(str(notices.path), AppConfig(path=Path("none"))))
    try:
        assert repository.path == notices.path and not repository.is_sample
        assert repository.head() == notices.head()
    finally:
        repository.close()
    stages: list[str] = []
    sample = open_repository(None, progress=lambda stage, done, total: stages.append(stage))
    try:
        assert sample.is_sample and stages == [SAMPLE_STAGE]
        assert sample.head() is not None
    finally:
        sample.close()


def test_no_repository_is_one_line_naming_the_fix(tmp_path: Path) -> None:
    with pytest.raises(RepoError) as missing:
        open_repository(tmp_path / "nowhere")
    assert "does not exist" in missing.value.message and "--repo" in missing.value.message
    assert "\n" not in missing.value.message
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a repository\n")
    with pytest.raises(RepoError) as file_error:
        open_repository(a_file)
    assert "is a file, not a folder" in file_error.value.message


# comparing two versions ---------------------------------------------------------------


def test_compare_versions_resolves_as_the_diff_command_does(notices: GitRepo) -> None:
    repository, catalog = _open(notices.path)
    warnings: list[str] = []
    try:
        compared = compare_versions(
            repository,
            catalog,
            CompareRequest("privacy", "2024-06-01", "2025-04-01"),
            today=TODAY,
            warn=warnings.append,
        )
        assert compared.notice.path == PRIVACY and warnings == []
        assert compared.old.date == dt.date(2024, 1, 1)
        assert compared.new.date == dt.date(2025, 3, 1)
        assert compared.result.has_changes
        changed = [section.heading for section in compared.result.changed_sections]
        assert "Data we collect" in changed and "Contact" not in changed
        # defaults: previous -> latest; 'previous' is relative to the other end either way
        default = compare_versions(repository, catalog, CompareRequest("privacy"), today=TODAY)
        assert (default.old.date, default.new.date) == (dt.date(2024, 1, 1), dt.date(2025, 3, 1))
        assert default.new.revision.commit == notices.head()  # the version's newest text
        reverse = resolve_ends(compared.notice, "latest", "previous", TODAY)
        assert [end.date for end in reverse] == [dt.date(2025, 3, 1), dt.date(2024, 1, 1)]
    finally:
        repository.close()


def test_ignore_whitespace_leaves_a_re_wrap_out(notices: GitRepo) -> None:
    _, before, after = (commit[:12] for commit in _commits(notices))
    repository, catalog = _open(notices.path)
    try:
        plain = compare_versions(
            repository, catalog, CompareRequest("privacy", before, after), today=TODAY
        )
        quiet = compare_versions(
            repository,
            catalog,
            CompareRequest("privacy", before, after, ignore_whitespace=True),
            today=TODAY,
        )
        assert plain.result.has_changes and not quiet.result.has_changes
        full = compare_versions(
            repository, catalog, CompareRequest("privacy", before, after, full=True), today=TODAY
        )
        assert len(full.result.shown_sections) > len(plain.result.shown_sections)
    finally:
        repository.close()


def test_as_recorded_reads_the_text_the_repository_held_that_day(notices: GitRepo) -> None:
    # the third revision backdates its text: on 2025-05-01 the repository held the second
    notices.commit(
        {PRIVACY: PRIVACY_TEXT.format(date="2025-04-01", body="We collect nothing at all.")},
        date="2025-07-01T10:00:00+00:00",
        message="Backdated",
    )
    repository, catalog = _open(notices.path)
    try:
        timeline = compare_versions(
            repository, catalog, CompareRequest("privacy", "2025-05-01", "latest"), today=TODAY
        )
        recorded = compare_versions(
            repository,
            catalog,
            CompareRequest("privacy", "2025-05-01", "latest", as_recorded=True),
            today=TODAY,
        )
        assert timeline.old.revision.commit != recorded.old.revision.commit
        assert recorded.old.revision.subject == "Diagnostics"
    finally:
        repository.close()


@pytest.mark.parametrize(
    ("request_", "error", "words"),
    [
        (CompareRequest("no-such-notice"), NoticeNotFound, "no notice matches 'no-such-notice'"),
        (CompareRequest("md", "2024-06-01"), AmbiguousNotice, "matches 2 notices"),
        (CompareRequest("privacy", "deadbeef"), RevisionNotFound, "no revision of"),
        (CompareRequest("privacy", "banana"), RevisionNotFound, "'banana' is not a revision"),
        (CompareRequest("privacy", "2020-01-01"), RevisionNotFound, "the first is from"),
        (CompareRequest("privacy", "2024-13-45"), RevisionNotFound, "not a valid date"),
        (CompareRequest("terms", "previous"), RevisionNotFound, "has no version before"),
        (CompareRequest("privacy", "upcoming"), RevisionNotFound, "announces no version"),
        (CompareRequest("privacy", "previous", "previous"), InvalidRequest, "both be 'previous'"),
    ],
)
def test_bad_input_to_compare_is_one_clear_error(
    notices: GitRepo, request_: CompareRequest, error: type[NoticeError], words: str
) -> None:
    repository, catalog = _open(notices.path)
    try:
        with pytest.raises(error) as raised:
            compare_versions(repository, catalog, request_, today=TODAY)
        assert words in raised.value.message and "\n" not in raised.value.message
    finally:
        repository.close()


def test_a_repository_without_commits_says_so(git_repo: GitRepo) -> None:
    repository, catalog = _open(git_repo.path)
    try:
        with pytest.raises(RepoError, match="has no commits yet"):
            compare_versions(repository, catalog, CompareRequest("privacy"), today=TODAY)
    finally:
        repository.close()


def test_decoding_warnings_are_heard_with_their_commit(git_repo: GitRepo) -> None:
    latin = PRIVACY_TEXT.format(date="2024-01-01", body="Données collectées.").encode("latin-1")
    first = git_repo.commit({PRIVACY: latin}, date="2024-01-01T10:00:00+00:00")
    git_repo.commit(
        {PRIVACY: PRIVACY_TEXT.format(date="2025-01-01", body="Données collectées.")},
        date="2025-01-01T10:00:00+00:00",
    )
    repository, catalog = _open(git_repo.path)
    heard: list[str] = []
    try:
        compared = compare_versions(
            repository, catalog, CompareRequest("privacy"), today=TODAY, warn=heard.append
        )
    finally:
        repository.close()
    assert compared.old.revision.commit == first
    # the catalog's warnings once the notice is found, then the text's, with its commit
    assert heard[:-1] == catalog.warnings and catalog.warnings
    assert heard[-1].startswith(f"{first[:10]}: not UTF-8")


def test_the_screen_s_steps_reuse_known_texts_and_keep_the_structure(notices: GitRepo) -> None:
    repository, catalog = _open(notices.path)
    try:
        notice = next(n for n in catalog.notices if n.path == PRIVACY)
        old_revision, new_revision = notice.revisions[1], notice.revisions[0]
        held = Side(new_revision.commit, "# Privacy Notice\n\n## Data we collect\n\nHeld.\n")
        old, new = read_sides(repository, old_revision, new_revision, known=[held])
        assert new is held  # not read again
        assert "diagnostic logs" in old.text and old.commit == old_revision.commit
        assert old.parsed is None and old.note is None
        comparison = compare_sides(old, new)
        assert all(side.parsed is not None for side in comparison.sides)
        again = compare_sides(*comparison.sides, ignore_whitespace=True, full=True)
        assert (
            again.result.to_json()
            == compare_sides(old, new, ignore_whitespace=True, full=True).result.to_json()
        )
        same = read_sides(repository, old_revision, old_revision)
        assert same[0].text == same[1].text
        end = end_of(notice, old_revision)
        assert end.info() == {"commit": old_revision.commit, "effective_date": "2025-03-01"}
        assert end.date_label == "2025-03-01"
    finally:
        repository.close()


def test_the_diff_command_prints_the_use_case_s_comparison(notices: GitRepo) -> None:
    repository, catalog = _open(notices.path)
    try:
        compared = compare_versions(
            repository, catalog, CompareRequest("privacy", "2024-06-01", "latest"), today=TODAY
        )
    finally:
        repository.close()
    cli = run_cli(
        "--repo", str(notices.path), "--today", TODAY.isoformat(), "diff", "privacy",
        "2024-06-01", "latest", "--json",
    )  # fmt: skip
    assert cli.code == 1, cli.err
    expected = compared.result.to_json(compared.old.info(), compared.new.info())
    assert json.loads(cli.out) == json.loads(json.dumps(expected))
    bad = run_cli("--repo", str(notices.path), "diff", "privacy", "previous", "previous")
    assert (bad.code, bad.err) == (2, "notice-tui: FROM and TO cannot both be 'previous'\n")


# reading one version (show) -----------------------------------------------------------


def test_read_notice_resolves_its_spec_as_diff_does(notices: GitRepo) -> None:
    first, second, third = _commits(notices)
    repository, catalog = _open(notices.path)
    heard: list[str] = []
    try:
        today = read_notice(
            repository, catalog, ShowRequest("privacy"), today=TODAY, warn=heard.append
        )
        assert today.notice.path == PRIVACY and heard == catalog.warnings
        assert today.pick.revision.commit == third and "\nand diagnostic" in today.body.text
        assert [s.heading for s in today.sections] == [
            "Privacy Notice",
            "Data we collect",
            "Contact",
        ]
        assert today.revised_after is None and today.warning is None
        # in force on 2025-04-01 is the 2025-03-01 version, revised (re-wrapped) after that day
        held = read_notice(
            repository, catalog, ShowRequest("privacy", at="2025-04-01"), today=TODAY
        )
        assert held.pick.revision.commit == third
        assert held.revised_after == dt.date(2025, 4, 1)
        recorded = read_notice(
            repository,
            catalog,
            ShowRequest("privacy", at="2025-04-01", as_recorded=True),
            today=TODAY,
        )
        assert recorded.pick.revision.commit == second and recorded.revised_after is None
        by_commit = read_notice(
            repository, catalog, ShowRequest("privacy", rev=first[:7]), today=TODAY
        )
        assert "We collect account data." in by_commit.body.text
    finally:
        repository.close()


def test_read_version_is_the_text_show_reads(notices: GitRepo) -> None:
    repository, catalog = _open(notices.path)
    try:
        shown = read_notice(repository, catalog, ShowRequest("privacy"), today=TODAY)
        version = read_version(repository, shown.pick.revision)
        assert version.body == shown.body and version.sections == shown.sections
        assert version.categories == shown.categories and version.warning is None
        oldest = shown.notice.revisions[-1]
        assert "We collect account data." in read_version(repository, oldest).body.text
    finally:
        repository.close()


@pytest.mark.parametrize(
    ("request_", "error", "words"),
    [
        (ShowRequest("privacy", rev="abc"), InvalidRequest, "at least 4 characters"),
        (ShowRequest("privacy", as_recorded=True), InvalidRequest, "--as-recorded needs --at"),
        (ShowRequest("privacy", rev="deadbeef"), RevisionNotFound, "no revision of"),
        (ShowRequest("privacy", at="2023-01-01"), RevisionNotFound, "the first is from"),
        (ShowRequest("nothing-like-it"), NoticeNotFound, "no notice matches"),
    ],
)
def test_bad_input_to_show_is_one_clear_error(
    notices: GitRepo, request_: ShowRequest, error: type[NoticeError], words: str
) -> None:
    repository, catalog = _open(notices.path)
    try:
        with pytest.raises(error) as raised:
            read_notice(repository, catalog, request_, today=TODAY)
        assert words in raised.value.message and "\n" not in raised.value.message
    finally:
        repository.close()


# search -------------------------------------------------------------------------------


def test_search_finds_the_versions_in_force_and_with_all_versions_every_version(
    notices: GitRepo,
) -> None:
    notices.commit(
        {PRIVACY: PRIVACY_TEXT.format(date="2026-01-01", body="We collect account data.")},
        date="2026-01-01T10:00:00+00:00",
        message="No more logs",
    )
    repository, catalog = _open(notices.path)
    try:
        latest = search_notices(repository, catalog, SearchRequest("diagnostic"), today=TODAY)
        assert (latest.query, latest.scope, latest.hits) == ("diagnostic", "latest", [])
        history = search_notices(
            repository, catalog, SearchRequest(" diagnostic ", all_versions=True), today=TODAY
        )
        assert history.scope == "all" and history.query == "diagnostic"
        assert {hit.path for hit in history.hits} == {PRIVACY}
        kind = search_notices(repository, catalog, SearchRequest("kind"), today=TODAY)
        assert [hit.path for hit in kind.hits] == [TERMS]
        only = search_notices(
            repository, catalog, SearchRequest("kind", notice="privacy"), today=TODAY
        )
        assert only.hits == []
    finally:
        repository.close()


def test_the_app_s_index_grows_from_latest_to_every_version(notices: GitRepo) -> None:
    repository, catalog = _open(notices.path)
    try:
        index = prepare_index(repository, catalog, "latest", today=TODAY, warm=True)
        assert index.scopes == ("latest",)
        grown = prepare_index(repository, catalog, "all", today=TODAY, base=index)
        assert grown.scopes == ("latest", "all")
        assert prepare_index(repository, catalog, "latest", today=TODAY, base=grown) is grown
        with pytest.raises(InvalidRequest, match="unknown search scope"):
            prepare_index(repository, catalog, "everything", today=TODAY)
    finally:
        repository.close()


def test_bad_search_requests(notices: GitRepo) -> None:
    with pytest.raises(InvalidRequest, match="give words to search for"):
        SearchRequest("   ")
    with pytest.raises(InvalidRequest, match="--limit must be 1 or more"):
        SearchRequest("cookies", limit=0)
    repository, catalog = _open(notices.path)
    try:
        with pytest.raises(NoticeNotFound):
            search_notices(
                repository, catalog, SearchRequest("data", notice="nothing-like-it"), today=TODAY
            )
    finally:
        repository.close()


def test_the_search_command_prints_the_use_case_s_hits(notices: GitRepo) -> None:
    repository, catalog = _open(notices.path)
    try:
        answer = search_notices(repository, catalog, SearchRequest("account data"), today=TODAY)
    finally:
        repository.close()
    cli = run_cli(
        "--repo", str(notices.path), "--today", TODAY.isoformat(), "search", "account", "data",
        "--json",
    )  # fmt: skip
    assert cli.code == 0, cli.err
    assert json.loads(cli.out)["results"] == [hit.to_json() for hit in answer.hits]
    assert answer.hits and answer.hits[0].path == PRIVACY


# support ------------------------------------------------------------------------------


def test_support_of_a_given_release_and_its_verdict() -> None:
    check = running_support(TODAY, SupportRequest(release="8.6"))
    assert check.status.release == "8.6" and check.status.days_left == 66
    answer = verdict(check, warn_days=30, crit_days=None)
    assert answer.result.code == 0
    assert answer.result.line == (
        "OK - Rocket.Chat 8.6 supported until 2027-01-31 (66 days left) | days_left=66;30;0"
    )
    ended = verdict(
        running_support(TODAY, SupportRequest(release="8.3.1")), warn_days=30, crit_days=None
    )
    assert ended.result.code == 2 and ended.result.line.startswith("CRITICAL - ")


def test_support_reads_the_repository_calendar_and_skips_a_missing_one(
    git_repo: GitRepo, tmp_path: Path
) -> None:
    git_repo.commit(
        {
            "releases.toml": (
                '[[release]]\nversion = "8.6"\nreleased = 2026-07-03\nsupport_ends = 2026-12-15\n'
            ),
            TERMS: TERMS_TEXT,
        }
    )
    stricter = running_support(TODAY, SupportRequest(release="8.6"), repository=git_repo.path)
    assert stricter.status.support_ends == dt.date(2026, 12, 15)
    assert "releases.toml" in stricter.status.source
    missing = running_support(TODAY, SupportRequest(release="8.6"), repository=tmp_path / "nowhere")
    assert missing.status.support_ends == dt.date(2027, 1, 31)
    assert any("nowhere" in note for note in missing.notes)


def test_support_bad_input_ends_in_unknown_not_an_exception(tmp_path: Path) -> None:
    unreadable = running_support(TODAY, SupportRequest(release="banana"))
    assert verdict(unreadable, warn_days=30, crit_days=None).result.code == 3
    bad = tmp_path / "calendar.toml"
    bad.write_text("this is [ not toml\n")
    broken = running_support(TODAY, SupportRequest(release="8.6", calendar=str(bad)))
    assert broken.error and str(bad) in broken.error
    assert verdict(broken, warn_days=30, crit_days=None).result.code == 3


def test_the_preview_comes_only_when_a_server_will_be_asked() -> None:
    given = SupportRequest(release="8.6", config_server="http://127.0.0.1:9")
    assert not given.asks_server
    checks = list(support_checks(TODAY, given, preview=True))
    assert [pending for _, pending in checks] == [False]
    asked = SupportRequest(server="http://127.0.0.1:9", timeout=0.5)
    assert asked.asks_server
    both = list(support_checks(TODAY, asked, preview=True))
    assert [pending for _, pending in both] == [True, False]
    assert both[0][0].running.server is None and both[1][0].running.server is not None
    server = both[1][0].running.server
    answer = verdict(both[1][0], warn_days=30, crit_days=None)
    assert server is not None and server.error
    assert f"server {server.url}: {server.error}" in answer.result.line
    assert all(not note.endswith(server.error) for note in answer.notes)


def test_an_option_wins_over_the_config_and_no_timeout_is_the_default() -> None:
    from notices_repo.support.server import DEFAULT_TIMEOUT

    config_only = SupportRequest.from_options(
        config_release="7.10", config_server="https://config", config_ca_file="config.pem"
    )
    assert (config_only.release, config_only.config_release) == (None, "7.10")
    assert config_only.ca_file == "config.pem" and config_only.timeout == DEFAULT_TIMEOUT
    assert config_only.asks_server is False  # a release in the config skips its server
    both = SupportRequest.from_options(
        release="8.6", ca_file="option.pem", config_ca_file="config.pem", timeout=0.5
    )
    assert (both.ca_file, both.timeout) == ("option.pem", 0.5)
    assert running_support(TODAY, both).status.release == "8.6"


def test_the_built_in_rows_are_the_calendar_before_the_repository_s(git_repo: GitRepo) -> None:
    rows = builtin_rows(TODAY)
    checked = running_support(TODAY, SupportRequest(release="8.6")).rows()
    assert [r.version for r in rows] == [r.version for r in checked]
    assert not any(r.running for r in rows)
    git_repo.commit(
        {
            "releases.toml": (
                '[[release]]\nversion = "8.6"\nreleased = 2026-07-03\nsupport_ends = 2026-12-15\n'
            ),
            TERMS: TERMS_TEXT,
        }
    )
    opened: list[NoticeRepository] = []

    def open_it() -> NoticeRepository:
        opened.append(NoticeRepository(git_repo.path))
        return opened[-1]

    try:
        status = offline_status(TODAY, open_it, config_release="8.6")
    finally:
        for repository in opened:
            repository.close()
    assert status.support_ends == dt.date(2026, 12, 15) and "releases.toml" in status.source


def test_the_status_command_prints_the_use_case_s_verdict() -> None:
    answer = verdict(
        running_support(TODAY, SupportRequest(release="8.6")), warn_days=30, crit_days=None
    )
    cli = run_cli("status", "--release", "8.6", "--today", TODAY.isoformat())
    assert (cli.code, cli.out.splitlines()[0]) == (answer.result.code, answer.result.line)


def test_the_calendar_exports_in_the_format_it_is_read_in(tmp_path: Path) -> None:
    from notices_repo.support.calendar import load_calendar_file

    check = running_support(TODAY, SupportRequest(release="8.6"))
    exported = tmp_path / "releases.toml"
    exported.write_text(calendar_as_toml(check, TODAY), encoding="utf-8")
    back = running_support(TODAY, SupportRequest(release="8.6", calendar=str(exported)))
    assert back.error is None
    assert back.status.support_ends == check.status.support_ends == dt.date(2027, 1, 31)
    assert len(back.calendar.entries) == len(check.calendar.entries)
    read = load_calendar_file(exported)  # the reader --calendar uses
    assert {r.version for r in read.releases} == {e.version for e in check.calendar.entries}


# changes of a period ------------------------------------------------------------------


def test_period_changes_reports_the_period_and_keeps_its_digests(notices: GitRepo) -> None:
    period = parse_period("2025-01-01", None, TODAY)
    assert (period.since, period.until) == (dt.date(2025, 1, 1), TODAY)
    repository, catalog = _open(notices.path)
    try:
        report = period_changes(catalog, repository, period, TODAY)
        again = period_changes(catalog, repository, period, TODAY)
    finally:
        repository.close()
    assert report.has_changes
    assert [n.notice.path for n in report.notices] == [PRIVACY]
    assert again.to_json()["notices"] == report.to_json()["notices"]
    with pytest.raises(ValueError, match="2025-13-01"):
        parse_period("2025-13-01", None, TODAY)
