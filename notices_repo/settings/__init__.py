"""The user's settings: config file, the folders notice-tui keeps files in, and the SQLite
files of derived data it keeps in its cache folder (:mod:`notices_repo.settings.cachedb`)."""
