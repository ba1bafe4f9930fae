"""Effective dates stated in notice text: the rules and the per-language data."""
