"""Shared by every test directory; area fixtures live next to their tests."""
