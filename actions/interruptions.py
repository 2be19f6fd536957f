"""Answers to interruptions during the intake; afterwards the form asks its question again."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import state as slots
from actions.messages import send_acute_help, send_info
from bot.answers import Answer
from bot.language import detect_language
from bot.planner import Kind, next_question
from bot.texts import say
from bot.turn import take_acute

_WHY = {
    Kind.DOMAIN_SCREEN: "domain",
    Kind.DOMAIN_DETAIL: "domain",
    Kind.SAFETY: "safety",
    Kind.HOUSEHOLD: "household",
    Kind.MEMBER_DETAILS: "household",
    Kind.CONTACT: "contact",
}


class ActionAcuteHelp(Action):
    """Acute danger: record the signal and answer at once with 112 / 113 / Veilig Thuis.

    The service marks the conversation for a person as soon as it sees this message's kind.
    """

    def name(self) -> str:
        return "action_acute_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = slots.load_state(tracker)
        intent, confidence = slots.latest_intent(tracker)
        take_acute(state, Answer(text=slots.latest_text(tracker), intent=intent), confidence)
        send_acute_help(dispatcher, slots.language(tracker))
        return [slots.save_state(state)]


class ActionExplainQuestion(Action):
    """Why is this asked? An answer that fits the kind of the current question."""

    def name(self) -> str:
        return "action_explain_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        question = next_question(slots.load_state(tracker))
        reason = _WHY.get(question.kind, "default") if question else "default"
        send_info(dispatcher, say("why", reason, slots.language(tracker)))
        return []


class ActionChangeLanguage(Action):
    """Switch between Dutch and English: the language asked for, else the other one."""

    def name(self) -> str:
        return "action_change_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        asked = [v for v in slots.latest_entities(tracker, "language") if v in ("nl", "en")]
        current = slots.language(tracker)
        guess = detect_language(slots.latest_text(tracker), current)
        target = asked[0] if asked else "en" if current == "nl" else "nl"
        if not asked and guess.reliable and guess.code in ("nl", "en") and guess.code != current:
            target = guess.code
        state = slots.load_state(tracker)
        state.record.language = target  # type: ignore[assignment]
        send_info(dispatcher, say("messages", "language_switched", target))
        return [SlotSet(slots.LANGUAGE_SLOT, target), slots.save_state(state)]
