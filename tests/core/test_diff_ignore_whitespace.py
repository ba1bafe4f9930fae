"""``diff --ignore-whitespace`` shows the texts as they are; only the comparison ignores layout.

Issue 14: ``diff air-gapped 2023-12-09 latest --ignore-whitespace --full`` printed the
changed sections as run-on text with Markdown stripped and the next heading glued on
("…environments.### **Definition…**"). Real git repositories, the real command.
"""

from __future__ import annotations

import json

from notices_repo.diff.render import render_markdown, render_text
from tests.conftest import run_cli
from tests.core.test_diff_sections import History, change_pairs, compare

OLD = """# Terms

## Your account

You are responsible for your account and for keeping your password secret. We may
suspend it when we see signs of abuse.

* **Account Data:** usernames and email addresses.
* **Usage Data:** how you use the service.

## Contact

Write to us at the address below.
"""

# Re-wrapped, other list markers, one word changed, one sentence added.
NEW = """# Terms

## Your account

You are responsible for your account and for keeping your password safe.
We may suspend it when we see signs of abuse.

-   **Account Data:** usernames and email addresses.
-   **Usage Data:** how you use the service.
-   **Device Data:** the model of your phone.

## Contact

Write to us at the address below.
"""


def test_changed_section_keeps_its_lines_headings_and_markdown(tmp_path) -> None:
    result = compare(History(tmp_path / "notices"), OLD, NEW, ignore_whitespace=True)
    (section,) = result.changed_sections
    assert section.heading == "Your account"
    changes = change_pairs(section)
    assert changes[0] == ("secret", "safe")
    assert [new.strip(".\n") for _, new in changes[1:]] == [
        "-   **Device Data:** the model of your phone"
    ]
    assert result.rebuild() == (OLD, NEW)  # hunks hold the original texts
    full = render_text(diff_full(OLD, NEW))
    assert "## Your account\n\nYou are responsible" in full
    assert "password [-secret-]{+safe+}.\nWe may suspend" in full
    assert "-   **Account Data:** usernames and email addresses.\n" in full
    assert "\n{+-   **Device Data:** the model of your phone" in full
    assert "\n\n## Contact\n" in full


def diff_full(old: str, new: str):
    from notices_repo.diff.compare import diff_texts

    return diff_texts(old, new, ignore_whitespace=True, full=True)


def test_layout_only_revision_still_has_no_changes() -> None:
    layout_only = NEW.replace(" safe.", " secret.").replace(
        "-   **Device Data:** the model of your phone.\n", ""
    )
    result = diff_full(OLD, layout_only)
    assert not result.has_changes
    assert result.rebuild() == (OLD, layout_only)
    assert "## Your account\n\nYou are responsible" in render_text(result)


def test_markdown_report_keeps_lines() -> None:
    report = render_markdown(diff_full(OLD, NEW))
    assert "password [-secret-]{+safe+}.\nWe may suspend" in report


def test_json_hunks_hold_original_text() -> None:
    data = diff_full(OLD, NEW).to_json()
    (section,) = [s for s in data["sections"] if s["heading"] == "Your account"]
    shown = "".join(h["new"] for h in section["hunks"])
    assert shown == NEW[NEW.index("## Your account") : NEW.index("## Contact")]


def test_help_example_on_the_sample_keeps_lines_and_headings(sample_repo) -> None:
    result = run_cli(
        "diff",
        "air-gapped",
        "2023-12-09",
        "latest",
        "--ignore-whitespace",
        "--full",
        "--repo",
        str(sample_repo),
        "--today",
        "2026-11-26",
    )
    assert result.code == 1, result.err
    out = result.out
    assert "environments.### " not in out
    assert "\n### **Definition of Air-Gapped Environments**\n" in out
    assert "\n*   **Account Data:** Information such as usernames" in out
    assert "**Effective Date:** [-December 9th-]{+" in out
    exact = run_cli(
        "diff", "air-gapped", "2023-12-09", "latest", "--full", "--json",
        "--repo", str(sample_repo), "--today", "2026-11-26",
    )  # fmt: skip
    ignoring = run_cli(
        "diff", "air-gapped", "2023-12-09", "latest", "--full", "--json", "-w",
        "--repo", str(sample_repo), "--today", "2026-11-26",
    )  # fmt: skip
    text_exact = "".join(h["new"] for s in json.loads(exact.out)["sections"] for h in s["hunks"])
    text_ignoring = "".join(
        h["new"] for s in json.loads(ignoring.out)["sections"] for h in s["hunks"]
    )
    assert text_ignoring == text_exact  # the whole new text, as it is
