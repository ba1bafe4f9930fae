"""Support window date arithmetic, version parsing and evaluation (notices_repo.support.policy)."""

from __future__ import annotations

import datetime

import pytest

from notices_repo.support.evaluate import days_text, evaluate, release_rows
from notices_repo.support.nagios import nagios_result
from notices_repo.support.policy import (
    BUILTIN_SOURCE,
    POLICY_SOURCE,
    Policy,
    add_months,
    end_of_month,
    parse_version,
)
from notices_repo.support.releases import Calendar, Release, merge_calendars

D = datetime.date


def calendar(
    *releases: Release, policy: Policy | None = None, source: str = BUILTIN_SOURCE
) -> Calendar:
    return Calendar(source=source, policy=policy or Policy(), releases=releases)


# --------------------------------------------------------------------------- versions


@pytest.mark.parametrize(
    ("text", "minor", "patch", "pre", "lts"),
    [
        ("7.10.3", "7.10", 3, None, False),
        ("7.11.0-rc.1", "7.11", 0, "rc.1", False),
        ("v8.6", "8.6", None, None, False),
        ("V8.6.0", "8.6", 0, None, False),
        ("7.10 LTS", "7.10", None, None, True),
        ("7.10.2 lts", "7.10", 2, None, True),
        ("  6.3  ", "6.3", None, None, False),
        ("8.6.1+build.7", "8.6", 1, None, False),
    ],
)
def test_versions_map_to_their_minor(text, minor, patch, pre, lts):
    version = parse_version(text)
    assert (version.minor, version.patch, version.prerelease, version.lts) == (
        minor,
        patch,
        pre,
        lts,
    )


@pytest.mark.parametrize("text", ["", "8", "latest", "8.x", "7.10.3.4", "version 8.6", "8.6 beta"])
def test_bad_versions_are_refused_with_a_message(text):
    with pytest.raises(ValueError, match="not a release version"):
        parse_version(text)


def test_versions_compare_numerically_not_as_text():
    assert parse_version("7.10").key > parse_version("7.9").key
    assert parse_version("10.0").key > parse_version("9.12").key
    ordered = sorted(["7.10", "7.9", "7.1", "8.0", "6.13"], key=lambda v: parse_version(v).key)
    assert ordered == ["6.13", "7.1", "7.9", "7.10", "8.0"]


# --------------------------------------------------------------------------- month arithmetic


def test_end_of_month():
    assert end_of_month(D(2024, 2, 10)) == D(2024, 2, 29)
    assert end_of_month(D(2025, 2, 10)) == D(2025, 2, 28)
    assert end_of_month(D(2026, 12, 1)) == D(2026, 12, 31)


def test_add_months_clamps_to_the_month_end():
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)  # leap year
    assert add_months(D(2026, 10, 31), 4) == D(2027, 2, 28)
    assert add_months(D(2026, 7, 15), 6) == D(2027, 1, 15)  # year boundary
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 3, 31), 0) == D(2026, 3, 31)


def test_rocketchat_rule_end_of_month():
    policy = Policy()
    # the published example: 6.3 released 2023-08-02 -> supported through 2024-02-29
    assert policy.support_ends(D(2023, 8, 2)) == D(2024, 2, 29)
    # Aug 31 + 6 months, end of month
    assert policy.support_ends(D(2025, 8, 31)) == D(2026, 2, 28)
    assert policy.support_ends(D(2027, 8, 31)) == D(2028, 2, 29)  # leap year
    assert policy.support_ends(D(2026, 7, 3)) == D(2027, 1, 31)


def test_same_day_policy():
    policy = Policy(end="same-day")
    assert policy.support_ends(D(2026, 7, 3)) == D(2027, 1, 3)
    assert policy.support_ends(D(2025, 8, 31)) == D(2026, 2, 28)
    assert policy.support_ends(D(2023, 8, 31)) == D(2024, 2, 29)
    assert Policy(months=12, end="same-day").support_ends(D(2024, 2, 29)) == D(2025, 2, 28)


def test_lts_months_apply_only_to_lts_and_default_to_months():
    assert Policy().support_ends(D(2025, 9, 4), lts=True) == D(2026, 3, 31)
    policy = Policy(lts_months=12)
    assert policy.support_ends(D(2025, 9, 4), lts=True) == D(2026, 9, 30)
    assert policy.support_ends(D(2025, 9, 4), lts=False) == D(2026, 3, 31)


def test_policy_refuses_unknown_rounding():
    with pytest.raises(ValueError):
        Policy(end="end-of-year")


# --------------------------------------------------------------------------- end day inclusive


@pytest.mark.parametrize(
    ("today", "days_left", "state", "level", "code"),
    [
        (D(2026, 8, 15), 46, "supported", "OK", 0),
        (D(2026, 8, 31), 30, "ending-soon", "WARNING", 1),
        (D(2026, 9, 30), 0, "ending-soon", "WARNING", 1),  # the end day is still supported
        (D(2026, 10, 1), -1, "out-of-support", "CRITICAL", 2),
    ],
)
def test_end_day_is_inclusive(today, days_left, state, level, code):
    merged = merge_calendars([calendar(Release("7.10", D(2025, 9, 4), D(2026, 9, 30), lts=True))])
    status = evaluate(merged, "7.10.3", today)
    assert (status.days_left, status.state) == (days_left, state)
    result = nagios_result(status)
    assert (result.level, result.code) == (level, code)


