"""Whole intakes against a real Rasa server with our real action server.

The Rasa fixtures are registered as plugins from here (not with `pytest_plugins`, which pytest
refuses in a conftest below the root when the whole suite runs); registering twice is a no-op,
so other directories share the same servers. The REST turn latencies of every conversation are
reported at the end of the run.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator

import pytest

from tests.e2e.chat import Chat

PLUGINS = ("tests.fixtures.rasa", "tests.fixtures.stack")
LATENCIES: list[float] = []


def pytest_configure(config: pytest.Config) -> None:
    for name in PLUGINS:
        config.pluginmanager.import_plugin(name)


@pytest.fixture
def new_chat(rasa_stack: str) -> Iterator[Callable[..., Chat]]:
    """Start conversations (each with its own sender id) on the running assistant."""
    chats: list[Chat] = []

    def start(*, greet: bool = True, **options: object) -> Chat:
        """greet=False: no "/greet" first, as a client of the bare REST channel would."""
        chat = Chat(rasa_stack, **options)  # type: ignore[arg-type]
        chats.append(chat)
        if greet:
            chat.start()
        return chat

    yield start
    for chat in chats:
        LATENCIES.extend(chat.latencies)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if len(LATENCIES) < 2:
        return
    cuts = statistics.quantiles(LATENCIES, n=20, method="inclusive")
    terminalreporter.write_line(
        f"REST turn latency over {len(LATENCIES)} turns: "
        f"p50 {statistics.median(LATENCIES) * 1000:.0f} ms, p95 {cuts[18] * 1000:.0f} ms, "
        f"max {max(LATENCIES) * 1000:.0f} ms"
    )
