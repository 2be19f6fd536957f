"""Municipality settings the actions need, read once from the environment."""

from __future__ import annotations

import os

from bot.texts import configure_site

MUNICIPALITY_PHONE = os.environ.get("GI_MUNICIPALITY_PHONE", "14 020")


def notice_values() -> dict[str, str]:
    """The privacy notice's placeholders, from the same GI_ settings (and defaults) as the
    service's retention job (api/core/config.py): the notice states the terms it keeps."""
    return {
        "municipality": os.environ.get("GI_MUNICIPALITY_NAME") or "Gemeente Voorbeeld",
        "chat_days": os.environ.get("GI_CHAT_RETENTION_DAYS") or "30",
        "draft_days": os.environ.get("GI_DRAFT_RETENTION_DAYS") or "42",
        "phone": MUNICIPALITY_PHONE,
    }


configure_site(notice_values())
