"""Public conversation API (/api/v1/conversations) plus the KCC hand-over controls.

This router is the named exception to "staff only": parents reach their own conversation
with the token they got at the start; KCC staff and admins reach every conversation.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from api.conversations import service
from api.conversations.models import Message
from api.conversations.schemas import (
    ConversationCreate,
    ConversationStarted,
    ConversationView,
    HandoverItem,
    MessageCreate,
    MessageOut,
    MessagesOut,
    StaffMessage,
)
from api.core.errors import PermissionDenied
from api.core.ratelimit import make_rate_limiter
from api.deps import (
    RasaDep,
    SessionDep,
    SettingsDep,
    client_address,
    get_db,
    optional_staff,
    require_role,
)
from api.staff.schemas import StaffPublic

router = APIRouter(prefix="/api/v1", tags=["conversations"])

OptionalStaff = Annotated[StaffPublic | None, Depends(optional_staff)]
KccStaff = Annotated[StaffPublic, Depends(require_role("kcc", "admin"))]
SSE_POLL_SECONDS = 1.0
SSE_MAX_SECONDS = 300  # the browser reconnects with Last-Event-ID


def _conversation_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return token.strip()
    return request.query_params.get("token")


def _open(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    staff: StaffPublic | None,
    conversation_id: str,
    lock: bool = False,
):
    conversation = service.get(session, conversation_id, lock=lock)
    service.check_access(
        conversation,
        token=_conversation_token(request),
        staff=staff,
        token_hours=settings.conversation_token_hours,
    )
    return conversation


def _limit(
    request: Request,
    settings: SettingsDep,
    bucket: str,
    key: str,
    limit: int,
    window: int,
    what: str = "messages",
) -> None:
    limiter = make_rate_limiter(settings, request.app.state.db.engine, bucket, limit, window)
    if limiter.exceeded(key):
        raise TooManyRequests(f"too many {what}; please wait a moment")
    limiter.hit(key)


def _messages_out(messages: list[Message]) -> MessagesOut:
    return MessagesOut(messages=[MessageOut(**service.public(m)) for m in messages])


class TooManyRequests(PermissionDenied):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS


@router.post("/conversations", status_code=status.HTTP_201_CREATED)
def start_conversation(
    body: ConversationCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    rasa: RasaDep,
    staff: OptionalStaff,
) -> ConversationStarted:
    """Start a conversation; keep the returned token: it is the only key to it.

    Parents are counted per address; a KCC employee per account, because a whole call
    centre usually shares one address.
    """
    _limit(
        request,
        settings,
        "conversation-start",
        f"staff:{staff.username}" if staff else client_address(request),
        settings.conversation_rate_limit,
        settings.conversation_rate_window_seconds,
        what="new conversations",
    )
    conversation, token, messages = service.start(
        session,
        rasa,
        channel=body.channel,
        language=body.language,
        staff=staff,
        phone=settings.municipality_phone,
    )
    return ConversationStarted(
        id=conversation.id,
        token=token,
        messages=_messages_out(messages).messages,
    )


@router.post("/conversations/{conversation_id}/messages")
def post_message(
    conversation_id: str,
    body: MessageCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    rasa: RasaDep,
    staff: OptionalStaff,
) -> MessagesOut:
    """Send the person's text or a button payload; returns the assistant's answers.

    Limited per conversation and, for parents, per address (many chats from one address).
    An acute message over the limit still gets the acute help (and is kept for the assistant).
    """
    conversation = _open(request, session, settings, staff, conversation_id, lock=True)
    try:
        _limit(
            request,
            settings,
            "conversation-message",
            conversation.id,
            settings.message_rate_limit,
            60,
        )
        if staff is None:
            _limit(
                request,
                settings,
                "address-message",
                client_address(request),
                settings.address_message_rate_limit,
                60,
            )
    except TooManyRequests:
        if body.text is None or not service.is_acute(body.text):
            raise
        held = service.hold_acute(
            session, conversation, text=body.text, sender="user", phone=settings.municipality_phone
        )
        return _messages_out(held)
    replies = service.post(
        session,
        rasa,
        conversation,
        text=body.text,
        payload=body.payload,
        sender="user",
        phone=settings.municipality_phone,
    )
    return _messages_out(replies)


@router.get("/conversations/{conversation_id}")
def read_conversation(
    conversation_id: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    staff: OptionalStaff,
) -> ConversationView:
    """The transcript and the intake record as it stands."""
    conversation = _open(request, session, settings, staff, conversation_id)
    return ConversationView(**service.view(session, conversation))


@router.post("/conversations/{conversation_id}/handover")
def ask_for_person(
    conversation_id: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    rasa: RasaDep,
    staff: OptionalStaff,
) -> MessagesOut:
    """The parent asks for a person: the chat joins the KCC queue."""
    conversation = _open(request, session, settings, staff, conversation_id, lock=True)
    replies = service.ask_for_person(session, rasa, conversation, settings.municipality_phone)
    return _messages_out(replies)


@router.get("/conversations/{conversation_id}/events")
async def stream_events(
    conversation_id: str,
    request: Request,
    settings: SettingsDep,
    staff: OptionalStaff,
    after: Annotated[int, Query(ge=0)] = 0,
) -> StreamingResponse:
    """Server-sent events: every new message (also a KCC employee's) as `data: {json}`.

    Reads the database, not process memory, so any worker can serve the stream.
    """
    db = get_db(request)

    def check() -> None:
        with db.session() as session:
            _open(request, session, settings, staff, conversation_id)

    await run_in_threadpool(check)
    last = int(request.headers.get("last-event-id") or after)

    def fetch(seq: int) -> list[dict]:
        with db.session() as session:
            return [
                service.public(m) for m in service.messages_after(session, conversation_id, seq)
            ]

    async def events() -> AsyncIterator[str]:
        nonlocal last
        for _ in range(int(SSE_MAX_SECONDS / SSE_POLL_SECONDS)):
            if await request.is_disconnected():
                return
            for message in await run_in_threadpool(fetch, last):
                last = message["seq"]
                yield f"id: {last}\ndata: {json.dumps(message, default=str)}\n\n"
            await asyncio.sleep(SSE_POLL_SECONDS)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.get("/handovers")
def list_handovers(session: SessionDep, staff: KccStaff) -> list[HandoverItem]:
    """Web chats that asked for a person (acute first) and the ones you took over."""
    return [HandoverItem(**item) for item in service.handovers(session, staff)]


@router.post("/conversations/{conversation_id}/takeover", status_code=204)
def take_over(conversation_id: str, session: SessionDep, staff: KccStaff) -> None:
    service.take_over(session, service.get(session, conversation_id, lock=True), staff)


@router.post("/conversations/{conversation_id}/staff-messages")
def send_staff_message(
    conversation_id: str, body: StaffMessage, session: SessionDep, staff: KccStaff
) -> MessageOut:
    conversation = service.get(session, conversation_id, lock=True)
    return MessageOut(
        **service.public(service.staff_message(session, conversation, staff, body.text))
    )


@router.post("/conversations/{conversation_id}/release", status_code=204)
def release(conversation_id: str, session: SessionDep, staff: KccStaff) -> None:
    """Hand the conversation back to the assistant."""
    service.release(session, service.get(session, conversation_id, lock=True), staff)