def test_explicit_dates_beat_the_policy_both_ways():
    earlier = Release("7.4", D(2025, 3, 5), D(2025, 8, 31))  # the policy would say 2025-09-30
    later = Release("7.10", D(2025, 9, 4), D(2026, 9, 30), lts=True)  # policy: 2026-03-31
    merged = merge_calendars([calendar(earlier, later)])
    assert merged.get("7.4").support_ends == D(2025, 8, 31)
    assert merged.get("7.10").support_ends == D(2026, 9, 30)
    assert merged.get("7.10").source == BUILTIN_SOURCE


def test_policy_is_the_fallback():
    merged = merge_calendars([calendar(Release("9.1", D(2027, 8, 31)))])
    entry = merged.get("9.1")
    assert entry.support_ends == D(2028, 2, 29)
    assert entry.source == POLICY_SOURCE
    assert "6 months" in entry.source_detail


def test_lts_without_explicit_date_gets_the_plain_months_unless_the_policy_says_so():
    lts = Release("9.2", D(2027, 9, 10), lts=True)
    assert merge_calendars([calendar(lts)]).get("9.2").support_ends == D(2028, 3, 31)
    longer = calendar(lts, policy=Policy(lts_months=12))
    assert merge_calendars([longer]).get("9.2").support_ends == D(2028, 9, 30)


def test_builtin_lts_dates():
    from notices_repo.support.calendar import builtin_calendar

    merged = merge_calendars([builtin_calendar()])
    assert merged.get("7.10 LTS").support_ends == D(2026, 9, 30)
    assert merged.get("7.10").lts
    assert merged.get("8.5").support_ends == D(2027, 6, 30)
    assert merged.get("8.5").source == BUILTIN_SOURCE


# --------------------------------------------------------------------------- evaluation


def test_just_past_the_calendar_is_supported_at_least_until_the_newest_standard_end():
    merged = merge_calendars(
        [
            calendar(
                Release("8.5", D(2026, 6, 10), D(2027, 6, 30), lts=True),
                Release("8.6", D(2026, 7, 3), D(2027, 1, 31)),
                Release("8.7", D(2026, 8, 7), D(2027, 1, 31)),
                Release("8.9", D(2026, 10, 5), D(2027, 10, 31), lts=True),
            )
        ]
    )
    # 8.10 and 9.0 were released after 8.7 (the newest standard row), LTS rows aside
    for running in ("8.10.1", "9.0.1"):
        status = evaluate(merged, running, D(2026, 9, 1))
        assert (status.state, status.lower_bound) == ("supported", True)
        assert status.support_ends == D(2027, 1, 31)
        assert status.days_left == 152
        assert status.newest == "8.9"
        assert status.summary().endswith("- supported at least until 2027-01-31")
    result = nagios_result(evaluate(merged, "9.0.1", D(2026, 9, 1)))
    assert result.code == 0
    assert result.line == (
        "OK - Rocket.Chat 9.0 is newer than the calendar (newest 8.9); it is supported at "
        "least until 2027-01-31 - update the calendar for its exact date | days_left=152;30;0"
    )


def test_thresholds_apply_to_the_lower_bound_as_to_an_end_date():
    merged = merge_calendars([calendar(Release("8.7", D(2026, 8, 7), D(2027, 1, 31)))])
    status = evaluate(merged, "9.0", D(2027, 1, 25))
    assert status.state == "ending-soon"
    assert status.summary() == "9.0 - supported at least until 2027-01-31 (6 days left)"
    result = nagios_result(status, crit_days=7)
    assert result.code == 2
    assert result.line.startswith(
        "CRITICAL - Rocket.Chat 9.0 is newer than the calendar (newest 8.7); it is supported "
        "at least until 2027-01-31 (6 days left) - update the calendar"
    )
    assert result.line.endswith("| days_left=6;30;7")
    last = nagios_result(evaluate(merged, "9.0", D(2027, 1, 31)))
    assert last.code == 1 and "(0 days left, last day)" in last.line


def test_past_the_lower_bound_or_far_ahead_is_unknown_never_supported():
    merged = merge_calendars([calendar(Release("8.7", D(2026, 8, 7), D(2027, 1, 31)))])
    status = evaluate(merged, "9.0.1", D(2027, 2, 1))
    assert status.state == "unknown" and not status.lower_bound
    assert status.days_left is None
    result = nagios_result(status)
    assert result.code == 3
    assert result.line.startswith("UNKNOWN - Rocket.Chat 9.0 is newer than")
    assert "2027-01-31, has passed: update the calendar for its exact date" in result.line
    assert "|" not in result.line
    for far in ("10.0", "99.1"):
        status = evaluate(merged, far, D(2026, 9, 1))
        assert status.state == "unknown"
        assert "newer than the release calendar knows (newest 8.7): update" in status.reason
        assert nagios_result(status).code == 3


