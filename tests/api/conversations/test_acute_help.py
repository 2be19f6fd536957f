"""Acute words get 112 / 113 / Veilig Thuis from the service itself, once, within 5 seconds,
whatever Rasa does: answer nothing, hang, send its own copy of the help, be rate-limited away.

A small fake Rasa (a real HTTP server on a free port) plays each part; "a person has taken
over" is in test_takeover.py, "Rasa refuses connections" in test_rasa_down.py and "the action
server is killed" end to end in tests/e2e/test_acute_help.py.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from api.conversations.models import Conversation
from api.conversations.service import ACUTE_MESSAGE
from api.main import create_app
from bot.acute_help import acute_help_text
from tests.api.conversations.conftest import BASE

PHONE = "0800-1234"  # settings.municipality_phone in this directory
ACUTE_WORDS = "ik wil er nie meer zijn"
HELP_BY_RASA = [
    {"text": "Rasa's own acute help: bel 112 of 113."},
    {"custom": {"meta": {"kind": "acute_help", "acute": True}}},
    {"text": "Wilt u verder met de vragen?"},
    {"custom": {"meta": {"kind": "question", "key": "open_request"}}},
]
QUESTION = [{"text": "Wat is er aan de hand?"}, {"custom": {"meta": {"kind": "question"}}}]
SECONDS = 5.0


class FakeRasa(ThreadingHTTPServer):
    """Answers the REST channel with `on_acute` for an acute message, else with a question.

    `on_acute`: a list of raw REST messages, or "hang" (no answer until the test ends).
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.on_acute: list[dict] | str = []
        self.received: list[str] = []
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeRasa

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass

    def _answer(self, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # the tracker: no intake state yet
        self._answer({"slots": {}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        message = json.loads(self.rfile.read(length) or b"{}").get("message", "")
        self.server.received.append(message)
        if message != ACUTE_MESSAGE:
            self._answer(QUESTION)
        elif self.server.on_acute == "hang":
            self.server.release.wait(60)
        else:
            self._answer(self.server.on_acute)


@pytest.fixture
def fake_rasa() -> Iterator[FakeRasa]:
    server = FakeRasa()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture
def rasa_url(fake_rasa: FakeRasa) -> str:
    return fake_rasa.url


def _send_timed(chat, text: str) -> tuple[list[dict], float]:
    started = time.monotonic()
    replies = chat.send(text)
    return replies, time.monotonic() - started


def _acute_helps(chat) -> list[dict]:
    return [m for m in chat.read()["transcript"] if m["meta"].get("kind") == "acute_help"]


def test_rasa_answering_nothing_still_shows_the_help(fake_rasa, start_chat):
    fake_rasa.on_acute = []
    chat = start_chat()

    replies, seconds = _send_timed(chat, ACUTE_WORDS)

    assert seconds < SECONDS
    assert [m["meta"]["kind"] for m in replies] == ["acute_help"]
    assert replies[0]["text"] == acute_help_text("nl", PHONE)
    assert replies[0]["meta"]["acute"] is True
    assert chat.read()["needs_human"] is True


def test_rasa_hanging_does_not_hold_the_help_back(fake_rasa, start_chat, session):
    fake_rasa.on_acute = "hang"
    chat = start_chat()

    replies, seconds = _send_timed(chat, ACUTE_WORDS)

    assert seconds < SECONDS
    assert replies[0]["meta"]["kind"] == "acute_help"
    assert PHONE in replies[-1]["text"]  # "the assistant cannot be reached right now"
    pending = session.get(Conversation, chat.id).pending_messages
    assert pending == [
        {"message": ACUTE_MESSAGE, "text": ACUTE_WORDS, "help_shown": True}
    ]  # kept, so the assistant still records the danger later


def test_rasas_own_help_is_not_shown_a_second_time(fake_rasa, start_chat):
    fake_rasa.on_acute = HELP_BY_RASA
    chat = start_chat()

    replies = chat.send(ACUTE_WORDS)

    assert [(m["meta"]["kind"], m["text"]) for m in replies] == [
        ("acute_help", acute_help_text("nl", PHONE)),
        ("question", "Wilt u verder met de vragen?"),
    ]
    assert len(_acute_helps(chat)) == 1


def test_a_replayed_acute_message_brings_no_second_help(fake_rasa, start_chat):
    """Rasa hung on the acute turn; with the next message the queue is replayed and Rasa
    answers the acute message with its help, which the person already has."""
    fake_rasa.on_acute = "hang"
    chat = start_chat()
    chat.send(ACUTE_WORDS)
    fake_rasa.on_acute = HELP_BY_RASA

    replies = chat.send("hallo?")

    assert [m["meta"]["kind"] for m in replies] == ["question", "question"]
    assert fake_rasa.received.count(ACUTE_MESSAGE) == 2
    assert len(_acute_helps(chat)) == 1


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Beni ve çocuklarımı öldüreceğini söyledi", "tr"),
        ("زوجي يضرب ابني الصغير", "ar"),
        ("Mąż grozi, że mnie zabije", "pl"),
        ("Він погрожує вбити мене", "uk"),
        ("ክቐትለኒ እዩ ኢሉ", "ti"),
        ("می‌خواهم بمیرم", "fa"),
    ],
)
def test_acute_words_in_an_interpreter_language_get_help_in_it_and_in_dutch(
    fake_rasa, start_chat, text, language
):
    chat = start_chat()

    [help_message, *_] = chat.send(text)

    assert help_message["meta"]["kind"] == "acute_help"
    assert help_message["meta"]["language"] == language
    assert help_message["text"] == acute_help_text(language, PHONE)


def test_an_acute_message_over_the_rate_limit_still_gets_the_help(
    fake_rasa, settings, start_chat, session
):
    with TestClient(create_app(settings.model_copy(update={"message_rate_limit": 1}))) as limited:
        chat = start_chat(via=limited)
        chat.send("Wij hebben schulden")
        over = limited.post(
            f"{BASE}/{chat.id}/messages", json={"text": "nog iets"}, headers=chat.headers
        )
        assert over.status_code == 429

        replies, seconds = _send_timed(chat, ACUTE_WORDS)

    assert seconds < SECONDS
    assert [m["meta"]["kind"] for m in replies] == ["acute_help"]
    assert chat.read()["needs_human"] is True
    assert fake_rasa.received.count(ACUTE_MESSAGE) == 0  # not relayed over the limit...
    pending = session.get(Conversation, chat.id).pending_messages
    assert pending[-1]["message"] == ACUTE_MESSAGE  # ...but kept for the assistant
