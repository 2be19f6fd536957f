"""The custom actions on recorded trackers: they only translate between Rasa and bot/.

Each tracker is what Rasa sends the action server at that point of a real conversation: the
slots, the latest message with its intent, entities and metadata, and the events so far.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import state as slots
from actions.intake import ValidateIntakeForm
from actions.interruptions import ActionAcuteHelp, ActionInterruptionOrAnswer
from bot.answers import Answer
from bot.planner import next_question
from bot.state import IntakeState
from bot.turn import take_turn


def _state_at_household() -> IntakeState:
    state = IntakeState()
    take_turn(state, next_question(state), Answer(option="continue"))
    take_turn(state, next_question(state), Answer(text="Mijn zoon van 14 spijbelt."))
    take_turn(state, next_question(state), Answer(text="ik en mijn zoon van 14"))
    take_turn(state, next_question(state), Answer(option="yes"))
    return state


def _tracker(state: IntakeState, text: str, intent: str, confidence: float = 0.9) -> Tracker:
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": [],
        "metadata": {"text": text},
    }
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "intake_form"},
        {"event": "user", "text": text, "parse_data": message},
    ]
    return Tracker(
        sender_id="t1",
        slots={
            slots.STATE_SLOT: state.model_dump(mode="json"),
            slots.REQUESTED_SLOT: slots.ANSWER_SLOT,
            slots.ANSWER_SLOT: text,
            slots.LANGUAGE_SLOT: "nl",
            slots.CHANNEL_SLOT: "web",
        },
        latest_message=message,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": slots.FORM},
        latest_action_name="action_listen",
    )


def _run(action: Any, tracker: Tracker) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return events, dispatcher.messages


def _saved(events: list[dict]) -> IntakeState:
    [value] = [e["value"] for e in events if e.get("name") == slots.STATE_SLOT]
    return IntakeState.model_validate(value)


def test_an_answer_to_a_screen_lands_on_the_member_asked_about() -> None:
    state = _state_at_household()
    assert next_question(state).key == "screen:m1"
    take_turn(state, next_question(state), Answer(option="none"))
    assert next_question(state).key == "screen:m2"
    tracker = _tracker(state, "hij blowt ook en heeft geen vrienden", "describe_problem")
    values = asyncio.run(
        ValidateIntakeForm().validate_intake_answer(
            tracker.get_slot(slots.ANSWER_SLOT), CollectingDispatcher(), tracker, {}
        )
    )
    after = IntakeState.model_validate(values[slots.STATE_SLOT])
    assert values[slots.ANSWER_SLOT] is None  # emptied: the form asks the next question
    assert after.record.entry("m2", "middelengebruik").concern
    assert after.record.entry("m1", "middelengebruik").concern is False


def test_an_answer_the_model_took_for_a_request_for_a_person_is_read_as_the_answer() -> None:
    state = _state_at_household()
    events, messages = _run(
        ActionInterruptionOrAnswer(), _tracker(state, "niemand", "request_human")
    )
    assert not [m for m in messages if m.get("response") == "utter_handover"]
    after = _saved(events)
    assert after.is_answered("screen:m1") or after.misses  # taken as the answer to the screen


def test_a_real_request_for_a_person_gets_the_handover() -> None:
    state = _state_at_household()
    tracker = _tracker(state, "ik wil een medewerker spreken", "request_human")
    events, messages = _run(ActionInterruptionOrAnswer(), tracker)
    assert [m.get("response") for m in messages] == ["utter_handover"]
    assert _saved(events).answered == state.answered  # the question stays open


def test_an_acute_opening_is_kept_as_the_story() -> None:
    state = IntakeState()
    take_turn(state, next_question(state), Answer(option="continue"))
    words = "mijn dochter van 15 wil niet meer leven"
    events, messages = _run(ActionAcuteHelp(), _tracker(state, words, "acute_danger", 1.0))
    after = _saved(events)
    assert after.record.request_own_words == words
    assert after.record.safety.level == "acute"
    kinds = [m["custom"]["meta"]["kind"] for m in messages if m.get("custom")]
    assert kinds == ["acute_help"]


def test_the_person_button_always_gets_the_handover() -> None:
    state = _state_at_household()
    tracker = _tracker(state, "/request_human", "request_human")
    tracker.latest_message["metadata"] = {}
    _, messages = _run(ActionInterruptionOrAnswer(), tracker)
    assert [m.get("response") for m in messages] == ["utter_handover"]
