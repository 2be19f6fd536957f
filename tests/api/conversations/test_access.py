"""Who reaches a conversation, what a message may contain, and how fast it may come.

Rasa refuses connections here (see conftest): access and validation never depend on it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from api.conversations.models import Conversation
from api.db_base import utcnow
from tests.api.conversations.conftest import BASE

CONVERSATION_ROUTES = [
    ("GET", ""),
    ("POST", "/messages"),
    ("POST", "/handover"),
    ("GET", "/events"),
]
STAFF_ROUTES = [
    ("GET", "/api/v1/handovers"),
    ("POST", BASE + "/{id}/takeover"),
    ("POST", BASE + "/{id}/staff-messages"),
    ("POST", BASE + "/{id}/release"),
]


def call(client, method: str, path: str, headers: dict[str, str]):
    body = {"text": "Hallo"} if method == "POST" else None
    return client.request(method, path, json=body, headers=headers)


@pytest.mark.parametrize(("method", "suffix"), CONVERSATION_ROUTES)
def test_without_the_own_token_a_conversation_is_closed(client, start_chat, method, suffix):
    mine, other = start_chat(), start_chat()
    path = f"{BASE}/{mine.id}{suffix}"

    nothing = call(client, method, path, {})
    wrong = call(client, method, path, other.headers)
    garbage = call(client, method, path, {"Authorization": "Bearer not-a-token"})

    assert (nothing.status_code, wrong.status_code, garbage.status_code) == (403, 403, 403)
    assert wrong.json()["detail"] == "no access to this conversation"


@pytest.mark.parametrize(("method", "suffix"), CONVERSATION_ROUTES)
def test_an_expired_token_is_refused_with_a_clear_message(
    client, start_chat, session, settings, method, suffix
):
    chat = start_chat()
    age = timedelta(hours=settings.conversation_token_hours, minutes=1)
    session.execute(
        update(Conversation).where(Conversation.id == chat.id).values(created_at=utcnow() - age)
    )
    session.commit()

    response = call(client, method, f"{BASE}/{chat.id}{suffix}", chat.headers)

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert "start a new one" in response.json()["detail"]


def test_a_token_just_within_its_hours_still_works(client, start_chat, session, settings):
    chat = start_chat()
    age = timedelta(hours=settings.conversation_token_hours, minutes=-5)
    session.execute(
        update(Conversation).where(Conversation.id == chat.id).values(created_at=utcnow() - age)
    )
    session.commit()

    assert chat.read()["id"] == chat.id


@pytest.mark.parametrize(
    ("roles", "allowed"), [(("kcc",), True), (("admin",), True), (("team",), False)]
)
def test_kcc_and_admin_read_any_conversation_a_team_member_does_not(
    client, start_chat, make_staff, roles, allowed
):
    chat = start_chat()
    chat.send("Wij hebben schulden")
    staff = make_staff(*roles, teams=["wijkteam-noord"] if "team" in roles else [])

    response = client.get(f"{BASE}/{chat.id}", headers=staff.headers)

    if allowed:
        assert response.status_code == 200
        users = [m["text"] for m in response.json()["transcript"] if m["sender"] == "user"]
        assert users == ["Wij hebben schulden"]
    else:
        assert response.status_code == 403


def test_the_token_can_be_sent_as_a_query_parameter_for_event_streams(client, start_chat):
    chat = start_chat()

    assert client.get(f"{BASE}/{chat.id}", params={"token": chat.token}).status_code == 200


@pytest.mark.parametrize(
    ("caller", "status"), [("anonymous", 403), ("team", 403), ("kcc", 201), ("admin", 403)]
)
def test_only_kcc_staff_start_a_phone_intake(client, make_staff, caller, status):
    headers = {} if caller == "anonymous" else make_staff(caller).headers

    response = client.post(BASE, json={"channel": "kcc"}, headers=headers)

    assert response.status_code == status
    if status == 403:
        assert response.json()["detail"] == "only KCC staff start phone intakes"


def test_anyone_may_start_a_web_chat(client):
    response = client.post(BASE, json={})

    assert response.status_code == 201
    assert set(response.json()) == {"id", "token", "messages"}


@pytest.mark.parametrize(
    "body",
    [{"channel": "phone"}, {"language": "de"}, {"channel": "web", "extra": 1}],
)
def test_start_refuses_unknown_fields_and_values(client, body):
    assert client.post(BASE, json=body).status_code == 422


@pytest.mark.parametrize(("method", "suffix"), CONVERSATION_ROUTES)
def test_an_unknown_conversation_is_404(client, start_chat, method, suffix):
    chat = start_chat()

    response = call(client, method, f"{BASE}/no-such-id{suffix}", chat.headers)

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"text": ""}, "non-empty text or a payload"),
        ({"text": "   "}, "non-empty text or a payload"),
        ({}, "non-empty text or a payload"),
        ({"text": "x" * 4001}, "at most 4000 characters"),
        ({"text": "Ja", "payload": '/choose{"option": "yes"}'}, "either"),
        ({"payload": "/restart"}, "buttons"),
        ({"payload": "/acute_danger"}, "buttons"),
        ({"payload": '/choose{"option": "<b>"}'}, "buttons"),
        ({"text": "Ja", "intent": "greet"}, "extra"),
    ],
)
def test_a_message_that_is_not_text_or_one_of_our_buttons_is_422(client, start_chat, body, words):
    chat = start_chat()

    response = client.post(f"{BASE}/{chat.id}/messages", json=body, headers=chat.headers)

    assert response.status_code == 422
    assert words in response.json()["detail"].lower()
    assert [m for m in chat.read()["transcript"] if m["sender"] == "user"] == []


def test_text_of_exactly_the_maximum_length_is_accepted(start_chat):
    chat = start_chat()

    chat.send("a" * 4000)

    assert chat.read()["transcript"][-2]["text"] == "a" * 4000


def test_a_typed_slash_command_never_reaches_rasa_as_an_intent(start_chat, session):
    chat = start_chat()

    chat.send("/restart")

    pending = session.get(Conversation, chat.id).pending_messages
    assert pending[-1] == {"message": "restart", "text": "/restart"}


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \u202e'


def test_hostile_html_is_stored_and_returned_verbatim_as_text(client, start_chat):
    chat = start_chat()

    chat.send(HOSTILE)

    response = client.get(f"{BASE}/{chat.id}", headers=chat.headers)
    assert response.headers["content-type"] == "application/json"
    [mine] = [m for m in response.json()["transcript"] if m["sender"] == "user"]
    assert mine["text"] == HOSTILE.strip()


def test_the_21st_message_in_a_minute_is_refused(client, start_chat, settings):
    chat, other = start_chat(), start_chat()
    for n in range(settings.message_rate_limit):
        chat.send(f"bericht {n}")

    response = client.post(
        f"{BASE}/{chat.id}/messages", json={"text": "nog een"}, headers=chat.headers
    )

    assert settings.message_rate_limit == 40
    assert response.status_code == 429
    assert "too many messages" in response.json()["detail"]
    other.send("Een ander gesprek telt apart")


@pytest.mark.parametrize(("method", "path"), STAFF_ROUTES)
@pytest.mark.parametrize(("caller", "status"), [("anonymous", 401), ("parent", 401), ("team", 403)])
def test_handover_controls_are_for_kcc_and_admin_only(
    client, start_chat, make_staff, method, path, caller, status
):
    chat = start_chat()
    headers = {
        "anonymous": {},
        "parent": chat.headers,
        "team": make_staff("team").headers if caller == "team" else {},
    }[caller]

    response = call(client, method, path.format(id=chat.id), headers)

    assert response.status_code == status


@pytest.mark.parametrize("role", ["kcc", "admin"])
def test_kcc_and_admin_see_the_handover_queue(client, start_chat, make_staff, role):
    waiting, _quiet = start_chat(), start_chat()
    client.post(f"{BASE}/{waiting.id}/handover", headers=waiting.headers)

    response = client.get("/api/v1/handovers", headers=make_staff(role).headers)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [waiting.id]


def test_a_conversation_taken_over_by_one_employee_is_closed_to_another(
    client, start_chat, make_staff
):
    chat = start_chat()
    first, second = make_staff("kcc"), make_staff("kcc")
    assert client.post(f"{BASE}/{chat.id}/takeover", headers=first.headers).status_code == 204

    takeover = client.post(f"{BASE}/{chat.id}/takeover", headers=second.headers)
    message = client.post(
        f"{BASE}/{chat.id}/staff-messages", json={"text": "Hallo"}, headers=second.headers
    )
    release = client.post(f"{BASE}/{chat.id}/release", headers=second.headers)

    assert (takeover.status_code, message.status_code, release.status_code) == (403, 403, 403)
    queue = client.get("/api/v1/handovers", headers=second.headers).json()
    assert chat.id not in [item["id"] for item in queue]


def test_staff_must_take_over_before_writing_to_the_parent(client, start_chat, make_staff):
    chat = start_chat()
    kcc = make_staff("kcc")

    response = client.post(
        f"{BASE}/{chat.id}/staff-messages", json={"text": "Hallo"}, headers=kcc.headers
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "take the conversation over first"


def test_starts_are_counted_per_address_for_parents_and_per_account_for_kcc(
    client, make_staff, settings
):
    settings.conversation_rate_limit = 2
    for _ in range(2):
        assert client.post(BASE, json={}).status_code == 201

    refused = client.post(BASE, json={})
    colleague_on_the_same_network = client.post(
        BASE, json={"channel": "kcc"}, headers=make_staff("kcc").headers
    )

    assert refused.status_code == 429
    assert colleague_on_the_same_network.status_code == 201


def test_one_address_cannot_flood_through_many_conversations(client, start_chat, settings):
    settings.address_message_rate_limit = 3
    chats = [start_chat() for _ in range(4)]
    for chat in chats[:3]:
        chat.send("hallo")

    response = client.post(
        f"{BASE}/{chats[3].id}/messages", json={"text": "hallo"}, headers=chats[3].headers
    )

    assert response.status_code == 429
    assert "too many messages" in response.json()["detail"]
