"""Searching sections and data categories across notices and their history."""
