"""Problems heard in a story go on the member they are about, never simply on the writer."""

from __future__ import annotations

import pytest

from bot.attribution import Unresolved, place, read_story
from bot.record import IntakeRecord, Member, Role


def _family(*members: tuple[str, Role, int | None, str | None, str | None]) -> IntakeRecord:
    """(id, role, age, label, name) per member; m1 is the respondent."""
    return IntakeRecord(
        members=[
            Member(
                id=mid,
                role=role,
                age=age,
                label=label,
                name=name,
                age_band=None if age is not None or role == Role.CHILD else "adult",
                is_respondent=mid == "m1",
            )
            for mid, role, age, label, name in members
        ]
    )


MOTHER_SON_SMALL = _family(
    ("m1", Role.PARENT, None, None, None),
    ("m2", Role.CHILD, 14, "zoon", None),
    ("m3", Role.CHILD, 6, "kind", None),
)
NAMED = _family(
    ("m1", Role.PARENT, None, None, None),
    ("m2", Role.CHILD, 14, "kind", "Sem"),
    ("m3", Role.CHILD, 6, "kind", "Lotte"),
)
PARENTS_DAUGHTER = _family(
    ("m1", Role.PARENT, None, None, None),
    ("m2", Role.PARTNER, None, "partner", None),
    ("m3", Role.CHILD, 15, "dochter", "Noa"),
    ("m4", Role.CHILD, 12, "zoon", "Thomas"),
)


def _placed(record: IntakeRecord, text: str, about: str | None = None) -> set[tuple[str, str]]:
    out = set()
    for item in read_story(text, about=about):
        where = place(record, item)
        if isinstance(where, tuple):
            out |= {(who, item.domain) for who in where}
            continue
        who = "?" if isinstance(where, Unresolved) else where or "household"
        out.add((who, item.domain))
    return out


@pytest.mark.parametrize(
    ("record", "text", "expected"),
    [
        (
            MOTHER_SON_SMALL,
            "mn zoon van 14 spijbelt en blowt, de kleine van 6 plast weer in bed",
            {
                ("m2", "werk_opleiding"),
                ("m2", "middelengebruik"),
                ("m3", "lichamelijke_gezondheid"),
            },
        ),
        (NAMED, "Sem spijbelt al weken.", {("m2", "werk_opleiding")}),
        (NAMED, "lotte wordt gepest op school", {("m3", "sociaal_netwerk")}),
        (
            PARENTS_DAUGHTER,
            "Onze dochter blowt. Mijn man is zijn baan kwijt.",
            {("m3", "middelengebruik"), ("m2", "werk_opleiding")},
        ),
        (PARENTS_DAUGHTER, "We hebben schulden.", {("household", "financien")}),
        (
            PARENTS_DAUGHTER,
            "Ik slaap heel slecht en pieker veel.",
            {("m1", "geestelijke_gezondheid")},
        ),
        (
            MOTHER_SON_SMALL,
            "Mijn zoon spijbelt. Hij blowt ook.",
            {("m2", "werk_opleiding"), ("m2", "middelengebruik")},
        ),
    ],
)
def test_each_problem_lands_on_the_member_it_is_about(record, text, expected) -> None:
    assert expected <= _placed(record, text)
    assert not any(
        who == "m1" and who not in {w for w, _ in expected} for who, _ in _placed(record, text)
    )


def test_a_problem_of_a_child_never_lands_on_the_parent() -> None:
    placed = _placed(
        MOTHER_SON_SMALL, "mn zoon van 14 spijbelt en blowt, de kleine van 6 plast weer in bed"
    )
    assert not {p for p in placed if p[0] == "m1"}
    assert ("m3", "werk_opleiding") not in placed


def test_words_that_fit_several_children_are_asked_about() -> None:
    (item,) = [i for i in read_story("Het gaat slecht op school.") if i.domain == "werk_opleiding"]
    where = place(NAMED, item)
    assert isinstance(where, Unresolved)
    assert "m1" in where.candidates or set(where.candidates) >= {"m2", "m3"}


def test_the_member_asked_about_gets_words_without_a_name() -> None:
    assert ("m3", "werk_opleiding") in _placed(NAMED, "ze gaat niet graag naar school", about="m3")


def test_household_domains_go_on_the_household() -> None:
    assert _placed(NAMED, "Lotte zegt dat we een huurachterstand hebben") == {
        ("household", "financien")
    }


def test_the_words_kept_are_the_sentence_not_the_story() -> None:
    story = "Mijn zoon spijbelt. Mijn dochter is vaak ziek en ligt veel in bed."
    (item,) = [i for i in read_story(story) if i.domain == "werk_opleiding"]
    assert item.words == "Mijn zoon spijbelt."


def test_a_problem_of_both_twins_goes_on_both() -> None:
    twins = _family(
        ("m1", Role.PARENT, None, None, None),
        ("m2", Role.CHILD, 10, "kind", "Daan"),
        ("m3", Role.CHILD, 10, "kind", "Mila"),
        ("m4", Role.CHILD, 13, "zoon", "Jesse"),
    )
    placed = _placed(twins, "Onze tweeling van 10 wordt allebei gepest.")
    assert placed == {("m2", "sociaal_netwerk"), ("m3", "sociaal_netwerk")}
