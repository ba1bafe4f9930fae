"""``notice-tui status`` and ``notice-tui releases``, run as the real command in a subprocess."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import git

ROOT = Path(__file__).resolve().parents[2]
LATER_83 = '[[release]]\nversion = "8.3"\nreleased = 2026-04-07\nsupport_ends = {end}\n'


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def line(self) -> str:
        return self.out.splitlines()[0] if self.out else ""


def notice_tui(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> Run:
    """Run the installed ``notice-tui`` command (no terminal: no colour, no pager)."""
    exe = shutil.which("notice-tui", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "tui"]
    result = subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return Run(result.returncode, result.stdout, result.stderr)


def notices_repo_with(tmp_path: Path, calendar: str | None) -> Path:
    """A notices repository whose HEAD carries ``releases.toml`` (when given)."""
    repo = tmp_path / "notices"
    (repo / "privacy").mkdir(parents=True)
    (repo / "privacy" / "notice.md").write_text("# Privacy notice\n\nEffective 2026-01-01.\n")
    git(repo, "init", "-q")
    if calendar is not None:
        (repo / "releases.toml").write_text(calendar)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "notices")
    return repo


@pytest.fixture(autouse=True)
def hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No config, no release hints, no proxies from the developer's environment."""
    monkeypatch.setenv("NOTICE_TUI_CONFIG", str(tmp_path / "no-config.toml"))
    for name in (
        "NOTICE_TUI_RELEASE",
        "NOTICE_TUI_REPO",
        "NOTICE_TUI_TOKEN",
        "NOTICE_TUI_USER_ID",
        "RC_VERSION",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


# --------------------------------------------------------------------------- acceptance


def test_out_of_support_is_critical():
    run = notice_tui("status", "--release", "8.3.1", "--today", "2026-11-26")
    assert run.code == 2
    assert run.out == (
        "CRITICAL - Rocket.Chat 8.3 out of support since 2026-10-31 (26 days ago)"
        " | days_left=-26;30;0\n"
    )


@pytest.mark.parametrize(
    ("today", "code", "line"),
    [
        (
            "2026-08-15",
            0,
            "OK - Rocket.Chat 7.10 supported until 2026-09-30 (46 days left) | days_left=46;30;0",
        ),
        (
            "2026-09-30",
            1,
            "WARNING - Rocket.Chat 7.10 support ends 2026-09-30 (0 days left, last day)"
            " | days_left=0;30;0",
        ),
        (
            "2026-10-01",
            2,
            "CRITICAL - Rocket.Chat 7.10 out of support since 2026-09-30 (1 day ago)"
            " | days_left=-1;30;0",
        ),
    ],
)
def test_lts_7_10_around_its_last_day(today, code, line):
    run = notice_tui("status", "--release", "7.10", "--today", today)
    assert (run.code, run.line) == (code, line)


def test_issue_examples_exactly():
    run = notice_tui("status", "--release", "8.6", "--today", "2026-11-26")
    assert (run.code, run.out) == (
        0,
        "OK - Rocket.Chat 8.6 supported until 2027-01-31 (66 days left) | days_left=66;30;0\n",
    )
    run = notice_tui("status", "--release", "8.6", "--today", "2027-01-15")
    assert (run.code, run.out) == (
        1,
        "WARNING - Rocket.Chat 8.6 support ends 2027-01-31 (16 days left) | days_left=16;30;0\n",
    )


def test_thresholds():
    run = notice_tui("status", "--release", "8.6", "--today", "2027-01-25", "--warn-days", "5")
    assert run.code == 0 and run.line.endswith("| days_left=6;5;0")
    run = notice_tui("status", "--release", "8.6", "--today", "2027-01-25", "--crit-days", "7")
    assert run.code == 2
    assert run.line.startswith("CRITICAL - Rocket.Chat 8.6 support ends 2027-01-31 (6 days left)")
    assert run.line.endswith("| days_left=6;30;7")


def test_options_before_the_command_name_work_too():
    run = notice_tui("--release", "8.3.1", "--today", "2026-11-26", "status")
    assert run.code == 2 and run.line.startswith("CRITICAL - Rocket.Chat 8.3")


# --------------------------------------------------------------------------- calendars


def test_repository_claiming_a_later_end_does_not_turn_critical_into_ok(tmp_path):
    repo = notices_repo_with(tmp_path, LATER_83.format(end="2027-06-30"))
    run = notice_tui("status", "--repo", str(repo), "--release", "8.3.1", "--today", "2026-11-26")
    assert run.code == 2
    assert run.line.startswith("CRITICAL - Rocket.Chat 8.3 out of support since 2026-10-31")
    # the repository calendar was read: its claim shows up in releases --json
    doc = json.loads(notice_tui("releases", "--repo", str(repo), "--json").out)
    row = next(r for r in doc["releases"] if r["release"] == "8.3")
    assert [c["source"] for c in row["claims"]] == ["built-in", "repository releases.toml"]
    assert row["support_ends"] == "2026-10-31" and row["source"] == "built-in"


def test_a_stricter_repository_calendar_wins_and_is_named(tmp_path):
    repo = notices_repo_with(tmp_path, LATER_83.format(end="2026-09-30"))
    run = notice_tui("status", "--repo", str(repo), "--release", "8.3", "--today", "2026-10-10")
    assert run.code == 2
    assert run.line == (
        "CRITICAL - Rocket.Chat 8.3 out of support since 2026-09-30 (10 days ago); "
        "end date from repository releases.toml | days_left=-10;30;0"
    )


def test_calendar_file_adds_a_newer_release(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text('[[release]]\nversion = "9.1"\nreleased = 2026-12-10\n')
    run = notice_tui(
        "status", "--calendar", str(path), "--release", "9.1.1", "--today", "2026-12-26", "--json"
    )
    assert run.code == 0
    doc = json.loads(run.out)
    assert doc["support_ends"] == "2027-06-30"
    assert doc["source"] == "policy"
    assert doc["state"] == "supported"


@pytest.mark.parametrize(
    ("release", "today", "code", "line"),
    [
        (
            "9.0.1",
            "2026-12-06",
            0,
            "OK - Rocket.Chat 9.0 supported until 2027-05-31 (176 days left) | days_left=176;30;0",
        ),
        (
            "8.9.2 LTS",
            "2027-10-31",
            1,
            "WARNING - Rocket.Chat 8.9 support ends 2027-10-31 (0 days left, last day)"
            " | days_left=0;30;0",
        ),
        (
            "9.1",
            "2026-12-06",
            0,
            "OK - Rocket.Chat 9.1 is newer than the calendar (newest 9.0); it is supported at "
            "least until 2027-05-31 - update the calendar for its exact date"
            " | days_left=176;30;0",
        ),
        (
            "9.1.0",
            "2027-06-01",
            3,
            "UNKNOWN - Rocket.Chat 9.1 is newer than the release calendar knows (newest 9.0), "
            "and the least it is supported, until 2027-05-31, has passed: update the calendar "
            "for its exact date (releases.toml in the notices repository, or --calendar FILE)",
        ),
        (
            "99.1",
            "2026-12-06",
            3,
            "UNKNOWN - Rocket.Chat 99.1 is newer than the release calendar knows (newest 9.0): "
            "update the calendar (releases.toml in the notices repository, or --calendar FILE)",
        ),
        (
            "10.0",
            "2027-05-20",
            1,
            "WARNING - Rocket.Chat 10.0 is newer than the calendar (newest 9.0); it is supported "
            "at least until 2027-05-31 (11 days left) - update the calendar for its exact date"
            " | days_left=11;30;0",
        ),
    ],
)
def test_todays_releases_and_past_the_end_of_the_calendar(release, today, code, line):
    run = notice_tui("status", "--release", release, "--today", today)
    assert (run.code, run.out) == (code, line + "\n")


def test_the_lower_bound_in_json_and_in_releases():
    doc = json.loads(
        notice_tui("status", "--release", "9.1", "--today", "2026-12-06", "--json").out
    )
    assert (doc["state"], doc["lower_bound"], doc["support_ends"], doc["days_left"]) == (
        "supported",
        True,
        "2027-05-31",
        176,
    )
    assert doc["basis"] == "rule"
    run = notice_tui("releases", "--release", "9.1", "--today", "2026-12-06")
    assert run.out.splitlines()[-1] == (
        "running: 9.1 (from --release): 9.1 - supported at least until 2027-05-31 "
        "(newer than the calendar, newest 9.0: update the calendar for its exact date)"
    )


def test_a_pre_release_is_read_as_its_release_and_garbage_stays_unknown():
    plain = notice_tui("status", "--release", "8.1", "--today", "2026-07-01")
    run = notice_tui("status", "--release", "v8.1.0-rc.1", "--today", "2026-07-01")
    assert run.code == plain.code == 0
    assert "pre-release" in run.line and "pre-release" not in plain.line
    assert run.line.startswith("OK - Rocket.Chat 8.1 supported until 2026-08-31")
    assert run.line.split(" | ")[1] == plain.line.split(" | ")[1] == "days_left=61;30;0"
    doc = json.loads(
        notice_tui("status", "--release", "8.1.0-rc.1", "--today", "2026-07-01", "--json").out
    )
    assert (doc["release"], doc["prerelease"]) == ("8.1", "rc.1")
    for garbage in ("abc", "8", "8.1.0-", "latest"):
        bad = notice_tui("status", "--release", garbage, "--today", "2026-07-01")
        assert bad.code == 3 and bad.line.startswith("UNKNOWN - --release: ")


def test_verbose_says_how_old_the_calendar_is_and_when_to_refresh_it():
    fresh = notice_tui("status", "--release", "9.0", "--today", "2026-12-06", "--verbose")
    assert fresh.code == 0
    assert fresh.out.splitlines()[1:] == [
        "calendar: built-in calendar of 2026-12-06; newest release 9.0, released "
        "2026-11-10 (26 days ago)"
    ]
    stale = notice_tui("status", "--release", "9.0", "--today", "2027-01-10", "--verbose")
    lines = stale.out.splitlines()
    assert stale.code == 0 and len(lines) == 3
    assert lines[2].startswith("the newest release in the calendar is 61 days old; carry in")
    assert "notice-tui releases --export releases.toml" in lines[2]
    assert "notice-tui import" in lines[2]
    quiet = notice_tui("status", "--release", "9.0", "--today", "2027-01-10")
    assert quiet.out.count("\n") == 1  # monitoring sees one line unless asked for more


def test_a_newer_repository_calendar_makes_the_calendar_fresh(tmp_path):
    repo = notices_repo_with(tmp_path, '[[release]]\nversion = "9.3"\nreleased = 2027-02-02\n')
    run = notice_tui(
        "status", "--repo", str(repo), "--release", "9.3", "--today", "2027-03-01", "--verbose"
    )
    assert run.code == 0
    assert run.out.splitlines()[1] == (
        "calendar: built-in calendar of 2026-12-06; newest release 9.3, released 2027-02-02 "
        "(27 days ago), from repository releases.toml"
    )
    assert len(run.out.splitlines()) == 2  # no advice: the repository's calendar is fresh


def test_invalid_calendar_is_unknown_naming_file_and_line(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text('[[release]]\nversion = "8.8"\nreleased = someday\n')
    run = notice_tui("status", "--calendar", str(path), "--release", "8.6")
    assert run.code == 3
    assert run.line.startswith(f"UNKNOWN - {path}, line 3, column 12: invalid TOML")
    run = notice_tui("releases", "--calendar", str(path))
    assert run.code == 2
    assert run.err.startswith(f"notice-tui: {path}, line 3")


def test_invalid_repository_calendar_is_unknown(tmp_path):
    repo = notices_repo_with(tmp_path, "[[release]]\nversion = 8.3\nreleased = 2026-04-07\n")
    run = notice_tui("status", "--repo", str(repo), "--release", "8.6")
    assert run.code == 3
    assert run.line.startswith(
        "UNKNOWN - releases.toml in the notices repository, line 2: release 1: version must be"
    )


def test_a_repository_that_cannot_be_opened_does_not_fail_status(tmp_path):
    run = notice_tui(
        "status", "--repo", str(tmp_path / "missing"), "--release", "8.6", "--today", "2026-11-26"
    )
    assert run.code == 0
    assert run.line.startswith("OK - Rocket.Chat 8.6 supported until 2027-01-31")
    assert "repository calendar skipped" in run.out.splitlines()[1]


# --------------------------------------------------------------------------- running release


def test_nothing_known_is_unknown_with_advice():
    if Path("/snap/rocketchat-server").exists():
        pytest.skip("a rocketchat-server snap is installed here")
    run = notice_tui("status", "--today", "2026-11-26")
    assert run.code == 3
    assert run.line.startswith("UNKNOWN - the running Rocket.Chat release is not known: set it")
    assert "--release" in run.line and "NOTICE_TUI_RELEASE" in run.line


def test_release_from_environment_and_config(tmp_path):
    run = notice_tui(
        "status", "--today", "2026-11-26", "--json", env={"NOTICE_TUI_RELEASE": "v8.3.2"}
    )
    doc = json.loads(run.out)
    assert run.code == 2
    assert doc["running"] == {"version": "v8.3.2", "from": "NOTICE_TUI_RELEASE"}
    config = tmp_path / "config.toml"
    config.write_text('release = "8.6"\n')
    run = notice_tui("status", "--today", "2026-11-26", env={"NOTICE_TUI_CONFIG": str(config)})
    assert run.code == 0
    run = notice_tui(
        "status",
        "--today",
        "2026-11-26",
        env={"NOTICE_TUI_CONFIG": str(config), "RC_VERSION": "8.3"},
    )
    assert run.code == 0  # the config comes before RC_VERSION
    run = notice_tui("status", "--today", "2026-11-26", env={"RC_VERSION": "8.3.0"})
    assert run.code == 2


def test_unreadable_release_is_unknown():
    run = notice_tui("status", "--release", "latest")
    assert run.code == 3
    assert run.line.startswith("UNKNOWN - --release: 'latest' is not a release version")


def test_usage_errors_exit_3():
    assert notice_tui("status", "--warn-days", "soon").code == 3
    assert notice_tui("status", "--crit-days", "-1").code == 3
    assert notice_tui("status", "--today", "someday").code == 3
    assert notice_tui("status", "--no-such-option").code == 3


# --------------------------------------------------------------------------- a real server


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


TOKEN = ".".join(
    [
        b64url(b'{"alg":"RS256","typ":"JWT"}'),
        b64url(
            json.dumps(
                {
                    "timestamp": "2026-07-10T00:00:00.000Z",
                    "versions": [{"version": "8.6.0", "expiration": "2026-12-31T23:59:59.999Z"}],
                    "messages": [],
                }
            ).encode()
        ),
        b64url(b"signature"),
    ]
)


#: /<name>/api/info answers that are not what a Rocket.Chat server says.
HOSTILE = {
    "nested": b"[" * 100_000 + b"]" * 100_000,  # 200 KB: RecursionError in json.loads
    "nested-version": b'{"version": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    "huge": b'{"version": "8.6", "pad": "' + b"x" * (600 * 1024) + b'"}',
    "number": b'{"version": 8.6, "success": true}',
    "list": b'["8.6"]',
    "garbage-version": b'{"version": "eight point six", "success": true}',
    "truncated": b'{"version": "8.6", "succ',
}


class InfoHandler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/slow/"):
            time.sleep(2)
        hostile = HOSTILE.get(self.path.removesuffix("/api/info").strip("/"))
        if hostile is not None:
            body, code = hostile, 200
        elif self.path not in ("/api/info", "/slow/api/info"):
            body, code = b"{}", 404
        else:
            answer = {"version": "8.6", "success": True, "supportedVersions": {"signed": TOKEN}}
            body, code = json.dumps(answer).encode(), 200
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), InfoHandler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_status_from_a_server_with_its_token(server):
    run = notice_tui("status", "--server", server, "--today", "2026-11-26")
    assert run.code == 0
    assert run.line == (
        "OK - Rocket.Chat 8.6 supported until 2026-12-31 (35 days left); end date from server "
        "(server-provided, unverified); server says until 2026-12-31 "
        "(server-provided, unverified) | days_left=35;30;0"
    )
    doc = json.loads(
        notice_tui("status", "--server", server, "--json", "--today", "2026-11-26").out
    )
    assert doc["source"] == "server"
    assert doc["server"] == {
        "url": server,
        "version": "8.6",
        "supported_until": "2026-12-31",
        "supported_until_label": "server-provided, unverified",
        "error": None,
    }
    assert doc["running"]["from"] == f"server {server}"


def test_server_from_the_config_ignores_proxies(server, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'server = "{server}"\n')
    env = {
        "NOTICE_TUI_CONFIG": str(config),
        "http_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
    }
    run = notice_tui("status", "--today", "2026-11-26", env=env)
    assert run.code == 0 and "Rocket.Chat 8.6" in run.line


def test_slow_server_is_a_clear_unknown(server):
    started = time.monotonic()
    run = notice_tui("status", "--server", f"{server}/slow", "--timeout", "0.5", "--json")
    assert time.monotonic() - started < 10
    assert run.code == 3
    doc = json.loads(run.out)
    assert doc["state"] == "unknown"
    assert doc["server"]["error"] == "no answer within 0.5 s (timed out)"
    assert "timed out" in doc["line"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("nested", "nested more than 32 levels deep"),
        ("nested-version", "nested more than 32 levels deep"),
        ("huge", "larger than 512 KB"),
        ("number", "has a version that is not text"),
        ("list", "is not a JSON object"),
        ("garbage-version", "is not a release version"),
        ("truncated", "is not JSON"),
    ],
)
def test_a_hostile_server_answer_is_unknown_in_one_line(server, name, words):
    run = notice_tui("status", "--server", f"{server}/{name}", "--today", "2026-12-06")
    assert run.code == 3, run.out + run.err
    assert run.err == ""
    assert run.out.count("\n") == 1  # one line, nothing else
    assert run.line.startswith("UNKNOWN - the running Rocket.Chat release is not known")
    assert f"server {server}/{name}: " in run.line and words in run.line
    assert len(run.line) < 400


def test_server_404_is_a_clear_unknown(server):
    run = notice_tui("status", "--server", f"{server}/api/info")
    assert run.code == 3
    assert "HTTP 404" in run.line


# --------------------------------------------------------------------------- releases


def test_releases_table_plain_text_with_running_marked():
    run = notice_tui("releases", "--release", "8.6.1", "--today", "2026-11-26")
    assert run.code == 0
    assert "\x1b" not in run.out
    lines = run.out.splitlines()
    assert lines[0] == "Rocket.Chat releases on 2026-11-26"
    assert lines[1].split() == [
        "RELEASE",
        "RELEASED",
        "SUPPORT",
        "ENDS",
        "DAYS",
        "LEFT",
        "LTS",
        "BASIS",
        "SOURCE",
    ]
    assert lines[2].split() == [  # newest first, computed by the rule
        "9.0",
        "2026-11-10",
        "2027-05-31",
        "186",
        "days",
        "left",
        "rule",
        "built-in",
    ]
    marked = [line for line in lines if line.startswith(">")]
    assert marked[0].split()[:4] == [">", "8.6", "2026-07-03", "2027-01-31"]
    assert "66 days left" in marked[0] and marked[0].split()[-2:] == ["stated", "built-in"]
    row_83 = next(line for line in lines if line.split()[:1] == ["8.3"])
    assert "ended 26 days ago" in row_83
    row_85 = next(line for line in lines if line.split()[:1] == ["8.5"])
    assert "LTS" in row_85
    assert lines[-1].startswith("> running: 8.6.1 (from --release)")


def test_releases_json():
    doc = json.loads(notice_tui("releases", "--json", "--today", "2026-11-26").out)
    assert doc["product"] == "Rocket.Chat"
    assert doc["running"] is None
    assert len(doc["releases"]) == 39
    first = doc["releases"][0]
    assert {k: first[k] for k in ("release", "support_ends", "days_left", "state", "basis")} == {
        "release": "9.0",
        "support_ends": "2027-05-31",
        "days_left": 186,
        "state": "supported",
        "basis": "rule",
    }
    assert first["note"].startswith("9.0.0 release page")  # where the row comes from
    assert first["claims"] == [
        {"source": "built-in", "support_ends": "2027-05-31", "explicit": True, "basis": "rule"}
    ]
    by_release = {row["release"]: row for row in doc["releases"]}
    assert by_release["8.7"]["basis"] == by_release["8.5"]["basis"] == "stated"
    assert (by_release["8.9"]["lts"], by_release["8.9"]["support_ends"]) == (True, "2027-10-31")
    assert doc["calendar"]["built_in"] == "2026-12-06"


# --------------------------------------------------------------------------- examples


def examples() -> list[tuple[str, str]]:
    from tui.cli.specs.releases import SPEC as RELEASES
    from tui.cli.specs.status import SPEC as STATUS

    return [(spec.name, command) for spec in (STATUS, RELEASES) for command, _ in spec.examples]


@pytest.mark.parametrize(("name", "command"), examples())
def test_examples_run_offline(name, command):
    argv = shlex.split(command)
    assert argv[:2] == ["notice-tui", name]
    run = notice_tui(*argv[1:], timeout=30)
    assert run.code in ((0, 1, 2) if name == "status" else (0,)), run.err
    assert run.out


def test_no_textual_import():
    code = (
        "import sys, tui.cli.commands.status, tui.cli.commands.releases;"
        "import notices_repo.support.running;"
        "assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
