"""The date stamp record and the limits of the regions read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

HEADER_LINES = 40
HEADER_CHARS = 8000
END_LINES = 15
END_CHARS = 3000
MIDDLE_CHARS = 32_768  # how far after the header a first part may end ...
MIDDLE_LINES = 6  # ... and how many lines above its closing break hold its stamp
PREAMBLE_CHARS = 24_000  # the preamble (before the body proper) is read up to here ...
PREAMBLE_PROSE = 1_000  # ... while it holds at most this many characters of prose
LEAD_WORDS = 6
PARSE_DATE_MAX_CHARS = 10_000  # parse_date searches only this much of its fragment

LONG_LINE = 600  # longer lines are looked at only in a window around each year
WINDOW_BEFORE = 180  # window on a long line: characters before the year ...
WINDOW_AFTER = 60  # ... and after it
MAX_YEARS = 48  # years looked at per region (real regions hold at most ~15) ...
MAX_DATE_SEARCHES = 96  # ... and date searches per region
DATE_REACH = 45  # a date starts at most this far before its year
LABEL_REACH = 110  # a label must start at most this far before its date
NEXT_LINES = 3  # a label alone on its line may be this many lines above its date
LABEL_LINE_MAX = 120  # longest line that can be a label alone on its line
BARE_MAX = 90  # longest cleaned line that can be a bare date line


@dataclass(frozen=True, slots=True)
class DateStamp:
    """A date the text states for itself.

    ``date`` is the first of the month when ``precision`` is ``"month"``. ``label`` is
    the normalised label ("effective", "updated", "modified", "revised", "release",
    "dated", "version", "date", "front-matter"); ``line`` is the 0-based line of the date.
    ``source`` is ``"text"`` for a date the reader sees, ``"markup"`` for one read from
    a machine-readable twin (``<time datetime="...">``, kramdown ``{: datetime="..." }``)
    whose visible date is missing or unreadable.
    """

    date: datetime.date
    precision: str
    label: str
    line: int
    source: str = "text"


# The rest of the text (read last, stamp lines only, where a part opens or closes):
PART_TITLE_LINES = 4  # title lines between a thematic break and the stamp opening a part
PART_HEAD_LINES = 12  # lines (blank ones too) from the break down to that stamp
PART_CLOSE_LINES = 4  # lines from a stamp closing a part down to the break or heading
STAMP_LINE_MAX = 200  # longest line that can be a stamp line there
TITLE_MAX = 100  # longest line that can be a title there
#: Lines either side of a stamp line that decide whether it opens or closes a part:
#: a change further away leaves the verdict on that line as it was.
PART_CONTEXT_LINES = PART_HEAD_LINES + 2
