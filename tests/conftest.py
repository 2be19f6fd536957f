"""Shared by every test directory; area fixtures live next to their tests."""

pytest_plugins = ["tests.fixtures.rasa"]
