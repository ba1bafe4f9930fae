"""Copying with OSC 52: what is sent, inside tmux and screen, and what the user is told."""

from __future__ import annotations

import base64
import re

from tui.app.osc52 import MAX_PAYLOAD, copy_text, multiplexer, sequences


class FakeDriver:
    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


class FakeApp:
    """What copy_text uses of a Textual app: copy_to_clipboard and the driver."""

    def __init__(self) -> None:
        self._driver = FakeDriver()
        self.clipboard = ""

    def copy_to_clipboard(self, text: str) -> None:
        self.clipboard = text
        payload = base64.b64encode(text.encode()).decode()
        self._driver.write(f"\x1b]52;c;{payload}\x07")


def test_multiplexer_from_the_environment() -> None:
    assert multiplexer({"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen"}) == "tmux"
    assert multiplexer({"STY": "123.pts-0.host"}) == "screen"
    assert multiplexer({"TERM": "screen-256color"}) == "screen"
    assert multiplexer({"TERM": "xterm-256color"}) is None


def test_sequences_wrap_osc52_for_tmux_and_screen() -> None:
    text = "é [-old-]{+new+}\n"
    payload = base64.b64encode(text.encode()).decode()
    assert sequences(text, None) == []
    (tmux,) = sequences(text, "tmux")
    assert tmux == f"\x1bPtmux;\x1b\x1b]52;c;{payload}\x07\x1b\\"
    long_text = "x" * 300
    (screen,) = sequences(long_text, "screen")
    assert screen.startswith("\x1bP\x1b]52;c;") and screen.endswith("\x07\x1b\\")
    chunks = re.split(r"\x1b\\\x1bP", screen[len("\x1bP\x1b]52;c;") : -len("\x07\x1b\\")])
    assert all(len(chunk) <= 76 for chunk in chunks)
    assert "".join(chunks) == base64.b64encode(long_text.encode()).decode()


def test_copy_sends_through_textual_and_says_it_cannot_be_sure() -> None:
    app = FakeApp()
    result = copy_text(
        app,
        "the change",
        what="change 1 of 4",
        fallback="press e to write a report",
        environ={"TERM": "xterm-256color"},
    )
    assert result.sent
    assert app.clipboard == "the change"
    assert app._driver.written == [f"\x1b]52;c;{base64.b64encode(b'the change').decode()}\x07"]
    assert result.message == (
        "Sent change 1 of 4 to the terminal clipboard with OSC 52; "
        "if nothing was copied, press e to write a report."
    )


def test_copy_in_tmux_also_sends_the_passthrough_and_gives_the_setting() -> None:
    app = FakeApp()
    result = copy_text(app, "abc", environ={"TMUX": "x"})
    assert len(app._driver.written) == 2
    assert app._driver.written[1].startswith("\x1bPtmux;")
    assert "set -g set-clipboard on" in result.message


def test_text_too_long_for_terminals_is_not_sent() -> None:
    app = FakeApp()
    text = "y" * (MAX_PAYLOAD // 4 * 3 + 10)
    result = copy_text(app, text, what="change 2 of 2", fallback="press e to write a report")
    assert not result.sent
    assert app.clipboard == "" and app._driver.written == []
    assert result.message.startswith("Change 2 of 2 is too long (")
    assert result.message.endswith("nothing was sent. Press e to write a report.")
