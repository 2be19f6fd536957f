"""The admin command line: migrate, create-user with the password from stdin."""

from __future__ import annotations

import io

import pytest

from api.cli import main
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
