"""The chat widget runs on a municipality's own site: only configured origins may call the API."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.core.config import Settings
from api.main import create_app
from tests.api.conftest import SECRET

SITE = "https://www.gemeente-voorbeeld.nl"


def _client(tmp_path: Path, origins: list[str]) -> TestClient:
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite:///{tmp_path}/cors.db",
        var_dir=tmp_path,
        secret_key=SECRET,
        widget_origins=origins,
    )
    return TestClient(create_app(settings))


def _preflight(client: TestClient, origin: str) -> dict[str, str]:
    response = client.options(
        "/api/v1/conversations",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    return dict(response.headers)


def test_configured_site_may_call_the_conversation_api(tmp_path: Path) -> None:
    headers = _preflight(_client(tmp_path, [SITE]), SITE)
    assert headers.get("access-control-allow-origin") == SITE
    assert "access-control-allow-credentials" not in headers


def test_other_sites_get_no_cors_permission(tmp_path: Path) -> None:
    headers = _preflight(_client(tmp_path, [SITE]), "https://evil.example")
    assert "access-control-allow-origin" not in headers


def test_no_cors_at_all_without_configuration(tmp_path: Path) -> None:
    assert "access-control-allow-origin" not in _preflight(_client(tmp_path, []), SITE)
