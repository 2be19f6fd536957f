"""Session start and the end of the intake."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import state as slots
from actions.config import MUNICIPALITY_PHONE
from actions.messages import send_info
from bot.record import reference_for
from bot.texts import say

_CARRIED = (slots.STATE_SLOT, slots.LANGUAGE_SLOT, slots.CHANNEL_SLOT, slots.REFERENCE_SLOT)


class ActionSessionStart(Action):
    """Start a session with the channel (web/kcc) and language the service sent as metadata,
    keeping an unfinished intake when a person comes back after the session expired."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        metadata = tracker.get_slot("session_started_metadata") or {}
        events: list[EventType] = [SessionStarted()]
        events += [
            SlotSet(name, tracker.get_slot(name))
            for name in _CARRIED
            if tracker.get_slot(name) is not None
        ]
        if metadata.get("channel") in ("web", "kcc"):
            events.append(SlotSet(slots.CHANNEL_SLOT, metadata["channel"]))
        if metadata.get("language") in ("nl", "en"):
            events.append(SlotSet(slots.LANGUAGE_SLOT, metadata["language"]))
        events.append(ActionExecuted("action_listen"))
        return events


class ActionIntakeComplete(Action):
    """The person confirmed the summary: give the reference number and what happens next.

    A message after that ("ok", "bedankt") starts nothing new: a short reply with the number."""

    def name(self) -> str:
        return "action_intake_complete"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = slots.load_state(tracker)
        given = ((tracker.latest_message or {}).get("metadata") or {}).get("reference")
        record = state.record
        done_before = tracker.get_slot(slots.REFERENCE_SLOT) is not None
        record.reference = given or record.reference or reference_for(record.id)
        words = say(
            "messages",
            "already_complete" if done_before else "intake_complete",
            slots.language(tracker),
            reference=record.reference,
            phone=MUNICIPALITY_PHONE,
        )
        send_info(dispatcher, words, "already_complete" if done_before else "intake_complete")
        return [slots.save_state(state), SlotSet(slots.REFERENCE_SLOT, state.record.reference)]
