"""Browser fixtures for these tests (a no-op when tests/conftest.py already loads the plugin)."""

from tests.fixtures.browser import browser, live_app, new_page, web_app  # noqa: F401
