"""Login, logout, /me, token checks, rate limiting and the development demo account."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.core.config import Settings
from api.core.db import Database
from api.core.ratelimit import RateLimitHit
from api.db_base import utcnow
from api.main import create_app
from api.staff.models import StaffUser
from api.staff.service import DEMO_TEAM, DEMO_USERNAME, get_by_username
from tests.api.conftest import SECRET


def login(client: TestClient, username: str, password: str):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_login_returns_bearer_token_and_strict_httponly_cookie(client, make_staff) -> None:
    account = make_staff("team", teams=["wijkteam-noord"], password="correct horse")
    response = login(client, account.staff.username, "correct horse")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 480 * 60
    claims = jwt.decode(body["access_token"], SECRET, algorithms=["HS256"])
    assert (claims["sub"], claims["roles"], claims["teams"]) == (
        account.staff.username,
        ["team"],
        ["wijkteam-noord"],
    )
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=28800" in cookie
    me = client.get("/api/v1/auth/me")  # the client now sends the cookie
    assert me.json()["username"] == account.staff.username


@pytest.mark.parametrize("username", ["known", "unknown"])
def test_wrong_credentials_get_one_message(client, make_staff, username) -> None:
    account = make_staff("kcc")
    name = account.staff.username if username == "known" else "nobody"
    response = login(client, name, "wrong")
    assert (response.status_code, response.json()) == (
        401,
        {"detail": "wrong username or password"},
    )
    assert "set-cookie" not in response.headers


def test_inactive_account_cannot_log_in_or_use_its_token(client, make_staff, db) -> None:
    account = make_staff("kcc", password="pw")
    with db.session() as s:
        get_by_username(session=s, username=account.staff.username).active = False
    assert login(client, account.staff.username, "pw").status_code == 401
    response = client.get("/api/v1/auth/me", headers=account.headers)
    assert (response.status_code, response.json()["detail"]) == (401, "account not active")


def test_me_with_bearer(client, make_staff) -> None:
    account = make_staff("kcc", "admin", teams=["a", "b"])
    response = client.get("/api/v1/auth/me", headers=account.headers)
    assert response.json() == {
        "id": account.staff.id,
        "username": account.staff.username,
        "roles": ["admin", "kcc"],
        "teams": ["a", "b"],
    }


def _token(claims: dict, key: str = SECRET) -> str:
    return jwt.encode(claims, key, algorithm="HS256")


@pytest.mark.parametrize(
    ("make_token", "reason"),
    [
        (lambda sub: None, "not authenticated"),
        (
            lambda sub: _token(
                {"sub": sub, "typ": "staff", "iat": utcnow(), "exp": utcnow() - timedelta(1)}
            ),
            "token expired",
        ),
        (
            lambda sub: _token(
                {"sub": sub, "typ": "staff", "iat": utcnow(), "exp": utcnow() + timedelta(1)},
                key="another-key-that-is-long-enough-000000000",
            ),
            "invalid token",
        ),
        (lambda sub: "not.a.jwt", "invalid token"),
        (
            lambda sub: _token({"sub": sub, "iat": utcnow(), "exp": utcnow() + timedelta(1)}),
            "invalid token",
        ),
    ],
    ids=["missing", "expired", "wrong-key", "garbage", "not-a-staff-token"],
)
def test_bad_tokens_get_401_with_reason(client, make_staff, make_token, reason) -> None:
    account = make_staff("kcc")
    token = make_token(account.staff.username)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get("/api/v1/auth/me", headers=headers)
    assert (response.status_code, response.json()) == (401, {"detail": reason})
    assert response.headers["www-authenticate"] == "Bearer"


def test_logout_removes_the_cookie(client, make_staff) -> None:
    account = make_staff("kcc", password="pw")
    login(client, account.staff.username, "pw")
    response = client.post("/api/v1/auth/logout")
    assert response.status_code == 204
    assert 'gi_session=""' in response.headers["set-cookie"]
    assert client.get("/api/v1/auth/me").status_code == 401


def test_failed_logins_are_limited_per_address_across_app_instances(settings, make_staff) -> None:
    account = make_staff("kcc", password="pw")
    limited = settings.model_copy(update={"login_rate_limit": 3})
    with TestClient(create_app(limited)) as worker_a, TestClient(create_app(limited)) as worker_b:
        for worker in (worker_a, worker_b, worker_a):
            assert login(worker, account.staff.username, "wrong").status_code == 401
        blocked = login(worker_b, account.staff.username, "pw")
    assert blocked.status_code == 429
    assert blocked.headers["retry-after"] == "900"


@pytest.mark.redis
def test_failed_logins_counted_in_redis_when_configured(settings, make_staff) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").flushdb()
    except redis.ConnectionError:
        pytest.skip("Redis not reachable at 127.0.0.1:6379")
    account = make_staff("kcc", password="pw")
    limited = settings.model_copy(
        update={"login_rate_limit": 2, "redis_url": "redis://127.0.0.1:6379/15"}
    )
    with TestClient(create_app(limited)) as client:
        for _ in range(2):
            assert login(client, account.staff.username, "wrong").status_code == 401
        assert login(client, account.staff.username, "pw").status_code == 429
    with Database(settings.database_url).session() as s:  # nothing counted in the database
        assert s.scalar(select(func.count()).select_from(RateLimitHit)) == 0


def test_demo_user_exists_in_development(client, db) -> None:
    with db.session() as s:
        user = get_by_username(session=s, username=DEMO_USERNAME)
        assert (sorted(user.roles), user.team_slugs) == (["kcc", "team"], [DEMO_TEAM])
    assert login(client, DEMO_USERNAME, "demo").status_code == 200


def test_no_demo_user_in_production(settings: Settings, db) -> None:
    production = settings.model_copy(update={"environment": "production"})
    with TestClient(create_app(production)) as client:
        assert login(client, DEMO_USERNAME, "demo").status_code == 401
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(StaffUser)) == 0
