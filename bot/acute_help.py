"""The acute help (112 / 113 / Veilig Thuis) in the language the person wrote in.

Dutch and English come from texts.yml (`messages.acute_help`). A message in one of the
interpreter languages (acute_help.yml) gets the help in that language AND in Dutch: the
person reads their own language, and a neighbour, a teacher or the 112 operator reads Dutch.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.texts import say

HELP_FILE = Path(__file__).with_name("acute_help.yml")


@cache
def _translations() -> dict[str, str]:
    return yaml.safe_load(HELP_FILE.read_text(encoding="utf-8"))


def help_languages() -> frozenset[str]:
    """The interpreter languages the help is written in (besides Dutch and English)."""
    return frozenset(_translations())


def acute_help_text(language: str, phone: str) -> str:
    """The help for `language`: nl or en alone; an interpreter language followed by Dutch.

    A language we have no text for gets Dutch (the conversation's language is nl or en).
    """
    if language in ("nl", "en"):
        return say("messages", "acute_help", language)
    own = _translations().get(language)
    dutch = say("messages", "acute_help", "nl")
    return f"{own.format(phone=phone)}\n\n{dutch}" if own else dutch
