"""The two ends of a comparison: a revision and the effective version it belongs to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notices_repo.model import EffectiveVersion, Notice, Revision


@dataclass(frozen=True, slots=True)
class End:
    """One end of the comparison: a revision and the effective version it belongs to."""

    revision: Revision
    version: EffectiveVersion | None

    @property
    def date(self) -> dt.date:
        """The effective date of the version (the revision's, if it has no version)."""
        return self.version.effective_date if self.version else self.revision.effective_date

    @property
    def date_label(self) -> str:
        """The effective date as precise as it is known."""
        source = self.version or self.revision
        if source.date_precision == "month":
            return self.date.strftime("%Y-%m")
        return self.date.isoformat()

    def info(self) -> dict[str, str]:
        """``commit`` and ``effective_date``, for the Markdown report."""
        return {"commit": self.revision.commit, "effective_date": self.date.isoformat()}


def end_of(notice: Notice, revision: Revision) -> End:
    """``revision`` of ``notice`` as an end of a comparison (with its version, if any)."""
    from notices_repo.catalog.timeline import version_of

    return End(revision, version_of(notice, revision.commit))
