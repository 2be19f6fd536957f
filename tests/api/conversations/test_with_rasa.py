"""The conversation API against the real assistant: our Rasa model and our action server.

One Rasa stack serves the whole session (~1 min to start); each turn takes 0.1-0.5 s.
The parent presses the buttons the assistant offers and types free text where it asks an
open question, as the widget does.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.conversations.models import Conversation
from api.main import create_app
from api.outbox.models import OutboxItem
from tests.api.conversations.conftest import BASE, Chat

pytestmark = pytest.mark.rasa

TYPED = {
    "open_request": "We hebben veel schulden en mijn zoon spijbelt steeds van school",
    "household": "ik, mijn man en mijn zoon van 15",
    "desired_outcome": "Dat we weer rust hebben thuis",
    "child_view": "hij weet het, hij wil vooral dat het thuis rustiger wordt",
}
CHOSEN = {
    "notice": "continue",
    "reflection": "yes",
    "who": "household",
    "safety:confirm": "no",  # the model may suspect danger in a calm answer: the parent says no
    "coordinator": "nobody",
    "consent": "yes",
    "safety:home": "yes",
    "safety:children": "no",
    "services": "nobody",
    "coordination": "yes",
    "contact": "letter",
    "summary": "confirm",
}
MAX_TURNS = 40


@pytest.fixture
def rasa_url(rasa_stack: str) -> str:
    return rasa_stack


def question(messages: list[dict]) -> dict | None:
    """The question among the assistant's answers (the last message that has a key)."""
    asked = [m for m in messages if m["meta"].get("key")]
    return asked[-1] if asked else None


def answer(chat: Chat, asked: dict) -> list[dict]:
    """Answer like a parent: type for open questions, else press the button we planned."""
    key = asked["meta"]["key"]
    if key in TYPED:
        return chat.send(TYPED[key])
    option = (
        CHOSEN.get(key)
        or CHOSEN.get(key.split(":")[0])
        or {"detail": "2", "screen": "none"}[key.split(":")[0]]
    )
    assert option in [o["value"] for o in asked["meta"]["options"]], (key, option)
    [button] = [b for b in asked["buttons"] if json.loads(b["payload"][7:])["option"] == option]
    return chat.send(payload=button["payload"])


def finish(chat: Chat) -> list[dict]:
    """Answer every question until the assistant stops asking; returns its last answers."""
    messages = chat.messages
    for _ in range(MAX_TURNS):
        asked = question(messages)
        if asked is None:
            return messages
        messages = answer(chat, asked)
    raise AssertionError(f"still asking after {MAX_TURNS} turns: {messages[-1]['text']}")


def test_a_full_web_intake_ends_with_a_confirmed_record(client, start_chat, make_staff, session):
    chat = start_chat()
    assert question(chat.messages)["meta"]["kind"] == "notice"

    closing = finish(chat)

    view = chat.read()
    assert view["status"] == "completed"
    record = view["record"]
    assert record["summary_confirmed"] is True
    assert [(m["role"], m["age"]) for m in record["members"]] == [
        ("parent", None),
        ("partner", None),
        ("child", 15),
    ]
    concerns = {(d["member_id"], d["domain"]) for d in record["domains"] if d["concern"]}
    assert concerns == {(None, "financien"), ("m3", "werk_opleiding")}
    assert "coordination_wish" in {f["code"] for f in record["flags"]}
    said = [m for m in view["transcript"] if m["sender"] == "user"]
    # a pressed button shows as its title, as the person saw it; the payload stays in meta
    assert [m["text"] for m in said[:2]] == ["Ik begrijp het, verder", TYPED["open_request"]]
    assert said[0]["meta"]["payload"] == '/choose{"option": "continue"}'
    assert [m["meta"]["kind"] for m in closing] == ["intake_complete"]

    kcc = make_staff("kcc")
    stored = client.get(f"/api/v1/records/{record['id']}", headers=kcc.headers).json()
    assert stored["status"] == "confirmed"
    assert stored["reference"] == record["reference"]
    assert stored["reference"] in closing[0]["text"]
    outbox = session.scalars(select(OutboxItem).where(OutboxItem.record_id == record["id"]))
    assert [item.target for item in outbox] == ["team_export"]


