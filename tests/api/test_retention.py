"""Retention and erasure: what the notice promises is what the service deletes, and nothing more.

Each family is a chat (transcript and Rasa tracker) with its record; ages are set by moving
timestamps back. The tracker store is a second database on the same backend.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, func, select, update

from actions.config import notice_values
from api.audit.models import AuditEntry
from api.conversations.models import Conversation, Message
from api.core.actor import Actor
from api.core.config import Settings
from api.core.db import Database
from api.core.errors import NotFoundError, PermissionDenied
from api.outbox.models import OutboxItem
from api.records.models import RecordRevision, StoredRecord
from api.records.service import patch_record, save_record
from api.retention.erasure import erase, operator_actor
from api.retention.lock import retention_lock
from api.retention.policy import apply_retention
from api.retention.tracker import TrackerStore
from api.staff.service import create_user
from bot.texts import say
from tests.factories import child, make_record, parent, problem

NOW = datetime.now(UTC)
EVENTS_PER_CHAT = 3
STAFF = Actor(kind="staff", id="1", username="team-x", role="team")

tracker_metadata = MetaData()
events = Table(  # the columns of Rasa's SQL tracker store that matter here
    "events",
    tracker_metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255)),
    Column("data", Text),
)


@dataclass(frozen=True)
class Family:
    conversation_id: str
    sender_id: str
    record_id: str
    words: str  # what the parent typed: must never reach an audit entry


@pytest.fixture
def tracker_url(empty_database_url: str) -> Iterator[str]:
    tracker = TrackerStore(empty_database_url)
    tracker_metadata.create_all(tracker.engine)
    tracker.dispose()
    yield empty_database_url


@pytest.fixture
def retention_settings(settings: Settings, tracker_url: str) -> Settings:
    return settings.model_copy(
        update={
            "chat_retention_days": 30,
            "draft_retention_days": 42,
            "rasa_tracker_db_url": tracker_url,
        }
    )


def add_family(
    db: Database, tracker_url: str, name: str, *, confirmed: bool, quiet_days: int
) -> Family:
    """A chat with two messages, its tracker events and its record, last active `quiet_days` ago."""
    words = f"{name} heeft schulden en mijn zoon {name}je spijbelt"
    record = make_record(
        members=[parent(name=name), child(name=f"{name}je", age=14)],
        domains=[problem("financien"), problem("werk_opleiding", "m2")],
        request_own_words=words,
    )
    with db.session() as s:
        conversation = Conversation(token_hash="0" * 64, pending_messages=[])
        s.add(conversation)
        s.flush()
        s.add_all(
            [
                Message(conversation_id=conversation.id, seq=1, sender="bot", text="Welkom."),
                Message(conversation_id=conversation.id, seq=2, sender="user", text=words),
            ]
        )
        save_record(s, record, Actor.parent(conversation.id), conversation_id=conversation.id)
        if confirmed:
            done = record.model_copy(update={"summary_confirmed": True, "confirmed_at": NOW})
            save_record(s, done, Actor.parent(conversation.id), conversation_id=conversation.id)
            conversation.status = "completed"
        family = Family(conversation.id, conversation.rasa_sender_id, record.id, words)
    tracker = TrackerStore(tracker_url)
    with tracker.engine.begin() as connection:
        connection.execute(
            events.insert(),
            [
                {"sender_id": family.sender_id, "type_name": "user", "data": json.dumps(words)}
                for _ in range(EVENTS_PER_CHAT)
            ],
        )
    tracker.dispose()
    make_quiet(db, family, quiet_days)
    return family


def make_quiet(db: Database, family: Family, days: int) -> None:
    """Move the chat, the record and its revisions `days` into the past."""
    then = NOW - timedelta(days=days)
    with db.session() as s:
        s.execute(
            update(Conversation)
            .where(Conversation.id == family.conversation_id)
            .values(updated_at=then, created_at=then)
        )
        s.execute(
            update(StoredRecord)
            .where(StoredRecord.id == family.record_id)
            .values(updated_at=then, created_at=then)
        )
        s.execute(
            update(RecordRevision)
            .where(RecordRevision.record_id == family.record_id)
            .values(created_at=then)
        )


def tracker_events(tracker_url: str, family: Family) -> int:
    tracker = TrackerStore(tracker_url)
    count = tracker.count([family.sender_id])
    tracker.dispose()
    return count


def present(db: Database, family: Family) -> dict[str, int]:
    """How much of this family the service still holds."""
    with db.session() as s:

        def count(column, value) -> int:
            return s.scalar(select(func.count()).where(column == value)) or 0

        return {
            "conversation": count(Conversation.id, family.conversation_id),
            "messages": count(Message.conversation_id, family.conversation_id),
            "record": count(StoredRecord.id, family.record_id),
            "revisions": count(RecordRevision.record_id, family.record_id),
            "outbox": count(OutboxItem.record_id, family.record_id),
        }


def audit(db: Database, action: str | None = None) -> list[AuditEntry]:
    with db.session() as s:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        return list(s.scalars(query))


GONE = {"conversation": 0, "messages": 0, "record": 0, "revisions": 0, "outbox": 0}


def test_old_chats_and_drafts_go_recent_ones_and_confirmed_records_stay(
    db: Database, retention_settings: Settings, tracker_url: str
) -> None:
    old_done = add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=31)
    new_done = add_family(db, tracker_url, "Bram", confirmed=True, quiet_days=5)
    old_draft = add_family(db, tracker_url, "Cees", confirmed=False, quiet_days=43)
    young_draft = add_family(db, tracker_url, "Dana", confirmed=False, quiet_days=35)
    audit_before = audit(db)

    report = apply_retention(db, retention_settings)

    assert report is not None
    assert (report.finished_chats, report.abandoned_chats) == (1, 1)
    assert report.removed.counts() == {
        "conversations": 2,
        "messages": 4,
        "tracker_events": 2 * EVENTS_PER_CHAT,
        "records": 1,
        "revisions": 1,
        "outbox_items": 0,
    }
    # The finished chat goes; its confirmed record stays, detached from the chat.
    assert present(db, old_done) == {**GONE, "record": 1, "revisions": 2, "outbox": 1}
    with db.session() as s:
        kept = s.get(StoredRecord, old_done.record_id)
        assert (kept.status, kept.conversation_id) == ("confirmed", None)
        assert kept.current["request_own_words"] == old_done.words
    assert present(db, old_draft) == GONE
    for family in (new_done, young_draft):
        assert present(db, family)["messages"] == 2
        assert present(db, family)["record"] == 1
    assert [
        tracker_events(tracker_url, f) for f in (old_done, new_done, old_draft, young_draft)
    ] == [
        0,
        EVENTS_PER_CHAT,
        0,
        EVENTS_PER_CHAT,
    ]
    # The audit trail is kept whole, and says what went: counts, no content.
    entries = audit(db)
    assert [e.id for e in entries[: len(audit_before)]] == [e.id for e in audit_before]
    added = entries[len(audit_before) :]
    assert [(e.action, e.record_id) for e in added] == [
        ("record.delete", old_draft.record_id),
        ("retention.run", None),
    ]
    assert added[1].detail["conversations"] == 2
    assert added[1].detail["chat_retention_days"] == 30
    for entry in added:
        assert "Anna" not in json.dumps(entry.detail)
        assert "Cees" not in json.dumps(entry.detail)


def test_a_second_run_finds_nothing_and_writes_no_entry(
    db: Database, retention_settings: Settings, tracker_url: str
) -> None:
    add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=31)
    apply_retention(db, retention_settings)
    entries = len(audit(db))
    again = apply_retention(db, retention_settings)
    assert again is not None and not any(again.counts().values())
    assert len(audit(db)) == entries


def test_dry_run_counts_what_would_go_and_deletes_nothing(
    db: Database, retention_settings: Settings, tracker_url: str
) -> None:
    families = [
        add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=31),
        add_family(db, tracker_url, "Cees", confirmed=False, quiet_days=43),
    ]
    before = [present(db, f) for f in families]
    entries = len(audit(db))

    dry = apply_retention(db, retention_settings, dry_run=True)

    assert [present(db, f) for f in families] == before
    assert [tracker_events(tracker_url, f) for f in families] == [EVENTS_PER_CHAT] * 2
    assert len(audit(db)) == entries
    real = apply_retention(db, retention_settings)
    assert dry is not None and real is not None
    assert dry.counts() == real.counts()
    assert real.removed.conversations == 2


def test_old_snapshots_are_emptied_except_the_latest_and_the_confirmed_one(
    db: Database, retention_settings: Settings, tracker_url: str
) -> None:
    family = add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=1)
    with db.session() as s:  # two staff edits after the confirmation: versions 3 and 4
        for summary in ("Geldzorgen", "Geldzorgen en school"):
            stored = s.get(StoredRecord, family.record_id)
            patch_record(
                session=s,
                stored=stored,
                changes={"request_summary": summary},
                version=stored.version,
                actor=STAFF,
            )
    make_quiet(db, family, 31)

    report = apply_retention(db, retention_settings)

    assert report is not None and report.snapshots_pruned == 2
    with db.session() as s:
        revisions = s.scalars(
            select(RecordRevision)
            .where(RecordRevision.record_id == family.record_id)
            .order_by(RecordRevision.version)
        ).all()
        kept = [r.version for r in revisions if r.snapshot]
        assert kept == [2, 4]  # the confirmed one and the latest
        assert revisions[3].snapshot["request_summary"] == "Geldzorgen en school"
        assert all(r.changes for r in revisions)  # who changed what stays
    again = apply_retention(db, retention_settings)
    assert again is not None and again.snapshots_pruned == 0


def test_recent_snapshots_are_kept(
    db: Database, retention_settings: Settings, tracker_url: str
) -> None:
    family = add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=10)
    report = apply_retention(db, retention_settings)
    assert report is not None and report.snapshots_pruned == 0
    assert present(db, family)["revisions"] == 2


def test_two_runs_at_once_delete_everything_once(
    database_url: str, db: Database, retention_settings: Settings, tracker_url: str
) -> None:
    for name in ("Anna", "Bram", "Cees"):
        add_family(db, tracker_url, name, confirmed=True, quiet_days=31)
    start = threading.Barrier(2)
    reports: list = []
    errors: list[BaseException] = []

    def run() -> None:
        own = Database(database_url)
        try:
            start.wait()
            reports.append(apply_retention(own, retention_settings))
        except BaseException as exc:
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    done = [r for r in reports if r is not None]
    assert sum(r.removed.conversations for r in done) == 3
    assert sum(r.removed.tracker_events for r in done) == 3 * EVENTS_PER_CHAT
    assert len(audit(db, "retention.run")) == 1


def test_a_run_skips_while_another_holds_the_lock(
    db: Database, retention_settings: Settings, tracker_url: str
) -> None:
    family = add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=31)
    with db.session() as holder, retention_lock(holder) as held:
        assert held
        assert apply_retention(db, retention_settings) is None
    assert present(db, family)["messages"] == 2
    assert apply_retention(db, retention_settings) is not None
    assert present(db, family)["messages"] == 0


def test_without_a_tracker_store_chats_still_go(
    db: Database, settings: Settings, tracker_url: str
) -> None:
    family = add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=31)
    report = apply_retention(db, settings.model_copy(update={"rasa_tracker_db_url": None}))
    assert report is not None and report.removed.tracker_events == 0
    assert present(db, family)["conversation"] == 0


@pytest.fixture
def admin(db: Database) -> Actor:
    with db.session() as s:
        create_user(session=s, username="beheer", password="pw", roles=["admin"], teams=[])
        create_user(session=s, username="kcc-1", password="pw", roles=["kcc"], teams=[])
        return operator_actor(s, "beheer")


@pytest.mark.parametrize("by", ["conversation", "record"])
def test_erasure_removes_one_family_and_nothing_of_another(
    by: str, db: Database, tracker_url: str, admin: Actor
) -> None:
    family = add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=1)
    other = add_family(db, tracker_url, "Bram", confirmed=True, quiet_days=1)
    other_before = present(db, other)
    tracker = TrackerStore(tracker_url)
    ask = {"conversation_id": family.conversation_id} if by == "conversation" else {}
    ask = ask or {"record_id": family.record_id}
    with db.session() as s:
        removed = erase(s, tracker, operator=admin, **ask)
    tracker.dispose()

    assert present(db, family) == GONE
    assert tracker_events(tracker_url, family) == 0
    assert present(db, other) == other_before
    assert tracker_events(tracker_url, other) == EVENTS_PER_CHAT
    assert removed.counts() == {
        "conversations": 1,
        "messages": 2,
        "tracker_events": EVENTS_PER_CHAT,
        "records": 1,
        "revisions": 2,
        "outbox_items": 1,
    }
    [entry] = audit(db, "erasure")
    assert (entry.username, entry.role, entry.record_id) == ("beheer", "admin", family.record_id)
    assert entry.detail["messages"] == 2
    assert entry.detail["conversation_ids"] == [family.conversation_id]
    assert "Anna" not in json.dumps(entry.detail)
    # What the audit trail said about the record before stays.
    assert any(e.action == "record.save" and e.record_id == family.record_id for e in audit(db))


def test_erasure_of_a_record_whose_chat_retention_already_removed(
    db: Database, retention_settings: Settings, tracker_url: str, admin: Actor
) -> None:
    family = add_family(db, tracker_url, "Anna", confirmed=True, quiet_days=31)
    apply_retention(db, retention_settings)
    with db.session() as s:
        removed = erase(s, None, operator=admin, record_id=family.record_id)
    assert (removed.conversations, removed.records) == (0, 1)
    assert present(db, family) == GONE


def test_erasure_dry_run_and_refusals(db: Database, tracker_url: str, admin: Actor) -> None:
    family = add_family(db, tracker_url, "Anna", confirmed=False, quiet_days=1)
    with db.session() as s:
        removed = erase(
            s, None, operator=admin, conversation_id=family.conversation_id, dry_run=True
        )
    assert removed.messages == 2
    assert present(db, family)["messages"] == 2
    assert audit(db, "erasure") == []
    with db.session() as s:
        with pytest.raises(NotFoundError):
            erase(s, None, operator=admin, conversation_id="no-such-chat")
        with pytest.raises(NotFoundError):
            erase(s, None, operator=admin, record_id="no-such-record")
        for username in ("kcc-1", "nobody"):
            with pytest.raises(PermissionDenied):
                operator_actor(s, username)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_notice_states_the_terms_the_service_keeps(
    language: str, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    for name in ("MUNICIPALITY_NAME", "CHAT_RETENTION_DAYS", "DRAFT_RETENTION_DAYS"):
        monkeypatch.delenv(f"GI_{name}", raising=False)
    defaults = Settings(_env_file=None, var_dir=tmp_path)
    values = notice_values()
    assert values["municipality"] == defaults.municipality_name
    assert values["chat_days"] == str(defaults.chat_retention_days)
    assert values["draft_days"] == str(defaults.draft_retention_days)
    notice = say("questions", "notice", language, **values)
    days = "dagen" if language == "nl" else "days"
    assert defaults.municipality_name in notice
    assert f"{defaults.chat_retention_days} {days}" in notice
    assert f"{defaults.draft_retention_days} {days}" in notice
    assert "Jeugdwet" in notice and "Wmo 2015" in notice
    assert "wijkteam" in notice
