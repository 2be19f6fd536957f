"""A KCC employee's edit during a running chat reaches the assistant, and is never lost."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi.testclient import TestClient

from api.conversations.models import Conversation
from api.core.actor import Actor
from api.core.db import Database
from api.records.service import save_record
from tests.api.conversations.conftest import Chat
from tests.api.conversations.test_with_rasa import answer, question
from tests.factories import child, make_record, parent

RECORDS = "/api/v1/records"


def _edit(client: TestClient, staff_headers: dict, record_id: str, changes: dict) -> httpx.Response:
    version = client.get(f"{RECORDS}/{record_id}", headers=staff_headers).json()["version"]
    return client.patch(
        f"{RECORDS}/{record_id}",
        headers=staff_headers,
        json={"version": version, "changes": changes},
    )


@pytest.mark.rasa
class TestWithAssistant:
    @pytest.fixture
    def rasa_url(self, rasa_stack: str) -> str:
        return rasa_stack

    def test_edit_is_kept_when_the_parent_answers_on(
        self, client: TestClient, start_chat: Callable[..., Chat], make_staff, rasa_stack: str
    ) -> None:
        kcc = make_staff("kcc")
        chat = start_chat()
        while (asked := question(chat.messages))["meta"]["key"] != "screen:household":
            answer(chat, asked)
        record = chat.read()["record"]
        son = next(m for m in record["members"] if m["role"] == "child")
        index = record["members"].index(son)
        response = _edit(client, kcc.headers, record["id"], {f"members.{index}.age": 16})
        assert response.status_code == 200, response.text

        tracker = httpx.get(f"{rasa_stack}/conversations/{_sender(client, chat)}/tracker").json()
        assert tracker["slots"]["intake_state"]["record"]["members"][index]["age"] == 16

        answer(chat, question(chat.messages))  # the parent goes on
        stored = client.get(f"{RECORDS}/{record['id']}", headers=kcc.headers).json()
        assert stored["record"]["members"][index]["age"] == 16


def _sender(client: TestClient, chat: Chat) -> str:
    db: Database = client.app.state.db
    with db.session() as session:
        return session.get(Conversation, chat.id).rasa_sender_id


def test_edit_of_a_running_chat_is_refused_while_the_assistant_is_down(
    client: TestClient, start_chat: Callable[..., Chat], make_staff, db: Database
) -> None:
    kcc = make_staff("kcc")
    chat = start_chat()  # Rasa refuses connections in this module's default settings
    record = make_record(members=[parent("m1", is_respondent=True), child("m2", age=9)])
    with db.session() as session:
        save_record(session, record, Actor.system(), conversation_id=chat.id)
    response = _edit(client, kcc.headers, record.id, {"desired_outcome": "meer rust"})
    assert response.status_code == 503
    assert "not reachable" in response.json()["detail"]
    stored = client.get(f"{RECORDS}/{record.id}", headers=kcc.headers).json()
    assert stored["record"]["desired_outcome"] is None
    assert stored["version"] == 1
