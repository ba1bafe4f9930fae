"""Section-aware diff on real git repositories built in temporary folders.

Each test commits revisions of a notice with chosen dates, reads the blobs back with
``git show REV:path`` and compares them with :func:`notices_repo.diff.compare.diff_texts`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from notices_repo.diff.compare import diff_texts
from notices_repo.diff.render import md_escape, render_markdown, render_text, summary_line
from tests.conftest import git

PATH = "Rocket.Chat/Privacy Notice for Air-Gapped Workspaces.md"

BASE = """# Privacy Notice for Air-Gapped Workspaces

**Effective Date:** December 9th, 2023

This document serves as a privacy notice for users of air-gapped workspaces.

## Definition of Air-Gapped Environments

An air-gapped environment is a secure workspace or system, deliberately disconnected
from external networks to protect sensitive data from unauthorized access.

## Data Collection and Usage

In air-gapped environments, Rocket.Chat adheres to strict data privacy standards by not
collecting:

* **Account Data:** Information such as usernames, email addresses, or passwords.
* **Usage Data:** Details on how users interact with the software.
* **User Content:** Any content created or uploaded by users.

## Limitations of Air-Gapped Licenses

Users should be aware of certain limitations inherent to air-gapped licenses: features
like the marketplace, push notifications and other cloud add-ons are unavailable.

## Notice Amendments

