"""notice-tui tests (a package so tests can share helpers from conftest)."""
