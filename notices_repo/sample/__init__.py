"""The built-in sample repository and its data."""
