"""Answer the assistant's questions from a script, through the REST channel, like a parent would.

A script maps a question key ("household", "safety:children") or its prefix (the part before
':', e.g. "screen") to what the parent types (a string) or presses (`press(...)`); the script
wins over DEFAULTS, the quick button answers of a parent without further worries.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.e2e.chat import Chat


@dataclass(frozen=True)
class Press:
    options: tuple[str, ...]


def press(*options: str) -> Press:
    return Press(options)


Reply = str | Press

DEFAULTS: dict[str, Reply] = {
    "notice": press("continue"),
    "reflection": press("yes"),
    "who": press("household"),
    "child_view": "ze weet ervan, ze wil vooral dat het rustiger wordt",
    "screen": press("none"),
    "detail": press("2"),
    "safety:confirm": press("no"),  # the model alone may suspect danger in a calm answer
    "safety:home": press("yes"),
    "safety:children": press("no"),
    "services": press("nobody"),
    "coordinator": press("nobody"),
    "consent": press("yes"),
    "coordination": press("no"),
    "desired_outcome": press("not_sure_yet"),
    "contact": press("letter"),
    "summary": press("confirm"),
}


def reply(chat: Chat, answer: Reply) -> None:
    if isinstance(answer, Press):
        chat.press(*answer.options)
    else:
        chat.say(answer)


def answer_questions(
    chat: Chat, script: dict[str, Reply], *, until: str | None = None, limit: int = 40
) -> list[str]:
    """Answer until the intake is complete or the question `until` is asked; the keys asked.

    Every reply must end with the next question (or the closing message): a reply without one
    means the conversation lost its place, which is exactly what these tests are about.
    """
    asked: list[str] = []
    replies = {**DEFAULTS, **script}
    while "intake_complete" not in chat.kinds:
        question = chat.asked
        assert question is not None, f"no question after {asked}: {chat.last}"
        if question.key == until:
            return asked
        assert len(asked) < limit, f"no end after {limit} questions: {asked}"
        asked.append(question.key)
        answer = replies.get(question.key) or replies.get(question.key.split(":")[0])
        assert answer is not None, f"the script has no answer for {question.key}"
        reply(chat, answer)
    assert until is None, f"the intake ended before {until}: {asked}"
    return asked
