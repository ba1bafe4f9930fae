"""Release calendars: the built-in CSV, TOML files and their errors, merging sources."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from notices_repo.errors import RepoError
from notices_repo.support.calendar import (
    REPOSITORY_SOURCE,
    CalendarError,
    builtin_calendar,
    load_calendar_file,
    load_calendars,
    parse_calendar,
)
from notices_repo.support.evaluate import evaluate
from notices_repo.support.nagios import nagios_result
from notices_repo.support.policy import (
    BUILTIN_SOURCE,
    POLICY_SOURCE,
    ROCKETCHAT_POLICY,
    SERVER_SOURCE,
)
from notices_repo.support.releases import merge_calendars

D = datetime.date
REFERENCE = (
    Path(__file__).resolve().parents[2]
    / "notices_repo"
    / "support"
    / "data"
    / "rocketchat-releases.csv"
)


class FakeRepo:
    """A repository whose HEAD holds the given files."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def read_head_file(self, path: str) -> bytes | None:
        return self.files.get(path)


def raise_repo_error() -> FakeRepo:
    raise RepoError("not a git repository: /nowhere (give --repo PATH)")


# --------------------------------------------------------------------------- built-in


def test_builtin_calendar_covers_6_0_to_9_0():
    cal = builtin_calendar()
    versions = [r.version for r in cal.releases]
    assert versions[0] == "6.0"
    assert versions[-3:] == ["8.8", "8.9", "9.0"]
    assert len(versions) == len(set(versions)) == 39
    assert all(r.support_ends is not None for r in cal.releases)
    assert {r.version for r in cal.releases if r.lts} == {"7.10", "8.5", "8.9"}
    assert cal.product == "Rocket.Chat"


def test_builtin_rows_computed_by_the_rule_say_so_and_agree_with_it():
    merged = merge_calendars([builtin_calendar()])
    rule = [e.version for e in merged.entries if e.basis == "rule"]
    assert rule == ["8.8", "8.9", "9.0"]  # no published date found for these
    for version in rule:
        entry = merged.get(version)
        assert ROCKETCHAT_POLICY.support_ends(entry.released, entry.lts) == entry.support_ends
        assert "rule" in entry.note or "12 months" in entry.note
    assert merged.get("8.9").support_ends == D(2027, 10, 31)  # LTS: 12 months
    assert merged.get("9.0").support_ends == D(2027, 5, 31)
    assert merged.get("8.7").basis == "stated"


def test_builtin_calendar_matches_the_package_csv():
    with REFERENCE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    merged = merge_calendars([builtin_calendar()])
    for row in rows:
        entry = merged.get(row["version"])
        assert entry.released.isoformat() == row["released"]
        assert entry.support_ends.isoformat() == row["support_ends"]
        assert entry.source == BUILTIN_SOURCE
        assert entry.note == row["source"]


def test_published_exceptions_are_explicit():
    merged = merge_calendars([builtin_calendar()])
    # 7.4, 7.11, 7.13, 8.0, 8.7 end one month earlier than the rule
    assert merged.get("7.4").support_ends == D(2025, 8, 31)
    assert merged.get("8.7").support_ends == D(2027, 1, 31)
    assert merged.get("6.3").support_ends == D(2024, 2, 29)


# --------------------------------------------------------------------------- TOML


GOOD = """\
# a site calendar
[policy]
product = "Rocket.Chat"
months = 6
end = "end-of-month"

[[release]]
version = "8.8"
released = 2026-09-02
lts = false
note = "announced on the forum"

[[release]]
version = "8.9"
released = 2026-10-05
support_ends = 2027-03-31
"""


def test_parse_a_good_calendar():
    cal = parse_calendar(GOOD, source="site.toml")
    assert cal.source == "site.toml"
    assert cal.product_explicit
    assert [(r.version, r.released, r.support_ends) for r in cal.releases] == [
        ("8.8", D(2026, 9, 2), None),
        ("8.9", D(2026, 10, 5), D(2027, 3, 31)),
    ]
    assert cal.releases[0].note == "announced on the forum"


def test_a_calendar_without_policy_uses_rocketchat_rules():
    cal = parse_calendar('[[release]]\nversion = "9.0"\nreleased = 2027-02-01\n', source="x")
    assert cal.policy.months == 6 and cal.policy.end == "end-of-month"
    assert merge_calendars([cal]).get("9.0").support_ends == D(2027, 8, 31)


