"""Headless subcommands of ``notice-tui``, one module each.

Each module defines ``NAME``, ``HELP``, ``DESCRIPTION``, ``EXAMPLES`` (runnable offline,
checked by a test), optionally ``USAGE_EXIT``, ``add_arguments(parser)`` and
``run(args, ctx) -> int``. None of them imports Textual.
"""
