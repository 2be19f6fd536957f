"""Settings of the service, read once from `GI_*` environment variables (or a `.env` file).

`Settings` refuses to start in production without a real secret key. In development a
random key is created once under `GI_VAR_DIR` (default `var/`) so that several workers on one
machine sign and check the same tokens. Use `get_settings()` (cached) everywhere; tests swap it
with `app.dependency_overrides[get_settings]` or pass `Settings(...)` to `create_app()`.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

UNSAFE_SECRETS = frozenset({"", "changethis", "changeme", "secret", "dev"})
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    """Everything configurable by a municipality's operator; secrets stay in the environment."""

    model_config = SettingsConfigDict(
        env_prefix="GI_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )

    environment: Literal["development", "production"] = "development"
    database_url: str = "sqlite:///./var/gezinsintake.db"
    var_dir: Path = Path("var")
    secret_key: SecretStr | None = None
    auto_migrate: bool | None = None  # None: on in development, off in production

    rasa_url: str = "http://127.0.0.1:5005"
    municipality_name: str = "Gemeente Voorbeeld"  # the controller the privacy notice names
    municipality_phone: str = "14 020"

    # Retention (docs/privacy.md); the notice states the same numbers. Finished chats
    # (transcript and Rasa tracker) go after `chat_retention_days`, abandoned unconfirmed
    # drafts after `draft_retention_days`; `python -m api.cli retention --loop` applies them.
    chat_retention_days: int = Field(default=30, ge=1)
    draft_retention_days: int = Field(default=42, ge=1)  # a request withdrawn: 6 weeks
    retention_interval_minutes: int = Field(default=60, ge=1)
    # Rasa's SQL tracker store (e.g. sqlite:///var/rasa-tracker.db): the trackers of deleted
    # chats are deleted there too. Unset: they are left alone (with a log line).
    rasa_tracker_db_url: str | None = None

    auth_backend: Literal["local"] = "local"  # see api/staff/authenticator.py for OIDC
    access_token_minutes: int = 480  # one working day for staff
    conversation_token_hours: int = 24  # a parent's link to their own conversation
    session_cookie_name: str = "gi_session"

    login_rate_limit: int = 10  # failed logins per address per window
    login_rate_window_seconds: int = 900
    conversation_rate_limit: int = 30  # new conversations per address per window
    conversation_rate_window_seconds: int = 3600
    message_rate_limit: int = 40  # messages per conversation per minute
    address_message_rate_limit: int = 120  # messages per address per minute, all chats together
    redis_url: str | None = None  # counters go here when set, else into the database

    outbox_targets: list[str] = ["team_export"]
    # Sites that embed the chat widget (e.g. ["https://www.gemeente.nl"]): the browser may call
    # the conversation API from there. Staff pages are same-origin and need no entry.
    widget_origins: list[str] = []

    @model_validator(mode="after")
    def _secret_key_is_safe(self) -> Settings:
        key = self.secret_key.get_secret_value() if self.secret_key else ""
        if self.is_production:
            if key.lower() in UNSAFE_SECRETS or len(key) < MIN_SECRET_LENGTH:
                raise ValueError(
                    "GI_SECRET_KEY must be set to a random value of at least "
                    f"{MIN_SECRET_LENGTH} characters in production "
                    '(e.g. python -c "import secrets; print(secrets.token_urlsafe(48))")'
                )
        elif not key:
            self.secret_key = SecretStr(_development_secret(self.var_dir))
        return self

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def should_auto_migrate(self) -> bool:
        return self.auto_migrate if self.auto_migrate is not None else not self.is_production

    @property
    def signing_key(self) -> str:
        assert self.secret_key is not None  # set by the validator
        return self.secret_key.get_secret_value()


def _development_secret(var_dir: Path) -> str:
    """Read the development key from var/, creating it once; safe when workers race."""
    path = var_dir / "secret_key"
    var_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another worker may be writing it right now
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            os.sched_yield()
        raise RuntimeError(f"{path} is empty; delete it and start again") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (a FastAPI dependency; override it in tests)."""
    return Settings()