def test_the_servers_earlier_expiry_beats_the_lower_bound():
    merged = merge_calendars([calendar(Release("8.7", D(2026, 8, 7), D(2027, 1, 31)))])
    status = evaluate(merged, "9.0.1", D(2026, 9, 1), server_claims={"9.0": D(2026, 12, 31)})
    assert (status.support_ends, status.source, status.lower_bound) == (
        D(2026, 12, 31),
        "server",
        False,
    )
    assert nagios_result(status).line.startswith(
        "OK - Rocket.Chat 9.0 supported until 2026-12-31 (121 days left); end date from server"
    )
    later = evaluate(merged, "9.0.1", D(2026, 9, 1), server_claims={"9.0": D(2027, 6, 30)})
    assert (later.support_ends, later.lower_bound) == (D(2027, 1, 31), True)


def test_a_calendar_of_lts_rows_only_gives_no_lower_bound():
    merged = merge_calendars([calendar(Release("8.5", D(2026, 6, 10), D(2027, 6, 30), lts=True))])
    assert evaluate(merged, "8.6", D(2026, 9, 1)).state == "unknown"


def test_a_stated_date_beats_a_rule_date_even_when_later():
    rule = Release("8.8", D(2026, 9, 1), D(2027, 3, 31), basis="rule")
    stated = Release("8.8", D(2026, 9, 1), D(2027, 4, 30), source="site.toml")
    merged = merge_calendars([calendar(rule), calendar(stated, source="site.toml")])
    entry = merged.get("8.8")
    assert (entry.support_ends, entry.source) == (D(2027, 4, 30), "site.toml")
    assert entry.basis == "stated"
    alone = merge_calendars([calendar(rule)]).get("8.8")
    assert (alone.support_ends, alone.source, alone.basis) == (D(2027, 3, 31), "built-in", "rule")
    computed = merge_calendars([calendar(Release("9.9", D(2027, 1, 5)))]).get("9.9")
    assert computed.basis == "rule"


def test_a_pre_release_is_read_as_its_release_and_says_so():
    merged = merge_calendars([calendar(Release("8.1", D(2026, 2, 10), D(2026, 8, 31)))])
    status = evaluate(merged, "v8.1.0-rc.1", D(2026, 7, 1))
    assert (status.release, status.prerelease) == ("8.1", "rc.1")
    assert nagios_result(status).line == (
        "OK - Rocket.Chat 8.1 supported until 2026-08-31 (61 days left); v8.1.0-rc.1 is a "
        "pre-release, read as 8.1 | days_left=61;30;0"
    )


def test_older_than_the_calendar_is_out_of_support():
    merged = merge_calendars([calendar(Release("6.0", D(2023, 3, 9), D(2023, 9, 30)))])
    status = evaluate(merged, "5.4.2", D(2026, 9, 1))
    assert status.state == "out-of-support"
    assert nagios_result(status).code == 2


def test_nothing_running_is_unknown_with_advice():
    merged = merge_calendars([calendar(Release("8.7", D(2026, 8, 7), D(2027, 1, 31)))])
    status = evaluate(merged, None, D(2026, 9, 1), unknown_reason="set it with --release")
    assert status.state == "unknown"
    assert nagios_result(status).line == "UNKNOWN - set it with --release"


def test_crit_days_and_perfdata():
    merged = merge_calendars([calendar(Release("8.6", D(2026, 7, 3), D(2027, 1, 31)))])
    status = evaluate(merged, "8.6", D(2027, 1, 25))
    assert nagios_result(status).line.startswith("WARNING - ")
    result = nagios_result(status, warn_days=30, crit_days=7)
    assert result.code == 2
    assert result.line == (
        "CRITICAL - Rocket.Chat 8.6 support ends 2027-01-31 (6 days left) | days_left=6;30;7"
    )


def test_days_text():
    assert days_text(66) == "66 days left"
    assert days_text(1) == "1 day left"
    assert days_text(0) == "0 days left, last day"
    assert days_text(-1) == "ended 1 day ago"
    assert days_text(-26) == "ended 26 days ago"


def test_status_summary_for_a_status_line():
    merged = merge_calendars([calendar(Release("8.3", D(2026, 4, 7), D(2026, 10, 31)))])
    status = evaluate(merged, "8.3.1", D(2026, 11, 26))
    assert status.summary() == "8.3 - out of support since 2026-10-31"
    assert status.colour == "red"


def test_release_rows_newest_first_running_marked():
    merged = merge_calendars(
        [
            calendar(
                Release("8.3", D(2026, 4, 7), D(2026, 10, 31)),
                Release("8.6", D(2026, 7, 3), D(2027, 1, 31)),
                Release("8.10", D(2027, 1, 3), D(2027, 7, 31)),
            )
        ]
    )
    rows = release_rows(merged, D(2026, 11, 26), running="8.6.2")
    assert [r.version for r in rows] == ["8.10", "8.6", "8.3"]
    assert [r.running for r in rows] == [False, True, False]
    assert rows[2].days_text == "ended 26 days ago"
    assert rows[1].days_text == "66 days left"
