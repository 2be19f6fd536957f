"""Bot messages with machine-readable metadata: the text plus {"meta": {...}} as a custom payload.

The REST channel returns the text (with buttons) and the custom payload as two messages; the
service pairs them again (api/conversations/relay.py).
"""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.config import MUNICIPALITY_PHONE
from bot.acute_help import acute_help_text
from bot.planner import Question
from bot.safety import screen


def question_meta(question: Question, language: str, step: tuple[int, int]) -> dict:
    return {
        "kind": question.kind.value,
        "key": question.key,
        "member_id": question.member_id,
        "domain": question.domain,
        "options": [{"value": o.value, "label": o.label.get(language)} for o in question.options],
        "multiple": question.multiple,
        "progress": {"step": step[0], "total": step[1]},
        "acute": False,
    }


def send_question(
    dispatcher: CollectingDispatcher,
    question: Question,
    language: str,
    channel: str,
    step: tuple[int, int],
) -> None:
    """Ask one planner question: its text, a button per option, and its metadata."""
    buttons = [
        {"title": o.label.get(language), "payload": f'/choose{{"option": "{o.value}"}}'}
        for o in question.options
    ]
    dispatcher.utter_message(text=question.render(language, channel), buttons=buttons)
    dispatcher.utter_message(json_message={"meta": question_meta(question, language, step)})


def send_info(
    dispatcher: CollectingDispatcher, text: str, kind: str = "info", *, acute: bool = False
) -> None:
    """A dynamic sentence (e.g. the interpreter message) with its kind."""
    dispatcher.utter_message(text=text)
    dispatcher.utter_message(json_message={"meta": {"kind": kind, "acute": acute}})


def send_acute_help(dispatcher: CollectingDispatcher, language: str, words: str = "") -> None:
    """112 / 113 / Veilig Thuis at once; the service then calls a person in.

    Pass the person's `words`: danger written in an interpreter language (Turkish, Arabic...)
    gets the help in that language too, above the Dutch.
    """
    text = acute_help_text(screen(words).help_language or language, MUNICIPALITY_PHONE)
    send_info(dispatcher, text, "acute_help", acute=True)
