"""Acute help in the person's own language, and always in Dutch next to it."""

from __future__ import annotations

import pytest

from bot.acute_help import acute_help_text, help_languages
from bot.texts import say

PHONE = "14 030"
DUTCH = say("messages", "acute_help", "nl")
INTERPRETER_LANGUAGES = {"tr", "ar", "pl", "uk", "ti", "fa"}


def test_every_interpreter_language_has_a_text():
    assert help_languages() == INTERPRETER_LANGUAGES


@pytest.mark.parametrize("language", sorted(INTERPRETER_LANGUAGES))
def test_an_interpreter_language_gets_its_own_text_then_the_dutch_one(language):
    text = acute_help_text(language, PHONE)
    own, dutch = text.split("\n\n")
    assert dutch == DUTCH
    for needed in ("112", "113", "0800-0113", "Veilig Thuis", "0800-2000", PHONE):
        assert needed in own, (language, needed)
    assert "{" not in own


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dutch_and_english_get_their_own_text_only(language):
    assert acute_help_text(language, PHONE) == say("messages", "acute_help", language)


def test_a_language_without_a_text_gets_dutch():
    assert acute_help_text("de", PHONE) == DUTCH
