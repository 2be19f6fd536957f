"""While a KCC employee has taken a chat over, the assistant is quiet, except for acute help."""

from __future__ import annotations

import pytest

from api.conversations.models import Conversation
from tests.api.conversations.conftest import BASE


@pytest.fixture
def taken_over(client, start_chat, make_staff):
    chat = start_chat()
    kcc = make_staff("kcc")
    assert client.post(f"{BASE}/{chat.id}/takeover", headers=kcc.headers).status_code == 204
    return chat, kcc


def test_the_parent_gets_no_assistant_answer_and_nothing_is_kept_for_it(taken_over, session):
    chat, kcc = taken_over

    assert chat.send("Is daar iemand?") == []

    assert session.get(Conversation, chat.id).pending_messages == [
        {"message": "/greet", "text": None}
    ]
    assert chat.read(kcc.headers)["transcript"][-1]["text"] == "Is daar iemand?"


def test_acute_words_still_get_the_help_numbers_at_once(client, taken_over):
    chat, kcc = taken_over

    [help_message] = chat.send("Ik wil niet meer leven")

    assert help_message["meta"]["kind"] == "acute_help"
    assert "113" in help_message["text"]
    assert chat.read()["needs_human"] is True
    [item] = client.get("/api/v1/handovers", headers=kcc.headers).json()
    assert (item["id"], item["acute"], item["taken_over_by_me"]) == (chat.id, True, True)


@pytest.mark.timeout(60)
def test_the_event_stream_resumes_after_the_last_event_id(client, taken_over):
    chat, kcc = taken_over
    chat.send("Eerste bericht")
    for text in ("Goedemiddag", "Ik lees mee"):
        client.post(f"{BASE}/{chat.id}/staff-messages", json={"text": text}, headers=kcc.headers)
    seqs = [m["seq"] for m in chat.read()["transcript"]]

    events = chat.events(2, **{"last-event-id": str(seqs[-3])})

    assert [(e["seq"], e["text"], e["meta"]["sender"]) for e in events] == [
        (seqs[-2], "Goedemiddag", "staff"),
        (seqs[-1], "Ik lees mee", "staff"),
    ]
