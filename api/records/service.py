"""Storing intake records: validate, version, revise, audit and enqueue, in one transaction.

Functions flush but never commit: the caller's session (`SessionDep`, `Database.session()`)
commits once at the end, so a record, its revision, its audit entry and its outbox rows are
written together or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from api.audit.service import record_event
from api.core.actor import Actor
from api.core.errors import ConflictError, InvalidInputError, NotFoundError, VersionConflict
from api.db_base import utcnow
from api.outbox.service import enqueue
from api.records import permissions
from api.records.diff import apply_changes, diff
from api.records.models import RecordFlag, RecordRevision, ReferenceCounter, StoredRecord
from api.records.schemas import RecordFilters, RecordPublic, RecordSummary, RevisionPublic
from api.staff.models import Team
from api.staff.schemas import StaffPublic
from bot.record import IntakeRecord

DEFAULT_OUTBOX_TARGETS = ("team_export",)
_URGENCY = case({"acute": 0, "concern": 1}, value=StoredRecord.safety_level, else_=2)


class InvalidRecordError(InvalidInputError):
    """The record does not validate against `bot.record.IntakeRecord`."""


def validate_record(record: IntakeRecord | Mapping[str, Any]) -> IntakeRecord:
    """Validate (again) through the pydantic model; errors name fields, never the values."""
    data = record.model_dump(mode="json") if isinstance(record, IntakeRecord) else record
    try:
        return IntakeRecord.model_validate(data)
    except ValidationError as exc:
        errors = [
            {"loc": [str(p) for p in e["loc"]], "msg": e["msg"], "type": e["type"]}
            for e in exc.errors(include_url=False, include_input=False, include_context=False)
        ]
        where = "; ".join(f"{'.'.join(e['loc']) or 'record'}: {e['msg']}" for e in errors)
        raise InvalidRecordError(f"invalid intake record: {where}", errors) from None


def save_record(
    session: Session,
    record: IntakeRecord | Mapping[str, Any],
    actor: Actor,
    *,
    expected_version: int | None = None,
    conversation_id: str | None = None,
    outbox_targets: Sequence[str] = DEFAULT_OUTBOX_TARGETS,
) -> RecordRevision:
    """Store a new version of the record and return its revision.

    A new record gets a reference (GI-<year>-<number>). `expected_version` is the version the
    caller read; a different stored version raises VersionConflict, as does a concurrent save
    of the same version by another worker. When the person confirms the summary, the status
    becomes "confirmed" and one outbox item per target is queued. Nothing is written when the
    record is invalid (InvalidRecordError) and no revision is added when nothing changed.
    """
    validated = validate_record(record)
    stored = session.get(StoredRecord, validated.id)
    if stored is None:
        if expected_version not in (None, 0):
            raise VersionConflict("record does not exist yet")
        stored = StoredRecord(
            id=validated.id,
            conversation_id=conversation_id,
            reference=validated.reference or next_reference(session),
            status="draft",
            current={},
        )
        session.add(stored)
    elif expected_version is not None and expected_version != stored.version:
        raise VersionConflict(f"record is at version {stored.version}, not {expected_version}")
    snapshot = validated.model_copy(
        update={"reference": stored.reference, "updated_at": utcnow()}
    ).model_dump(mode="json")
    changes = diff(stored.current, snapshot)
    if not changes and stored.version is not None:
        return latest_revision(session, stored.id)
    stored.current = snapshot
    stored.updated_at = utcnow()
    stored.safety_level = validated.safety.level.value
    _sync_flags(stored, {f.code for f in validated.flags})
    status_before = stored.status
    if status_before == "draft" and validated.summary_confirmed:
        stored.status = "confirmed"
        enqueue(session=session, record_id=stored.id, targets=outbox_targets)
    return _revise(session, stored, actor, changes, status_before=status_before)


def next_reference(session: Session) -> str:
    """The next human reference of this year, unique across workers (atomic upsert)."""
    year = utcnow().year
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[session.get_bind().dialect.name]
    statement = (
        dialect.insert(ReferenceCounter)
        .values(year=year, last=1)
        .on_conflict_do_update(
            index_elements=[ReferenceCounter.year], set_={"last": ReferenceCounter.last + 1}
        )
        .returning(ReferenceCounter.last)
    )
    number = session.execute(statement).scalar_one()
    return f"GI-{year}-{number:06d}"


def _sync_flags(stored: StoredRecord, codes: set[str]) -> None:
    for flag in [f for f in stored.flags if f.code not in codes]:
        stored.flags.remove(flag)
    have = set(stored.flag_codes)
    stored.flags.extend(RecordFlag(code=code) for code in sorted(codes - have))


def _revise(
    session: Session,
    stored: StoredRecord,
    actor: Actor,
    changes: dict[str, dict[str, Any]],
    *,
    status_before: str,
) -> RecordRevision:
    """Flush the row (the version check happens here), then add its revision and audit entry.

    Callers set `updated_at` with their other changes, so one save bumps the version once.
    """
    if stored.status != status_before:
        changes = {"status": {"old": status_before, "new": stored.status}} | changes
    try:
        session.flush()
    except StaleDataError as exc:
        raise VersionConflict("someone else saved this record first") from exc
    revision = RecordRevision(
        record_id=stored.id,
        version=stored.version,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_role=actor.role,
        changes=changes,
        snapshot=stored.current,
    )
    session.add(revision)
    record_event(
        session=session,
        actor=actor,
        action="record.save",
        record_id=stored.id,
        detail={"version": stored.version, "fields": sorted(changes)},
    )
    session.flush()
    return revision


def latest_revision(session: Session, record_id: str) -> RecordRevision:
    query = (
        select(RecordRevision)
        .where(RecordRevision.record_id == record_id)
        .order_by(RecordRevision.version.desc())
        .limit(1)
    )
    return session.scalars(query).one()


def get_record(*, session: Session, record_id: str) -> StoredRecord:
    stored = session.get(StoredRecord, record_id)
    if stored is None:
        raise NotFoundError("record not found")
    return stored


def load_record(stored: StoredRecord) -> IntakeRecord:
    """The stored JSON as the domain model (the contract teams and targets read)."""
    return IntakeRecord.model_validate(stored.current)


def list_records(
    *, session: Session, staff: StaffPublic, filters: RecordFilters
) -> tuple[list[StoredRecord], int]:
    """One page of the records this employee may see, most urgent first, and the total."""
    query = select(StoredRecord)
    clauses = [permissions.visible(staff)]
    if filters.flag:
        clauses.append(
            StoredRecord.flags.any(RecordFlag.code == filters.flag)  # EXISTS subquery
        )
    if filters.status:
        clauses.append(StoredRecord.status == filters.status)
    if filters.team:
        clauses.append(StoredRecord.team == filters.team)
    if filters.safety_level:
        clauses.append(StoredRecord.safety_level == filters.safety_level)
    if filters.created_from:
        clauses.append(StoredRecord.created_at >= filters.created_from)
    if filters.created_to:
        clauses.append(StoredRecord.created_at < filters.created_to)
    query = query.where(*[c for c in clauses if c is not None])
    count = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = session.scalars(
        query.order_by(_URGENCY, StoredRecord.created_at.desc(), StoredRecord.id)
        .offset((filters.page - 1) * filters.page_size)
        .limit(filters.page_size)
    )
    return list(page), count


def list_revisions(*, session: Session, record_id: str) -> list[RecordRevision]:
    query = (
        select(RecordRevision)
        .where(RecordRevision.record_id == record_id)
        .order_by(RecordRevision.version)
    )
    return list(session.scalars(query))


def patch_record(
    *,
    session: Session,
    stored: StoredRecord,
    changes: dict[str, Any],
    version: int,
    actor: Actor,
    outbox_targets: Sequence[str] = DEFAULT_OUTBOX_TARGETS,
) -> RecordRevision:
    """Apply a staff member's field edits, validated through IntakeRecord, as a new revision."""
    if version != stored.version:
        raise VersionConflict(f"record is at version {stored.version}, not {version}")
    edited = apply_changes(stored.current, changes)
    return save_record(
        session, edited, actor, expected_version=version, outbox_targets=outbox_targets
    )


