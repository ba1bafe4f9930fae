"""The user's settings: config file and the folders notice-tui keeps files in."""
