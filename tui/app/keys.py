"""Every key of the app in one table: id, default keys, action, description, help.

The id is what the config file's ``[keys]`` table remaps (``diff = "d"``,
``quit = "q,ctrl+q"``); it is also the Textual binding id, so remapping goes through
Textual's keymap (:meth:`textual.app.App.set_keymap`). The description is the footer's
word; the help is the sentence shown by the help screen and the command palette.

Scopes say where a key works: ``app`` everywhere, one scope per screen (``main``, ``diff``,
``releases``) and one per pane. A screen's key may deliberately take over a key that works
everywhere (``q`` goes back from the comparison instead of quitting); the help screen then
lists that key under the screen only. Single letters are never priority bindings, so while
the filter box or a date field has focus the letters go into the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding

APP = "app"
MAIN = "main"
NOTICES = "notices"
VERSIONS = "versions"
TEXT = "text"
CONTENTS = "contents"
FILTER = "filter"
LISTS = "lists"
DIFF = "diff"
RELEASES = "releases"
RELEASE_LIST = "release_list"
CHANGES = "changes"
CHANGE_LIST = "change_list"

#: Pane scopes in tab order, with the pane's name as the help screen titles it.
PANE_NAMES = {
    NOTICES: "Notices",
    VERSIONS: "Versions",
    TEXT: "Text",
    CONTENTS: "Contents",
    FILTER: "Filter",
    RELEASE_LIST: "Releases",
    CHANGE_LIST: "Changes",
}

#: Scopes whose keys work in a pane, besides the pane's own.
SHARED_SCOPES = {
    NOTICES: (LISTS,),
    VERSIONS: (LISTS,),
    CONTENTS: (LISTS,),
    TEXT: (),
    FILTER: (),
    RELEASE_LIST: (LISTS,),
    CHANGE_LIST: (LISTS,),
}


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One remappable key binding."""

    id: str
    """Name in the config file's ``[keys]`` table and Textual binding id."""
    keys: str
    """Default keys, comma separated (Textual key names: ``question_mark``, ``f1``...)."""
    action: str
    """Textual action the keys run."""
    description: str
    """One or two words for the footer."""
    help: str
    """A sentence for the help screen and the command palette."""
    scope: str = APP
    """Where the key works (see the module docstring)."""
    show: bool = True
    """Shown in the footer."""
    key_display: str | None = None
    """How the footer shows the keys (None: Textual's default)."""
    palette: bool = True
    """Offered by the command palette."""


