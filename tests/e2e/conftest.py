"""Whole intakes against a real Rasa server with our real action server.

`rasa_stack` comes from tests/fixtures/stack.py (registered in the root conftest, so the whole
session shares one Rasa server). The REST turn latencies of every conversation are reported at
the end of the run.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator

import pytest

from tests.e2e.chat import Chat

LATENCIES: list[float] = []


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
