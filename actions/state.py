"""The only module that knows slot names: tracker <-> intake state, language and channel."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.state import IntakeState

STATE_SLOT = "intake_state"
ANSWER_SLOT = "intake_answer"
LANGUAGE_SLOT = "language"
CHANNEL_SLOT = "channel"
REFERENCE_SLOT = "reference"
REQUESTED_SLOT = "requested_slot"
FORM = "intake_form"
_RASA_STEPS = (
    "action_listen",
    "action_extract_slots",
    FORM,
)  # Rasa's own: the form's slot being asked, None before asking


def load_state(tracker: Tracker) -> IntakeState:
    """The intake so far (a fresh one at the start), with the conversation's channel/language."""
    raw = tracker.get_slot(STATE_SLOT)
    state = IntakeState.model_validate(raw) if raw else IntakeState()
    if not raw:
        state.record.channel = channel(tracker)  # type: ignore[assignment]
        state.record.language = language(tracker)  # type: ignore[assignment]
    return state


def save_state(state: IntakeState) -> SlotSet:
    return SlotSet(STATE_SLOT, state.model_dump(mode="json"))


def language(tracker: Tracker) -> str:
    return "en" if tracker.get_slot(LANGUAGE_SLOT) == "en" else "nl"


def channel(tracker: Tracker) -> str:
    return "kcc" if tracker.get_slot(CHANNEL_SLOT) == "kcc" else "web"


def question_asked(tracker: Tracker) -> bool:
    """True once the form has asked its question (not yet while the form is starting)."""
    return tracker.get_slot(REQUESTED_SLOT) == ANSWER_SLOT


def interrupted(tracker: Tracker) -> bool:
    """True when another action (an interruption's answer) ran since the person's last message.

    Rasa's own steps do not count: the slot extraction, and the form, which also appears as the
    latest action in the tracker it sends to its validation action.
    """
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in _RASA_STEPS:
            return True
    return False


def language_chosen(tracker: Tracker) -> bool:
    """True once the person asked for a language: their choice wins over detection."""
    return any(
        event.get("event") == "user"
        and ((event.get("parse_data") or {}).get("intent") or {}).get("name") == "change_language"
        for event in tracker.events
    )


def latest_text(tracker: Tracker) -> str:
    """The person's own words of the latest message (also when the service forced an intent)."""
    message: dict[str, Any] = tracker.latest_message or {}
    original = (message.get("metadata") or {}).get("text")
    text = original or message.get("text") or ""
    return "" if text.startswith("/") else text


def latest_intent(tracker: Tracker) -> tuple[str | None, float | None]:
    intent = (tracker.latest_message or {}).get("intent") or {}
    return intent.get("name"), intent.get("confidence")


def latest_spans(tracker: Tracker, entity: str) -> list[tuple[str, int, int]]:
    """(value, start, end) of each entity of this kind in the latest message."""
    return [
        (str(e["value"]), int(e.get("start") or 0), int(e.get("end") or 0))
        for e in (tracker.latest_message or {}).get("entities") or []
        if e.get("entity") == entity and e.get("value") is not None
    ]


def latest_entities(tracker: Tracker, entity: str) -> list[str]:
    return [value for value, _, _ in latest_spans(tracker, entity)]
