"""Conversations: start, relay each message to Rasa, keep the transcript and the record.

Every message a person sends is screened by the safety lexicon first. When it is acute, the
service shows 112 / 113 / Veilig Thuis itself, at once, in the person's language (and Dutch),
whatever Rasa, its model or the action server do: Rasa only gets a few seconds on that turn,
and its own copy of the help is dropped. Rasa still receives the `acute_danger` intent (the
words in the metadata), so the intake records the signal. Nothing lives in process memory:
several workers can serve one conversation (its row is locked while a message is handled).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.conversations.models import Conversation, Message
from api.conversations.rasa_client import RasaClient, RasaUnavailable
from api.conversations.relay import EMPTY_META, pair_messages
from api.conversations.schemas import PAYLOAD_PATTERN
from api.core.actor import Actor
from api.core.errors import InvalidInputError, NotFoundError, PermissionDenied, ServiceError
from api.db_base import utcnow
from api.records.models import StoredRecord
from api.records.service import save_record
from api.staff.schemas import StaffPublic
from bot.acute_help import acute_help_text
from bot.record import IntakeRecord
from bot.safety import screen
from bot.texts import say

logger = logging.getLogger(__name__)

STATE_SLOT = "intake_state"  # the slot actions/state.py keeps the intake in
START_MESSAGE = "/greet"
HANDOVER_KINDS = ("handover", "acute_help")
ACUTE_MESSAGE = "/acute_danger"
# On an acute turn the help is already shown; Rasa gets this long (all its calls together) to
# add its answer, so the response (with the help) never waits for Rasa's normal timeout.
ACUTE_RASA_SECONDS = 3.0


class ExpiredToken(PermissionDenied):
    status_code = 401


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def get(session: Session, conversation_id: str, *, lock: bool = False) -> Conversation:
    query = select(Conversation).where(Conversation.id == conversation_id)
    conversation = session.scalar(query.with_for_update() if lock else query)
    if conversation is None:
        raise NotFoundError("conversation not found")
    return conversation


def check_access(
    conversation: Conversation,
    *,
    token: str | None,
    staff: StaffPublic | None,
    token_hours: int,
) -> None:
    """The parent's own token (not expired), or a KCC employee or admin."""
    if staff is not None and (staff.has_role("kcc") or staff.has_role("admin")):
        return
    if token is None or not hmac.compare_digest(_hash(token), conversation.token_hash):
        raise PermissionDenied("no access to this conversation")
    if utcnow() - conversation.created_at > timedelta(hours=token_hours):
        raise ExpiredToken("this conversation link has expired; please start a new one")


def _button_title(session: Session, conversation: Conversation, payload: str) -> str:
    """What the person pressed, in their words: the title of the button the assistant offered
    (of each option, for several chosen on one screen)."""
    last = session.scalar(
        select(Message)
        .where(Message.conversation_id == conversation.id, Message.sender == "bot")
        .order_by(Message.seq.desc())
        .limit(1)
    )
    buttons = (last.meta.get("buttons") if last else None) or []
    titles = {b.get("payload"): b["title"] for b in buttons}
    if payload in titles:
        return titles[payload]
    chosen = PAYLOAD_PATTERN.fullmatch(payload)
    if chosen is None:
        return payload
    # several options of a multi-select screen: the title of each, in the order sent
    each = [titles.get(f'/choose{{"option": "{value}"}}') for value in chosen[1].split(",")]
    return ", ".join(each) if all(each) else payload


def _add(
    session: Session, conversation: Conversation, sender: str, text: str, meta: dict[str, Any]
) -> Message:
    seq = (
        session.scalar(
            select(func.max(Message.seq)).where(Message.conversation_id == conversation.id)
        )
        or 0
    ) + 1
    message = Message(
        conversation_id=conversation.id,
        seq=seq,
        sender=sender,
        text=text,
        meta={**meta, "sender": sender},
    )
    session.add(message)
    session.flush()
    return message


def public(message: Message) -> dict[str, Any]:
    meta = {**EMPTY_META, **message.meta}
    buttons = meta.pop("buttons", [])
    return {"seq": message.seq, "text": message.text, "buttons": buttons, "meta": meta}


def _store_bot_messages(
    session: Session, conversation: Conversation, paired: list[dict]
) -> list[Message]:
    stored = []
    for item in paired:
        meta = {**item["meta"], "buttons": item["buttons"]}
        stored.append(_add(session, conversation, "bot", item["text"], meta))
        if meta.get("kind") in HANDOVER_KINDS:
            conversation.needs_human = True
    return stored


def _local_message(
    session: Session,
    conversation: Conversation,
    key: str,
    kind: str,
    phone: str,
) -> Message:
    """A message the service says itself (Rasa is down), from the same texts as the assistant."""
    text = say("messages", key, conversation.language, phone=phone)
    return _add(session, conversation, "bot", text, {"kind": kind, "acute": False})


