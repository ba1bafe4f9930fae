"""Comparing two versions of a notice: by section, by word, and renderings of the result."""