def assign(
    *, session: Session, stored: StoredRecord, team: str, actor: Actor, version: int | None = None
) -> RecordRevision:
    """Give the record to a team (status "assigned"); a draft cannot be assigned yet."""
    if version is not None and version != stored.version:
        raise VersionConflict(f"record is at version {stored.version}, not {version}")
    if stored.status == "draft":
        raise ConflictError("a draft cannot be assigned; the person has not confirmed it yet")
    if session.get(Team, team) is None:
        raise InvalidInputError(f"unknown team {team!r}")
    changes = {} if stored.team == team else {"team": {"old": stored.team, "new": team}}
    status_before = stored.status
    stored.team, stored.status, stored.updated_at = team, "assigned", utcnow()
    stored.acknowledged_at = stored.acknowledged_by = None
    return _revise(session, stored, actor, changes, status_before=status_before)


def acknowledge(*, session: Session, stored: StoredRecord, actor: Actor) -> RecordRevision:
    """The team confirms receipt (status "received", who and when); repeating it changes nothing."""
    if stored.status == "received":
        return latest_revision(session, stored.id)
    if stored.status != "assigned":
        raise ConflictError("only a record assigned to a team can be acknowledged")
    status_before = stored.status
    stored.status = "received"
    stored.acknowledged_at = stored.updated_at = utcnow()
    stored.acknowledged_by = int(actor.id) if actor.id else None
    return _revise(session, stored, actor, {}, status_before=status_before)


def to_summary(stored: StoredRecord) -> RecordSummary:
    return RecordSummary(
        id=stored.id,
        reference=stored.reference,
        status=stored.status,
        team=stored.team,
        safety_level=stored.safety_level,
        flags=stored.flag_codes,
        version=stored.version,
        created_at=stored.created_at,
        updated_at=stored.updated_at,
        acknowledged_at=stored.acknowledged_at,
        acknowledged_by=stored.acknowledged_by,
    )


def to_public(stored: StoredRecord) -> RecordPublic:
    return RecordPublic(**to_summary(stored).model_dump(), record=load_record(stored))


def to_revision_public(revision: RecordRevision) -> RevisionPublic:
    return RevisionPublic.model_validate(revision, from_attributes=True)
