"""Staff endpoints for intake records: list, read, history, edit, assign, acknowledge, export.

Every call writes an audit entry (who, in which role, which record, what, on whose behalf).
A KCC employee on the phone sends `X-On-Behalf-Of` (e.g. "caller") to say for whom they act.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response
from sqlalchemy.orm import Session

from api.audit.service import record_event
from api.conversations import service as conversations
from api.deps import CurrentStaff, RasaDep, SessionDep, SettingsDep
from api.records import permissions, service
from api.records.export import record_csv
from api.records.models import StoredRecord
from api.records.schemas import (
    RecordAssign,
    RecordFilters,
    RecordPublic,
    RecordsPublic,
    RecordUpdate,
    RevisionPublic,
)
from api.staff.schemas import StaffPublic
from bot.record import IntakeRecord

router = APIRouter(prefix="/api/v1/records", tags=["records"])

OnBehalfOf = Annotated[str | None, Header(alias="X-On-Behalf-Of", max_length=120)]


@router.get("")
def list_records(
    filters: Annotated[RecordFilters, Query()],
    session: SessionDep,
    staff: CurrentStaff,
    on_behalf_of: OnBehalfOf = None,
) -> RecordsPublic:
    """Records this employee may see, acute first, then safety concerns, then newest."""
    rows, count = service.list_records(session=session, staff=staff, filters=filters)
    role = next(r for r in ("kcc", "admin", "team") if staff.has_role(r))
    record_event(
        session=session,
        actor=staff.actor(role, on_behalf_of),
        action="record.list",
        detail={"filters": filters.model_dump(mode="json", exclude_defaults=True)},
    )
    return RecordsPublic(
        data=[service.to_summary(r) for r in rows],
        count=count,
        page=filters.page,
        page_size=filters.page_size,
    )


@router.get("/{record_id}")
def read_record(
    record_id: str, session: SessionDep, staff: CurrentStaff, on_behalf_of: OnBehalfOf = None
) -> RecordPublic:
    stored = _read(session, staff, record_id, "record.read", on_behalf_of)
    return service.to_public(stored)


@router.get("/{record_id}/revisions")
def list_revisions(
    record_id: str, session: SessionDep, staff: CurrentStaff, on_behalf_of: OnBehalfOf = None
) -> list[RevisionPublic]:
    stored = _read(session, staff, record_id, "record.revisions", on_behalf_of)
    revisions = service.list_revisions(session=session, record_id=stored.id)
    return [service.to_revision_public(r) for r in revisions]


@router.patch("/{record_id}")
def update_record(
    record_id: str,
    body: RecordUpdate,
    session: SessionDep,
    staff: CurrentStaff,
    settings: SettingsDep,
    rasa: RasaDep,
    on_behalf_of: OnBehalfOf = None,
) -> RecordPublic:
    """Change fields (dotted paths) as this employee; 409 if `version` is not the stored one.

    During a running chat the edit is also handed to the assistant (503 if it is unreachable).
    """
    stored = service.get_record(session=session, record_id=record_id)
    role = permissions.edit_role(staff, stored)
    service.patch_record(
        session=session,
        stored=stored,
        changes=body.changes,
        version=body.version,
        actor=staff.actor(role, on_behalf_of),
        outbox_targets=settings.outbox_targets,
    )
    conversations.push_record(session, rasa, stored)
    return service.to_public(stored)


@router.post("/{record_id}/assign")
def assign_record(
    record_id: str,
    body: RecordAssign,
    session: SessionDep,
    staff: CurrentStaff,
    on_behalf_of: OnBehalfOf = None,
) -> RecordPublic:
    stored = service.get_record(session=session, record_id=record_id)
    role = permissions.assign_role(staff, stored)
    service.assign(
        session=session,
        stored=stored,
        team=body.team,
        version=body.version,
        actor=staff.actor(role, on_behalf_of),
    )
    return service.to_public(stored)


@router.post("/{record_id}/acknowledge")
def acknowledge_record(
    record_id: str, session: SessionDep, staff: CurrentStaff, on_behalf_of: OnBehalfOf = None
) -> RecordPublic:
    """The team says it has received the record (status "received", who and when)."""
    stored = service.get_record(session=session, record_id=record_id)
    role = permissions.acknowledge_role(staff, stored)
    service.acknowledge(session=session, stored=stored, actor=staff.actor(role, on_behalf_of))
    return service.to_public(stored)


def _read(
    session: Session,
    staff: StaffPublic,
    record_id: str,
    action: str,
    behalf: str | None,
    detail: dict | None = None,
) -> StoredRecord:
    """Load a record this employee may read, and write the audit entry for this read."""
    stored = service.get_record(session=session, record_id=record_id)
    role = permissions.read_role(staff, stored)
    record_event(
        session=session,
        actor=staff.actor(role, behalf),
        action=action,
        record_id=stored.id,
        detail=detail,
    )
    return stored


@router.get("/{record_id}/export.json")
def export_json(
    record_id: str, session: SessionDep, staff: CurrentStaff, on_behalf_of: OnBehalfOf = None
) -> IntakeRecord:
    """The record as published in docs/intake-record.schema.json."""
    stored = _read(session, staff, record_id, "record.export", on_behalf_of, {"format": "json"})
    return service.load_record(stored)


@router.get("/{record_id}/export.csv", response_class=Response)
def export_csv(
    record_id: str, session: SessionDep, staff: CurrentStaff, on_behalf_of: OnBehalfOf = None
) -> Response:
    """One row per member × domain, for teams that import files."""
    stored = _read(session, staff, record_id, "record.export", on_behalf_of, {"format": "csv"})
    return Response(
        content=record_csv(service.load_record(stored)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{stored.reference}.csv"'},
    )
