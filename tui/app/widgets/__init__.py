"""The app's widgets, one job each."""
