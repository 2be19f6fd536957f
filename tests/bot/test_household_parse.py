"""Household descriptions as parents and young people type them."""

import pytest

from bot.household_parse import MemberMention, member_label, parse_correction, parse_household
from bot.record import Role

ME = MemberMention(Role.PARENT, None, None, is_respondent=True)


def kid(age=None, label="kind"):
    return MemberMention(Role.CHILD, label, age)


PARTNER = MemberMention(Role.PARTNER, "partner", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik, mijn vriend en de kinderen van 3 en 7", [ME, PARTNER, kid(3), kid(7)]),
        (
            "ik woon alleen met mijn zoon van 14 en dochter van twaalf",
            [ME, kid(14, "zoon"), kid(12, "dochter")],
        ),
        ("mijn man, ik en onze drie kinderen (2, 5 en 9)", [ME, PARTNER, kid(2), kid(5), kid(9)]),
        ("alleen ik en de kleine van bijna 4", [ME, kid(3)]),
        ("my husband, me and two kids aged 6 and 10", [ME, PARTNER, kid(6), kid(10)]),
        ("twee kinderen: tim 8 en sara 11", [ME, kid(8), kid(11)]),  # names are not kept
        ("ik heb drie kinderen", [ME, kid(), kid(), kid()]),
        ("mn vriendin en ik en me 2 kids", [ME, PARTNER, kid(), kid()]),  # "me" = "mijn"
        ("Mijn dochter (16) en ik", [ME, kid(16, "dochter")]),
        ("ik met mijn 3-jarige en een baby van 8 maanden", [ME, kid(3), kid(0, "baby")]),
        ("my 6-year-old son and I", [ME, kid(6, "zoon")]),
        (
            "drie kinderen, de oudste is 12 en de jongste 3",
            [ME, kid(12, "oudste"), kid(3, "jongste"), kid()],
        ),
        (
            "we hebben twee kinderen: een zoon van 14 en een dochter van 12",
            [ME, kid(14, "zoon"), kid(12, "dochter")],
        ),
        ("twee kinderen en een baby", [ME, kid(), kid(), kid(None, "baby")]),
        ("ik woon met mijn tweeling van 5", [ME, kid(5), kid(5)]),
        ("it is kind of hard with my son (9)", [ME, kid(9, "zoon")]),
        (
            "ik (34), mijn man (36) en een baby van 8 maanden",
            [
                MemberMention(Role.PARENT, None, 34, True),
                MemberMention(Role.PARTNER, "partner", 36),
                kid(0, "baby"),
            ],
        ),
        (
            "ik ben alleenstaande moeder van 2 kinderen van 4 en 6",
            [MemberMention(Role.PARENT, "moeder", None, True), kid(4), kid(6)],
        ),
        ("mijn moeder woont bij ons in", [ME, MemberMention(Role.OTHER, "moeder", None)]),
        ("ik en mijn broertje van 8", [ME, kid(8, "broer")]),
    ],
)
def test_parse_household(text, expected):
    language = "en" if "my" in text.split() or text.startswith("it") else "nl"
    assert parse_household(text, language) == expected


def test_de_kinderen_without_a_number_says_there_are_children_but_not_how_many():
    assert parse_household("ik en de kinderen") == [ME, kid(None, "kinderen")]


@pytest.mark.parametrize(
    "text",
    [
        "ik ben 15 en woon bij mijn moeder",
        "Hoi, ik ben een meisje van 15. Ik woon bij mijn moeder",
        "I'm 15 and I live with my mum",
    ],
)
def test_a_young_person_chatting_is_the_child_of_the_household(text):
    members = parse_household(text, "en" if "I'm" in text else "nl")
    assert members == [
        MemberMention(Role.CHILD, None, 15, is_respondent=True),
        MemberMention(Role.PARENT, "moeder", None),
    ]


def test_young_persons_boyfriend_is_not_a_household_member():
    members = parse_household("ik ben 16, woon bij mijn vader en mijn vriend is 17")
    assert [m.label for m in members] == [None, "vader"]


@pytest.mark.parametrize(
    "text",
    [
        "mijn ex woont in Utrecht, ik woon met mijn 2 zonen",
        "ik en mijn 2 zonen. De kinderen zien hun vader, mijn ex-man, elk weekend",
        "Mijn man en ik zijn gescheiden, ik woon met mijn 2 zonen",
    ],
)
def test_ex_partner_who_lives_elsewhere_is_not_a_member(text):
    assert parse_household(text) == [ME, kid(None, "zoon"), kid(None, "zoon")]


def test_ex_partner_still_living_there_is_a_member():
    members = parse_household("mijn ex woont nog bij ons tot hij een huis heeft, en onze zoon")
    assert MemberMention(Role.PARTNER, "ex_partner", None) in members


def test_a_child_who_moved_out_is_not_a_member():
    text = "mijn oudste woont niet meer thuis, de jongste (12) wel"
    assert parse_household(text) == [ME, kid(12, "jongste")]


def test_people_who_do_not_live_there_are_not_members():
    assert parse_household("een vriend helpt ons soms met de boodschappen") == [ME]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nee, mijn dochter is 12", [kid(12, "dochter")]),
        ("Nee hoor mijn zoon is net 15 geworden", [kid(15, "zoon")]),
        ("nee ik ben 42", [MemberMention(Role.PARENT, None, 42, is_respondent=True)]),
        ("nee het zijn drie kinderen", [kid(), kid(), kid()]),
        ("no, my daughter is twelve", [kid(12, "dochter")]),
    ],
)
def test_parse_correction(text, expected):
    assert parse_correction(text, "en" if text.startswith("no,") else "nl") == expected


@pytest.mark.parametrize(
    ("word", "language", "label"),
    [
        ("zoontje", "nl", "zoon"),
        ("husband", "en", "partner"),
        ("ik", "nl", "ik"),
        ("ex", "nl", "ex_partner"),
        ("kind", "en", None),
        ("school", "nl", None),
    ],
)
def test_member_label(word, language, label):
    assert member_label(word, language) == label
