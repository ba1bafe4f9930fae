"""The key table for the README (``docs/keys.md``), written from :data:`tui.app.keys.KEYS`.

``scripts/app_docs.py`` writes it; a test checks ``docs/keys.md`` is in step.
"""

from __future__ import annotations

from tui.app.keys import (
    APP,
    CHANGE_LIST,
    CHANGES,
    CONTENTS,
    DIFF,
    FILTER,
    LISTS,
    MAIN,
    NOTICES,
    RELEASE_LIST,
    RELEASES,
    TEXT,
    VERSIONS,
    specs,
)

SCOPE_TITLES = {
    APP: "Everywhere",
    MAIN: "Main screen",
    LISTS: "Lists (notices, versions, contents, releases, changes)",
    NOTICES: "Notice list",
    VERSIONS: "Version list",
    TEXT: "Text",
    CONTENTS: "Contents and data categories",
    FILTER: "Filter box",
    DIFF: "Comparison (diff view)",
    RELEASES: "Releases screen",
    RELEASE_LIST: "Release list",
    CHANGES: "Changes screen",
    CHANGE_LIST: "Change list",
}


_DOC_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


def markdown_table() -> str:
    """The key table for the README (``docs/keys.md``), from :data:`KEYS`."""
    lines = [
        "| Keys | Action | What it does | Where | Config id |",
        "|---|---|---|---|---|",
    ]
    for scope, title in SCOPE_TITLES.items():
        for item in specs(scope):
            shown = " ".join(f"`{_DOC_NAMES.get(k, k)}`" for k in item.keys.split(","))
            lines.append(f"| {shown} | {item.description} | {item.help} | {title} | `{item.id}` |")
    return "\n".join(lines) + "\n"
