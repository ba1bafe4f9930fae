"""Text analysis of one notice (pure, no I/O): decoding, body, dates, sections, whitespace."""
