"""The app's screens: main, help, date prompt (others add diff, search, releases)."""