def _metadata(session: Session, conversation: Conversation, text: str | None) -> dict:
    reference = session.scalar(
        select(StoredRecord.reference).where(StoredRecord.conversation_id == conversation.id)
    )
    return {
        "channel": conversation.channel,
        "language": conversation.language,
        "reference": reference,
        "text": text,
    }


def is_acute(text: str | None) -> bool:
    """The lexicon finds acute danger in the person's words (never in a button payload)."""
    return text is not None and screen(text).level == "acute"


def _outgoing(text: str | None, payload: str | None) -> dict[str, Any]:
    """What Rasa receives: the payload, a forced acute intent, or the text (never an intent).

    `help_shown` marks an acute message: the service shows the help itself, so Rasa's copy of
    it is dropped, also when the message is replayed later from the queue.
    """
    if payload:
        return {"message": payload, "text": None}
    assert text is not None
    if is_acute(text):
        return {"message": ACUTE_MESSAGE, "text": text, "help_shown": True}
    return {"message": text.lstrip("/") or ".", "text": text}


def _time_left(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise RasaUnavailable("acute deadline")
    return left


def _relay(
    session: Session,
    rasa: RasaClient,
    conversation: Conversation,
    item: dict[str, Any],
    deadline: float | None = None,
) -> list[Message]:
    metadata = _metadata(session, conversation, item["text"])
    raw = rasa.send(conversation.rasa_sender_id, item["message"], metadata, _time_left(deadline))
    paired = pair_messages(raw)
    if item.get("help_shown"):
        paired = [m for m in paired if m["meta"].get("kind") != "acute_help"]
    return _store_bot_messages(session, conversation, paired)


def _sync_record(
    session: Session, rasa: RasaClient, conversation: Conversation, deadline: float | None
) -> None:
    """Store the intake as Rasa's actions left it (a new revision only when it changed).

    Only until the person confirms: after that the stored record is the truth (staff may edit
    it) and late chat messages must not overwrite it.
    """
    if conversation.status != "active":
        return
    raw = rasa.slot(conversation.rasa_sender_id, STATE_SLOT, _time_left(deadline))
    if not raw:
        return
    record = IntakeRecord.model_validate(raw["record"])
    save_record(session, record, Actor.parent(conversation.id), conversation_id=conversation.id)
    if record.summary_confirmed:
        conversation.status = "completed"


def start(
    session: Session,
    rasa: RasaClient,
    *,
    channel: str,
    language: str,
    staff: StaffPublic | None,
    phone: str,
) -> tuple[Conversation, str, list[Message]]:
    """A new conversation with its secret token and the assistant's first messages."""
    if channel == "kcc" and not (staff and staff.has_role("kcc")):
        raise PermissionDenied("only KCC staff start phone intakes")
    token = secrets.token_urlsafe(32)
    conversation = Conversation(
        channel=channel, language=language, token_hash=_hash(token), pending_messages=[]
    )
    session.add(conversation)
    session.flush()
    try:
        messages = _relay(session, rasa, conversation, {"message": START_MESSAGE, "text": None})
    except RasaUnavailable:
        conversation.pending_messages = [{"message": START_MESSAGE, "text": None}]
        messages = [_local_message(session, conversation, "unavailable", "info", phone)]
    return conversation, token, messages


def post(
    session: Session,
    rasa: RasaClient,
    conversation: Conversation,
    *,
    text: str | None,
    payload: str | None,
    sender: str,
    phone: str,
) -> list[Message]:
    """Handle one message from the person (or the KCC employee typing the caller's words)."""
    if conversation.status == "closed":
        raise InvalidInputError("this conversation is closed")
    shown = text if text is not None else _button_title(session, conversation, payload or "")
    _add(session, conversation, sender, shown, {"payload": payload} if payload else {})
    outgoing = _outgoing(text, payload)
    acute = bool(outgoing.get("help_shown"))
    # Acute help first, from the service itself: it never waits for Rasa, a model or a person.
    replies = [_acute_help(session, conversation, text or "", phone)] if acute else []
    if conversation.taken_over_by is not None:
        # A person answers; the assistant stays quiet until it is handed back.
        return replies
    deadline = time.monotonic() + ACUTE_RASA_SECONDS if acute else None
    queue = [*conversation.pending_messages, outgoing]
    try:
        while queue:
            replies += _relay(session, rasa, conversation, queue[0], deadline)
            queue.pop(0)
    except RasaUnavailable:
        logger.warning("rasa unavailable; keeping %d message(s)", len(queue))
        replies.append(_local_message(session, conversation, "unavailable", "info", phone))
    else:
        try:
            _sync_record(session, rasa, conversation, deadline)
        except RasaUnavailable:
            # The answers came; only the record waits for the next message to be stored.
            logger.warning("rasa tracker unavailable; record not stored this turn")
    conversation.pending_messages = queue
    conversation.updated_at = utcnow()
    return replies


class AssistantUnreachable(ServiceError):
    status_code = 503


def push_record(session: Session, rasa: RasaClient, stored: StoredRecord) -> None:
    """A staff edit during an active conversation reaches the assistant too, so the next turn
    continues from the edited record instead of undoing it. Refused (and so rolled back) when
    the assistant cannot be reached: an edit must not be lost silently."""
    conversation = session.get(Conversation, stored.conversation_id or "")
    if conversation is None or conversation.status != "active":
        return
    try:
        state = rasa.slot(conversation.rasa_sender_id, STATE_SLOT)
        if state:
            rasa.set_slot(
                conversation.rasa_sender_id, STATE_SLOT, {**state, "record": stored.current}
            )
    except RasaUnavailable:
        raise AssistantUnreachable(
            "the assistant is not reachable, so the edit of this running intake was not saved; "
            "try again in a moment"
        ) from None


def hold_acute(
    session: Session, conversation: Conversation, *, text: str, sender: str, phone: str
) -> list[Message]:
    """An acute message over the rate limit: the help at once; the words wait in the queue, so
    the assistant records them with the next message (without a second copy of the help)."""
    if conversation.status == "closed":
        raise InvalidInputError("this conversation is closed")
    _add(session, conversation, sender, text, {})
    conversation.pending_messages = [*conversation.pending_messages, _outgoing(text, None)]
    conversation.updated_at = utcnow()
    return [_acute_help(session, conversation, text, phone)]


def _acute_help(session: Session, conversation: Conversation, text: str, phone: str) -> Message:
    """112 / 113 / Veilig Thuis in the conversation's language, or in the interpreter language
    the danger was written in (then with the Dutch text too); a person is called in."""
    conversation.needs_human = True
    language = screen(text).help_language or conversation.language
    words = acute_help_text(language, phone)
    meta = {"kind": "acute_help", "acute": True, "language": language}
    return _add(session, conversation, "bot", words, meta)


def view(session: Session, conversation: Conversation) -> dict[str, Any]:
    stored = session.scalar(
        select(StoredRecord).where(StoredRecord.conversation_id == conversation.id)
    )
    return {
        "id": conversation.id,
        "status": conversation.status,
        "channel": conversation.channel,
        "language": conversation.language,
        "needs_human": conversation.needs_human,
        "taken_over": conversation.taken_over_by is not None,
        "transcript": [
            {"seq": m.seq, "sender": m.sender, "text": m.text, "meta": m.meta, "at": m.created_at}
            for m in conversation.messages
        ],
        "record": stored.current if stored else None,
    }


def messages_after(session: Session, conversation_id: str, seq: int) -> list[Message]:
    return list(
        session.scalars(
            select(Message)
            .where(Message.conversation_id == conversation_id, Message.seq > seq)
            .order_by(Message.seq)
        )
    )


def ask_for_person(
    session: Session, rasa: RasaClient, conversation: Conversation, phone: str
) -> list[Message]:
    """The "praat met een medewerker" button: queue for a person and tell the parent so."""
    conversation.needs_human = True
    if conversation.taken_over_by is not None:
        return []
    try:
        return _relay(session, rasa, conversation, {"message": "/request_human", "text": None})
    except RasaUnavailable:
        return [_local_message(session, conversation, "unavailable", "handover", phone)]


def handovers(session: Session, staff: StaffPublic) -> list[dict[str, Any]]:
    """Web chats waiting for a person (acute first), and the ones this employee took over."""
    rows = session.scalars(
        select(Conversation)
        .where(Conversation.needs_human.is_(True), Conversation.status != "closed")
        .order_by(Conversation.updated_at)
    ).all()
    items = []
    for c in rows:
        if c.taken_over_by not in (None, staff.id):
            continue
        last = c.messages[-1] if c.messages else None
        items.append(
            {
                "id": c.id,
                "channel": c.channel,
                "language": c.language,
                "acute": any(m.meta.get("acute") for m in c.messages),
                "taken_over_by_me": c.taken_over_by == staff.id,
                "waiting_since": c.updated_at,
                "last_message": last.text[:200] if last else None,
            }
        )
    return sorted(items, key=lambda i: (not i["acute"], i["waiting_since"]))


def take_over(session: Session, conversation: Conversation, staff: StaffPublic) -> None:
    if conversation.taken_over_by not in (None, staff.id):
        raise PermissionDenied("another employee has taken over this conversation")
    conversation.taken_over_by = staff.id


def staff_message(
    session: Session, conversation: Conversation, staff: StaffPublic, text: str
) -> Message:
    if conversation.taken_over_by != staff.id:
        raise PermissionDenied("take the conversation over first")
    return _add(session, conversation, "staff", text, {"kind": "info", "staff": staff.username})


def release(session: Session, conversation: Conversation, staff: StaffPublic) -> None:
    """Hand the conversation back to the assistant."""
    if conversation.taken_over_by not in (None, staff.id):
        raise PermissionDenied("another employee has taken over this conversation")
    conversation.taken_over_by = None
    conversation.needs_human = False
