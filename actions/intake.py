"""The intake form: Rasa loops over one slot while the planner in bot/ decides each question."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import state as slots
from actions.config import MUNICIPALITY_PHONE
from actions.messages import send_acute_help, send_info, send_question
from bot.answers import Answer
from bot.catalogue import DOMAIN_IDS
from bot.language import detect_language, interpreter_message, needs_interpreter
from bot.planner import next_question, progress
from bot.state import IntakeState
from bot.texts import say
from bot.turn import screen_words, take_opening, take_turn

# Intents the form does not read as answers (domain/slots.yml, intake_answer's not_intent) and
# after which it asks its question again; acute_danger and pause have their own actions, and
# request_human, ask_why and out_of_scope go to action_interruption_or_answer, which screens them.
# "correct" and "resume" are read as answers: the model confuses them with real answers
# ("ik wil weer rust in huis"), so a correction is recognised by what it changes instead.
_INTERRUPTIONS = ("change_language",)


def _language_events(
    dispatcher: CollectingDispatcher, tracker: Tracker, text: str
) -> tuple[dict[str, Any], bool]:
    """Follow a reliable language change, unless the person chose one; for a language we do
    not speak, refer to a person.

    Returns slot values to set and whether the message can be read as an answer.
    """
    guess = detect_language(text, slots.language(tracker)) if text else None
    if guess is None or not guess.reliable:
        return {}, True
    if needs_interpreter(guess.code):
        send_info(dispatcher, interpreter_message(guess.code, MUNICIPALITY_PHONE), "handover")
        return {}, False
    if guess.switch_to and not slots.language_chosen(tracker):
        return {slots.LANGUAGE_SLOT: guess.switch_to}, True
    return {}, True


def _answer(tracker: Tracker, value: Any) -> Answer:
    intent, _ = slots.latest_intent(tracker)
    domains = tuple(s for s in slots.latest_spans(tracker, "leefgebied") if s[0] in DOMAIN_IDS)
    if intent == "choose":
        return Answer(option=str(value), intent=intent)
    return Answer(text=slots.latest_text(tracker) or str(value), intent=intent, domains=domains)


def _starts_form(tracker: Tracker, state: IntakeState) -> bool:
    """The message that starts or resumes the form, when it is no answer.

    Rasa fills the slot from the activating message before any question was asked: a greeting,
    "verder", or the first message of all (ActionAskIntakeAnswer keeps that one as the opening
    words) is no answer; after a pause, an answer typed without "verder" is one.
    """
    if slots.question_asked(tracker):
        return False
    intent, _ = slots.latest_intent(tracker)
    return intent in ("greet", "resume") or not state.answered


def _screen_interruption(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Safety words in a message that was no answer ("ik wil iemand spreken, hij slaat me")
    count as much as in an answer; the acute intent has its own action.

    Only when the form comes back after the interruption's own action: on its first try,
    straight after the message, any slot set here would make Rasa take the message for an
    answer and skip the interruption.
    """
    intent, _ = slots.latest_intent(tracker)
    if intent not in _INTERRUPTIONS or not slots.interrupted(tracker):
        return []
    state = slots.load_state(tracker)
    before = len(state.record.safety.signals)
    words = slots.latest_text(tracker)
    if screen_words(state, words):
        send_acute_help(dispatcher, slots.language(tracker), words)
    return [slots.save_state(state)] if len(state.record.safety.signals) > before else []


class ValidateIntakeForm(FormValidationAction):
    """Applies each answer through bot.turn and keeps asking while the planner has questions."""

    def name(self) -> str:
        return "validate_intake_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """After an interruption the form comes back here: screen its words first."""
        screened = _screen_interruption(dispatcher, tracker)
        tracker.add_slots(screened)
        return screened + await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return [slots.ANSWER_SLOT] if next_question(slots.load_state(tracker)) else []

    async def validate_intake_answer(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        state = slots.load_state(tracker)
        if value is None or _starts_form(tracker, state):
            return {slots.ANSWER_SLOT: None}
        # The slot is emptied every time, so the form asks the planner's next question.
        return {**read_answer(dispatcher, tracker, state, value), slots.ANSWER_SLOT: None}


def read_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, state: IntakeState, value: Any
) -> dict[str, Any]:
    """The latest message as the answer to the current question: slot values to set."""
    answer = _answer(tracker, value)
    values, readable = _language_events(dispatcher, tracker, answer.text or "")
    if not readable:
        return values
    if values.get(slots.LANGUAGE_SLOT):
        state.record.language = values[slots.LANGUAGE_SLOT]
    language = values.get(slots.LANGUAGE_SLOT, slots.language(tracker))
    _, confidence = slots.latest_intent(tracker)
    outcome = take_turn(state, next_question(state), answer, confidence)
    if outcome.acute:
        send_acute_help(dispatcher, language, answer.text or "")
    if outcome.corrected:
        send_info(dispatcher, say("messages", "correction_noted", language))
    return {**values, slots.STATE_SLOT: state.model_dump(mode="json")}


class ActionAskIntakeAnswer(Action):
    """Asks the planner's next question, with buttons and metadata.

    A problem told before the intake started (the first message was not a greeting) is kept
    as the person's opening words, so they do not have to type it again after the notice; a
    first message in a language we do not speak, greeting or not, gets the interpreter route.
    """

    def name(self) -> str:
        return "action_ask_intake_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = slots.load_state(tracker)
        language = slots.language(tracker)
        events: list[EventType] = []
        text = slots.latest_text(tracker)
        intent, confidence = slots.latest_intent(tracker)
        if not state.answered and text and not slots.question_asked(tracker):
            values, readable = _language_events(dispatcher, tracker, text)
            language = values.get(slots.LANGUAGE_SLOT, language)
            events += [SlotSet(name, value) for name, value in values.items()]
            if readable and intent not in ("greet", "resume"):
                state.record.language = language  # type: ignore[assignment]
                answer = Answer(
                    text=text,
                    intent=intent,
                    domains=tuple(slots.latest_spans(tracker, "leefgebied")),
                )
                if take_opening(state, answer, confidence).acute:
                    send_acute_help(dispatcher, language, text)
                events.append(slots.save_state(state))
        if question := next_question(state):
            send_question(dispatcher, question, language, slots.channel(tracker), progress(state))
        return events
