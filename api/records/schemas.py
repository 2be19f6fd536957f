"""The records API's request and response shapes; stored rows never leave the service."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from bot.record import IntakeRecord

RecordStatus = Literal["draft", "confirmed", "assigned", "received"]
SafetyLevel = Literal["none", "concern", "acute"]


class RecordFilters(BaseModel):
    flag: str | None = Field(default=None, max_length=40)
    status: RecordStatus | None = None
    team: str | None = Field(default=None, max_length=60)
    safety_level: SafetyLevel | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=50, ge=1, le=200)


class RecordSummary(BaseModel):
    id: str
    reference: str
    status: RecordStatus
    team: str | None
    safety_level: SafetyLevel
    flags: list[str]
    version: int
    created_at: datetime
    updated_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: int | None


class RecordsPublic(BaseModel):
    data: list[RecordSummary]
    count: int
    page: int
    page_size: int


class RecordPublic(RecordSummary):
    record: IntakeRecord


class RevisionPublic(BaseModel):
    version: int
    actor_kind: Literal["parent", "staff", "system"]
    actor_id: str | None
    actor_role: str | None
    changes: dict[str, dict[str, Any]]
    snapshot: dict[str, Any]
    created_at: datetime


class RecordUpdate(BaseModel):
    """Staff edits: `changes` maps a field or dotted path (`domains.2.indication`) to a value."""

    version: int = Field(ge=1)
    changes: dict[str, Any] = Field(min_length=1)


class RecordAssign(BaseModel):
    team: str = Field(min_length=1, max_length=60)
    version: int | None = Field(default=None, ge=1)
