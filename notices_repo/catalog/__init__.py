"""The catalog of a repository: loading, blob facts, cache, timeline, resolving, reviews."""
