"""What both front ends do, written once: the CLI's commands and the app call these.

- :mod:`notices_repo.usecases.repository`: open the repository the user chose (``--repo``,
  ``NOTICE_TUI_REPO``, the config file, the built-in sample).
- :mod:`notices_repo.usecases.show`: read one version of a notice (the ``show`` command
  and the main screen's reader).
- :mod:`notices_repo.usecases.compare`: compare two versions of a notice (the ``diff``
  command and the diff screen).
- :mod:`notices_repo.usecases.search`: search sections and data categories, in the versions
  in force or in every version (the ``search`` command and the search screen).
- :mod:`notices_repo.usecases.changes`: the changes of a period in every notice (the
  ``changes`` command and the changes screen).
- :mod:`notices_repo.usecases.support`: the running release and its support verdict (the
  ``status`` and ``releases`` commands and the app's status line).

Plain functions and small dataclasses: no Textual, no printing (warnings go to a callback
or come back in the result). The top layer of ``notices_repo``: it may import every other
room, and nothing in ``notices_repo`` imports it. This package imports none of its
modules: each front end imports only the use case it runs (``status`` never pays for the
search index or rapidfuzz).
"""

from __future__ import annotations

from notices_repo.errors import NoticeError


class InvalidRequest(NoticeError):
    """A request a use case cannot run (e.g. both ends 'previous'): one line with the fix."""


__all__ = ["InvalidRequest"]
