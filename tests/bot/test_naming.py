"""How members are named in questions, buttons and the summary."""

import pytest

from bot.naming import member_choice_label, member_name
from bot.record import Member, Role


def member(**kw):
    return Member(id="m2", **kw)


ME = Member(id="m1", role=Role.PARENT, is_respondent=True)
SEM = member(role=Role.CHILD, label="kind", name="Sem", age=14)
SON = member(role=Role.CHILD, label="zoon", age=14)
DAUGHTER = member(role=Role.CHILD, label="dochter", age=6)
ELDEST = member(role=Role.CHILD, label="oudste")
PARTNER = member(role=Role.PARTNER, label="partner")
CHILD = member(role=Role.CHILD)
OMA = member(role=Role.OTHER, label="oma")
STAFF_LABEL = member(role=Role.CHILD, label="oudste dochter", age=15)


@pytest.mark.parametrize(
    ("who", "nl", "en"),
    [
        (ME, "u", "you"),
        (SEM, "Sem", "Sem"),
        (SON, "uw zoon (14)", "your son (14)"),
        (DAUGHTER, "uw dochter (6)", "your daughter (6)"),
        (ELDEST, "uw oudste", "your eldest"),
        (PARTNER, "uw partner", "your partner"),
        (CHILD, "uw kind", "your child"),
        (OMA, "uw oma", "your grandmother"),
        (STAFF_LABEL, "uw oudste dochter (15)", "your child (15)"),
    ],
)
def test_member_name(who, nl, en):
    assert (member_name(who, "nl"), member_name(who, "en")) == (nl, en)


def test_a_young_person_is_spoken_to_informally():
    mother = member(role=Role.PARENT, label="moeder")
    assert member_name(ME, "nl", informal=True) == "jij"
    assert member_name(mother, "nl", informal=True) == "je moeder"
    assert member_name(mother, "en", informal=True) == "your mother"


@pytest.mark.parametrize(
    ("who", "nl", "en"),
    [
        (ME, "Ikzelf", "Myself"),
        (SEM, "Sem (14)", "Sem (14)"),
        (member(role=Role.CHILD, name="Noa"), "Noa", "Noa"),
        (DAUGHTER, "uw dochter (6)", "your daughter (6)"),
    ],
)
def test_member_choice_label(who, nl, en):
    assert (member_choice_label(who, "nl"), member_choice_label(who, "en")) == (nl, en)
