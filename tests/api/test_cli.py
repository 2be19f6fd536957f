"""The admin command line: migrate, create-user with the password from stdin, retention, erase."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api import cli
from api.cli import main
from api.conversations.models import Conversation, Message
from api.core.config import get_settings
from api.core.db import Database
from api.core.security import verify_password
from api.staff.service import get_by_username


@pytest.fixture
def env(monkeypatch, empty_database_url, tmp_path) -> str:
    monkeypatch.setenv("GI_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("GI_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield empty_database_url
    get_settings.cache_clear()


def test_migrate_then_create_user(env, monkeypatch, capsys) -> None:
    assert main(["migrate"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    args = ["create-user", "--username", "x", "--role", "kcc", "--role", "team"]
    assert main([*args, "--team", "wijkteam-noord"]) == 0
    db = Database(env)
    with db.session() as s:
        user = get_by_username(session=s, username="x")
        assert (user.roles, user.team_slugs) == (["kcc", "team"], ["wijkteam-noord"])
        assert verify_password("s3cret-pass", user.password_hash)
    db.dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO("other\n"))
    assert main(["create-user", "--username", "x", "--role", "kcc"]) == 1
    assert "already exists" in capsys.readouterr().err


def _chat(db: Database, *, days_quiet: int) -> str:
    then = datetime.now(UTC) - timedelta(days=days_quiet)
    with db.session() as s:
        chat = Conversation(token_hash="0" * 64, status="completed", updated_at=then)
        s.add(chat)
        s.flush()
        s.add(Message(conversation_id=chat.id, seq=1, sender="user", text="hallo"))
        return chat.id


def _messages(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Message))


def test_retention_dry_run_then_for_real(env, capsys) -> None:
    assert main(["migrate"]) == 0
    db = Database(env)
    _chat(db, days_quiet=31)
    _chat(db, days_quiet=1)
    assert main(["retention", "--dry-run"]) == 0
    assert "would delete (dry run):" in (out := capsys.readouterr().out)
    assert "  conversations: 1\n" in out
    assert _messages(db) == 2
    assert main(["retention"]) == 0
    assert "  conversations: 1\n" in capsys.readouterr().out
    assert _messages(db) == 1
    db.dispose()


def test_erase_asks_for_an_admin_and_an_existing_chat(env, monkeypatch, capsys) -> None:
    assert main(["migrate"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert main(["create-user", "--username", "beheer", "--role", "admin"]) == 0
    db = Database(env)
    chat = _chat(db, days_quiet=0)
    erase = ["erase", "--conversation", chat, "--operator"]
    assert main([*erase, "nobody"]) == 1
    assert "admin role" in capsys.readouterr().err
    assert main([*erase, "beheer"]) == 0
    assert "  messages: 1\n" in capsys.readouterr().out
    assert _messages(db) == 0
    assert main([*erase, "beheer"]) == 1
    assert "not found" in capsys.readouterr().err
    db.dispose()


def test_retention_loop_runs_again_after_a_failure(env, monkeypatch, caplog) -> None:
    assert main(["migrate"]) == 0
    db = Database(env)
    _chat(db, days_quiet=31)
    real_apply = cli.apply_retention
    calls: list[str] = []

    def apply_failing_first(*args, **kwargs):
        calls.append("run")
        if len(calls) == 1:
            raise ConnectionError("database is down: Anna's words")
        return real_apply(*args, **kwargs)

    def sleep(seconds: float) -> None:
        assert seconds == 60 * 60  # GI_RETENTION_INTERVAL_MINUTES, default 60
        if len(calls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli, "apply_retention", apply_failing_first)
    monkeypatch.setattr(cli.time, "sleep", sleep)
    assert main(["retention", "--loop"]) == 0
    assert calls == ["run", "run"]
    assert _messages(db) == 0
    assert "retention run failed: ConnectionError" in caplog.text
    assert "Anna" not in caplog.text
    db.dispose()
