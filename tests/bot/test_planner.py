"""The planner with realistic families: what is asked, in what order, and what gets recorded."""

from __future__ import annotations

import json

import pytest

from bot.answers import Answer
from bot.catalogue import DOMAIN_IDS
from bot.planner import Kind, next_question, plan
from bot.record import DomainStatus, IntakeRecord, SafetyLevel
from bot.state import IntakeState
from bot.turn import take_turn
from tests.bot.intake_driver import run_intake

FAMILY_OF_FOUR = {
    "open_request": Answer(
        text="We hebben schulden en de deurwaarder staat steeds voor de deur. Mijn zoon spijbelt "
        "al weken en ik ben zelf helemaal op, ik trek het niet meer. Ik wil één persoon die "
        "alles regelt."
    ),
    "household": Answer(text="ik, mijn man, onze zoon van 15 en een dochter van 9"),
    "coordination": Answer(option="yes"),
    "contact": Answer(option="phone"),
    "contact_details": Answer(text="06-12345678, liefst 's ochtends"),
}


def _concerns(record: IntakeRecord) -> set[tuple[str | None, str]]:
    return {(e.member_id, e.domain) for e in record.domains if e.concern}


def test_family_of_four_with_three_problems_is_complete_within_twenty_questions() -> None:
    state, asked = run_intake(FAMILY_OF_FOUR)
    record = state.record
    assert len(asked) <= 20, [q.key for q in asked]
    assert [m.role for m in record.members] == ["parent", "partner", "child", "child"]
    assert _concerns(record) == {
        (None, "financien"),
        ("m3", "werk_opleiding"),
        ("m1", "geestelijke_gezondheid"),
    }
    assert {f.code for f in record.flags} == {
        "gezinsregie",
        "joint_assessment",
        "coordination_wish",
    }
    assert record.summary_confirmed and record.confirmed_at is not None
    assert record.contact.details == "06-12345678"


def test_every_member_has_every_applicable_domain_discussed_or_marked() -> None:
    state, _ = run_intake(FAMILY_OF_FOUR | {"screen:m4": Answer(text="hmm")})
    record = state.record
    keys = {(e.member_id, e.domain) for e in record.domains}
    assert (None, "opvoeding") in keys and (None, "huisvesting") in keys
    assert ("m4", "werk_opleiding") in keys  # school for the 9-year-old
    assert ("m4", "middelengebruik") not in keys  # not asked about a child of 9
    unclear = [e for e in record.domains if e.member_id == "m4"]
    assert {e.status for e in unclear} == {DomainStatus.NOT_DISCUSSED}  # never implied "fine"


def test_open_question_comes_first_then_household_then_the_request_said_back() -> None:
    state, asked = run_intake(FAMILY_OF_FOUR)
    assert [q.key for q in asked[:4]] == ["notice", "open_request", "household", "reflection"]
    said_back = asked[3].render("nl")
    assert "uw zoon (15): school" in said_back and "thuis: geldzaken" in said_back
    assert "Ik wil één persoon die alles regelt." in said_back  # what the person asks for
    assert state.record.request_summary and "uw zoon (15)" in state.record.request_summary
    assert not [q for q in asked if q.kind == Kind.DOMAIN_DETAIL]  # described: not asked again
    assert asked[-1].kind == Kind.SUMMARY_CONFIRM


def test_a_problem_chosen_without_words_gets_one_question_in_words() -> None:
    state, asked = run_intake(
        FAMILY_OF_FOUR
        | {
            "screen:m4": lambda q: Answer(option="sociaal_netwerk"),
            "detail": Answer(text="ze wordt gepest, het lukt haar niet om vriendjes te maken"),
        }
    )
    assert [q.key for q in asked if q.kind == Kind.DOMAIN_DETAIL] == ["detail:m4:sociaal_netwerk"]
    entry = state.record.entry("m4", "sociaal_netwerk")
    assert entry.concern and entry.indication == 2 and entry.indication_from_words


def test_light_question_of_single_parent_still_gets_child_safety_questions() -> None:
    state, asked = run_intake(
        {
            "open_request": Answer(text="Mijn dochter van 3 slaapt heel slecht, heeft u tips?"),
            "household": Answer(text="alleen ik en mijn dochter van 3"),
        }
    )
    keys = [q.key for q in asked]
    assert "safety:home" in keys and "safety:children" in keys
    assert state.record.safety.questions_asked
    assert state.record.flags == []


def test_household_without_children_gets_no_child_questions() -> None:
    _, asked = run_intake(
        {
            "open_request": Answer(text="Ik heb schulden."),
            "household": Answer(option="only_me"),
        }
    )
    keys = [q.key for q in asked]
    assert "safety:children" not in keys
    household_screen = next(q for q in asked if q.key == "screen:household")
    assert "opvoeding" not in [o.value for o in household_screen.options]


