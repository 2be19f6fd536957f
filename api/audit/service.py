"""Writing and reading the audit trail. There is deliberately no update or delete here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audit.models import AuditEntry
from api.core.actor import Actor


def record_event(
    *,
    session: Session,
    actor: Actor,
    action: str,
    record_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction. `detail` names fields, never their values."""
    entry = AuditEntry(
        actor_kind=actor.kind,
        user_id=actor.id,
        username=actor.username,
        role=actor.role,
        action=action,
        record_id=record_id,
        detail=detail or {},
        on_behalf_of=actor.on_behalf_of,
    )
    session.add(entry)
    return entry


def list_events(*, session: Session, record_id: str | None = None) -> list[AuditEntry]:
    """Entries, oldest first, optionally of one record."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if record_id is not None:
        query = query.where(AuditEntry.record_id == record_id)
    return list(session.scalars(query))
