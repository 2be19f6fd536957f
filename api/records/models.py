"""Stored intake records, their flags (for filtering), revisions and the reference counter.

`current` holds the IntakeRecord JSON; status, team, safety level and flags are copied out of it
(or set by staff) so lists can filter and sort in SQL. `version` is SQLAlchemy's version
counter: an UPDATE from a stale copy matches no row and fails (optimistic locking).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db_base import Base, utcnow

RECORD_STATUSES = ("draft", "confirmed", "assigned", "received")


class RecordFlag(Base):
    __tablename__ = "intake_record_flags"

    record_id: Mapped[str] = mapped_column(
        ForeignKey("intake_records.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class StoredRecord(Base):
    __tablename__ = "intake_records"
    __table_args__ = (Index("ix_intake_records_status_team", "status", "team"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    conversation_id: Mapped[str | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), index=True
    )
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    team: Mapped[str | None] = mapped_column(ForeignKey("teams.slug"))
    safety_level: Mapped[str] = mapped_column(String(10), default="none")
    current: Mapped[dict]
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    flags: Mapped[list[RecordFlag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=RecordFlag.code
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def flag_codes(self) -> list[str]:
        return [f.code for f in self.flags]


class RecordRevision(Base):
    """One saved state of a record: who changed what, and the full snapshot after it."""

    __tablename__ = "record_revisions"
    __table_args__ = (UniqueConstraint("record_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("intake_records.id", ondelete="CASCADE"))
    version: Mapped[int]
    actor_kind: Mapped[str] = mapped_column(String(10))  # parent | staff | system
    actor_id: Mapped[str | None] = mapped_column(String(36))
    actor_role: Mapped[str | None] = mapped_column(String(20))
    changes: Mapped[dict]  # {"dotted.path": {"old": ..., "new": ...}}
    snapshot: Mapped[dict]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReferenceCounter(Base):
    """The last number handed out per year, for references like GI-2026-000123."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)
