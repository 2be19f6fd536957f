"""Database, app and staff fixtures for every API test, on SQLite AND PostgreSQL.

Each backend is migrated once per session into a template; every test gets a fresh copy (a file
copy on SQLite, `CREATE DATABASE ... TEMPLATE` on PostgreSQL) and the copy is dropped after.
PostgreSQL tests skip when no server answers at 127.0.0.1:5432, and fail under CI=true.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.core.config import Settings
from api.core.db import Database, migrate
from api.core.security import create_access_token
from api.main import create_app
from api.staff.schemas import StaffPublic
from api.staff.service import create_user, to_public

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
SECRET = "test-secret-key-that-is-long-enough-0123456789"


def _pg_admin() -> psycopg.Connection:
    try:
        return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        reason = f"PostgreSQL not reachable at 127.0.0.1:5432 (user postgres): {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


class Backend:
    """Creates and drops uniquely named databases on one backend."""

    def __init__(self, name: str, workdir: Path) -> None:
        self.name, self.workdir = name, workdir

    def create(self, template: str | None = None) -> str:
        db_name = f"gi_test_{uuid.uuid4().hex[:12]}"
        if self.name == "sqlite":
            path = self.workdir / f"{db_name}.db"
            if template:
                shutil.copyfile(template.removeprefix("sqlite:///"), path)
            return f"sqlite:///{path}"
        with _pg_admin() as admin:
            suffix = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
            admin.execute(f'CREATE DATABASE "{db_name}"{suffix}')
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{db_name}"

    def drop(self, url: str) -> None:
        if self.name == "postgresql":
            with _pg_admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    backend = Backend(request.param, tmp_path_factory.mktemp(request.param))
    if backend.name == "postgresql":
        _pg_admin().close()
    return backend


@pytest.fixture(scope="session")
def template_url(backend: Backend) -> Iterator[str]:
    """A database migrated to head, copied for each test."""
    url = backend.create()
    db = Database(url)
    migrate(db.engine)
    db.dispose()
    yield url
    backend.drop(url)


@pytest.fixture
def empty_database_url(backend: Backend) -> Iterator[str]:
    url = backend.create()
    yield url
    backend.drop(url)


@pytest.fixture
def database_url(backend: Backend, template_url: str) -> Iterator[str]:
    url = backend.create(template=template_url)
    yield url
    backend.drop(url)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,
        database_url=database_url,
        var_dir=tmp_path / "var",
        secret_key=SECRET,
        auto_migrate=False,
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def db(app: FastAPI) -> Database:
    return app.state.db


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    """A session for arranging and checking data; commits at the end of the test."""
    with db.session() as session:
        yield session


@dataclass(frozen=True)
class StaffLogin:
    staff: StaffPublic
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def make_staff(db: Database, settings: Settings) -> Callable[..., StaffLogin]:
    """make_staff("team", teams=["wijkteam-noord"]) -> a committed account and its token."""

    def make(
        *roles: str, teams: tuple[str, ...] | list[str] = (), password: str = "pw"
    ) -> StaffLogin:
        with db.session() as s:
            user = create_user(
                session=s,
                username=f"{'-'.join(roles)}-{uuid.uuid4().hex[:6]}",
                password=password,
                roles=roles,
                teams=teams,
            )
            staff = to_public(user)
        token = create_access_token(
            username=staff.username,
            roles=staff.roles,
            teams=staff.teams,
            key=settings.signing_key,
            minutes=5,
        )
        return StaffLogin(staff, token.access_token)

    return make
