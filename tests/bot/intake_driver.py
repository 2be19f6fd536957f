"""Drive a whole intake through the core, answering each question from a small script."""

from __future__ import annotations

from collections.abc import Callable

from bot.answers import Answer
from bot.planner import Question, next_question
from bot.state import IntakeState
from bot.turn import take_turn

Reply = Answer | Callable[[Question], Answer]

DEFAULTS: dict[str, Reply] = {
    "notice": Answer(option="continue"),
    "reflection": Answer(option="yes"),
    "who": Answer(option="household"),
    "child_view": Answer(text="ze weet het niet, ze wil vooral rust"),
    "screen": Answer(option="none"),
    "detail": Answer(option="2"),
    "safety:home": Answer(option="yes"),
    "safety:children": Answer(option="no"),
    "services": Answer(option="nobody"),
    "coordinator": Answer(option="nobody"),
    "consent": Answer(option="yes"),
    "coordination": Answer(option="no"),
    "desired_outcome": Answer(option="not_sure_yet"),
    "contact": Answer(option="letter"),
    "summary": Answer(option="confirm"),
}


def run_intake(script: dict[str, Reply], limit: int = 60) -> tuple[IntakeState, list[Question]]:
    """Answer until the summary is confirmed; `script` keys match a question key or its prefix
    (the part before ':'); the script wins over DEFAULTS. Returns the state and the questions."""
    state, asked = IntakeState(), []
    replies = {**DEFAULTS, **script}
    while (question := next_question(state)) is not None:
        assert len(asked) < limit, f"no end after {limit} questions: {[q.key for q in asked]}"
        asked.append(question)
        reply = replies.get(question.key) or replies.get(question.key.split(":")[0])
        assert reply is not None, f"the script has no answer for {question.key}"
        take_turn(state, question, reply(question) if callable(reply) else reply)
    return state, asked