KEYS: tuple[KeySpec, ...] = (
    # everywhere ----------------------------------------------------------------------
    KeySpec("quit", "q", "quit", "Quit", "Quit notice-tui and return to the shell."),
    KeySpec(
        "help",
        "question_mark,f1",
        "help",
        "Help",
        "Show the keys of the focused pane, of the screen, and those that work everywhere.",
        key_display="?",
    ),
    KeySpec(
        "palette",
        "ctrl+p",
        "command_palette",
        "Commands",
        "Open the command palette: every action, notice and section by name.",
        show=False,
        palette=False,
    ),
    KeySpec(
        "search",
        "slash",
        "search",
        "Search",
        "Search sections and data categories of every notice as you type.",
        key_display="/",
    ),
    KeySpec(
        "releases",
        "R",
        "releases",
        "Releases",
        "Show the release calendar and whether the running release is supported.",
        show=False,
    ),
    KeySpec(
        "changes",
        "C",
        "changes",
        "Changes",
        "What changed in every notice in a period: versions, silent edits, announcements "
        "(C again closes it).",
        show=False,
    ),
    KeySpec(
        "reload",
        "r",
        "reload",
        "Reload",
        "Read the repository again and pick up new commits (incremental).",
        show=False,
    ),
    KeySpec(
        "as_of",
        "t",
        "as_of",
        "As of",
        "Show every notice as it stood on a date you type (t again leaves).",
    ),
    KeySpec(
        "as_recorded",
        "T",
        "as_recorded",
        "As recorded",
        "In the as-of view: show the text the repository held that day, whatever it "
        "claimed, instead of what it now says was in force (T again switches back).",
        show=False,
    ),
    # main screen ---------------------------------------------------------------------
    KeySpec(
        "next_pane",
        "tab",
        "next_pane",
        "Next pane",
        "Move to the next pane.",
        scope=MAIN,
        show=False,
        palette=False,
    ),
    KeySpec(
        "previous_pane",
        "shift+tab",
        "previous_pane",
        "Previous pane",
        "Move to the previous pane.",
        scope=MAIN,
        show=False,
        palette=False,
    ),
    KeySpec(
        "filter",
        "f",
        "filter",
        "Filter",
        "Type to narrow the notice list by path or title; escape leaves the box.",
        scope=MAIN,
    ),
    KeySpec(
        "contents",
        "c",
        "contents",
        "Contents",
        "Go to the table of contents and data categories of the open text.",
        scope=MAIN,
        show=False,
    ),
    KeySpec(
        "diff",
        "d",
        "diff",
        "Diff",
        "Compare the selected version with the one before it, or with the marked one.",
        scope=MAIN,
    ),
    KeySpec(
        "mark",
        "m",
        "mark",
        "Mark",
        "Mark the selected version (or revision) as one end of a comparison; again to unmark.",
        scope=MAIN,
        show=False,
    ),
    KeySpec(
        "review",
        "a",
        "review",
        "Reviewed",
        "Record that you reviewed the selected version (login name and time, state folder).",
        scope=MAIN,
    ),
    KeySpec(
        "diff_reviewed",
        "D",
        "diff_reviewed",
        "Since review",
        "Compare the version you last reviewed with the selected one.",
        scope=MAIN,
        show=False,
    ),
    KeySpec(
        "source",
        "v",
        "source",
        "Source",
        "Switch the text between rendered Markdown and its plain source.",
        scope=MAIN,
        show=False,
    ),
    KeySpec(
        "leave",
        "escape",
        "leave",
        "Back",
        "Leave the as-of view, or clear the filter.",
        scope=MAIN,
        show=False,
        palette=False,
    ),
    # panes ---------------------------------------------------------------------------
    KeySpec(
        "down",
        "j",
        "cursor_down",
        "Down",
        "Move down (as the down arrow).",
        scope=LISTS,
        show=False,
        palette=False,
    ),
    KeySpec(
        "up",
        "k",
        "cursor_up",
        "Up",
        "Move up (as the up arrow).",
        scope=LISTS,
        show=False,
        palette=False,
    ),
    KeySpec(
        "open",
        "enter,right",
        "select",
        "Open",
        "Open the selected notice's versions.",
        scope=NOTICES,
        show=False,
        palette=False,
    ),
    KeySpec(
        "languages",
        "l",
        "toggle_documents",
        "Languages",
        "List one row per document with its languages (de/privacy.md beside "
        "en/privacy.md), or one row per file again.",
        scope=NOTICES,
        show=False,
    ),
    KeySpec(
        "expand",
        "enter,right",
        "expand",
        "Expand",
        "List the revisions of the selected version (again to fold them).",
        scope=VERSIONS,
        show=False,
        palette=False,
    ),
    KeySpec(
        "collapse",
        "left",
        "collapse",
        "Fold",
        "Fold the revisions back into their version.",
        scope=VERSIONS,
        show=False,
        palette=False,
    ),
    KeySpec(
        "scroll_down",
        "j",
        "scroll_down",
        "Down",
        "Scroll down a line (arrows, page up/down, home and end work too).",
        scope=TEXT,
        show=False,
        palette=False,
    ),
    KeySpec(
        "scroll_up",
        "k",
        "scroll_up",
        "Up",
        "Scroll up a line.",
        scope=TEXT,
        show=False,
        palette=False,
    ),
    KeySpec(
        "page_down",
        "space",
        "page_down",
        "Page",
        "Scroll down a page.",
        scope=TEXT,
        show=False,
        palette=False,
    ),
    KeySpec(
        "next_section",
        "right_square_bracket",
        "next_section",
        "Next section",
        "Jump to the next section.",
        scope=TEXT,
        show=False,
        key_display="]",
    ),
    KeySpec(
        "previous_section",
        "left_square_bracket",
        "previous_section",
        "Previous section",
        "Jump to the previous section.",
        scope=TEXT,
        show=False,
        key_display="[",
    ),
    KeySpec(
        "jump",
        "enter",
        "select",
        "Jump",
        "Show the selected section or data category in the text.",
        scope=CONTENTS,
        show=False,
        palette=False,
    ),
    KeySpec(
        "leave_filter",
        "escape",
        "leave_filter",
        "Leave",
        "Leave the filter box (the filter stays; clear it to see every notice).",
        scope=FILTER,
        show=False,
        palette=False,
    ),
    # comparison (diff view) ---------------------------------------------------------
    KeySpec(
        "diff_back",
        "escape,q",
        "back",
        "Back",
        "Close the find box, or go back to where you were.",
        scope=DIFF,
        key_display="esc",
        palette=False,
    ),
    KeySpec(
        "diff_next_change",
        "right_square_bracket",
        "next_change",
        "Next change",
        "Jump to the next change.",
        scope=DIFF,
        key_display="]",
    ),
    KeySpec(
        "diff_previous_change",
        "left_square_bracket",
        "previous_change",
        "Prev change",
        "Jump to the previous change.",
        scope=DIFF,
        key_display="[",
    ),
    KeySpec(
        "diff_layout",
        "s",
        "switch_layout",
        "Layout",
        "Switch between unified (one column) and side by side (old left, new right).",
        scope=DIFF,
    ),
    KeySpec(
        "diff_whitespace",
        "w",
        "toggle_whitespace",
        "Whitespace",
        "Ignore whitespace and layout-only changes (re-wrapped lines, list markers), or "
        "count them again.",
        scope=DIFF,
    ),
    KeySpec(
        "diff_full",
        "f",
        "toggle_full",
        "Whole text",
        "Show the whole text with the changes marked, or only the changes.",
        scope=DIFF,
        show=False,
    ),
    KeySpec(
        "diff_find",
        "slash",
        "find",
        "Find",
        "Search the comparison as you type; enter goes there, n and N step through matches.",
        scope=DIFF,
        key_display="/",
    ),
    KeySpec(
        "diff_next_match",
        "n",
        "next_match",
        "Next match",
        "Go to the next match of the search.",
        scope=DIFF,
        show=False,
    ),
    KeySpec(
        "diff_previous_match",
        "N",
        "previous_match",
        "Previous match",
        "Go to the previous match of the search.",
        scope=DIFF,
        show=False,
    ),
    KeySpec(
        "diff_copy",
        "y",
        "copy_change",
        "Copy",
        "Copy the current change as [-old-]{+new+} to your clipboard (OSC 52, works over SSH).",
        scope=DIFF,
    ),
    KeySpec(
        "diff_report",
        "e",
        "write_report",
        "Report",
        "Write the comparison as a Markdown report to a new file in the current folder.",
        scope=DIFF,
    ),
    # releases screen -----------------------------------------------------------------
    KeySpec(
        "releases_back",
        "escape,q",
        "back",
        "Back",
        "Go back to where you were.",
        scope=RELEASES,
        key_display="esc",
        palette=False,
    ),
    KeySpec(
        "releases_as_of",
        "enter",
        "select_cursor",
        "Notices then",
        "Show every notice as it stood on the selected release's release date.",
        scope=RELEASE_LIST,
    ),
    # changes screen ------------------------------------------------------------------
    KeySpec(
        "changes_back",
        "escape,q",
        "back",
        "Back",
        "Go back to where you were.",
        scope=CHANGES,
        key_display="esc",
        palette=False,
    ),
    KeySpec(
        "changes_period",
        "p",
        "period",
        "Period",
        "Type the period's first and last day (enter shows the changes of that period).",
        scope=CHANGES,
    ),
    KeySpec(
        "changes_open",
        "enter",
        "select_cursor",
        "Open diff",
        "Compare the selected change with the text before it (a first version opens "
        "in the reader).",
        scope=CHANGE_LIST,
    ),
)


