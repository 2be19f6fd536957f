"""Erasure on request: one family's chat, tracker, records and revisions, in one go.

Found from either end: a conversation id (what the parent's link holds) or a record id (what
staff see). What stays is one audit entry with counts and ids, never content. The case
system keeps its own copy of a delivered record: erase it there as well.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audit.service import record_event
from api.conversations.models import Conversation
from api.core.actor import Actor
from api.core.errors import NotFoundError, PermissionDenied
from api.records.models import StoredRecord
from api.retention.deletion import Removed, remove
from api.retention.tracker import TrackerStore
from api.staff.service import get_by_username


def _family(
    session: Session, conversation_id: str | None, record_id: str | None
) -> tuple[list[str], list[str]]:
    """The conversation ids and record ids that belong to what was asked for."""
    conversations = {conversation_id} if conversation_id else set()
    if record_id:
        record = session.get(StoredRecord, record_id)
        if record is None:
            raise NotFoundError("record not found")
        if record.conversation_id:
            conversations.add(record.conversation_id)
    conversations = {c for c in conversations if session.get(Conversation, c) is not None}
    records = {record_id} if record_id else set()
    if conversations:
        records |= set(
            session.scalars(
                select(StoredRecord.id).where(StoredRecord.conversation_id.in_(conversations))
            )
        )
    if not conversations and not records:
        raise NotFoundError("conversation not found")
    return sorted(conversations), sorted(records)


def operator_actor(session: Session, username: str) -> Actor:
    """The admin who carries out the request: an existing staff account with the admin role."""
    user = get_by_username(session=session, username=username)
    if user is None or "admin" not in user.roles:
        raise PermissionDenied(f"{username!r} is not a staff account with the admin role")
    return Actor(
        kind="staff",
        id=str(user.id),
        username=user.username,
        role="admin",
        on_behalf_of="data subject (erasure request)",
    )


def erase(
    session: Session,
    tracker: TrackerStore | None,
    *,
    operator: Actor,
    conversation_id: str | None = None,
    record_id: str | None = None,
    dry_run: bool = False,
) -> Removed:
    """Remove the family's data (or only count it); raises NotFoundError when there is none."""
    conversations, records = _family(session, conversation_id, record_id)
    removed = remove(
        session, tracker, conversation_ids=conversations, record_ids=records, dry_run=dry_run
    )
    if not dry_run:
        record_event(
            session=session,
            actor=operator,
            action="erasure",
            record_id=records[0] if len(records) == 1 else None,
            detail={**removed.counts(), "conversation_ids": conversations, "record_ids": records},
        )
    return removed