def test_a_policy_table_without_lts_months_keeps_the_12_months_of_lts():
    """Naming only the product must not shorten LTS support to the standard 6 months."""
    text = (
        '[policy]\nproduct = "Rocket.Chat"\n'
        '[[release]]\nversion = "9.5 LTS"\nreleased = 2025-09-01\n'
    )
    with_table = merge_calendars([parse_calendar(text, source="x")]).get("9.5")
    without = parse_calendar(text.split("\n", 2)[2], source="y")
    assert with_table.support_ends == merge_calendars([without]).get("9.5").support_ends
    assert with_table.support_ends == D(2026, 9, 30)


def test_same_day_policy_from_a_file():
    text = (
        '[policy]\nproduct = "Rocket.Chat"\nmonths = 3\nend = "same-day"\n'
        '[[release]]\nversion = "9.0"\nreleased = 2027-02-15\n'
    )
    entry = merge_calendars([parse_calendar(text, source="x")]).get("9.0")
    assert entry.support_ends == D(2027, 5, 15)
    assert entry.source == POLICY_SOURCE


def test_version_lts_suffix_sets_lts():
    cal = parse_calendar('[[release]]\nversion = "9.0 LTS"\nreleased = 2027-02-01\n', source="x")
    assert cal.releases[0].lts
    assert cal.releases[0].version == "9.0"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[[release]]\nversion = "8.8"\nreleased = 2026-09-0x\n', 3, "invalid TOML"),
        ("[policy]\nmonths = six\n", 2, "invalid TOML"),
        ('[policy]\nmonths = 6\nend = "end-of-year"\n', 3, "end-of-month"),
        ("[policy]\nmonths = -1\n", 2, "whole number"),
        ("[policy]\nmonth = 6\n", 2, "unknown key 'month'"),
        (
            '[[release]]\nversion = "8.8"\nreleased = 2026-09-02\n\n'
            "[[release]]\nversion = 8.9\nreleased = 2026-10-05\n",
            6,
            "quoted",
        ),
        (
            '[[release]]\nversion = "8.8"\nreleased = 2026-09-02\n\n'
            '[[release]]\nreleased = 2026-10-05\nversion = "8.9"\n'
            'support_ends = "soon"\n',
            8,
            'release "8.9": support_ends must be a date',
        ),
        (
            '[[release]]\nversion = "8.8"\nreleased = 2026-09-02\nsuport_ends = 2027-03-31\n',
            4,
            "unknown key 'suport_ends'",
        ),
        ('[[release]]\nversion = "8.8"\n', 1, "released is missing"),
        ("[[release]]\nreleased = 2026-09-02\n", 1, "version is missing"),
        ('[[release]]\nversion = "eight"\nreleased = 2026-09-02\n', 2, "not a release version"),
        ('[[release]]\nversion = "8.8"\nreleased = 2026-09-02T10:00:00\n', 3, "without a time"),
        (
            '[[release]]\nversion = "8.8"\nreleased = 2026-09-02\nsupport_ends = 2026-01-01\n',
            4,
            "before released",
        ),
        ('[[release]]\nversion = "8.8"\nreleased = 2026-09-02\nlts = "yes"\n', 4, "true or false"),
        (
            '[[release]]\nversion = "8.8"\nreleased = 2026-09-02\n'
            '[[release]]\nversion = "8.8.1"\nreleased = 2026-09-09\n',
            5,
            "listed twice",
        ),
        ('products = ["x"]\n', 1, "unknown table or key 'products'"),
        ('release = "8.8"\n', 1, "[[release]]"),
    ],
)
def test_invalid_files_name_file_and_line(text, line, words):
    with pytest.raises(CalendarError) as caught:
        parse_calendar(text, source="site.toml")
    message = caught.value.message
    assert message.startswith(f"site.toml, line {line}"), message
    assert words in message
    assert "\n" not in message


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "cal.toml"
    path.write_bytes(b'[[release]]\nversion = "8.8"\nnote = "caf\xe9"\n')
    with pytest.raises(CalendarError, match=r"cal.toml, line 3: not UTF-8"):
        load_calendar_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(CalendarError, match=r"cannot read calendar .*nope.toml"):
        load_calendar_file(tmp_path / "nope.toml")


# --------------------------------------------------------------------------- merging


def later_83(end: str) -> bytes:
    return f'[[release]]\nversion = "8.3"\nreleased = 2026-04-07\nsupport_ends = {end}\n'.encode()


def status_with(files: dict[str, bytes], today: D, release: str = "8.3.1", calendar=None):
    sources = load_calendars(open_repository=lambda: FakeRepo(files), calendar_file=calendar)
    merged = merge_calendars(sources.calendars)
    return nagios_result(evaluate(merged, release, today))


