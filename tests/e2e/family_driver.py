"""Play a family (tests/e2e/families/*.json) through the real Rasa server and action server.

The simulated parent of tests/bot/families.py answers each question by its metadata, in the
family's free words (chat-typed with `noisy=True`). A question asked a third time in a row is a
loop: the parent records it and takes a way out ("weet ik niet"); a fifth time in a row, or a
sixth time at all (two questions taking turns), ends the conversation, as a person would leave.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.record import IntakeRecord
from tests.bot.families import Asked, Family, Parent, Reply, map_members
from tests.e2e.chat import BotMessage, Chat

MAX_TURNS = 70
LOOP = 3  # the same question this many times in a row is a loop
LEAVE = 5  # ... this many times in a row (or once more in all), the person leaves


@dataclass
class Played:
    """What happened in one intake, for the tests to judge."""

    family: Family
    record: IntakeRecord
    asked: list[Asked] = field(default_factory=list)  # every question answered, in order
    loops: list[str] = field(default_factory=list)  # keys asked a third time in a row
    acute_shown: bool = False
    acute_at: int | None = None  # index in `asked` of the first question after the acute help
    complete: bool = False  # the closing message came
    stuck: str | None = None  # why the conversation stopped early
    transcript: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # record member id -> family key

    @property
    def questions(self) -> int:
        """Questions the person had to answer (the privacy notice is not a question)."""
        return sum(1 for q in self.asked if q.kind != "notice")

    @property
    def keys(self) -> list[str]:
        return [q.key for q in self.asked]

    def member(self, key: str) -> str | None:
        """The record's member id of the family member `key`."""
        return next((mid for mid, k in self.mapping.items() if k == key), None)


def asked_from(message: BotMessage) -> Asked:
    meta = message.meta or {}
    return Asked(
        key=meta["key"],
        kind=meta.get("kind"),
        text=message.text,
        member_id=meta.get("member_id"),
        domain=meta.get("domain"),
        options=tuple(str(o.get("value")) for o in meta.get("options") or []),
        multiple=bool(meta.get("multiple")),
    )


def _is_acute(message: BotMessage) -> bool:
    return message.kind == "acute_help" or bool((message.meta or {}).get("acute"))


def play(chat: Chat, family: Family, *, noisy: bool = False) -> Played:
    """Answer every question of an intake as `family` would, until the closing message."""
    parent = Parent(family, is_noisy=noisy)
    played = Played(family, IntakeRecord())
    in_a_row = 0
    for _ in range(MAX_TURNS):
        for message in chat.last:
            played.transcript.append(f"BOT [{message.kind} {message.key}]: {message.text}")
            if _is_acute(message) and not played.acute_shown:
                played.acute_shown, played.acute_at = True, len(played.asked)
        if "intake_complete" in chat.kinds:
            played.complete = True
            break
        message = chat.asked
        if message is None:
            played.stuck = f"no question after {played.keys[-3:]}: {chat.last}"
            break
        question = asked_from(message)
        same = bool(played.asked) and played.asked[-1].key == question.key
        in_a_row = in_a_row + 1 if same else 1
        played.asked.append(question)
        record = chat.state().record
        if in_a_row >= LEAVE or played.keys.count(question.key) > LEAVE:
            played.stuck = f"{question.key} asked {played.keys.count(question.key)} times"
            break
        if in_a_row == LOOP:
            played.loops.append(question.key)
        reply = parent.give_up(question) if in_a_row >= LOOP else parent.reply(question, record)
        _send(chat, reply, played)
    else:
        played.stuck = f"no end after {MAX_TURNS} turns"
    played.record = chat.state().record
    played.mapping = map_members(family, played.record.members)
    return played


def _send(chat: Chat, reply: Reply, played: Played) -> None:
    if reply.press:
        played.transcript.append(f"PERSON [press]: {','.join(reply.press)}")
        chat.press(*reply.press)
    else:
        played.transcript.append(f"PERSON: {reply.text}")
        chat.say(reply.text or "")
