"""The Textual app: screens, widgets, keys, messages and the stylesheet."""
