"""The assistant's own sentences (texts.yml), looked up by key and language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.catalogue import Text

TEXTS_FILE = Path(__file__).with_name("texts.yml")
# The municipality's own values in the texts ({municipality}, {phone}, the retention days of the
# notice). Defaults here; the process that serves the texts sets the real ones once at start
# from its settings (actions/config.py), so bot/ reads no environment itself.
_SITE = {"municipality": "Gemeente Voorbeeld", "phone": "14 020", "chat_days": "30",
         "draft_days": "42"}  # fmt: skip


def configure_site(values: dict[str, str]) -> None:
    """Set the municipality's values for every text of this process."""
    _SITE.update({k: v for k, v in values.items() if v})


@cache
def _texts() -> dict:
    return yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))


def text(section: str, key: str) -> Text:
    """One text in both languages, e.g. text("questions", "household")."""
    return Text.model_validate(_texts()[section][key])


def say(section: str, key: str, language: str, informal: bool = False, **values: str) -> str:
    """The text in one language with its placeholders filled in.

    `informal`: the "je" wording for a young person who chats for themself, from the section
    `<section>_je` where it has the key (else the usual wording)."""
    if informal and key in _texts().get(f"{section}_je", {}):
        section = f"{section}_je"
    return text(section, key).get(language).format(**{**_SITE, **values})
