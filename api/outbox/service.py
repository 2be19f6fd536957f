"""Putting a confirmed record in the outbox; delivery itself is the worker's job."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.outbox.models import OutboxItem


def enqueue(*, session: Session, record_id: str, targets: Iterable[str]) -> list[OutboxItem]:
    """Add one pending item per target not yet queued for this record (no commit)."""
    queued = set(
        session.scalars(select(OutboxItem.target).where(OutboxItem.record_id == record_id))
    )
    items = [
        OutboxItem(record_id=record_id, target=target)
        for target in dict.fromkeys(targets)
        if target not in queued
    ]
    session.add_all(items)
    return items
