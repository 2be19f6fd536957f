"""Settings: production refuses unsafe secrets; development shares one generated key."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.core.config import Settings


@pytest.mark.parametrize("key", [None, "changethis", "short"])
def test_production_refuses_missing_default_or_short_secret(tmp_path, key) -> None:
    with pytest.raises(ValidationError, match="GI_SECRET_KEY must be set"):
        Settings(_env_file=None, environment="production", secret_key=key, var_dir=tmp_path)
    assert not (tmp_path / "secret_key").exists()


def test_production_accepts_a_real_secret(tmp_path) -> None:
    settings = Settings(
        _env_file=None, environment="production", secret_key="k" * 40, var_dir=tmp_path
    )
    assert settings.signing_key == "k" * 40
    assert settings.should_auto_migrate is False


def test_development_key_is_created_once_and_shared(tmp_path) -> None:
    first = Settings(_env_file=None, var_dir=tmp_path / "var")
    second = Settings(_env_file=None, var_dir=tmp_path / "var")
    assert len(first.signing_key) >= 32
    assert first.signing_key == second.signing_key
    assert (tmp_path / "var" / "secret_key").read_text() == first.signing_key
    assert first.should_auto_migrate is True


def test_environment_variables_use_the_gi_prefix(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GI_DATABASE_URL", "sqlite:////tmp/elsewhere.db")
    monkeypatch.setenv("GI_MUNICIPALITY_PHONE", "14 0111")
    monkeypatch.setenv("GI_OUTBOX_TARGETS", '["zgw", "team_export"]')
    settings = Settings(_env_file=None, var_dir=tmp_path)
    assert settings.database_url == "sqlite:////tmp/elsewhere.db"
    assert settings.municipality_phone == "14 0111"
    assert settings.outbox_targets == ["zgw", "team_export"]
