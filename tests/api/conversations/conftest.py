"""Conversation API fixtures: a Rasa that refuses connections, the real stack, and a parent.

`rasa_url` is the Rasa server the app talks to. By default it is a local port that is bound but
not listening, so every call is a real refused connection; Rasa-backed test modules override it
with `rasa_stack` (the real Rasa server plus our action server, one per session).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.config import Settings
from tests.api.conftest import SECRET

BASE = "/api/v1/conversations"


@pytest.fixture(scope="session")
def closed_port_url() -> Iterator[str]:
    """A URL whose port is reserved (bound) but never listens: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def rasa_url(closed_port_url: str) -> str:
    return closed_port_url


@pytest.fixture
def settings(database_url: str, tmp_path: Path, rasa_url: str) -> Settings:
    return Settings(
        _env_file=None,
        database_url=database_url,
        var_dir=tmp_path / "var",
        secret_key=SECRET,
        auto_migrate=False,
        rasa_url=rasa_url,
        municipality_phone="0800-1234",
    )


@dataclass
class Chat:
    """One conversation as the parent's browser holds it: its id, token and the last answers."""

    client: TestClient
    id: str
    token: str
    messages: list[dict[str, Any]]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def send(self, text: str | None = None, *, payload: str | None = None) -> list[dict]:
        body = {"text": text} if payload is None else {"payload": payload}
        response = self.client.post(f"{BASE}/{self.id}/messages", json=body, headers=self.headers)
        assert response.status_code == 200, response.text
        self.messages = response.json()["messages"]
        return self.messages

    def choose(self, option: str) -> list[dict]:
        return self.send(payload=f'/choose{{"option": "{option}"}}')

    def events(self, wanted: int, **headers: str) -> list[dict[str, Any]]:
        """The first `wanted` server-sent events (send `last-event-id` to resume)."""
        events: list[dict[str, Any]] = []
        url = f"{BASE}/{self.id}/events"
        with self.client.stream("GET", url, headers={**self.headers, **headers}) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    events.append(json.loads(line.removeprefix("data: ")))
                if len(events) == wanted:
                    break
        return events

    def read(self, headers: dict[str, str] | None = None) -> dict[str, Any]:
        response = self.client.get(f"{BASE}/{self.id}", headers=headers or self.headers)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def start_chat(client: TestClient) -> Callable[..., Chat]:
    """start_chat() -> a parent's web conversation; start_chat("kcc", headers=staff.headers).

    `via` starts it through another app on the same database (e.g. one whose Rasa is down).
    """

    def start(
        channel: str = "web",
        *,
        language: str = "nl",
        headers: dict[str, str] | None = None,
        via: TestClient | None = None,
    ) -> Chat:
        through = via or client
        response = through.post(
            BASE, json={"channel": channel, "language": language}, headers=headers or {}
        )
        assert response.status_code == 201, response.text
        body = response.json()
        return Chat(through, body["id"], body["token"], body["messages"])

    return start
