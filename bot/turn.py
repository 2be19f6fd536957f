"""One turn of the intake: safety first, then the answer, then flags and the next question.

The safety screen runs on every message before anything else, whatever the language model
thought, so an acute signal is answered at once even in the middle of a question.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers import Answer, apply_answer
from bot.flags import evaluate_flags
from bot.planner import Question, next_question
from bot.record import SafetyLevel, SafetySignal
from bot.safety import screen, to_signals
from bot.state import IntakeState

ACUTE_INTENT = "acute_danger"
ACUTE_INTENT_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class TurnOutcome:
    acute: bool  # answer with 112 / 113 / Veilig Thuis and a person, right now
    new_signals: tuple[SafetySignal, ...]
    next: Question | None  # None: the summary is confirmed, the intake is complete


def note_safety(
    state: IntakeState,
    text: str,
    intent: str | None = None,
    confidence: float | None = None,
    member_id: str | None = None,
) -> tuple[SafetySignal, ...]:
    """Screen one message (lexicon, plus the model's acute intent) into the record's safety."""
    signals = to_signals(screen(text), source="lexicon", member_id=member_id)
    if (
        intent == ACUTE_INTENT
        and (confidence or 0) >= ACUTE_INTENT_MIN_CONFIDENCE
        and not any(s.level == "acute" for s in signals)
    ):
        signals.append(
            SafetySignal(
                code="acute_danger",
                level="acute",
                source="model",
                excerpt=text[:300],
                member_id=member_id,
            )
        )
    safety = state.record.safety
    for signal in signals:
        safety.signals.append(signal)
        if signal.level == "acute":
            safety.level = SafetyLevel.ACUTE
        elif safety.level == SafetyLevel.NONE:
            safety.level = SafetyLevel.CONCERN
    return tuple(signals)


def refresh_flags(state: IntakeState) -> None:
    state.record.flags = evaluate_flags(state.record)


def take_turn(
    state: IntakeState,
    question: Question | None,
    answer: Answer,
    confidence: float | None = None,
) -> TurnOutcome:
    """Screen, apply the answer to `question` (if any), re-evaluate flags, plan the next one.

    An acute message is not taken as the answer: after the help, the same question comes again.
    """
    signals = note_safety(state, answer.text or "", answer.intent, confidence)
    acute = any(s.level == "acute" for s in signals)
    if question is not None and not acute:
        apply_answer(state, question, answer)
    refresh_flags(state)
    return TurnOutcome(acute=acute, new_signals=signals, next=next_question(state))
