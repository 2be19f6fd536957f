"""The retention job: what the privacy notice promises, applied by the service itself.

- A finished chat (completed or closed, or its record confirmed) goes with its Rasa tracker
  `chat_retention_days` after its last message. The confirmed record stays: the team works
  from it and it goes on to the case system, which keeps it as the law requires.
- An abandoned chat (never confirmed) goes `draft_retention_days` after its last message,
  with its draft record: a request withdrawn before a decision, acute words included.
- Revision snapshots older than `chat_retention_days` are emptied, except each record's
  latest and the one the person confirmed; the changes (who changed what) stay.
- The audit trail is never touched. Every run that removes anything adds an entry with counts.

Safe to start from several workers at once: one run holds the lock, the others skip.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    cast,
    exists,
    func,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from api.audit.service import record_event
from api.conversations.models import Conversation
from api.core.actor import Actor
from api.core.config import Settings
from api.core.db import Database
from api.db_base import utcnow
from api.records.models import RecordRevision, StoredRecord
from api.retention.deletion import Removed, remove
from api.retention.lock import retention_lock
from api.retention.tracker import TrackerStore, chunks

logger = logging.getLogger(__name__)

ACTOR = Actor.system("retention")
EMPTY_SNAPSHOT = "{}"  # how a pruned snapshot is stored, as JSON text


@dataclass
class RetentionReport:
    finished_chats: int = 0
    abandoned_chats: int = 0
    snapshots_pruned: int = 0
    removed: Removed = field(default_factory=Removed)

    def counts(self) -> dict[str, int]:
        return {
            "finished_chats": self.finished_chats,
            "abandoned_chats": self.abandoned_chats,
            "snapshots_pruned": self.snapshots_pruned,
            **self.removed.counts(),
        }


def _confirmed_record() -> ColumnElement[bool]:
    return exists().where(
        StoredRecord.conversation_id == Conversation.id, StoredRecord.status != "draft"
    )


def _finished() -> ColumnElement[bool]:
    return or_(Conversation.status != "active", _confirmed_record())


def _ids(session: Session, query: Select[tuple[str]]) -> list[str]:
    return list(session.scalars(query))


def _old_drafts(session: Session, cutoff: datetime) -> list[str]:
    """Drafts untouched since the cutoff whose chat (if still there) is as quiet."""
    quiet_chat = exists().where(
        Conversation.id == StoredRecord.conversation_id, Conversation.updated_at < cutoff
    )
    return _ids(
        session,
        select(StoredRecord.id).where(
            StoredRecord.status == "draft",
            StoredRecord.updated_at < cutoff,
            or_(StoredRecord.conversation_id.is_(None), quiet_chat),
        ),
    )


def _is_confirmation(changes: dict) -> bool:
    status = changes.get("status")
    return isinstance(status, dict) and status.get("old") == "draft"


def _prune_snapshots(
    session: Session, cutoff: datetime, skip_records: set[str], *, dry_run: bool
) -> int:
    """Empty the old snapshots that are neither a record's latest nor its confirmed one."""
    latest = (
        select(RecordRevision.record_id, func.max(RecordRevision.version).label("version"))
        .group_by(RecordRevision.record_id)
        .subquery()
    )
    candidates = session.execute(
        select(RecordRevision.id, RecordRevision.record_id, RecordRevision.changes)
        .join(latest, latest.c.record_id == RecordRevision.record_id)
        .where(
            RecordRevision.created_at < cutoff,
            RecordRevision.version != latest.c.version,
            cast(RecordRevision.snapshot, String) != EMPTY_SNAPSHOT,
        )
    ).all()
    ids = [
        row.id
        for row in candidates
        if row.record_id not in skip_records and not _is_confirmation(row.changes)
    ]
    if not dry_run:
        for part in chunks(ids):
            session.execute(
                update(RecordRevision).where(RecordRevision.id.in_(part)).values(snapshot={}),
                execution_options={"synchronize_session": False},
            )
    return len(ids)


def collect_and_apply(
    session: Session,
    settings: Settings,
    tracker: TrackerStore | None,
    *,
    now: datetime,
    dry_run: bool,
) -> RetentionReport:
    """One run in the caller's transaction (hold the lock around it: `apply_retention`)."""
    chat_cutoff = now - timedelta(days=settings.chat_retention_days)
    draft_cutoff = now - timedelta(days=settings.draft_retention_days)
    finished = _ids(
        session,
        select(Conversation.id).where(_finished(), Conversation.updated_at < chat_cutoff),
    )
    abandoned = _ids(
        session,
        select(Conversation.id).where(not_(_finished()), Conversation.updated_at < draft_cutoff),
    )
    drafts = _old_drafts(session, draft_cutoff)
    report = RetentionReport(finished_chats=len(finished), abandoned_chats=len(abandoned))
    report.removed = remove(
        session, tracker, conversation_ids=finished + abandoned, record_ids=drafts, dry_run=dry_run
    )
    report.snapshots_pruned = _prune_snapshots(session, chat_cutoff, set(drafts), dry_run=dry_run)
    if dry_run or not any(report.counts().values()):
        return report
    for record_id in drafts:
        record_event(
            session=session,
            actor=ACTOR,
            action="record.delete",
            record_id=record_id,
            detail={"reason": "retention", "status": "draft"},
        )
    record_event(
        session=session,
        actor=ACTOR,
        action="retention.run",
        detail={
            **report.counts(),
            "chat_retention_days": settings.chat_retention_days,
            "draft_retention_days": settings.draft_retention_days,
        },
    )
    return report


def tracker_store(settings: Settings) -> TrackerStore | None:
    if settings.rasa_tracker_db_url:
        return TrackerStore(settings.rasa_tracker_db_url)
    logger.info("GI_RASA_TRACKER_DB_URL is not set: Rasa trackers are not deleted")
    return None


def apply_retention(
    db: Database, settings: Settings, *, dry_run: bool = False, now: datetime | None = None
) -> RetentionReport | None:
    """Apply the retention terms once; None when another run holds the lock."""
    tracker = tracker_store(settings)
    try:
        with db.session() as session, retention_lock(session) as holder:
            if not holder:
                logger.info("retention: another run is busy; skipped")
                return None
            report = collect_and_apply(
                session, settings, tracker, now=now or utcnow(), dry_run=dry_run
            )
            session.commit()  # while the lock is held
    finally:
        if tracker:
            tracker.dispose()
    logger.info("retention%s: %s", " (dry run)" if dry_run else "", report.counts())
    return report
