"""Household descriptions as parents and young people type them."""

import pytest

from bot.household_parse import (
    MemberMention,
    find_mentions,
    member_label,
    parse_correction,
    parse_household,
    read_correction,
)
from bot.record import Member, Role

ME = MemberMention(Role.PARENT, None, None, is_respondent=True)


def kid(age=None, label="kind", name=None):
    return MemberMention(Role.CHILD, label, age, name=name)


PARTNER = MemberMention(Role.PARTNER, "partner", None)
EX = MemberMention(Role.PARTNER, "ex_partner", None)


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
        ("twee kinderen: tim 8 en sara 11", [ME, kid(8, name="Tim"), kid(11, name="Sara")]),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ik en mijn 2 kinderen, sem 14 en lotte 6",
            [ME, kid(14, name="Sem"), kid(6, name="Lotte")],
        ),
        (
            "ik mijn man en onze dochter noa van 15 en zoon thomas van 12",
            [ME, PARTNER, kid(15, "dochter", "Noa"), kid(12, "zoon", "Thomas")],
        ),
        (
            "mijn vrouw Fatma, onze zoons Emre (9) en Kerem (4)",
            [
                ME,
                MemberMention(Role.PARTNER, "partner", None, name="Fatma"),
                kid(9, "zoon", "Emre"),
                kid(4, "zoon", "Kerem"),
            ],
        ),
        (
            "me, my husband and our twins Lily and Max who are 7",
            [ME, PARTNER, kid(7, name="Lily"), kid(7, name="Max")],
        ),
        ("ik woon alleen met mn dochter (16)", [ME, kid(16, "dochter")]),
        (
            "wij met zn vijven: ik, mn vriend en 3 kids van 2, 5 en 11",
            [ME, PARTNER, kid(2), kid(5), kid(11)],
        ),
        ("Ik, Sem (14) en Lotte (6)", [ME, kid(14, name="Sem"), kid(6, name="Lotte")]),
        ("my kids Tom and Eva, aged 4 and 9", [ME, kid(4, name="Tom"), kid(9, name="Eva")]),
        ("mijn zoon Sem", [ME, kid(None, "zoon", "Sem")]),
    ],
)
def test_household_with_given_names(text, expected):
    language = "en" if {"my", "me"} & set(text.replace(",", "").split()) else "nl"
    assert parse_household(text, language) == expected


@pytest.mark.parametrize(
    "text",
    [
        "mijn zoon spijbelt en mijn dochter huilt veel",  # verbs after a member word
        "mijn zoon heeft 3 vriendjes",  # a number after a common word
        "mijn man werkt 40 uur",
        "mijn dochter Heeft het moeilijk",  # a capital in the wrong place
        "mijn kinderen gaan naar school in Utrecht",  # a place name
        "Vandaag 2 keer gebeld door school over mijn zoon",
    ],
)
def test_ordinary_words_are_not_taken_for_names(text):
    assert all(m.name is None for m in find_mentions(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mn zoon van 14 spijbelt en blowt, de kleine van 6 plast weer in bed",
            [kid(14, "zoon"), kid(6)],
        ),
        ("mijn oudste is boos, de jongste huilt", [kid(None, "oudste"), kid(None, "jongste")]),
        # a brother or sister of a child is another child of the parent, not the parent's
        (
            "mijn dochter wil niet meer en haar broertje is bang",
            [kid(None, "dochter"), kid(None, "zoon")],
        ),
        ("zijn zusje slaapt slecht", [kid(None, "dochter")]),
        ("hun zus is 9", [kid(9, "dochter")]),
        ("his brother is fine", [kid(None, "zoon")]),
        (
            "mijn man drinkt en mijn ex belt steeds, opa helpt",
            [PARTNER, EX, MemberMention(Role.OTHER, "opa", None)],
        ),
        ("mn vriend is ziek", [PARTNER]),
        ("ik kan niet meer, help me", [ME]),
        ("mijn broer helpt soms", [MemberMention(Role.OTHER, "broer", None)]),  # parent's own
    ],
)
def test_find_mentions_in_a_story(text, expected):
    assert find_mentions(text, "en" if text.startswith("his") else "nl") == expected


KNOWN = [
    Member(id="m1", role=Role.PARENT, is_respondent=True),
    Member(id="m2", role=Role.CHILD, label="kind", name="Sem", age=14),
    Member(id="m3", role=Role.CHILD, label="kind", name="Lotte", age=6),
    Member(id="m4", role=Role.PARTNER, label="partner", name="Ben"),
]
SEM = kid(None, name="Sem")
LOTTE = kid(None, name="Lotte")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sem spijbelt", [SEM]),
        ("sem spijbelt en lotet plast in bed", [SEM, LOTTE]),  # lower case, swapped letters
        ("lottte huilt", [LOTTE]),
        ("ik ben zo moe", [ME]),  # "ben" the verb is not Ben
        ("en toen zei Ben dat", [MemberMention(Role.PARTNER, "partner", None, name="Ben")]),
        ("semester begint", []),
    ],
)
def test_known_names_are_found_alone(text, expected):
    assert find_mentions(text, "nl", KNOWN) == expected


@pytest.mark.parametrize(
    ("text", "about", "not_about"),
    [
        ("nee, het gaat om mijn dochter", [kid(None, "dochter")], []),
        ("niet ik maar mijn zoon", [kid(None, "zoon")], [ME]),
        ("het gaat niet om mij maar om Sem", [SEM], [ME]),
        ("not my son but my daughter", [kid(None, "dochter")], [kid(None, "zoon")]),
        ("lotte is 7", [kid(7, name="Lotte")], []),
        ("nee, mijn dochter is niet 12 maar 13", [kid(13, "dochter")], []),
    ],
)
def test_read_correction_says_who_it_is_about(text, about, not_about):
    language = "en" if text.startswith("not") else "nl"
    correction = read_correction(text, language, KNOWN)
    assert (correction.about, correction.not_about) == (about, not_about)
    assert parse_correction(text, language, KNOWN) == about
