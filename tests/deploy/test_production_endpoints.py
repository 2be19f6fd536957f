"""config/endpoints.production.yml really works: Rasa's SQL tracker store on PostgreSQL and its
Redis lock store, as several Rasa servers behind a load balancer would use them."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
import redis

REPO = Path(__file__).resolve().parents[2]
RASA_PYTHON = REPO / ".venv-rasa/bin/python"
PG = "postgresql://postgres@127.0.0.1:5432/postgres"


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def tracker_database() -> str:
    name = f"gi_rasa_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        _missing(f"PostgreSQL not reachable at 127.0.0.1:5432: {exc}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(PG, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_db() -> int:
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=3).ping()
    except redis.RedisError as exc:
        _missing(f"Redis not reachable at 127.0.0.1:6379: {exc}")
    return 7


@pytest.mark.postgres
@pytest.mark.redis
def test_rasa_uses_postgres_trackers_and_redis_locks(tracker_database: str, redis_db: int) -> None:
    if not RASA_PYTHON.exists():
        _missing("the Rasa venv is missing (run `scripts/setup.sh rasa`)")
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "ACTION_SERVER_URL": "http://127.0.0.1:5055/webhook",
        "RASA_TRACKER_HOST": "127.0.0.1",
        "RASA_TRACKER_PORT": "5432",
        "RASA_TRACKER_DB": tracker_database,
        "RASA_TRACKER_USER": "postgres",
        "RASA_TRACKER_PASSWORD": "",
        "RASA_REDIS_HOST": "127.0.0.1",
        "RASA_REDIS_PORT": "6379",
        "RASA_REDIS_DB": str(redis_db),
    }
    sender = f"test-{uuid.uuid4().hex[:8]}"
    result = subprocess.run(
        [
            str(RASA_PYTHON),
            str(Path(__file__).with_name("check_rasa_endpoints.py")),
            str(REPO / "config/endpoints.production.yml"),
            str(REPO / "domain"),
            sender,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split()[:1] == ["ok"], result.stdout
    assert "RedisLockStore" in result.stdout
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{tracker_database}") as db:
        senders = [r[0] for r in db.execute("SELECT DISTINCT sender_id FROM events")]
    assert senders == [sender]
