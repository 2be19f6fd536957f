"""A parent talking to the assistant through Rasa's REST channel, the way our service does.

Each message goes to `{rasa}/webhooks/rest/webhook` with the service's metadata
({"channel", "language", "text"}); an acute text is sent as `/acute_danger` with the words in
the metadata, as api/conversations/service.py does (`forward_acute=False` sends the raw words
instead, to prove the assistant catches them itself). The REST channel answers a text and its
{"custom": {"meta": ...}} payload as two messages; `BotMessage` pairs them again, strictly: a
text without metadata keeps `meta=None`, so tests can demand that every message carries it.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from bot.safety import screen
from bot.state import IntakeState

START_MESSAGE = "/greet"  # what the service sends when a conversation starts


@dataclass
class BotMessage:
    text: str
    buttons: list[dict[str, str]]
    meta: dict[str, Any] | None

    @property
    def kind(self) -> str | None:
        return self.meta.get("kind") if self.meta else None

    @property
    def key(self) -> str | None:
        return self.meta.get("key") if self.meta else None


def pair(raw: list[dict[str, Any]]) -> list[BotMessage]:
    """[{"text", "buttons"}, {"custom": {"meta"}}, ...] -> one BotMessage per text."""
    messages: list[BotMessage] = []
    for item in raw:
        custom = item.get("custom")
        if isinstance(custom, dict) and "meta" in custom:
            assert messages and messages[-1].meta is None, f"metadata without a text: {raw}"
            messages[-1].meta = custom["meta"]
        elif "text" in item:
            messages.append(BotMessage(item["text"], item.get("buttons") or [], None))
    return messages


@dataclass
class Chat:
    """One conversation; `turns` keeps what each call returned, `latencies` its duration (s)."""

    base_url: str
    channel: str = "web"
    language: str = "nl"
    forward_acute: bool = True
    sender: str = field(default_factory=lambda: f"e2e-{uuid.uuid4().hex[:12]}")
    turns: list[list[BotMessage]] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    def _send(self, message: str, text: str | None) -> list[BotMessage]:
        body = {
            "sender": self.sender,
            "message": message,
            "metadata": {"channel": self.channel, "language": self.language, "text": text},
        }
        started = time.perf_counter()
        response = httpx.post(f"{self.base_url}/webhooks/rest/webhook", json=body, timeout=30)
        self.latencies.append(time.perf_counter() - started)
        response.raise_for_status()
        replies = pair(response.json() or [])
        self.turns.append(replies)
        return replies

    def start(self) -> list[BotMessage]:
        return self._send(START_MESSAGE, None)

    def say(self, text: str) -> list[BotMessage]:
        """The person types `text`."""
        if self.forward_acute and screen(text).level == "acute":
            return self._send("/acute_danger", text)
        return self._send(text, text)

    def press(self, *options: str) -> list[BotMessage]:
        """The person presses a button (several options are sent as "a,b")."""
        payload = json.dumps({"option": ",".join(options)})
        return self._send(f"/choose{payload}", None)

    def slots(self) -> dict[str, Any]:
        url = f"{self.base_url}/conversations/{self.sender}/tracker"
        response = httpx.get(url, params={"include_events": "NONE"}, timeout=10)
        response.raise_for_status()
        return response.json().get("slots") or {}

    def state(self) -> IntakeState:
        """The intake as the actions left it in the intake_state slot."""
        raw = self.slots().get("intake_state")
        return IntakeState.model_validate(raw) if raw else IntakeState()

    @property
    def last(self) -> list[BotMessage]:
        return self.turns[-1]

    @property
    def kinds(self) -> list[str | None]:
        """The kinds of the messages of the latest reply, in order."""
        return [m.kind for m in self.last]

    @property
    def untagged(self) -> list[BotMessage]:
        """Bot messages that came without their metadata (there should be none)."""
        return [m for turn in self.turns for m in turn if m.meta is None]

    @property
    def asked(self) -> BotMessage | None:
        """The question in the latest reply (a message with a question key), if any."""
        return next((m for m in reversed(self.last) if m.key), None)
