"""The merged release calendar written as ``releases.toml``, the format calendars are read in.

A connected machine runs ``notice-tui releases --export releases.toml``; the file is
committed at the root of the notices repository and ``notice-tui import`` brings it to
the air-gapped box, where :func:`notices_repo.support.calendar.repository_calendar`
reads it. Only the keys every notice-tui version reads are written (``[policy]`` and
``[[release]]`` with version, released, support_ends, lts, note), so an older install
reads the file too. A date computed by the rule is left out when the exported policy
computes the same date, so the reader sees it as the rule's (``basis`` "rule") and a
date Rocket.Chat states later still wins over it.
"""

from __future__ import annotations

import datetime as dt

from notices_repo.support.policy import RULE, Policy
from notices_repo.support.releases import MergedCalendar

__all__ = ["calendar_toml", "toml_string"]


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and control characters escaped.

    Not ``json.dumps``: with ``ensure_ascii`` it writes a character beyond U+FFFF as a
    surrogate pair (``\\ud83d\\ude00``), which TOML refuses; without it, DEL (U+007F)
    stays raw, which TOML refuses too.
    """
    out = ['"']
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\t":
            out.append("\\t")
        elif char == "\n":
            out.append("\\n")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def calendar_toml(calendar: MergedCalendar, policy: Policy, today: dt.date) -> str:
    """The calendar as ``releases.toml`` text, oldest release first."""
    lines = [
        f"# {calendar.product} release calendar for notice-tui, exported {today.isoformat()}",
        f"# from: {', '.join(calendar.sources) or 'nothing'}.",
        "# Commit it as releases.toml at the root of the notices repository;",
        "# notice-tui import brings it in with the notices. A release without support_ends",
        "# ends by the [policy] rule (no published date was found for it).",
        "",
        "[policy]",
        f"product = {toml_string(calendar.product)}",
        f"months = {policy.months}",
        f"end = {toml_string(policy.end)}",
    ]
    if policy.lts_months is not None:
        lines.append(f"lts_months = {policy.lts_months}")
    for entry in calendar.entries:
        lines += [
            "",
            "[[release]]",
            f"version = {toml_string(entry.version)}",
            f"released = {entry.released.isoformat()}",
        ]
        by_rule = policy.support_ends(entry.released, entry.lts) == entry.support_ends
        if entry.basis != RULE or not by_rule:
            lines.append(f"support_ends = {entry.support_ends.isoformat()}")
        if entry.lts:
            lines.append("lts = true")
        if entry.note:
            lines.append(f"note = {toml_string(entry.note)}")
    return "\n".join(lines) + "\n"