def spec(key_id: str) -> KeySpec:
    """The spec with this id."""
    for item in KEYS:
        if item.id == key_id:
            return item
    raise KeyError(key_id)


def specs(scope: str) -> list[KeySpec]:
    """The specs of one scope, in table order."""
    return [item for item in KEYS if item.scope == scope]


def shadowed(scopes: Iterable[str], keymap: Mapping[str, str]) -> set[str]:
    """Keys (canonical names) that the specs of ``scopes`` take, after remapping."""
    effective = effective_keys(keymap)
    return {
        canonical(name) for scope in scopes for item in specs(scope) for name in effective[item.id]
    }


def bindings(scope: str) -> list[Binding]:
    """Textual bindings of one scope (for a class's ``BINDINGS``)."""
    return [
        Binding(
            item.keys,
            item.action,
            item.description,
            show=item.show,
            key_display=item.key_display,
            tooltip=item.help,
            id=item.id,
        )
        for item in specs(scope)
    ]


def effective_keys(keymap: Mapping[str, str]) -> dict[str, list[str]]:
    """Keys of every id after remapping."""
    return {
        item.id: [k.strip() for k in keymap.get(item.id, item.keys).split(",")] for item in KEYS
    }


def canonical(key: str) -> str:
    """A key's one name: ``?`` and ``question_mark`` are both ``question_mark``."""
    from textual.keys import _character_to_key

    return _character_to_key(key) if len(key) == 1 else key


def describe_keys(names: Iterable[str]) -> str:
    """Keys as people read them: ``?``, ``F1``, ``Ctrl+P``, ``Enter``."""
    from textual.keys import format_key

    return ", ".join(format_key(name) for name in names)
