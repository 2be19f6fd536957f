"""Short free answers read for their meaning, as people type them in chat."""

import pytest

from bot.free_answers import (
    indication_from_words,
    is_decline,
    is_dont_know,
    read_yes_no,
    reads_as_safe,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ja hoor", True),
        ("Jazeker!", True),
        ("jaaa", True),
        ("jazkeer", True),  # two letters swapped
        ("yes", True),
        ("yep", True),
        ("klopt", True),
        ("dat klopt wel", True),
        ("hmm ja, dat is goed", True),
        ("Is goed", True),
        ("nee hoor", False),
        ("neee", False),
        ("nope", False),
        ("no", False),
        ("eigenlijk niet", False),
        ("niet echt", False),
        ("not really", False),
        ("ja nee, dat klopt niet", False),
        ("dat klopt niet", False),
        ("nee, het gaat om mijn dochter", False),
        ("weet ik niet", None),
        ("misschien", None),
        ("hoe bedoelt u?", None),
        ("", None),
    ],
)
def test_read_yes_no(text, expected):
    assert read_yes_no(text) is expected


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("tja", "affirm", True),
        ("tja", "deny", False),
        ("nee", "affirm", False),  # the words win over the model
        ("weet ik niet", "affirm", None),
    ],
)
def test_read_yes_no_uses_the_intent_only_when_the_words_do_not_say(text, intent, expected):
    assert read_yes_no(text, intent) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ja hoor, iedereen is veilig", True),
        ("we voelen ons veilig", True),
        ("er wordt wel geschreeuwd maar niemand wordt geslagen", True),
        ("no one gets hurt", True),
        ("ik ben niet bang voor hem", True),
        ("yes, we're safe", True),
        ("jazeker", True),
        ("nee", False),
        ("niet altijd", False),
        ("soms ben ik bang", False),
        ("hij slaat me", False),
        ("ik voel me niet veilig", False),
        ("ja maar mijn dochter is bang voor haar vader", False),  # a worry outweighs a yes
        ("mostly", False),
        ("weet ik niet", None),
        ("hmm", None),
    ],
)
def test_reads_as_safe(text, expected):
    assert reads_as_safe(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gaat helemaal mis", 1),
        ("het is echt een crisis", 1),
        ("lukt niet", 2),
        ("het lukt me niet meer", 2),
        ("lukt helemaal niet", 2),
        ("gaat niet goed", 2),
        ("het gaat niet", 2),
        ("slecht eigenlijk", 2),
        ("I cannot cope", 2),
        ("it does not work", 2),
        ("gaat wel", 3),
        ("matig", 3),
        ("gaat niet zo goed", 3),  # a softened no: partly
        ("lukt niet helemaal", 3),
        ("school gaat goed maar thuis is het moeilijk", 3),  # the lowest counts
        ("gaat goed", 4),
        ("gaat wel goed", 4),
        ("niet slecht", 4),
        ("not bad", 4),
        ("gaat prima", 5),
        ("geen probleem", 5),
        ("geen problemen meer", 5),
        ("lukt helemaal", 5),
        ("porbleemloos", None),
        ("we hebben schulden", None),  # a fact, not a judgement
        ("weet ik niet", None),
        ("", None),
    ],
)
def test_indication_from_words(text, expected):
    assert indication_from_words(text) == expected


@pytest.mark.parametrize(
    ("text", "dont_know", "decline"),
    [
        ("weet ik niet", True, False),
        ("geen idee", True, False),
        ("idk", True, False),
        ("don't know", True, False),
        ("uhm, weet ik eigenlijk niet", True, False),
        ("zeg ik liever niet", False, True),
        ("rather not say", False, True),
        ("sla over", False, True),
        ("ik weet niet hoe ik de huur moet betalen", False, False),  # the story, not "don't know"
        ("nee", False, False),
    ],
)
def test_dont_know_and_decline(text, dont_know, decline):
    assert (is_dont_know(text), is_decline(text)) == (dont_know, decline)