def test_a_repository_claiming_a_later_end_does_not_turn_critical_into_ok():
    result = status_with({"releases.toml": later_83("2027-06-30")}, D(2026, 11, 26))
    assert result.code == 2
    assert result.line.startswith(
        "CRITICAL - Rocket.Chat 8.3 out of support since 2026-10-31 (26 days ago)"
    )


def test_a_stricter_repository_calendar_wins_and_is_named():
    result = status_with({"releases.toml": later_83("2026-09-30")}, D(2026, 9, 15))
    assert result.code == 1
    assert "support ends 2026-09-30 (15 days left)" in result.line
    assert f"end date from {REPOSITORY_SOURCE}" in result.line
    result = status_with({"releases.toml": later_83("2026-08-31")}, D(2026, 9, 15))
    assert result.code == 2


def test_a_stricter_calendar_file_wins(tmp_path):
    path = tmp_path / "site.toml"
    path.write_bytes(later_83("2026-07-31"))
    result = status_with({}, D(2026, 7, 1), calendar=str(path))
    assert result.code == 1
    assert f"end date from {path}" in result.line


def test_ties_go_to_the_builtin():
    result = status_with({"releases.toml": later_83("2026-10-31")}, D(2026, 8, 1))
    assert result.line == (
        "OK - Rocket.Chat 8.3 supported until 2026-10-31 (91 days left) | days_left=91;30;0"
    )


def test_explicit_beats_a_repository_policy():
    # the repository lists 7.10 without a date: its policy does not undo the LTS date
    text = b'[[release]]\nversion = "7.10"\nreleased = 2025-09-04\n'
    sources = load_calendars(open_repository=lambda: FakeRepo({"releases.toml": text}))
    entry = merge_calendars(sources.calendars).get("7.10")
    assert entry.support_ends == D(2026, 9, 30)
    assert entry.source == BUILTIN_SOURCE
    assert [c.explicit for c in entry.claims] == [True, False]


def test_repository_adds_a_newer_release():
    text = b'[[release]]\nversion = "9.1"\nreleased = 2026-12-10\n'
    result = status_with({"releases.toml": text}, D(2026, 12, 26), release="9.1.0")
    assert result.code == 0
    assert "supported until 2027-06-30" in result.line
    assert "end date from policy of repository releases.toml" in result.line


def test_server_claims_only_make_it_stricter():
    cal = builtin_calendar()
    merged = merge_calendars([cal], {"8.6.0": D(2026, 12, 31), "8.5.0": D(2028, 1, 1)})
    assert merged.get("8.6").support_ends == D(2026, 12, 31)
    assert merged.get("8.6").source == SERVER_SOURCE
    assert merged.get("8.5").support_ends == D(2027, 6, 30)
    assert merged.get("8.5").source == BUILTIN_SOURCE
    assert merged.get("9.9") is None  # server claims never add releases


def test_other_product_calendar_is_left_out_with_a_warning():
    text = '[policy]\nproduct = "Mattermost"\n[[release]]\nversion = "8.3"\nreleased = 2026-01-01\n'
    merged = merge_calendars([builtin_calendar(), parse_calendar(text, source="mm.toml")])
    assert merged.product == "Mattermost"
    assert merged.get("8.3").support_ends == D(2026, 7, 31)
    assert any("built-in is about Rocket.Chat" in w for w in merged.warnings)


def test_repository_that_cannot_be_opened_is_skipped_with_a_note():
    sources = load_calendars(open_repository=raise_repo_error)
    assert [c.source for c in sources.calendars] == [BUILTIN_SOURCE]
    assert sources.notes == [
        "repository calendar skipped: not a git repository: /nowhere (give --repo PATH)"
    ]


def test_repository_without_releases_toml():
    sources = load_calendars(open_repository=lambda: FakeRepo({}))
    assert [c.source for c in sources.calendars] == [BUILTIN_SOURCE]
    assert sources.notes == []


def test_unreadable_repository_calendar_is_an_error():
    class Broken(FakeRepo):
        def read_head_file(self, path: str) -> bytes | None:
            raise RepoError("git cat-file stopped unexpectedly while reading objects")

    with pytest.raises(CalendarError) as caught:
        load_calendars(open_repository=lambda: Broken({}))
    assert caught.value.message == (
        "cannot read releases.toml in the notices repository: "
        "git cat-file stopped unexpectedly while reading objects"
    )


def test_invalid_repository_calendar_is_an_error():
    repo = FakeRepo({"releases.toml": b"[[release]]\nversion = 8.3\n"})
    with pytest.raises(CalendarError, match=r"releases.toml in the notices repository, line 2"):
        load_calendars(open_repository=lambda: repo)
