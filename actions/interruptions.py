"""Answers to interruptions during the intake; afterwards the form asks its question again."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import state as slots
from actions.intake import read_answer
from actions.messages import send_acute_help, send_info
from bot.answers import Answer
from bot.free_answers import asks_for_person, asks_why
from bot.language import detect_language
from bot.planner import Kind, next_question
from bot.state import IntakeState
from bot.texts import say
from bot.turn import screen_words, take_acute

_WHY = {
    Kind.DOMAIN_SCREEN: "domain",
    Kind.DOMAIN_DETAIL: "domain",
    Kind.SAFETY: "safety",
    Kind.HOUSEHOLD: "household",
    Kind.MEMBER_DETAILS: "household",
    Kind.CONTACT: "contact",
}


class ActionAcuteHelp(Action):
    """Acute danger: record the signal and answer at once with 112 / 113 / Veilig Thuis, unless
    the words are only a calm fact the model misread ("we voelen ons thuis veilig").

    The service marks the conversation for a person as soon as it sees this message's kind.
    """

    def name(self) -> str:
        return "action_acute_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = slots.load_state(tracker)
        intent, confidence = slots.latest_intent(tracker)
        words = slots.latest_text(tracker)
        if take_acute(state, Answer(text=words, intent=intent), confidence).acute:
            send_acute_help(dispatcher, slots.language(tracker), words)
        return [slots.save_state(state)]


class ActionInterruptionOrAnswer(Action):
    """During the intake, "ik wil iemand spreken" gets a person, "waarom vraag je dat?" the
    reason, an off-topic question its answer; but an answer the model mistook for one of these
    ("niemand", "liever per mail", "dat Eva snel iemand krijgt") is read as the answer, so the
    same question does not come back again and again."""

    def name(self) -> str:
        return "action_interruption_or_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        words = slots.latest_text(tracker)
        intent, _ = slots.latest_intent(tracker)
        state = slots.load_state(tracker)
        pressed = not words  # "/request_human" from the person button carries no words
        if intent == "request_human" and (pressed or asks_for_person(words)):
            dispatcher.utter_message(response="utter_handover")
        elif intent == "ask_why" and asks_why(words):
            _explain(dispatcher, state, slots.language(tracker))
        elif intent == "out_of_scope" and (
            words.rstrip().endswith("?") or not state.is_answered("open_request")
        ):  # a question of its own, or no family matter told yet: really off-topic
            dispatcher.utter_message(response="utter_out_of_scope")
        else:
            asked = next_question(state)
            values = read_answer(dispatcher, tracker, state, words)
            again = next_question(state)
            if intent == "out_of_scope" and asked and again and again.key == asked.key:
                dispatcher.utter_message(response="utter_out_of_scope")  # not an answer after all
            return [SlotSet(name, value) for name, value in values.items()]
        if screen_words(state, words):
            send_acute_help(dispatcher, slots.language(tracker), words)
        return [slots.save_state(state)]


def _explain(dispatcher: CollectingDispatcher, state: IntakeState, language: str) -> None:
    question = next_question(state)
    reason = _WHY.get(question.kind, "default") if question else "default"
    send_info(dispatcher, say("why", reason, language))


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
