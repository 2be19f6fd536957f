"""Never a loop: whatever a person answers, no question comes a third time in a row.

Driven through the plain-Python core (bot.turn.take_turn / bot.planner.next_question), without
Rasa. After two answers the assistant did not understand, it keeps the words in
record.unclear_answers and moves on, so every intake reaches the summary in bounded turns.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from bot.answers import Answer
from bot.planner import Question, next_question
from bot.record import IntakeRecord
from bot.state import IntakeState
from bot.turn import take_turn
from tests.bot.families import Asked, Family, Parent, Reply, load_families

MAX_TURNS = 80
NEUTRAL_WORDS = ("fiets", "blauw", "morgen", "lamp", "tafel", "wolk", "zeven", "appel", "nou")

Strategy = Callable[[Question, int], Answer]


def _random_words(question: Question, turn: int) -> Answer:
    rng = random.Random(f"{question.key}/{turn}")
    return Answer(text=" ".join(rng.choices(NEUTRAL_WORDS, k=rng.randint(1, 4))))


STRATEGIES: dict[str, Strategy] = {
    "empty": lambda q, n: Answer(text=""),
    "hmm": lambda q, n: Answer(text="hmm"),
    "tja": lambda q, n: Answer(text="tja"),
    "random words": _random_words,
    "a button that does not exist": lambda q, n: Answer(option="bestaat_niet"),
    "a number as button": lambda q, n: Answer(option="42"),
}
MIXED = list(STRATEGIES.values())
STRATEGIES["all of these in turn"] = lambda q, n: MIXED[n % len(MIXED)](q, n)


def _is_summary(question: Question) -> bool:
    return question.key in ("summary", "summary_correction")


def drive(strategy: Strategy) -> tuple[IntakeState, list[tuple[Question, Answer]]]:
    """Answer every question with `strategy` until the summary is asked."""
    state, turns = IntakeState(), []
    while (question := next_question(state)) is not None and not _is_summary(question):
        assert len(turns) < MAX_TURNS, f"no summary after {MAX_TURNS} turns: {_keys(turns)}"
        answer = strategy(question, len(turns))
        turns.append((question, answer))
        take_turn(state, question, answer)
    assert question is not None, "the intake ended without showing the summary"
    return state, turns


def _keys(turns: list[tuple[Question, Answer]]) -> list[str]:
    return [q.key for q, _ in turns]


def runs(keys: list[str]) -> list[tuple[str, int]]:
    """[("a", 2), ("b", 1)] for ["a", "a", "b"]: each key with how often it came in a row."""
    out: list[tuple[str, int]] = []
    for key in keys:
        if out and out[-1][0] == key:
            out[-1] = (key, out[-1][1] + 1)
        else:
            out.append((key, 1))
    return out


@pytest.mark.parametrize("strategy", list(STRATEGIES), ids=list(STRATEGIES))
def test_no_question_comes_a_third_time_in_a_row_and_the_summary_is_reached(
    strategy: str,
) -> None:
    state, turns = drive(STRATEGIES[strategy])
    keys = _keys(turns)
    assert [(k, n) for k, n in runs(keys) if n >= 3] == [], keys
    assert len(turns) <= 2 * len(set(keys)), keys  # each question at most twice
    assert state.record.safety.level.value == "none"  # nonsense is no danger


UNIFORM = [s for s in STRATEGIES if s != "all of these in turn"]


@pytest.mark.parametrize("strategy", UNIFORM, ids=UNIFORM)
def test_answers_not_understood_twice_are_kept_verbatim(strategy: str) -> None:
    """A question asked twice in a row was not understood twice: its words are kept."""
    state, turns = drive(STRATEGIES[strategy])
    unclear = {u.question_key: u for u in state.record.unclear_answers}
    start = 0
    for key, count in runs(_keys(turns)):
        if count == 2:
            assert key in unclear, f"{key} re-asked, then left without a trace"
            typed = [a.text for _, a in turns[start : start + 2] if a.text]
            assert set(typed) <= set(unclear[key].words), unclear[key]
        start += count
    for key in ("household", "safety:home"):  # cannot be read from such words at all
        assert key in unclear, f"{key} passed on {strategy!r} without a trace"


def asked_from(question: Question, record: IntakeRecord) -> Asked:
    return Asked(
        key=question.key,
        kind=question.kind.value,
        text=question.render(record.language, record.channel),
        member_id=question.member_id,
        domain=question.domain,
        options=tuple(o.value for o in question.options),
        multiple=question.multiple,
    )


def as_answer(reply: Reply) -> Answer:
    return Answer(option=",".join(reply.press)) if reply.press else Answer(text=reply.text)


def play_core(family: Family, until: str | None = None) -> tuple[IntakeState, list[str]]:
    """The simulated parent of `family` through the core; stops before `until` if given."""
    state, parent, keys = IntakeState(), Parent(family), []
    state.record.channel = family.channel  # type: ignore[assignment]
    while (question := next_question(state)) is not None and question.key != until:
        assert len(keys) < MAX_TURNS, f"no end after {MAX_TURNS} turns: {keys}"
        keys.append(question.key)
        asked = asked_from(question, state.record)
        loop = runs(keys)[-1][1] >= 3
        reply = parent.give_up(asked) if loop else parent.reply(asked, state.record)
        take_turn(state, question, as_answer(reply))
    return state, keys


FAMILIES = load_families()


@pytest.mark.parametrize("family", FAMILIES, ids=[f.id for f in FAMILIES])
def test_every_family_reaches_a_confirmed_summary_without_a_loop(family: Family) -> None:
    state, keys = play_core(family)
    assert [(k, n) for k, n in runs(keys) if n >= 3] == [], keys
    assert state.record.summary_confirmed, keys


ORDINARY_ANSWERS = [
    ("contact", "bellen mag, na drie uur"),
    ("contact", "appen is prima"),
    ("contact", "liever per mail: x@y.nl"),
    ("safety:home", "ja hoor, bij ons is iedereen veilig"),
    ("safety:home", "we voelen ons hier prima"),
    ("safety:children", "nee hoor, dat gebeurt hier nooit"),
    ("coordination", "yes"),
    ("coordination", "yes please"),
    ("coordination", "nee hoor, hoeft niet"),
    ("desired_outcome", "rust in huis"),
]


@pytest.mark.parametrize(("key", "words"), ORDINARY_ANSWERS)
def test_ordinary_free_answers_are_understood_the_first_time(key: str, words: str) -> None:
    family = next(f for f in FAMILIES if f.id.startswith("f02"))
    state, _ = play_core(family, until=key)
    question = next_question(state)
    assert question is not None and question.key == key
    take_turn(state, question, Answer(text=words))
    following = next_question(state)
    assert following is not None and following.key != key, f"{words!r} was not understood"
    assert [u for u in state.record.unclear_answers if u.question_key == key] == []
