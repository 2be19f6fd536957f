"""Shared by every test directory; area fixtures live next to their tests.

The server and browser fixtures are plugins registered here, at the root, so that one Rasa
server, one action server and one browser serve the whole session.
"""

pytest_plugins = ["tests.fixtures.rasa", "tests.fixtures.stack", "tests.fixtures.browser"]
