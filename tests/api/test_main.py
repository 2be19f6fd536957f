"""The app shell: health, error shapes, OpenAPI ids, start-up migrations."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.testclient import TestClient

from api.core.db import Database
from api.main import create_app


def test_health_reports_the_database(client) -> None:
    assert client.get("/health").json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_is_gone(settings) -> None:
    app = create_app(settings)
    app.state.db = Database("postgresql+psycopg://postgres@127.0.0.1:1/none")  # nothing listens
    response = TestClient(app).get("/health")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


def test_unexpected_errors_are_500_without_details_or_personal_data(
    settings, make_staff, caplog
) -> None:
    app = create_app(settings)
    boom = APIRouter(prefix="/boom", tags=["boom"])

    @boom.get("/{name}")
    def fail(name: str) -> None:
        raise RuntimeError(f"database said: value {name} violates something")

    app.include_router(boom)
    with caplog.at_level(logging.ERROR), TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/boom/Jansen")
    assert (response.status_code, response.json()) == (500, {"detail": "internal server error"})
    assert "Jansen" not in caplog.text
    assert "RuntimeError in GET /boom/{name}" in caplog.text


def test_validation_errors_are_422_with_field_names(client) -> None:
    response = client.post("/api/v1/auth/login", json={"username": ""})
    body = response.json()
    assert response.status_code == 422
    assert body["detail"].startswith("invalid request: ")
    assert {tuple(e["loc"]) for e in body["errors"]} == {
        ("body", "username"),
        ("body", "password"),
    }


def test_openapi_ids_are_tag_and_name(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    ids = {op["operationId"] for item in paths.values() for op in item.values()}
    assert {"auth-login", "records-list_records", "records-update_record"} <= ids


def test_start_up_migrates_an_empty_database(settings, empty_database_url) -> None:
    fresh = settings.model_copy(update={"database_url": empty_database_url, "auto_migrate": True})
    with TestClient(create_app(fresh)) as c:
        response = c.post("/api/v1/auth/login", json={"username": "kcc-demo", "password": "demo"})
    assert response.status_code == 200
