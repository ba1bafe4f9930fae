"""Copy text to the user's clipboard with OSC 52, the one way that works over SSH.

The app runs on the server; the clipboard is on the admin's own machine. The terminal
escape sequence OSC 52 (``ESC ] 52 ; c ; <base64> BEL``) asks the terminal emulator at
the far end of the SSH connection to put the text on its clipboard. Textual sends it
with :meth:`textual.app.App.copy_to_clipboard` (which also keeps the text as
``App.clipboard`` for Textual's own paste), and this module adds what Textual does not:

- terminal multiplexers: inside tmux the sequence is also sent wrapped for tmux's
  passthrough (used when ``allow-passthrough`` is on; tmux itself forwards the plain
  sequence when ``set-clipboard`` is ``on``), inside GNU screen wrapped in screen's
  DCS passthrough, in chunks screen accepts;
- a size limit: some terminals drop long sequences silently (hterm and others near
  100 kB), so longer text is not sent and the caller offers another way;
- honesty: a terminal never answers, and many ignore OSC 52 (macOS Terminal, xterm
  unless allowed, tmux with ``set-clipboard off``), so the message never claims the
  text was copied, only that it was sent, and says what to do when nothing arrived.

Text is sent as it is given; callers pass text already made inert (no escape sequence
from a notice can ride along when the user pastes it).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["MAX_PAYLOAD", "CopyResult", "copy_text", "multiplexer", "sequences"]

#: Longest base64 payload sent (characters); longer text is refused with a message.
MAX_PAYLOAD = 100_000
#: GNU screen passes at most this much of a DCS string at a time.
SCREEN_CHUNK = 76


class _Clipboard(Protocol):
    def copy_to_clipboard(self, text: str) -> None: ...


@dataclass(frozen=True, slots=True)
class CopyResult:
    """What happened: whether the sequence was sent, and what to tell the user."""

    sent: bool
    """The escape sequence went to the terminal (it may still have ignored it)."""
    message: str
    """One or two sentences for a notification."""


def multiplexer(environ: Mapping[str, str] | None = None) -> str | None:
    """``"tmux"``, ``"screen"`` or None: the multiplexer the app runs in, if any."""
    env = os.environ if environ is None else environ
    if env.get("TMUX"):
        return "tmux"
    if env.get("STY") or env.get("TERM", "").startswith("screen"):
        return "screen"
    return None


def sequences(text: str, where: str | None) -> list[str]:
    """The extra escape sequences to write for a multiplexer (none outside one).

    The plain OSC 52 sequence is always sent by Textual; these are the wrapped copies.
    """
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    osc = f"\x1b]52;c;{payload}\x07"
    if where == "tmux":
        return [f"\x1bPtmux;{osc.replace(chr(27), chr(27) * 2)}\x1b\\"]
    if where == "screen":
        chunks = [payload[k : k + SCREEN_CHUNK] for k in range(0, len(payload), SCREEN_CHUNK)]
        body = "\x1b\\\x1bP".join(chunks)
        return [f"\x1bP\x1b]52;c;{body}\x07\x1b\\"]
    return []


def copy_text(
    app: _Clipboard,
    text: str,
    *,
    what: str = "the text",
    fallback: str = "",
    environ: Mapping[str, str] | None = None,
) -> CopyResult:
    """Send ``text`` to the terminal's clipboard; the result says what to tell the user.

    ``what`` names the text in the message ("change 3 of 17"); ``fallback`` is the other
    way to get it ("press e to write a report"), offered when the terminal may have
    ignored the request.
    """
    encoded = base64.b64encode(text.encode("utf-8"))
    where = multiplexer(environ)
    if len(encoded) > MAX_PAYLOAD:
        size = len(text.encode("utf-8")) // 1024
        message = (
            f"{_capital(what)} is too long ({size} kB) for the terminal clipboard; "
            "nothing was sent."
        )
        return CopyResult(False, f"{message} {_capital(fallback)}." if fallback else message)
    app.copy_to_clipboard(text)
    driver: Any = getattr(app, "_driver", None)
    if driver is not None:
        for sequence in sequences(text, where):
            driver.write(sequence)
    unsure = f"if nothing was copied, {fallback}" if fallback else "your terminal may ignore it"
    message = f"Sent {what} to the terminal clipboard with OSC 52; {unsure}."
    if where == "tmux":
        message += " In tmux, set -g set-clipboard on lets it through."
    elif where == "screen":
        message += " GNU screen passes it on only to terminals that support it."
    return CopyResult(True, message)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
