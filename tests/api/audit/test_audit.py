"""The audit trail is append-only in the database itself, not only by convention."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DatabaseError

from api.audit import service
from api.audit.models import AuditEntry
from api.core.actor import Actor


def test_entries_are_written_and_listed_in_order(db) -> None:
    with db.session() as s:
        service.record_event(session=s, actor=Actor.system(), action="a", record_id="r1")
        service.record_event(session=s, actor=Actor.parent("c1"), action="b", record_id="r2")
    with db.session() as s:
        assert [e.action for e in service.list_events(session=s)] == ["a", "b"]
        only = service.list_events(session=s, record_id="r2")
        assert [(e.actor_kind, e.user_id, e.role) for e in only] == [("parent", "c1", "parent")]


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEntry).values(action="changed"),
        delete(AuditEntry),
    ],
    ids=["update", "delete"],
)
def test_database_rejects_changes_to_the_audit_log(db, statement) -> None:
    with db.session() as s:
        service.record_event(session=s, actor=Actor.system(), action="kept")
    with pytest.raises(DatabaseError, match="append-only"), db.session() as s:
        s.execute(statement)
    with db.session() as s:
        assert s.scalars(select(AuditEntry.action)).all() == ["kept"]


def test_postgresql_rejects_truncate(db) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE exists only on PostgreSQL")
    with pytest.raises(DatabaseError, match="append-only"), db.session() as s:
        s.execute(text("TRUNCATE audit_log"))
