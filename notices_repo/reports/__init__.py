"""Reports over the whole repository: what changed in a period, whether reviews keep up."""
