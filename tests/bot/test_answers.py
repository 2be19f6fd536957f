"""One answer per question kind, as people type them: what lands in the record, what is asked next.

Each case starts from a family whose household is known (a mother, Sem 14, Lotte 6), puts one
question, gives one answer and checks the record and whether the question is done.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answers import Answer
from bot.planner import Question, find_question, next_question, plan
from bot.record import IntakeRecord, SafetyLevel
from bot.state import IntakeState
from bot.turn import take_turn

OPENING = "Sem spijbelt al weken. Ik weet niet meer hoe ik hem moet aanpakken."
HOUSEHOLD = "ik en mijn 2 kinderen, sem 14 en lotte 6"


def _family() -> IntakeState:
    state = IntakeState()
    for answer in (Answer(option="continue"), Answer(text=OPENING), Answer(text=HOUSEHOLD)):
        take_turn(state, next_question(state), answer)
    return state


def _answer(state: IntakeState, key: str, answer: Answer) -> IntakeRecord:
    question = find_question(state, key)
    assert question is not None, f"{key} is not due"
    take_turn(state, question, answer)
    return state.record


Check = Callable[[IntakeRecord], bool]
CASES: list[tuple[str, Answer, Check, bool]] = [
    # (question key, answer, what the record must show, is the question done?)
    ("reflection", Answer(text="ja klopt"), lambda r: "Sem" in (r.request_summary or ""), True),
    ("reflection", Answer(text="yes"), lambda r: r.request_summary is not None, True),
    ("reflection", Answer(text="hmm"), lambda r: r.request_summary is None, False),
    (
        "screen:m2",
        Answer(text="nee verder gaat het goed"),
        lambda r: r.entry("m2", "justitie").status == "indicated",
        True,
    ),
    (
        "screen:m2",
        Answer(text="hij blowt ook"),
        lambda r: r.entry("m2", "middelengebruik").concern,
        True,
    ),
    (
        "screen:m2",
        Answer(option="middelengebruik,sociaal_netwerk"),
        lambda r: (
            r.entry("m2", "sociaal_netwerk").concern and not r.entry("m2", "justitie").concern
        ),
        True,
    ),
    (
        "screen:m2",
        Answer(option="middelengebruik"),
        lambda r: r.entry("m2", "justitie").status == "not_discussed",
        True,
    ),
    ("screen:m2", Answer(text="tja"), lambda r: r.entry("m2", "justitie") is None, False),
    (
        "screen:m3",
        Answer(text="ze plast weer in bed"),
        lambda r: r.entry("m3", "lichamelijke_gezondheid").concern,
        True,
    ),
    (
        "safety:home",
        Answer(text="ja hoor, iedereen is veilig"),
        lambda r: r.safety.level == SafetyLevel.NONE,
        True,
    ),
    (
        "safety:home",
        Answer(text="nee eigenlijk niet"),
        lambda r: r.safety.level == SafetyLevel.CONCERN,
        True,
    ),
    (
        "safety:home",
        Answer(text="weet ik niet"),
        lambda r: r.safety.level == SafetyLevel.CONCERN,
        True,
    ),
    (
        "safety:children",
        Answer(text="nee hoor, dat gebeurt hier nooit"),
        lambda r: r.safety.level == SafetyLevel.NONE,
        True,
    ),
    (
        "safety:children",
        Answer(option="sometimes"),
        lambda r: r.safety.level == SafetyLevel.CONCERN,
        True,
    ),
    (
        "services",
        Answer(text="de huisarts en de mentor van sem"),
        lambda r: {s.kind for s in r.involved_services} == {"huisarts", "school"},
        True,
    ),
    ("services", Answer(text="niemand"), lambda r: r.involved_services == [], True),
    (
        "coordination",
        Answer(text="yes please"),
        lambda r: r.coordination.wants_single_coordinator is True,
        True,
    ),
    (
        "coordination",
        Answer(text="nee hoor, hoeft niet"),
        lambda r: r.coordination.wants_single_coordinator is False,
        True,
    ),
    (
        "contact",
        Answer(text="bellen mag, na drie uur"),
        lambda r: r.contact.preference == "phone" and "drie" in (r.contact.best_time or ""),
        True,
    ),
    (
        "contact",
        Answer(text="liever per mail: x@y.nl"),
        lambda r: r.contact.preference == "email" and r.contact.details == "x@y.nl",
        True,
    ),
    ("contact", Answer(text="appen is prima"), lambda r: r.contact.preference == "phone", True),
    (
        "child_view",
        Answer(text="Sem weet het niet, Lotte wil vooral dat mama niet meer huilt"),
        lambda r: r.member("m3").child_view.view and r.member("m3").child_view.said_by == "parent",
        True,
    ),
    (
        "desired_outcome",
        Answer(text="dat Sem weer naar school gaat"),
        lambda r: r.desired_outcome == "dat Sem weer naar school gaat",
        True,
    ),
]


@pytest.mark.parametrize(("key", "answer", "check", "done"), CASES)
def test_one_answer(key: str, answer: Answer, check: Check, done: bool) -> None:
    state = _family()
    record = _answer(state, key, answer)
    assert check(record), record.model_dump(exclude_defaults=True)
    assert state.is_answered(key) is done


def test_the_opening_story_is_placed_on_the_right_members_with_names() -> None:
    record = _family().record
    assert [(m.name, m.age) for m in record.members] == [(None, None), ("Sem", 14), ("Lotte", 6)]
    concerns = {(e.member_id, e.domain) for e in record.domains if e.concern}
    assert concerns == {("m2", "werk_opleiding"), (None, "opvoeding")}
    assert record.entry("m2", "werk_opleiding").own_words == "Sem spijbelt al weken."


def test_a_correction_at_the_reflection_moves_the_problem_to_the_member_meant() -> None:
    state = IntakeState()
    for answer in (
        Answer(option="continue"),
        Answer(text="Mijn zoon blowt elke dag."),
        Answer(text="ik, mijn zoon van 16 en mijn dochter van 15"),
    ):
        take_turn(state, next_question(state), answer)
    assert state.record.entry("m2", "middelengebruik").concern
    take_turn(state, next_question(state), Answer(text="nee, het gaat om mijn dochter"))
    concerns = {(e.member_id, e.domain) for e in state.record.domains if e.concern}
    assert concerns == {("m3", "middelengebruik")}
    assert state.record.summary_corrections == ["nee, het gaat om mijn dochter"]


def test_words_that_fit_two_children_are_asked_about_by_name() -> None:
    state = IntakeState()
    for answer in (
        Answer(option="continue"),
        Answer(text="Het gaat niet goed op school."),
        Answer(text=HOUSEHOLD),
    ):
        take_turn(state, next_question(state), answer)
    question = next_question(state)
    assert question.key == "who:0"
    assert [o.label.nl for o in question.options] == [
        "Ikzelf",
        "Sem (14)",
        "Lotte (6)",
        "Het hele gezin",
    ]
    take_turn(state, question, Answer(text="over lotte"))
    assert state.record.entry("m3", "werk_opleiding").concern
    assert next_question(state).key == "reflection"


def test_an_acute_opening_is_the_story_and_is_not_asked_again() -> None:
    state = IntakeState()
    take_turn(state, next_question(state), Answer(option="continue"))
    outcome = take_turn(
        state,
        next_question(state),
        Answer(
            text="Mijn dochter van 15 wil dood en spaart pillen op. Haar broertje merkt het ook."
        ),
    )
    assert outcome.acute and outcome.next.key == "household"
    take_turn(state, outcome.next, Answer(text="ik, mijn dochter van 15 en haar broertje van 9"))
    record = state.record
    assert [(m.role, m.age) for m in record.members][1:] == [("child", 15), ("child", 9)]
    assert record.entry("m2", "geestelijke_gezondheid").concern
    assert record.safety.level == SafetyLevel.ACUTE
    assert "open_request" not in [q.key for q in _remaining(state)]


def test_only_the_model_suspecting_danger_asks_once_and_marks_acute_only_when_confirmed() -> None:
    state = _family()
    calm = Answer(text="ik weet het echt niet meer", intent="acute_danger")
    outcome = take_turn(state, find_question(state, "reflection"), calm, confidence=0.98)
    assert outcome.acute  # the help is shown
    assert next_question(state).key == "safety:confirm"
    take_turn(state, next_question(state), Answer(text="nee hoor"))
    assert state.record.safety.level == SafetyLevel.NONE
    again = take_turn(state, next_question(state), calm, confidence=0.98)
    assert not again.acute and next_question(state).key != "safety:confirm"


def test_a_young_person_chatting_for_themself_is_heard_directly_and_asked_with_je() -> None:
    state = IntakeState()
    for answer in (
        Answer(option="continue"),
        Answer(text="hoi ik ben 16. mn vader drinkt elke avond"),
        Answer(text="ik woon met mn vader en moeder"),
    ):
        take_turn(state, next_question(state), answer)
    me, father, mother = state.record.members
    assert (me.role, me.age, me.heard_directly) == ("child", 16, True)
    assert (father.role, mother.role) == ("parent", "parent")
    assert state.record.entry("m2", "middelengebruik").concern
    texts = [q.render("nl") for q in _remaining(state)]
    assert any(t.startswith("Hoe gaat het met jou?") for t in texts)
    assert not any(" uw " in f" {t} " for t in texts if "Klopt" not in t)


def _remaining(state: IntakeState) -> list[Question]:
    return plan(state)


def test_the_notice_names_the_municipality_and_the_terms_it_is_configured_with() -> None:
    from bot.texts import _SITE, configure_site

    before = dict(_SITE)
    try:
        configure_site({"municipality": "Gemeente Dinkelland", "chat_days": "14"})
        notice = next_question(IntakeState()).render("nl")
        assert "Gemeente Dinkelland is verantwoordelijk" in notice
        assert "14 dagen na het laatste bericht" in notice and "Jeugdwet" in notice
    finally:
        configure_site(before)


@pytest.mark.parametrize(
    ("words", "level"),
    [
        ("Er wordt bij ons niemand geslagen of bedreigd, thuis is het rustig.", SafetyLevel.NONE),
        ("dat weet ik niet", SafetyLevel.CONCERN),
        ("ja", SafetyLevel.ACUTE),
    ],
)
def test_the_danger_question_is_answered_in_words_and_never_loops(words, level) -> None:
    state = _family()
    danger = Answer(text="ik weet het echt niet meer", intent="acute_danger")
    take_turn(state, find_question(state, "reflection"), danger, confidence=0.98)
    take_turn(state, next_question(state), Answer(text=words))
    assert state.record.safety.level == level
    assert next_question(state).key != "safety:confirm"
