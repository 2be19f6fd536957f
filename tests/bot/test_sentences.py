"""Splitting a message into sentences: where a sentence ends and where it only seems to."""

from itertools import pairwise

import pytest

from bot.sentences import Sentence, split_sentences

CASES = [
    # (text, sentences)
    ("mijn zoon spijbelt", ["mijn zoon spijbelt"]),
    ("Mijn zoon spijbelt. Ik heb schulden.", ["Mijn zoon spijbelt.", "Ik heb schulden."]),
    ("hij spijbelt. ik heb schulden", ["hij spijbelt.", "ik heb schulden"]),  # chat: no capitals
    ("Waarom doet hij dit? Ik weet het niet!", ["Waarom doet hij dit?", "Ik weet het niet!"]),
    ("ik kan niet meer!!! help", ["ik kan niet meer!!!", "help"]),
    ("Echt?! Ja.", ["Echt?!", "Ja."]),
    ("hij drinkt; zij gokt", ["hij drinkt;", "zij gokt"]),
    ("eerste regel\ntweede regel\n\nderde", ["eerste regel", "tweede regel", "derde"]),
    ("  ruimte voor. en na  ", ["ruimte voor.", "en na"]),
    # not a sentence end
    ("Ze is 3.5 jaar oud.", ["Ze is 3.5 jaar oud."]),
    ("om 10.30 uur. Daarna", ["om 10.30 uur.", "Daarna"]),
    ("we hebben o.a. schulden", ["we hebben o.a. schulden"]),
    ("Problemen, bv. met geld", ["Problemen, bv. met geld"]),
    ("Ik sprak dhr. Jansen. Hij hielp", ["Ik sprak dhr. Jansen.", "Hij hielp"]),
    ("Bij dr. Smit geweest", ["Bij dr. Smit geweest"]),
    ("J. de Vries belde", ["J. de Vries belde"]),
    ("kijk op www.loket.nl voor info", ["kijk op www.loket.nl voor info"]),
    ("ik weet het niet... hij luistert niet", ["ik weet het niet... hij luistert niet"]),
    ("ik weet het niet… hij luistert niet", ["ik weet het niet… hij luistert niet"]),
    ("Ik weet het niet... Hij luistert niet", ["Ik weet het niet...", "Hij luistert niet"]),
    ("het gaat wel ;) maar", ["het gaat wel ;) maar"]),
    ("het gaat wel ;-) maar", ["het gaat wel ;-) maar"]),
    ("het gaat niet :( echt niet", ["het gaat niet :( echt niet"]),
    ("boeken, tv enz. en nog meer", ["boeken, tv enz. en nog meer"]),
    ("boeken, tv enz. Daarna", ["boeken, tv enz.", "Daarna"]),
    # marks without words stay with a sentence
    ("Het gaat slecht. :(", ["Het gaat slecht. :("]),
    (":) hoi", [":) hoi"]),
    ("", []),
    ("  \n ", []),
    ("...", ["..."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize("text", [t for t, _ in CASES])
def test_offsets_point_into_the_original(text: str) -> None:
    sentences = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert all(a.end <= b.start for a, b in pairwise(sentences))
    assert "".join(text[s.start : s.end] for s in sentences).replace(" ", "") == (
        "".join(text.split())
    )


def test_sentence_is_frozen() -> None:
    sentence = split_sentences("hoi")[0]
    assert sentence == Sentence("hoi", 0, 3)
    with pytest.raises(AttributeError):
        sentence.start = 1  # type: ignore[misc]