def test_goeree_mother_hit_while_holding_her_child_raises_safety_assessment() -> None:
    """Report 003 §3.3: a mother hit while holding her child; no parenting question asked."""
    state, _ = run_intake(
        {
            "open_request": Answer(
                text="Ik zoek hulp met de administratie. Vorige maand sloeg mijn man me terwijl ik "
                "de baby vasthield."
            ),
            "household": Answer(text="ik, mijn man en de baby van 8 maanden"),
        }
    )
    record = state.record
    assert record.safety.level == SafetyLevel.CONCERN
    assert any(s.code == "domestic_violence" for s in record.safety.signals)
    assert "safety_assessment" in {f.code for f in record.flags}


def test_raalte_mother_asking_for_one_coordinator() -> None:
    """Report 001: the request for one independent coordinator is recorded and flagged."""
    state, _ = run_intake(
        {
            "open_request": Answer(
                text="Ik vraag al een jaar om één onafhankelijke regisseur voor ons gezin. Het is "
                "mij te veel, mijn zoon heeft autisme en er zijn vijf hulpverleners."
            ),
            "household": Answer(text="ik en mijn zoon van 12"),
            "coordination": Answer(text="ja, graag één vaste regisseur"),
        }
    )
    record = state.record
    assert record.request_own_words.startswith("Ik vraag al een jaar")  # verbatim
    assert record.coordination.wants_single_coordinator is True
    assert {"coordination_wish", "gezinsregie"} <= {f.code for f in record.flags}


def test_missing_child_ages_are_asked_per_child() -> None:
    state, asked = run_intake(
        {
            "open_request": Answer(text="Mijn kinderen maken veel ruzie."),
            "household": Answer(text="ik en mijn twee kinderen"),
            "age": lambda q: Answer(text="twaalf" if q.member_id == "m2" else "bijna 4"),
        }
    )
    assert [q.key for q in asked if q.kind == Kind.MEMBER_DETAILS] == ["age:m2", "age:m3"]
    assert [m.age for m in state.record.members] == [None, 12, 3]  # "bijna 4": still 3
    assert [m.age_band for m in state.record.members][1:] == ["youth", "child"]


def test_declined_screen_is_recorded_as_declined() -> None:
    state, _ = run_intake(
        {
            "open_request": Answer(text="Ik heb schulden."),
            "household": Answer(option="only_me"),
            "screen:m1": Answer(option="declined"),
        }
    )
    mine = [e for e in state.record.domains if e.member_id == "m1"]
    assert mine and {e.status for e in mine} == {DomainStatus.DECLINED}


def test_summary_correction_updates_the_record_and_asks_again() -> None:
    rounds = iter([Answer(option="change"), Answer(option="confirm")])
    state, asked = run_intake(
        {
            "open_request": Answer(text="Mijn dochter wordt gepest op school."),
            "household": Answer(text="ik en mijn dochter van 11"),
            "summary": lambda _q: next(rounds),
            "summary_correction": Answer(text="nee, mijn dochter is 12"),
        }
    )
    keys = [q.key for q in asked]
    assert keys[-3:] == ["summary", "summary_correction", "summary"]
    assert state.record.members[1].age == 12
    assert state.record.summary_corrections == ["nee, mijn dochter is 12"]


def test_acute_words_in_any_answer_escalate_at_once() -> None:
    state = IntakeState()
    take_turn(state, next_question(state), Answer(option="continue"))
    outcome = take_turn(state, next_question(state), Answer(text="ik wil niet meer leven"))
    assert outcome.acute
    assert state.record.safety.level == SafetyLevel.ACUTE
    assert "acute" in {f.code for f in state.record.flags}
    assert outcome.next is not None  # the intake can go on after the help is shown


def test_state_survives_a_json_round_trip_between_workers() -> None:
    state = IntakeState()
    for answer in [
        Answer(option="continue"),
        FAMILY_OF_FOUR["open_request"],
        FAMILY_OF_FOUR["household"],
        Answer(option="yes"),
    ]:
        take_turn(state, next_question(state), answer)
    travelled = IntakeState.model_validate(json.loads(json.dumps(state.model_dump(mode="json"))))
    assert [q.key for q in plan(travelled)] == [q.key for q in plan(state)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_question_has_text_in_both_languages_and_a_known_kind(language: str) -> None:
    _, asked = run_intake(FAMILY_OF_FOUR)
    for q in asked:
        assert q.render(language).strip(), q.key
        assert q.kind in set(Kind)
        assert q.domain is None or q.domain in DOMAIN_IDS
    assert asked[0].render("nl", "kcc").startswith("Vraag de beller: ")
