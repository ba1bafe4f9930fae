"""Write the app's README material: ``docs/keys.md`` and ``docs/screenshots/*.svg``.

The key table comes from :data:`tui.app.keys.KEYS` (a test checks ``docs/keys.md`` is in
step); the screenshots are Textual's own SVG export of the app on the built-in sample,
as on a fixed day, so they only change when the screen does::

    python scripts/app_docs.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 26)

KEYS_HEADER = """\
# Keys of the app

Every key works without a mouse. Letter keys act only when no text box has focus (in
the filter box and the date prompt, letters are text). Keys can be remapped in the
config file's `[keys]` table by their config id, for example:

```toml
[keys]
diff = "x"          # compare with x instead of d
quit = "q,ctrl+q"   # several keys, comma separated
```

An unknown id, or one key given to two actions that work at the same time, stops
`notice-tui` with a message that names the fix (a screen that takes over a key on purpose,
as the comparison does with `q` and `/`, keeps it). `?` or `F1` shows, on every screen,
the keys of the focused pane, of the screen and those that work everywhere, with your
remapping; the command palette (`ctrl+p`) offers the actions of the screen it opens on.

You can type ahead: keys typed while notice-tui starts wait for the main screen, and the
words typed right after `/`, `f`, `t`, `ctrl+p` (or `/` in the comparison) go into the box
that key opens, even when they arrive together over a slow link. `/` works while the
repository is still read: the search runs, and an `enter` already pressed opens the first
hit, as soon as the repository and its search index are there.

"""


def write_keys() -> Path:
    """docs/keys.md from the key table."""
    from tui.app.keydoc import markdown_table

    target = ROOT / "docs" / "keys.md"
    target.write_text(KEYS_HEADER + markdown_table(), "utf-8")
    return target


async def _shot(name: str, size: tuple[int, int], keys: list[str], **settings: object) -> Path:
    from tests.app.app_pilot import make_app, settle

    app = make_app(today=TODAY, **settings)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        target = ROOT / "docs" / "screenshots" / f"{name}.svg"
        app.save_screenshot(filename=target.name, path=str(target.parent))
    return target


async def write_screenshots() -> list[Path]:
    """The screenshots of the README."""
    return [
        await _shot("main", (140, 40), [], release="8.6"),
        await _shot("versions", (120, 36), ["tab", "down", "enter"], release="8.3"),
        await _shot("releases", (100, 30), ["R"], release="8.6"),
    ]


def main() -> int:
    """Write both; the app runs on the sample with its own temporary user folders."""
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("CONFIG", "STATE", "CACHE", "DATA"):
            os.environ[f"NOTICE_TUI_{kind}_DIR"] = str(Path(folder) / kind.lower())
        for name in ("NOTICE_TUI_REPO", "NOTICE_TUI_RELEASE", "RC_VERSION", "NO_COLOR"):
            os.environ.pop(name, None)
        print(write_keys())
        for path in asyncio.run(write_screenshots()):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
