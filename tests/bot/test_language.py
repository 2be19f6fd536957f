"""Language detection on realistic parent messages: reliable on sentences, calm on short words."""

import pytest

from bot.language import (
    INTERPRETER_LANGUAGES,
    SUPPORTED,
    detect_language,
    interpreter_message,
    needs_interpreter,
)

PHONE = "14 0318"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hallo ik heb een vraag over mijn zoon, hij gaat al weken niet naar school", "nl"),
        ("mn zoon spijbelt al weken en ik weet nie meer wat ik moet doen", "nl"),
        ("Goeiendag, ik hep hulp nodig want het gaat nie goed thuis", "nl"),  # langdetect: af
        ("Kan iemand me bellen?", "nl"),
        ("Ik heb geen geld meer voor boodschappen en de deurwaarder komt", "nl"),
        ("Hoi ik ben moeder van 3 kids en t gaat nie zo lekker met de oudste", "nl"),
        ("Hello, I need some help with my daughter, she is not going to school", "en"),
        ("we are really struggling with money since my husband lost his job", "en"),
        ("Merhaba, oğlum okula gitmiyor ve ne yapacağımı bilmiyorum", "tr"),
        ("Dzień dobry, mój syn nie chodzi do szkoły i nie wiem co robić", "pl"),
        ("Добрий день, мій син не ходить до школи, що мені робити?", "uk"),
        ("Здравствуйте, у нас большие долги и нам нужна помощь", "ru"),
        ("مرحبا، ابني لا يذهب إلى المدرسة وأنا لا أعرف ماذا أفعل", "ar"),
        ("ሰላም፡ ወደይ ናብ ቤት ትምህርቲ ኣይከደን", "ti"),
        ("Guten Tag, mein Sohn geht seit Wochen nicht zur Schule", "de"),
    ],
)
def test_sentences_are_detected_reliably(text, code):
    guess = detect_language(text)
    assert (guess.code, guess.reliable) == (code, True)
    assert guess.probability >= 0.5


@pytest.mark.parametrize("text", ["ok", "ja", "thanks", "nee", "oke", "help", "ja dat klopt", "👍"])
@pytest.mark.parametrize("current", ["nl", "en"])
def test_short_latin_words_never_flip_the_conversation(text, current):
    guess = detect_language(text, current=current)
    assert guess.code == current
    assert not guess.reliable
    assert guess.switch_to is None


def test_without_current_an_unreliable_guess_falls_back_to_dutch():
    assert detect_language("ok").code == "nl"
    assert detect_language("").code == "nl"


@pytest.mark.parametrize(
    ("text", "code"), [("مرحبا", "ar"), ("Привіт", "uk"), ("всё", "ru"), ("ሰላም", "ti")]
)
def test_non_latin_scripts_are_recognised_even_when_short(text, code):
    guess = detect_language(text, current="nl")
    assert (guess.code, guess.reliable, guess.switch_to) == (code, True, code)


def test_short_turkish_with_its_own_letters_is_recognised():
    assert detect_language("oğlum okula gitmiyor", current="nl").switch_to == "tr"


def test_switch_only_when_the_reliable_language_differs_from_current():
    english = "Hello, I need some help with my daughter, she is not going to school"
    assert detect_language(english, current="nl").switch_to == "en"
    assert detect_language(english, current="en").switch_to is None
    assert detect_language("Wij wonen in een te klein huis met schimmel", "en").switch_to == "nl"


def test_the_same_text_always_gives_the_same_answer():
    text = "we hebben schulden en het huis is te klein voor ons"
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_interpreter_languages_cover_the_callers_we_expect():
    assert {"tr", "ar", "pl", "uk", "ti"} <= set(INTERPRETER_LANGUAGES)
    assert SUPPORTED == ("nl", "en")
    assert not needs_interpreter("nl") and not needs_interpreter("en")
    assert needs_interpreter("tr") and needs_interpreter("ti")


@pytest.mark.parametrize("code", sorted(set(INTERPRETER_LANGUAGES) - {"en"}))
def test_interpreter_message_is_in_that_language_with_the_municipality_number(code):
    message = interpreter_message(code, PHONE)
    assert PHONE in message
    assert message != interpreter_message("en", PHONE)
    assert detect_language(message).code == code


def test_interpreter_message_falls_back_to_english_for_an_unknown_language():
    assert interpreter_message("so", "14 020") == interpreter_message("en", "14 020")
    assert "14 020" in interpreter_message("en", "14 020")


@pytest.mark.parametrize(
    "text",
    ["Niemand, ik regel alles.", "Ja, iedereen voelt zich veilig bij ons.", "Nee hoor, nooit."],
)
def test_short_dutch_is_not_taken_for_a_language_close_to_it(text: str) -> None:
    guess = detect_language(text, "nl")
    assert guess.code == "nl" and guess.switch_to is None


def test_an_email_address_does_not_make_dutch_foreign() -> None:
    guess = detect_language("Mail mag, naar k.dewit@example.nl", "nl")
    assert guess.code == "nl" and guess.switch_to is None
