"""Ages and counts in the words parents use, Dutch and English."""

import pytest

from bot.numbers import (
    number_value,
    one_edit_apart,
    parse_age,
    parse_count,
    read_age,
    tokenize,
    tokenize_cased,
)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("twaalf", 12),
        ("zestien", 16),
        ("twintig", 20),
        ("eenentwintig", 21),
        ("tweeëntwintig", 22),
        ("tweeentwintig", 22),  # without the diaeresis, as most people type it
        ("twelve", 12),
        ("twenty-one", 21),
        ("14", 14),
        ("14 jr", 14),
        ("14j", 14),
        ("14 jaar oud", 14),
        ("hij is 9 jaar", 9),
        ("4,5 jaar", 4),
        ("4.5", 4),
        ("4 en een half", 4),
        ("4½", 4),
        ("bijna 4", 3),  # not 4 yet: ages are completed years
        ("bijna 18", 17),
        ("ruim 5", 5),
        ("anderhalf", 1),
        ("anderhalf jaar", 1),
        ("een half jaar", 0),
        ("een baby van 8 maanden", 0),
        ("18 maanden", 1),
        ("6 weken oud", 0),
        ("een jaar", 1),
        ("my 6-year-old", 6),
        ("she is 7 years old", 7),
        ("6yo", 6),
        ("Één", 1),
    ],
)
def test_parse_age(text, age):
    assert parse_age(text) == age


@pytest.mark.parametrize("text", ["", "geen idee", "een baby", "weet ik niet", "200 jaar"])
def test_no_age_where_there_is_none(text):
    assert parse_age(text) is None


@pytest.mark.parametrize(
    ("text", "count"),
    [("drie", 3), ("2 kinderen", 2), ("we hebben vier kids", 4), ("een zoon", 1), ("two", 2)],
)
def test_parse_count(text, count):
    assert parse_count(text) == count


def test_parse_count_ignores_fractions_and_text_without_numbers():
    assert parse_count("anderhalf") is None
    assert parse_count("een paar") == 1  # "een" is also "one": the caller asks again if unsure
    assert parse_count("nog niet") is None


def test_read_age_returns_where_the_age_phrase_ends():
    tokens = tokenize("de kleine van bijna 4 jaar oud en de oudste")
    assert read_age(tokens, 3) == (3, 7)
    assert tokens[7] == "en"


def test_article_is_not_an_age_without_a_unit():
    tokens = tokenize("een zoon")
    assert read_age(tokens, 0) is None


@pytest.mark.parametrize(
    ("word", "value"), [("achtien", 18.0), ("vijfendertig", 35.0), ("4,5", 4.5), ("kat", None)]
)
def test_number_value(word, value):
    assert number_value(word) == value


@pytest.mark.parametrize("text", ["Mijn zoon Sem (14) en Zoë", "ÉÉN kind van Zoë, 4½", "Emre, 9j"])
def test_tokenize_cased_keeps_case_one_for_one_with_tokenize(text):
    cased = tokenize_cased(text)
    assert [t.lower() for t in cased] == tokenize(text)
    assert any(t[0].isupper() for t in cased if t.isalpha())


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("lotte", "lotet", True),  # swapped
        ("lotte", "lottte", True),  # one added
        ("thomas", "tomas", True),  # one dropped
        ("kerem", "kerim", True),  # one changed
        ("lotte", "otte", False),  # the first letter must agree
        ("sem", "sam", True),
        ("lotte", "lotus", False),
    ],
)
def test_one_edit_apart(a, b, close):
    assert one_edit_apart(a, b) is close
