"""Rendering detail: empty in-page anchors of converted pages leave no "(#anchor)" noise."""

from __future__ import annotations

from rich.console import Console

from tui.app.widgets.rendering import render_section


def _lines(source: str) -> list[str]:
    console = Console(width=80)
    strips = render_section(console, source, 60, markdown=True, code_theme="monokai")
    return [strip.text.rstrip() for strip in strips]


def test_empty_anchor_links_vanish_but_real_links_keep_their_url() -> None:
    lines = _lines(
        "### [](#3-6-cookies)3.6. Cookies\n\nSee [the law](https://law.example) [](#x).\n"
    )
    assert lines[0] == "3.6. Cookies"
    assert "(#" not in "\n".join(lines)
    assert "the law (https://law.example)" in "\n".join(lines)
