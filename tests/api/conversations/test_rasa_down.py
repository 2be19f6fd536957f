"""When Rasa refuses connections the service still answers: politely, keeping every message."""

from __future__ import annotations

import httpx
import pytest

from api.conversations.models import Conversation, Message
from api.conversations.rasa_client import RasaClient
from tests.api.conversations.conftest import BASE

PHONE = "0800-1234"  # settings.municipality_phone in this directory


def test_start_answers_politely_with_the_phone_number(start_chat, session):
    chat = start_chat()

    assert chat.id and len(chat.token) >= 32
    [message] = chat.messages
    assert PHONE in message["text"]
    assert message["text"].startswith("Sorry")
    assert session.get(Conversation, chat.id).pending_messages == [
        {"message": "/greet", "text": None}
    ]


def test_start_in_english_answers_in_english(start_chat):
    [message] = start_chat(language="en").messages

    assert "cannot be reached" in message["text"]
    assert PHONE in message["text"]


def test_messages_are_kept_in_order_and_answered_politely(start_chat, session):
    chat = start_chat()

    [first] = chat.send("Wij hebben schulden")
    chat.choose("continue")

    assert PHONE in first["text"]
    assert first["meta"]["kind"] == "info"
    pending = session.get(Conversation, chat.id).pending_messages
    assert [p["message"] for p in pending] == [
        "/greet",
        "Wij hebben schulden",
        '/choose{"option": "continue"}',
    ]
    transcript = chat.read()["transcript"]
    assert [(m["sender"], m["text"]) for m in transcript if m["sender"] == "user"] == [
        ("user", "Wij hebben schulden"),
        ("user", '/choose{"option": "continue"}'),
    ]


def test_an_acute_message_still_gets_acute_help_and_a_person(client, start_chat, make_staff):
    chat = start_chat()

    replies = chat.send("ik wil niet meer leven")

    acute = replies[0]
    assert acute["meta"]["kind"] == "acute_help"
    assert acute["meta"]["acute"] is True
    for number in ("112", "113", "Veilig Thuis"):
        assert number in acute["text"]
    assert PHONE in replies[-1]["text"]
    assert chat.read()["needs_human"] is True
    kcc = make_staff("kcc")
    queue = client.get("/api/v1/handovers", headers=kcc.headers).json()
    assert queue[0]["id"] == chat.id and queue[0]["acute"] is True


def test_asking_for_a_person_while_rasa_is_down_queues_the_chat(client, start_chat):
    chat = start_chat()

    response = client.post(f"{BASE}/{chat.id}/handover", headers=chat.headers)

    assert response.status_code == 200
    [message] = response.json()["messages"]
    assert message["meta"]["kind"] == "handover"
    assert PHONE in message["text"]
    assert chat.read()["needs_human"] is True


def test_answers_that_came_are_not_hidden_when_only_the_tracker_fails(app, start_chat, session):
    """Rasa answers the message but its tracker endpoint fails: the parent sees the answer,
    no "not reachable" apology, and nothing is kept for a replay."""

    def rasa(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/webhooks/rest/webhook":
            return httpx.Response(200, json=[{"text": "Wat is er aan de hand?"}])
        return httpx.Response(503)

    app.state.rasa.close()
    app.state.rasa = RasaClient("http://rasa.test", transport=httpx.MockTransport(rasa))
    chat = start_chat()

    replies = chat.choose("continue")

    assert [m["text"] for m in replies] == ["Wat is er aan de hand?"]
    assert session.get(Conversation, chat.id).pending_messages == []


def _offer_screen(session, chat) -> None:
    """Store a multi-select domain screen as the assistant's last message (Rasa is down here)."""
    options = {"financien": "Geld", "werk_opleiding": "Werk", "none": "Dat gaat allemaal goed"}
    buttons = [{"title": t, "payload": f'/choose{{"option": "{v}"}}'} for v, t in options.items()]
    seq = max(m["seq"] for m in chat.read()["transcript"]) + 1
    meta = {"kind": "domain_screen", "multiple": True, "buttons": buttons, "sender": "bot"}
    session.add(
        Message(conversation_id=chat.id, seq=seq, sender="bot", text="Wat speelt er?", meta=meta)
    )
    session.commit()


@pytest.mark.parametrize(
    ("option", "shown"),
    [
        ("werk_opleiding,financien", "Werk, Geld"),  # several options: each title, as sent
        ("none", "Dat gaat allemaal goed"),
        ("financien,onbekend", '/choose{"option": "financien,onbekend"}'),  # never offered
    ],
)
def test_several_options_chosen_at_once_show_as_their_titles(start_chat, session, option, shown):
    chat = start_chat()
    _offer_screen(session, chat)

    chat.choose(option)

    said = [m for m in chat.read()["transcript"] if m["sender"] == "user"]
    assert said[-1]["text"] == shown
    assert said[-1]["meta"]["payload"] == f'/choose{{"option": "{option}"}}'
    pending = session.get(Conversation, chat.id).pending_messages
    assert pending[-1] == {"message": f'/choose{{"option": "{option}"}}', "text": None}