def test_acute_words_mid_intake_get_help_at_once_and_a_person(client, start_chat, make_staff):
    waiting = start_chat()
    client.post(f"{BASE}/{waiting.id}/handover", headers=waiting.headers)
    chat = start_chat()
    chat.choose("continue")
    chat.send(TYPED["open_request"])
    asked_before = question(chat.choose("yes"))

    replies = chat.send("ik wil niet meer leven")

    assert replies[0]["meta"]["kind"] == "acute_help"
    assert replies[0]["meta"]["acute"] is True
    assert "113" in replies[0]["text"]
    assert question(replies)["meta"]["key"] == asked_before["meta"]["key"] == "household"
    view = chat.read()
    assert view["needs_human"] is True
    assert view["record"]["safety"]["level"] == "acute"
    queue = client.get("/api/v1/handovers", headers=make_staff("kcc").headers).json()
    assert [(item["id"], item["acute"]) for item in queue] == [
        (chat.id, True),
        (waiting.id, False),
    ]


@pytest.mark.timeout(120)
def test_a_kcc_employee_takes_over_and_hands_back(client, start_chat, make_staff):
    chat = start_chat()
    chat.choose("continue")
    response = client.post(f"{BASE}/{chat.id}/handover", headers=chat.headers)
    assert response.json()["messages"][0]["meta"]["kind"] == "handover"
    kcc = make_staff("kcc")
    assert chat.id in [
        item["id"] for item in client.get("/api/v1/handovers", headers=kcc.headers).json()
    ]

    assert client.post(f"{BASE}/{chat.id}/takeover", headers=kcc.headers).status_code == 204
    assert chat.send("Hallo, is daar iemand?") == []
    last_seq = chat.read()["transcript"][-1]["seq"]
    sent = client.post(
        f"{BASE}/{chat.id}/staff-messages",
        json={"text": "Ik ben Sanne van de gemeente. Ik help u verder."},
        headers=kcc.headers,
    ).json()

    [event] = chat.events(1, **{"last-event-id": str(last_seq)})
    assert event["text"] == sent["text"] == "Ik ben Sanne van de gemeente. Ik help u verder."
    assert event["meta"]["sender"] == "staff"
    assert chat.read()["transcript"][-1]["sender"] == "staff"
    assert chat.read(kcc.headers)["taken_over"] is True

    assert client.post(f"{BASE}/{chat.id}/release", headers=kcc.headers).status_code == 204
    replies = chat.send(TYPED["open_request"])
    assert question(replies)["meta"]["key"] == "household"
    assert chat.read()["needs_human"] is False


def test_a_kcc_phone_intake_words_questions_for_the_caller(make_staff, start_chat):
    kcc = make_staff("kcc")
    chat = start_chat("kcc", headers=kcc.headers)
    notice = question(chat.messages)

    open_request = question(chat.choose("continue"))

    for asked in (notice, open_request):
        assert asked["text"].startswith("Vraag de beller: ")
    assert chat.read(kcc.headers)["channel"] == "kcc"


def test_a_conversation_continues_in_order_when_rasa_is_back(
    client, settings, closed_port_url, start_chat, session
):
    down = create_app(settings.model_copy(update={"rasa_url": closed_port_url}))
    with TestClient(down) as without_rasa:
        chat = start_chat(via=without_rasa)
        chat.choose("continue")
        chat.send(TYPED["open_request"])
    assert len(session.get(Conversation, chat.id).pending_messages) == 3

    chat.client = client  # the same database, Rasa answering again
    replies = chat.send(TYPED["household"])

    asked = [m["meta"]["key"] for m in replies if m["meta"].get("key")]
    assert asked == ["notice", "open_request", "household", "reflection"]
    assert chat.read()["record"]["request_own_words"] == TYPED["open_request"]
    session.expire_all()
    assert session.get(Conversation, chat.id).pending_messages == []


@pytest.mark.parametrize("caller", ["kcc", "team", "admin"])
def test_analyse_understands_a_dutch_message_with_the_model(client, make_staff, caller):
    text = "We hebben grote schulden en mijn zoon van 14 spijbelt al weken"

    response = client.post(
        "/api/v1/analyse", json={"text": text}, headers=make_staff(caller).headers
    )

    assert response.status_code == 200
    body = response.json()
    assert body["model_available"] is True
    assert body["language"] == "nl"
    assert {"financien", "werk_opleiding"} <= set(body["domains"])
    assert "zoon" in body["members"]
    assert 14 in body["ages"]
    assert body["safety"]["level"] == "none"
    assert [s["text"] for s in body["sentences"]] == [text]
    assert {"financien", "werk_opleiding"} <= set(body["sentences"][0]["domains"])


def test_analyse_marks_an_acute_message(client, make_staff):
    response = client.post(
        "/api/v1/analyse",
        json={"text": "Mijn man slaat me en ik ben bang dat hij me vanavond vermoordt"},
        headers=make_staff("kcc").headers,
    )

    body = response.json()
    assert body["safety"]["level"] == "acute"
    assert body["safety"]["signals"]
