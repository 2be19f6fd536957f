"""save_record: validation, references, revisions, outbox, optimistic locking."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from api.audit.models import AuditEntry
from api.core.actor import Actor
from api.core.db import Database
from api.core.errors import VersionConflict
from api.outbox.models import OutboxItem
from api.records.models import RecordRevision, StoredRecord
from api.records.service import InvalidRecordError, save_record
from tests.factories import child, make_record, parent, problem

PARENT = Actor.parent("conversation-1")


def counts(db: Database) -> tuple[int, ...]:
    with db.session() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(t))
            for t in (StoredRecord, RecordRevision, OutboxItem, AuditEntry)
        )


def confirmed(record):
    return record.model_copy(update={"summary_confirmed": True, "confirmed_at": datetime.now(UTC)})


def test_new_record_gets_reference_version_and_revision(db: Database) -> None:
    record = make_record(members=[parent()], domains=[problem("financien")])
    with db.session() as s:
        revision = save_record(s, record, PARENT)
    with db.session() as s:
        stored = s.get(StoredRecord, record.id)
        assert stored.reference == f"GI-{datetime.now(UTC).year}-000001"
        assert stored.current["reference"] == stored.reference
        assert (stored.status, stored.version) == ("draft", 1)
        assert (revision.version, revision.actor_kind, revision.actor_id) == (
            1,
            "parent",
            "conversation-1",
        )
    second = make_record()
    with db.session() as s:
        save_record(s, second, PARENT)
        assert s.get(StoredRecord, second.id).reference.endswith("-000002")


def test_revision_lists_what_changed(db: Database) -> None:
    record = make_record(members=[parent()], domains=[problem("financien", indication=2)])
    with db.session() as s:
        save_record(s, record, PARENT)
    edited = record.model_copy(deep=True)
    edited.domains[0].indication = 3
    edited.request_summary = "Geldzorgen"
    with db.session() as s:
        revision = save_record(s, edited, PARENT, expected_version=1)
        assert revision.version == 2
        assert revision.changes == {
            "domains.0.indication": {"old": 2, "new": 3},
            "request_summary": {"old": None, "new": "Geldzorgen"},
        }
        assert revision.snapshot["request_summary"] == "Geldzorgen"


def test_saving_the_same_record_twice_adds_no_revision(db: Database) -> None:
    record = make_record(members=[parent()])
    with db.session() as s:
        first = save_record(s, record, PARENT)
    with db.session() as s:
        again = save_record(s, record, PARENT)
        assert again.version == first.version == 1
    assert counts(db)[1] == 1


@pytest.mark.parametrize(
    "data",
    [
        {"members": [{"id": "m1", "role": "parent"}], "domains": [{"domain": "geluk"}]},
        {"members": [{"id": "x", "role": "parent"}]},
        {"domains": [{"member_id": "m9", "domain": "financien"}]},
        {"summary_confirmed": True},
    ],
    ids=["unknown-domain", "bad-member-id", "unknown-member", "confirmed-without-date"],
)
def test_invalid_record_is_refused_and_nothing_written(db: Database, data: dict) -> None:
    before = counts(db)
    with pytest.raises(InvalidRecordError) as caught, db.session() as s:
        save_record(s, data, PARENT)
    assert caught.value.errors
    assert counts(db) == before


def test_unknown_domain_error_names_the_field(db: Database) -> None:
    expected = r"domains\.0\.domain: .*unknown domain id"
    with pytest.raises(InvalidRecordError, match=expected), db.session() as s:
        save_record(s, {"domains": [{"domain": "geluk"}]}, PARENT)


def test_confirmation_enqueues_each_target_once(db: Database) -> None:
    record = make_record(members=[parent(), child()])
    with db.session() as s:
        save_record(s, record, PARENT)
    done = confirmed(record)
    with db.session() as s:
        revision = save_record(s, done, PARENT, outbox_targets=["team_export", "zgw"])
        assert revision.changes["status"] == {"old": "draft", "new": "confirmed"}
    edited = done.model_copy(update={"desired_outcome": "Rust in huis"})
    with db.session() as s:
        save_record(s, edited, PARENT, outbox_targets=["team_export", "zgw"])
        items = s.scalars(select(OutboxItem).order_by(OutboxItem.target)).all()
        assert [(i.record_id, i.target, i.status) for i in items] == [
            (record.id, "team_export", "pending"),
            (record.id, "zgw", "pending"),
        ]
        assert s.get(StoredRecord, record.id).status == "confirmed"


def test_stale_expected_version_conflicts(db: Database) -> None:
    record = make_record()
    with db.session() as s:
        save_record(s, record, PARENT)
        save_record(s, record.model_copy(update={"desired_outcome": "a"}), PARENT)
    with pytest.raises(VersionConflict), db.session() as s:
        save_record(
            s, record.model_copy(update={"desired_outcome": "b"}), PARENT, expected_version=1
        )


def test_two_workers_saving_the_same_version_second_one_conflicts(db: Database) -> None:
    record = make_record()
    with db.session() as s:
        save_record(s, record, PARENT)
    first, second = db.session_factory(), db.session_factory()
    try:
        # Both workers have read version 1 (keep the rows, as a request would).
        rows = [first.get(StoredRecord, record.id), second.get(StoredRecord, record.id)]
        assert [row.version for row in rows] == [1, 1]
        save_record(first, record.model_copy(update={"desired_outcome": "a"}), PARENT)
        first.commit()
        with pytest.raises(VersionConflict):
            save_record(second, record.model_copy(update={"desired_outcome": "b"}), PARENT)
        second.rollback()
    finally:
        first.close()
        second.close()
    with db.session() as s:
        stored = s.get(StoredRecord, record.id)
        assert (stored.version, stored.current["desired_outcome"]) == (2, "a")


def test_flags_and_safety_level_are_copied_for_filtering(db: Database) -> None:
    flag = {"code": "safety_assessment", "reasons": [{"rule": "r", "text": "t"}]}
    signal = {"code": "domestic_violence", "level": "concern", "source": "answer"}
    record = make_record(
        members=[parent()], flags=[flag], safety={"level": "concern", "signals": [signal]}
    )
    with db.session() as s:
        save_record(s, record, PARENT)
    with db.session() as s:
        stored = s.get(StoredRecord, record.id)
        assert (stored.flag_codes, stored.safety_level) == (["safety_assessment"], "concern")
    with db.session() as s:
        save_record(s, record.model_copy(update={"flags": []}), PARENT)
    with db.session() as s:
        assert s.get(StoredRecord, record.id).flag_codes == []
