"""Removing chats and records, with counts for the audit trail (or only counting, dry-run).

The database removes what hangs off each row (ON DELETE CASCADE in the migrations): a record's
revisions, flags and outbox items. A record whose chat is removed keeps its content; its
`conversation_id` becomes NULL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from api.conversations.models import Conversation, Message
from api.outbox.models import OutboxItem
from api.records.models import RecordRevision, StoredRecord
from api.retention.tracker import TrackerStore, chunks


@dataclass
class Removed:
    """How many rows went (or would go): the detail of an audit entry, never any content."""

    conversations: int = 0
    messages: int = 0
    tracker_events: int = 0
    records: int = 0
    revisions: int = 0
    outbox_items: int = 0

    def counts(self) -> dict[str, int]:
        return asdict(self)

    def __bool__(self) -> bool:
        return any(self.counts().values())


def _count(session: Session, column: InstrumentedAttribute, ids: Sequence[str]) -> int:
    query = select(func.count()).select_from(column.class_)
    return sum(session.scalar(query.where(column.in_(part))) or 0 for part in chunks(ids))


def _delete(session: Session, column: InstrumentedAttribute, ids: Sequence[str]) -> int:
    return sum(
        session.execute(
            delete(column.class_).where(column.in_(part)),
            execution_options={"synchronize_session": False},
        ).rowcount
        for part in chunks(ids)
    )


def remove(
    session: Session,
    tracker: TrackerStore | None,
    *,
    conversation_ids: Sequence[str],
    record_ids: Sequence[str],
    dry_run: bool,
) -> Removed:
    """Remove these chats (transcript and Rasa tracker) and these records (with revisions).

    The tracker goes first, outside this transaction: if anything after fails, the chat is
    still here and the next run deletes it (the tracker part then finds nothing).
    """
    senders = [
        sender
        for part in chunks(conversation_ids)
        for sender in session.scalars(
            select(Conversation.rasa_sender_id).where(Conversation.id.in_(part))
        )
    ]
    removed = Removed(
        revisions=_count(session, RecordRevision.record_id, record_ids),
        outbox_items=_count(session, OutboxItem.record_id, record_ids),
    )
    if dry_run:
        removed.tracker_events = tracker.count(senders) if tracker else 0
        removed.messages = _count(session, Message.conversation_id, conversation_ids)
        removed.conversations = _count(session, Conversation.id, conversation_ids)
        removed.records = _count(session, StoredRecord.id, record_ids)
        return removed
    removed.tracker_events = tracker.delete(senders) if tracker else 0
    removed.messages = _delete(session, Message.conversation_id, conversation_ids)
    removed.conversations = _delete(session, Conversation.id, conversation_ids)
    removed.records = _delete(session, StoredRecord.id, record_ids)
    return removed
