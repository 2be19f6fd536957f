"""One turn of the intake: safety first, then the answer, then flags and the next question.

The safety screen runs on every message before anything else, whatever the language model
thought, so an acute signal is answered at once even in the middle of a question. The answer
is kept all the same: an acute opening is the person's story, and the intake goes on from it.
When only the language model suspects danger, the help is shown and one question asks whether
there is danger now; the family is marked acute only when that is confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers import Answer, apply_age_correction, apply_answer
from bot.flags import evaluate_flags
from bot.planner import Question, find_question, next_question
from bot.record import SafetyLevel, SafetySignal
from bot.reflection import apply_who_correction
from bot.safety import SafetyScreen, assess, screen, to_signals
from bot.state import IntakeState

# Questions whose answer is itself a correction: a "correct" intent there is the answer.
_CORRECTION_ANSWERS = ("reflection", "reflection_fix", "summary", "summary_correction")


@dataclass(frozen=True)
class TurnOutcome:
    acute: bool  # show 112 / 113 / Veilig Thuis and a person, right now
    new_signals: tuple[SafetySignal, ...]
    next: Question | None  # None: the summary is confirmed, the intake is complete
    corrected: bool = False  # an earlier answer was corrected; the same question comes again


def note_safety(
    state: IntakeState, text: str, member_id: str | None = None, seen: SafetyScreen | None = None
) -> tuple[SafetySignal, ...]:
    """Screen one message with the lexicon (or take its screen) into the record's safety."""
    signals = to_signals(seen or screen(text), source="lexicon", member_id=member_id)
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


def _may_ask(state: IntakeState, question: Question | None) -> bool:
    """Ask "Is er nu direct gevaar?" once per intake, and not while it is being answered.

    The model alone misreads calm answers now and then; once the person has said whether there
    is danger, danger in words is still caught by the lexicon, whatever the model thinks."""
    if question is not None and question.key == "safety:confirm":
        return False
    return not state.is_answered("safety:confirm")


def _corrects(state: IntakeState, question: Question | None, answer: Answer) -> bool:
    """A correction of an earlier answer ("nee, mijn dochter is 12"), recognised by what it
    changes: a message that changes nothing is read as the answer after all."""
    if answer.intent != "correct" or not answer.text:
        return False
    if question is not None and question.key in _CORRECTION_ANSWERS:
        return False
    changed = apply_age_correction(state, answer.text)
    return apply_who_correction(state.record, answer.text) or changed


def take_turn(
    state: IntakeState,
    question: Question | None,
    answer: Answer,
    confidence: float | None = None,
) -> TurnOutcome:
    """Screen, apply the answer to `question` (if any), re-evaluate flags, plan the next one."""
    safety = assess(answer.text or "", answer.intent, confidence)
    signals = note_safety(state, answer.text or "", seen=safety.screen)
    certain = safety.level == "acute" and safety.certain
    suspected = safety.needs_confirmation and _may_ask(state, question)
    if suspected:
        state.danger_to_confirm = (answer.text or "")[:300] or "?"
    corrected = _corrects(state, question, answer)
    if question is not None and not corrected:
        apply_answer(state, question, answer, safety_heard=bool(signals))
    refresh_flags(state)
    return TurnOutcome(
        acute=certain or suspected,
        new_signals=signals,
        next=next_question(state),
        corrected=corrected,
    )


def take_opening(state: IntakeState, answer: Answer, confidence: float | None) -> TurnOutcome:
    """The first message, typed before any question: it is the person's story."""
    return take_turn(state, find_question(state, "open_request"), answer, confidence)


def screen_words(state: IntakeState, text: str) -> bool:
    """Safety words in a message that was no answer ("ik wil iemand spreken, hij slaat me").

    True when the words are acute: the caller shows the help."""
    signals = note_safety(state, text)
    if signals:
        refresh_flags(state)
    return any(s.level == "acute" for s in signals)


def take_acute(state: IntakeState, answer: Answer, confidence: float | None) -> TurnOutcome:
    """A message read as acute danger, which Rasa routes past the form. Before any story it is
    the story: the intake goes on from it and does not ask again what is going on. Later, words
    of danger are no answer (the same question comes again after the help), but a calm answer
    only the model misread is the answer, so it is not asked for again and again."""
    if not state.is_answered("open_request"):
        return take_turn(state, find_question(state, "open_request"), answer, confidence)
    danger_said = screen(answer.text or "").level == "acute"  # then it is no answer: ask again
    return take_turn(state, None if danger_said else next_question(state), answer, confidence)
