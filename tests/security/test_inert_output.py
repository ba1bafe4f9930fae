"""Notice text never drives the terminal: markup, escapes, controls, bidi and zero-width
characters in paths, titles, commit subjects, author names and bodies are shown inertly,
in every command's text and JSON output and on the app's screen."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import GitRepo, git, run_cli
from tests.security.test_security_helpers import app_screen, command_plans, svg_text

#: One sample of each kind of hostile text.
KINDS = {
    "markup": "[bold red]ALERT[/] [link=https://evil.example]click[/link] [/]",
    "csi": "\x1b[2J\x1b[H\x1b[31mred",
    "osc-title": "\x1b]0;pwned title\x07",
    "osc52": "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "osc8": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "c1": "\x9b31m\x9d0;t\x9c",
    "controls": "bell\x07back\x08\x08cr\roverwrite\x0bvt\x0cff\x7fdel",
    "bidi": "\u202eevil\u202c \u2066iso\u2069 \u200fmark",
    "zero-width": "zero\u200bwidth\u200d\u2060joined\ufeff",
}
LONG_LINE = "long " * 40_000

#: Characters that must never reach a terminal raw.
FORBIDDEN = (
    {chr(c) for c in range(0x20) if c not in (0x09, 0x0A)}
    | {chr(0x7F)}
    | {chr(c) for c in range(0x80, 0xA0)}
    | set("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
    | set("\u2060\u2066\u2067\u2068\u2069\ufeff")
)


def assert_inert(text: str, where: str, allow: str = "") -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in text if c in FORBIDDEN and c not in allow})
    assert not bad, f"{where}: raw {bad}"


def _all_kinds() -> str:
    return " ".join(KINDS.values())


@pytest.fixture
def hostile(git_repo: GitRepo) -> tuple[GitRepo, str]:
    """A repository whose path, title, subject, author and body carry every kind."""
    name = "privacy/\x1b[2J\x1b]0;t\x07[bold]P[/]\u202eevil\u200b\x9b1m.md"
    body = (
        f"# [bold red]Title[/] \x1b[31m\x1b]52;c;cHduZWQ=\x07\u202eEnd\u200b\n\n"
        "Effective Date: 1 May 2024\n\n"
        "## Data\n\n"
        f"* **Usage Data:** {_all_kinds()}\n\n"
        + "\n".join(f"{kind}: {text}" for kind, text in KINDS.items())
        + f"\n\n{LONG_LINE}\n"
    )
    git_repo.commit({"plain.md": "# Plain\n\nEffective Date: 1 May 2024\n"}, message="Plain")
    git_repo.write(name, body)
    git_repo.git("add", "--", name)
    git(
        git_repo.path,
        "commit",
        "-q",
        "-m",
        "[bold]Subject[/] \x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\ \u202eRLO \x9b31m",
        env={"GIT_AUTHOR_NAME": "[red]Author\x1b[5m\u202eZ\u200b"},
    )
    return git_repo, name


def test_every_command_prints_hostile_text_inertly(hostile: tuple[GitRepo, str]) -> None:
    repo, name = hostile
    for _command, argv in command_plans(notice=name, word="Usage"):
        result = run_cli(*argv, "--repo", str(repo.path), "--color", "never")
        assert "Traceback" not in result.err, (argv, result.err)
        assert_inert(result.out, f"{argv} stdout")
        assert_inert(result.err, f"{argv} stderr")
        if "--json" in argv and result.out.strip():
            json.loads(result.out)  # still valid JSON


def test_log_and_show_text_make_every_kind_visible(hostile: tuple[GitRepo, str]) -> None:
    repo, name = hostile
    log = run_cli("log", "--repo", str(repo.path), "--color", "always")
    assert log.code == 0, log.err
    assert_inert(log.out.replace("\x1b[1m", "").replace("\x1b[0m", ""), "log --color always")
    assert "\u241b[2J" in log.out  # ESC of the path, shown as ␛
    assert "<U+202E>" in log.out  # the bidi override, named
    assert "[bold]Subject[/]" in log.out  # markup is just text
    show = run_cli("show", "--repo", str(repo.path), "--color", "never", "--", name)
    assert show.code == 0, show.err
    out = show.out
    assert "[bold red]ALERT[/] [link=https://evil.example]click[/link] [/]" in out
    assert "\u241b]52;c;ZWNobyBwd25lZA==\u2407" in out  # OSC 52, visible and dead
    assert "\u241b]8;;https://evil.example\u241b\\link" in out
    assert "<U+009B>31m" in out
    assert "bell\u2407back\u2408\u2408cr\u240doverwrite" in out
    assert "zero<U+200B>width<U+200D><U+2060>joined<U+FEFF>" in out
    assert LONG_LINE.strip() in out  # a very long line is printed whole, on one line


def test_json_is_lossless_and_inert(hostile: tuple[GitRepo, str]) -> None:
    repo, name = hostile
    log = run_cli("log", "--repo", str(repo.path), "--json")
    assert_inert(log.out, "log --json")
    doc = json.loads(log.out)
    notice = next(n for n in doc["notices"] if n["path"] == name)  # exactly the real path
    revision = notice["revisions"][0]
    assert revision["author"] == "[red]Author\x1b[5m\u202eZ\u200b"
    assert revision["subject"].startswith("[bold]Subject[/] \x1b]8;;https://evil.example")
    show = run_cli("show", "--repo", str(repo.path), "--json", "--", name)
    assert_inert(show.out, "show --json")
    text = "".join(s["text"] for s in json.loads(show.out)["sections"])
    for kind, sample in KINDS.items():
        assert sample.replace("\r", "") in text.replace("\r", ""), kind


def test_json_escapes_del_too(git_repo: GitRepo) -> None:
    git_repo.commit({"n.md": "# N\n\nEffective Date: 1 May 2024\n\nrub\x7fout\n"})
    show = run_cli("show", "n.md", "--repo", str(git_repo.path), "--json")
    assert show.code == 0
    assert_inert(show.out, "show --json")


def test_error_messages_are_inert_too(hostile: tuple[GitRepo, str]) -> None:
    repo, _ = hostile
    result = run_cli("show", "\x1b]0;title\x07\u202e", "--repo", str(repo.path))
    assert result.code == 2
    assert_inert(result.err, "unknown notice")
    missing = run_cli("log", "--repo", "/nonexistent/\x1b[2J\u202e")
    assert missing.code == 2
    assert_inert(missing.err, "missing repository")


def test_the_app_screen_shows_hostile_text_inertly(hostile: tuple[GitRepo, str]) -> None:
    repo, _ = hostile
    started = time.monotonic()
    svg = app_screen(repo.path, ["down", "down", "enter"], size=(160, 48))
    assert time.monotonic() - started < 60  # a 200 kB line does not hang the app
    screen = svg_text(svg)
    assert_inert(screen, "app screen")
    assert "\x1b" not in svg and "\u202e" not in svg  # nor anywhere in the exported screen
    assert "[bold red]" in screen or "[bold]" in screen  # markup shown as typed, not obeyed
    assert "\u241b" in screen or "<U+" in screen  # escapes made visible, not dropped


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_in_a_title_reaches_the_app_inertly(
    git_repo: GitRepo, kind: str, tmp_path: Path
) -> None:
    git_repo.commit(
        {"n.md": f"# {KINDS[kind]}\n\nEffective Date: 1 May 2024\n\nBody {KINDS[kind]}\n"},
        message=f"Subject {KINDS[kind]}",
    )
    screen = svg_text(app_screen(git_repo.path, ["down", "enter"]))
    assert_inert(screen, f"app, {kind}")
    if kind == "markup":
        assert "[bold red]ALERT[/]" in screen
