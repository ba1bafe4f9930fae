"""``notice-tui releases --export``: the calendar as releases.toml, read back as it was
written, and carried to an air-gapped box by ``notice-tui import`` in a real git bundle."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

from notices_repo.support.calendar import builtin_calendar, parse_calendar
from notices_repo.support.calendar_export import calendar_toml, toml_string
from notices_repo.support.policy import ROCKETCHAT_POLICY
from notices_repo.support.releases import Calendar, Release, merge_calendars
from tests.conftest import GitRepo, git, run_cli

D = dt.date
SITE = '[[release]]\nversion = "9.1"\nreleased = 2026-12-15\nnote = "9.1.0 release page"\n'


def test_the_builtin_calendar_reads_back_with_the_same_dates_and_basis():
    merged = merge_calendars([builtin_calendar()])
    text = calendar_toml(merged, ROCKETCHAT_POLICY, D(2026, 12, 6))
    back = merge_calendars([parse_calendar(text, source="releases.toml")])
    assert [e.version for e in back.entries] == [e.version for e in merged.entries]
    for before, after in zip(merged.entries, back.entries, strict=True):
        assert (after.released, after.support_ends, after.lts, after.note) == (
            before.released,
            before.support_ends,
            before.lts,
            before.note,
        )
        assert after.basis == before.basis, before.version
    assert [e.version for e in back.entries if e.basis == "rule"] == ["8.8", "8.9", "9.0"]
    # beside the built-in calendar, nothing changes
    both = merge_calendars([builtin_calendar(), parse_calendar(text, source="releases.toml")])
    assert [(e.version, e.support_ends) for e in both.entries] == [
        (e.version, e.support_ends) for e in merged.entries
    ]


def test_notes_are_escaped_so_any_text_reads_back():
    for note in [
        'say "hi"',
        "back\\slash",
        "tab\tnew\nline",
        "bell\x07 del\x7f",
        "# not a comment",
    ]:
        assert tomllib.loads(f"x = {toml_string(note)}")["x"] == note
    merged = merge_calendars(
        [
            Calendar(
                source="x",
                releases=(Release("9.1", D(2026, 12, 15), note='a "quoted"\nnote'),),
            )
        ]
    )
    back = parse_calendar(calendar_toml(merged, ROCKETCHAT_POLICY, D(2026, 12, 20)), source="y")
    assert back.releases[0].note == 'a "quoted"\nnote'


def test_export_to_a_file_then_import_brings_it_to_the_box(tmp_path: Path):
    # outside: a notices repository, and a site calendar that already knows 9.1
    upstream = GitRepo(tmp_path / "upstream")
    upstream.commit(
        {"privacy.md": "# Privacy\n\nEffective Date: 1 January 2026\n\nHello.\n"},
        date="2026-01-01T10:00:00+00:00",
    )
    upstream.git("branch", "-M", "main")
    site = tmp_path / "site.toml"
    site.write_text(SITE)
    run = run_cli(
        "releases", "--calendar", str(site), "--export", str(upstream.path), "--today", "2026-12-20"
    )
    assert run.code == 0, run.err
    assert run.out.startswith(f"wrote {upstream.path / 'releases.toml'}: 40 releases")
    exported = (upstream.path / "releases.toml").read_text()
    assert '[[release]]\nversion = "9.1"\nreleased = 2026-12-15\n' in exported
    upstream.commit({"releases.toml": exported}, date="2026-12-20T10:00:00+00:00")
    bundle = tmp_path / "notices.bundle"
    git(upstream.path, "bundle", "create", "-q", str(bundle), "--all")

    # inside: the box knows nothing past 9.0 until the import
    box = tmp_path / "box"
    before = run_cli("status", "--release", "9.1", "--today", "2027-06-10")
    assert before.code == 3  # the lower bound (2027-05-31) has passed
    imported = run_cli("import", str(bundle), "--repo", str(box), "--today", "2026-12-20")
    assert imported.code == 0, imported.err
    after = run_cli(
        "status", "--repo", str(box), "--release", "9.1", "--today", "2027-06-10", "--json"
    )
    doc = json.loads(after.out)
    assert (doc["state"], doc["support_ends"], doc["lower_bound"]) == (
        "ending-soon",
        "2027-06-30",
        False,
    )
    assert doc["source"] == "policy" and doc["basis"] == "rule"
    assert doc["calendar"]["newest"] == "9.1"
    assert doc["calendar"]["newest_from"] == "repository releases.toml"


def test_export_to_standard_output_and_a_bad_target(tmp_path: Path):
    run = run_cli("releases", "--export", "-", "--today", "2026-12-06")
    assert run.code == 0
    assert tomllib.loads(run.out)["policy"] == {
        "product": "Rocket.Chat",
        "months": 6,
        "end": "end-of-month",
        "lts_months": 12,
    }
    bad = run_cli("releases", "--export", str(tmp_path / "missing" / "releases.toml"))
    assert bad.code == 2
    assert bad.err.count("\n") == 1
    assert bad.err.startswith("notice-tui: cannot write ") and "writable FILE" in bad.err
    assert not (tmp_path / "missing").exists()


def test_a_release_that_cannot_be_read_is_exit_2_in_one_line():
    run = run_cli("releases", "--release", "abc")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "notice-tui: --release: 'abc' is not a release version (expected e.g. 8.6 or 7.10.3)\n"
    )
    assert run_cli("releases", "--release", "8.1.0-rc.1", "--today", "2026-07-01").code == 0