We reserve the right to update this Privacy Notice in response to changes in data
practices or legal requirements.
"""


class History:
    """A real git repository holding revisions of one notice."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True)
        git(path, "init", "-q")
        self.day = 0

    def commit(self, text: str, message: str = "Record new changes") -> str:
        """Commit ``text`` as the notice, one day after the previous commit (even if equal)."""
        target = self.path / PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        git(self.path, "add", "--", PATH)
        self.day += 1
        date = f"2024-01-{self.day:02d}T12:00:00+00:00"
        git(
            self.path,
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            message,
            env={"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date},
        )
        return git(self.path, "rev-parse", "HEAD").strip()

    def show(self, rev: str) -> str:
        """The notice's text at ``rev``, read back from git."""
        return git(self.path, "show", f"{rev}:{PATH}", raw=True).decode("utf-8")


@pytest.fixture
def history(tmp_path: Path) -> History:
    return History(tmp_path / "notices")


def compare(history: History, old: str, new: str, **options: bool):
    """Commit both versions, read them back from git and diff them."""
    first = history.commit(old)
    second = history.commit(new)
    old_text, new_text = history.show(first), history.show(second)
    assert (old_text, new_text) == (old, new)
    result = diff_texts(old_text, new_text, **options)
    if not options.get("ignore_whitespace"):
        assert result.rebuild() == (old_text, new_text)
    return result


def by_heading(result, heading: str):
    (section,) = [s for s in result.sections if s.heading == heading]
    return section


def change_pairs(section) -> list[tuple[str, str]]:
    return [(h.old, h.new) for h in section.hunks if h.op != "equal"]


def test_identical_revisions_have_no_changes(history: History) -> None:
    result = compare(history, BASE, BASE)
    assert not result.has_changes
    assert result.shown_sections == []
    assert all(s.status == "unchanged" for s in result.sections)
    assert summary_line(result) == "No differences."


def test_heading_renamed_keeps_the_section_and_shows_the_old_heading(history: History) -> None:
    new = BASE.replace("## Data Collection and Usage", "## Data Collection and Use")
    result = compare(history, BASE, new)
    section = by_heading(result, "Data Collection and Use")
    assert section.status == "changed"
    assert section.old_heading == "Data Collection and Usage"
    assert not section.moved
    assert change_pairs(section) == [("Usage", "Use")]
    assert result.summary["sections_changed"] == 1
    assert result.summary["sections_added"] == result.summary["sections_removed"] == 0


def test_heading_rewritten_with_the_same_body_is_still_a_rename(history: History) -> None:
    new = BASE.replace("## Notice Amendments", "## Changes to This Notice")
    result = compare(history, BASE, new)
    section = by_heading(result, "Changes to This Notice")
    assert (section.status, section.old_heading) == ("changed", "Notice Amendments")
    assert [s.status for s in result.changed_sections] == ["changed"]


def test_section_moved_without_changes(history: History) -> None:
    limits = BASE[BASE.index("## Limitations") : BASE.index("## Notice Amendments")]
    definition = BASE[BASE.index("## Definition") : BASE.index("## Data Collection")]
    new = BASE.replace(limits, "").replace(definition, definition + limits)
    result = compare(history, BASE, new)
    moved = by_heading(result, "Limitations of Air-Gapped Licenses")
    assert (moved.status, moved.moved) == ("moved", True)
    assert result.summary["sections_moved"] == 1
    assert result.summary["sections_changed"] == 0
    assert [s.heading for s in result.changed_sections] == ["Limitations of Air-Gapped Licenses"]
    assert "@@ moved: Limitations of Air-Gapped Licenses @@" in render_text(result)


def test_section_moved_and_changed(history: History) -> None:
    limits = BASE[BASE.index("## Limitations") : BASE.index("## Notice Amendments")]
    definition = BASE.index("## Definition")
    changed = limits.replace("push notifications", "push alerts")
    new = BASE[:definition] + changed + BASE[definition:].replace(limits, "")
    result = compare(history, BASE, new)
    section = by_heading(result, "Limitations of Air-Gapped Licenses")
    assert (section.status, section.moved) == ("changed", True)
    assert ("notifications", "alerts") in change_pairs(section)
    assert "@@ changed, moved: Limitations of Air-Gapped Licenses @@" in render_text(result)
    assert result.to_json()["sections"][0]["moved"] is True


def test_section_added_and_removed(history: History) -> None:
    amendments = BASE[BASE.index("## Notice Amendments") :]
    new = BASE.replace(amendments, "") + (
        "## Transition to Registered Environments\n\n"
        "Should an air-gapped environment register, these practices apply.\n"
    )
    result = compare(history, BASE, new)
    assert by_heading(result, "Transition to Registered Environments").status == "added"
    removed = by_heading(result, "Notice Amendments")
    assert removed.status == "removed"
    assert removed.new_index is None and removed.old_index is not None
    assert change_pairs(removed) == [(amendments, "")]
    summary = result.summary
    assert (summary["sections_added"], summary["sections_removed"]) == (1, 1)
    text = render_text(result)
    assert "@@ added: Transition to Registered Environments @@" in text
    assert "{+Should an air-gapped environment register, these practices apply.+}" in text
    assert "[-We reserve the right" in text


def test_category_added_and_description_changed(history: History) -> None:
    new = BASE.replace(
        "* **User Content:** Any content created or uploaded by users.\n",
        "* **User Content:** Any content created or uploaded by users.\n"
        "* **Tracking or Cookies:** No tracking technologies or cookies are employed.\n",
    ).replace("usernames, email addresses", "usernames, phone numbers, email addresses")
    result = compare(history, BASE, new)
    categories = {c.name: c for c in result.data_categories}
    assert categories["Tracking or Cookies"].status == "added"
    assert categories["Tracking or Cookies"].old is None
    assert categories["Account Data"].status == "changed"
    assert "phone numbers" in (categories["Account Data"].new or "")
    assert categories["Usage Data"].status == "unchanged"
    summary = result.summary
    assert (summary["categories_added"], summary["categories_changed"]) == (1, 1)
    assert summary["categories_removed"] == 0
    shown = [c["name"] for c in result.to_json()["data_categories"]]
    assert shown == ["Account Data", "Tracking or Cookies"]
    assert "  + Tracking or Cookies: {+" in render_text(result)


def test_category_removed(history: History) -> None:
    new = BASE.replace("* **Usage Data:** Details on how users interact with the software.\n", "")
    result = compare(history, BASE, new)
    (removed,) = result.changed_categories
    assert (removed.name, removed.status, removed.new) == ("Usage Data", "removed", None)


def whitespace_only(text: str) -> str:
    """Layout-only changes: list marker spacing, re-wrapped lines, trailing spaces."""
    text = text.replace("* **", "*   **")
    text = text.replace(
        "deliberately disconnected\nfrom external networks",
        "deliberately\ndisconnected from external networks",
    )
    return text.replace("privacy notice for users", "privacy  notice for users  ")


def test_whitespace_only_revision_has_no_changes_when_ignoring_whitespace(
    history: History,
) -> None:
    new = whitespace_only(BASE)
    assert new != BASE
    ignoring = compare(history, BASE, new, ignore_whitespace=True)
    assert not ignoring.has_changes
    assert all(s.status == "unchanged" for s in ignoring.sections)
    assert ignoring.changed_categories == []
    assert summary_line(ignoring) == "No differences (whitespace and layout ignored)."
    exact = diff_texts(BASE, new)
    assert exact.has_changes
    assert exact.rebuild() == (BASE, new)


def test_ignoring_whitespace_still_shows_word_changes(history: History) -> None:
    new = whitespace_only(BASE).replace("legal requirements", "regulatory requirements")
    result = compare(history, BASE, new, ignore_whitespace=True)
    (section,) = result.changed_sections
    assert section.heading == "Notice Amendments"
    assert change_pairs(section) == [("legal", "regulatory")]


def test_one_comma_in_a_65000_character_line(history: History) -> None:
    rng = random.Random(65)
    vocabulary = [f"term{n}" for n in range(3000)]
    sentences = []
    while sum(map(len, sentences)) < 70_000:
        words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 20))]
        words[len(words) // 2] += ","
        sentences.append(" ".join(words).capitalize() + ". ")
    line = "".join(sentences)[:65_000]
    old = f"# Terms\n\n## Licence\n\n{line}\n\n## Contact\n\nWrite to us.\n"
    comma = line.index(",", 32_000)
    new = old.replace(line, line[:comma] + ";" + line[comma + 1 :])
    result = compare(history, old, new)
    (section,) = result.changed_sections
    assert section.heading == "Licence"
    assert change_pairs(section) == [(",", ";")]
    assert len(section.hunks) == 3
    text = render_text(result)
    assert "[-,-]{+;+}" in text
    assert len(text) < 400  # a few words of context, not the line


def test_json_shape(history: History) -> None:
    new = BASE.replace("## Data Collection and Usage", "## Data Collection and Use")
    first = history.commit(BASE)
    second = history.commit(new)
    result = diff_texts(history.show(first), history.show(second))
    payload = result.to_json(
        {"commit": first, "effective_date": "2023-12-09"},
        {"commit": second, "effective_date": None},
    )
    assert json.loads(json.dumps(payload)) == payload
    assert set(payload) == {"from", "to", "summary", "coarse", "sections", "data_categories"}
    assert payload["from"] == {"commit": first, "effective_date": "2023-12-09"}
    assert payload["to"] == {"commit": second, "effective_date": None}
    assert set(payload["summary"]) == {
        "sections_added",
        "sections_removed",
        "sections_changed",
        "sections_moved",
        "categories_added",
        "categories_removed",
        "categories_changed",
    }
    (section,) = payload["sections"]
    assert set(section) == {"heading", "old_heading", "status", "moved", "coarse", "hunks"}
    assert {tuple(sorted(h)) for h in section["hunks"]} == {("new", "old", "op")}
    assert payload["data_categories"] == []


def test_full_shows_every_section_and_the_whole_text(history: History) -> None:
    new = BASE.replace("legal requirements", "regulatory requirements")
    result = compare(history, BASE, new, full=True)
    assert len(result.to_json()["sections"]) == len(result.sections) > 1
    text = render_text(result)
    assert text.count("@@") == 2
    assert "[-legal-]{+regulatory+}" in text
    assert "An air-gapped environment is a secure workspace" in text


def test_text_output_trims_context_and_colours_on_request(history: History) -> None:
    new = BASE.replace("strict data privacy standards", "strict privacy standards")
    result = compare(history, BASE, new)
    plain = render_text(result)
    assert "[-data -]" in plain or "[-data-]" in plain
    assert "\x1b[" not in plain
    assert "…" in plain
    coloured = render_text(result, color=True)
    assert "\x1b[31m[-" in coloured


def test_terminal_escapes_in_notice_text_are_made_inert(history: History) -> None:
    new = BASE.replace("legal requirements", "legal\x1b]52;c;cHduZWQ=\x07 requirements")
    result = compare(history, BASE, new)
    text = render_text(result)
    assert "\x1b" not in text and "\x07" not in text


def test_markdown_report_fences_untrusted_text(history: History) -> None:
    hostile = (
        "## Contact <img src=x onerror=alert(1)>\n\n"
        "````\n</details><script>alert(1)</script>\n<h1>Injected heading</h1>\n"
        "[click](javascript:alert(1))\n"
    )
    result = compare(history, BASE, BASE + "\n" + hostile)
    report = render_markdown(
        result,
        {"commit": "a" * 40, "effective_date": "2023-12-09"},
        {"commit": "b" * 40, "effective_date": "2024-01-02"},
        title="air-gapped",
    )
    assert "effective 2023-12-09" in report and "b" * 40 in report
    assert "- Sections: 1 added, 0 removed, " in report
    # The heading is escaped; the body is inside a fence longer than any backtick run.
    (added,) = result.changed_sections[-1:]
    assert f"### {len(result.changed_sections)}. added: {md_escape(added.heading)}\n" in report
    assert "\n`````text\n" in report
    before, fenced = report.split("\n`````text\n", 1)
    body, after = fenced.split("\n`````", 1)
    assert "<script>" in body and "<h1>Injected heading</h1>" in body
    assert "<script>" not in before + after
    assert "<img" not in before + after


def test_md_escape_makes_inline_markdown_literal() -> None:
    assert md_escape("**bold** [x](y) <b> `c` _i_ &amp; ~~s~~ $x$ @team") == (
        "\\*\\*bold\\*\\* \\[x\\](y) \\<b\\> \\`c\\` \\_i\\_ \\&amp; \\~\\~s\\~\\~ \\$x\\$ \\@team"
    )
    assert md_escape("Air-Gapped, 1. plain.") == "Air-Gapped, 1. plain."
    assert "\n" not in md_escape("two\nlines")


# --------------------------------------------------------------------------- the command


def notice_tui(*args: str) -> tuple[int, str, str]:
    """Run ``notice-tui ARGS`` in this process: (exit status, stdout, stderr)."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from tui.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*args, "--today", "2026-06-01"])  # after the sample's latest version
    return code, out.getvalue(), err.getvalue()


def test_command_shows_the_added_category_of_the_sample() -> None:
    code, out, err = notice_tui("diff", "air-gapped", "2023-12-09", "latest", "--no-pager")
    assert code == 1, err
    lines = out.splitlines()
    assert lines[0].startswith("--- privacy/") and "2023-12-09" in lines[0]
    assert lines[1].startswith("+++ privacy/")
    assert lines[2].startswith("Sections: ") and "Data categories: 1 added" in lines[2]
    assert "  + Diagnostic Data: {+" in out
    assert "[-December 9th-]{+March 1st+}" in out
    assert "\x1b[" not in out


def test_command_same_version_exits_0() -> None:
    code, out, _ = notice_tui("diff", "air-gapped", "2023-12-09", "2023-12-09", "--no-pager")
    assert code == 0
    assert "No differences." in out


def test_command_json_and_markdown() -> None:
    code, out, _ = notice_tui("diff", "air-gapped", "--json")
    assert code == 1
    payload = json.loads(out)
    assert payload["summary"]["categories_added"] == 1
    assert payload["from"]["effective_date"] == "2023-12-09"
    assert [c["name"] for c in payload["data_categories"]] == ["Diagnostic Data"]
    code, out, _ = notice_tui("diff", "air-gapped", "--format", "markdown", "--no-pager")
    assert code == 1
    assert out.startswith("# Comparison: Privacy Notice for Air-Gapped Workspaces\n")
    assert "- Added: **Diagnostic Data**" in out


def test_command_ignoring_whitespace_of_a_technical_revision() -> None:
    code, out, _ = notice_tui("diff", "air-gapped", "ed164861a8", "06cf6af10b", "--no-pager")
    if code == 2:
        pytest.skip("the sample's commit ids changed")
    exact = code
    code, out, _ = notice_tui("diff", "air-gapped", "ed164861a8", "06cf6af10b", "-w")
    assert (exact, code) == (1, 0), out


def test_command_trouble_exits_2_with_one_line_on_stderr() -> None:
    code, out, err = notice_tui("diff", "air-gapped", "not-a-revision", "--json")
    assert code == 2
    assert out == ""
    assert err.startswith("notice-tui: ") and err.count("\n") == 1
    code, _, err = notice_tui("diff", "air-gapped", "--json", "--format", "markdown")
    assert code == 2 and "cannot be used together" in err


def test_change_positions_step_through_every_change(history: History) -> None:
    new = BASE.replace("legal requirements", "regulatory requirements").replace(
        "secure workspace", "secured workspace"
    )
    result = compare(history, BASE, new)
    positions = result.change_positions()
    assert len(positions) == 2
    hunks = [result.sections[k].hunks[m] for k, m in positions]
    assert [(h.old, h.new) for h in hunks] == [
        ("secure", "secured"),
        ("legal", "regulatory"),
    ]


@pytest.mark.parametrize("many", [False, True])
def test_renumbered_headings_are_renames(
    history: History, monkeypatch: pytest.MonkeyPatch, many: bool
) -> None:
    """Inserting a numbered section renumbers the rest: renames, not removed + added."""
    if many:  # the path for documents with many unmatched sections
        monkeypatch.setattr("notices_repo.diff.matching.MAX_BODY_PAIRS", 0)
    bodies = [f"Terms for country {n} apply to developers distributing there.\n" for n in range(6)]
    old = "# Exhibit\n\n" + "".join(
        f"## {n + 1}. Country {n}\n\n{b}\n" for n, b in enumerate(bodies)
    )
    inserted = "## 1. Argentina\n\nNew terms for Argentina.\n\n"
    new = (
        "# Exhibit\n\n"
        + inserted
        + "".join(f"## {n + 2}. Country {n}\n\n{b}\n" for n, b in enumerate(bodies))
    )
    result = compare(history, old, new)
    assert result.summary["sections_added"] == 1
    assert result.summary["sections_removed"] == 0
    assert result.summary["sections_moved"] == 0
    renamed = [(s.old_heading, s.heading) for s in result.sections if s.old_heading]
    assert renamed == [(f"{n + 1}. Country {n}", f"{n + 2}. Country {n}") for n in range(6)]
