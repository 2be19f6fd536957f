"""Whole families through the real Rasa server: the record is right about every person.

Each family of tests/e2e/families/ is played once cleanly typed and once chat-typed (lower
case, no accents, "mn", a swapped letter) by the simulated parent of tests/bot/families.py.
The record must hold exactly the family's problems on the right members (a household entry
for financien, huisvesting, huiselijke_relaties and opvoeding), the expected flags and safety
level, and the conversation must never ask one question three times in a row. Conversations
are played once and shared by the tests below (`_played`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.record import Role, Source
from tests.bot.families import HOUSEHOLD, Family, load_families
from tests.e2e.chat import Chat
from tests.e2e.family_driver import Played, play

pytestmark = pytest.mark.rasa

NewChat = Callable[..., Chat]
FAMILIES = load_families()
BY_ID = {f.id: f for f in FAMILIES}
_PLAYED: dict[tuple[str, bool], Played] = {}
WORK_WORDS = re.compile(r"\b(werk|baan|job|work|werkt|working)\b", re.IGNORECASE)
CHILD_VIEW_AGE = 4


def _played(new_chat: NewChat, family: Family, *, noisy: bool = False) -> Played:
    """Play `family` once per typing style and keep it for every test that judges it."""
    if (family.id, noisy) not in _PLAYED:
        chat = new_chat(channel=family.channel, language=family.language)
        _PLAYED[family.id, noisy] = play(chat, family, noisy=noisy)
    return _PLAYED[family.id, noisy]


def concerns(played: Played) -> set[tuple[str, str]]:
    """(family member key or "household", domain) for every concern in the record."""
    found = set()
    for e in played.record.domains:
        if e.concern:
            who = HOUSEHOLD if e.member_id is None else played.mapping.get(e.member_id, e.member_id)
            found.add((who, e.domain))
    return found


def faults(played: Played) -> list[str]:
    """Everything wrong with one played family, so a failure shows the whole picture."""
    family, record, exp = played.family, played.record, played.family.expect
    out: list[str] = []
    if played.stuck:
        out.append(f"stuck: {played.stuck}")
    unmapped = [m.id for m in record.members if m.id not in played.mapping]
    missing = [m.key for m in family.members if played.member(m.key) is None]
    if unmapped or missing:
        out.append(f"members do not match the family: extra {unmapped}, missing {missing}")
    for m in family.members:
        rm = record.member(played.member(m.key) or "")
        if rm is not None and rm.role != Role(m.role if m.role != "ex-partner" else "other"):
            out.append(f"{m.key} recorded as {rm.role.value}, is {m.role}")
    found = concerns(played)
    if wrong := sorted(found - exp.problems):
        out.append(f"concerns that are not there (wrong person or domain): {wrong}")
    if lost := sorted(exp.problems - found):
        out.append(f"concerns missed: {lost}")
    codes = {f.code for f in record.flags}
    if absent := sorted(exp.flags_required - codes):
        out.append(f"flags missing: {absent}")
    if extra := sorted(exp.flags_forbidden & codes):
        out.append(f"flags that must not be there: {extra}")
    if record.safety.level.value not in exp.safety_level:
        out.append(f"safety level {record.safety.level.value}, expected {sorted(exp.safety_level)}")
    if played.acute_shown != exp.acute_reply:
        out.append(f"acute help shown: {played.acute_shown}, expected {exp.acute_reply}")
    if played.loops:
        out.append(f"asked a third time in a row: {played.loops}")
    if played.questions > exp.max_questions:
        out.append(f"{played.questions} questions > {exp.max_questions}: {played.keys}")
    if not (played.complete and record.summary_confirmed and record.confirmed_at):
        out.append("the summary was not confirmed")
    if exp.record_language and record.language != exp.record_language:
        out.append(f"record language {record.language}, expected {exp.record_language}")
    if exp.kcc_phrasing and not all(q.text.startswith("Vraag de beller") for q in _asked(played)):
        out.append("a question is not phrased for the KCC employee ('Vraag de beller: ...')")
    out += _voice_faults(played)
    out += _wording_faults(played)
    return out


def _asked(played: Played) -> list:
    return [q for q in played.asked if q.kind not in ("notice", "summary_confirm")]


def _voice_faults(played: Played) -> list[str]:
    """heard_directly only for the young person who chats, never for a child told about."""
    out = []
    for m in played.family.members:
        if m.role != "child":
            continue
        rm = played.record.member(played.member(m.key) or "")
        direct = played.family.typing_self and m.self
        if rm is not None and rm.heard_directly != direct:
            out.append(f"{m.key}: heard_directly is {rm.heard_directly}, expected {direct}")
    return out


def _wording_faults(played: Played) -> list[str]:
    """Questions about a child of 0-11 never mention work; named members are asked by name."""
    out = []
    for q in played.asked:
        key = played.mapping.get(q.member_id or "")
        member = played.family.member(key) if key else None
        if member is None:
            continue
        young = member.role == "child" and member.age is not None and member.age < 12
        if young and WORK_WORDS.search(q.text):
            out.append(f"{q.key} asks a child of {member.age} about work: {q.text!r}")
        personal = q.kind in ("domain_screen", "child_view")
        if personal and member.name and member.name.lower() not in q.text.lower():
            out.append(f"{q.key} does not call {member.name} by name: {q.text!r}")
    return out


@pytest.mark.parametrize("noisy", [False, True], ids=["clean", "chat-typed"])
@pytest.mark.parametrize("family", FAMILIES, ids=[f.id for f in FAMILIES])
def test_family_gets_exactly_its_problems_on_the_right_members(
    new_chat: NewChat, family: Family, noisy: bool
) -> None:
    played = _played(new_chat, family, noisy=noisy)
    found = faults(played)
    assert found == [], "\n".join([*found, "--- transcript ---", *played.transcript])


def test_acute_opening_is_the_story_the_intake_goes_on_from(new_chat: NewChat) -> None:
    """After the 112/113 help the intake does not ask again what is going on."""
    played = _played(new_chat, BY_ID["f04-acuut-dochter-pillen"])
    record = played.record
    assert played.acute_shown and played.acute_at is not None
    after = played.keys[played.acute_at :]
    assert "open_request" not in after, after
    assert "pillen" in (record.request_own_words or "")
    eva, brother = played.member("eva"), played.member("broertje")
    assert eva and brother
    assert (eva, "geestelijke_gezondheid") in {(e.member_id, e.domain) for e in record.domains}
    assert record.member(brother).role == Role.CHILD  # "haar broertje", not "uw broer"
    assert any(s.level == "acute" for s in record.safety.signals)


def test_a_correction_at_the_reflection_is_applied(new_chat: NewChat) -> None:
    family = Family.from_dict(
        {
            "id": "correction-at-reflection",
            "origin": "the story does not say whom it is about; the parent says so at once",
            "opening": "Ik maak me zorgen. Ze wordt gepest en wil 's ochtends niet meer naar "
            "school.",
            "reflection": "nee, het gaat om mijn dochter",
            "household": "ik en mijn twee kinderen, een dochter van 10 en een zoon van 7",
            "members": [
                {"key": "moeder", "role": "parent", "label": "ikzelf", "self": True},
                {"key": "dochter", "role": "child", "age": 10, "label": "mijn dochter"},
                {"key": "zoon", "role": "child", "age": 7, "label": "mijn zoon"},
            ],
            "problems": {
                "dochter:sociaal_netwerk": "Ze wordt in de pauze uitgelachen en niemand wil "
                "met haar spelen.",
                "dochter:werk_opleiding": "Ze wil niet meer naar school, ze heeft al een week "
                "gemist.",
            },
            "safety_home": "Ja, thuis is het veilig.",
            "safety_children": "Nee.",
            "services": "niemand",
            "coordination": "nee",
            "outcome": "Dat ze weer graag naar school gaat.",
            "contact": "per brief",
            "expect": {
                "problems": ["dochter:sociaal_netwerk", "dochter:werk_opleiding"],
                "safety_level": ["none"],
                "max_questions": 22,
            },
        }
    )
    played = play(new_chat(), family)
    assert "reflection" in played.keys
    assert concerns(played) == family.expect.problems, played.transcript
    summary = played.record.request_summary or ""
    assert "dochter" in summary.lower(), summary


def test_contact_in_free_words_becomes_phone_and_a_best_time(new_chat: NewChat) -> None:
    """'bellen mag, na drie uur': preference phone, the time kept, the number asked once."""
    played = _played(new_chat, BY_ID["f02-namen-sem-lotte"])
    contact = played.record.contact
    assert contact.preference == "phone", played.transcript
    assert contact.best_time and re.search(r"drie|\b3\b|15", contact.best_time), contact
    assert contact.details == "0687654321"
    assert played.keys.count("contact") == 1


@pytest.mark.parametrize("family", FAMILIES, ids=[f.id for f in FAMILIES])
def test_request_summary_restates_the_request(new_chat: NewChat, family: Family) -> None:
    record = _played(new_chat, family).record
    assert record.request_summary, "no request_summary"
    assert record.request_summary.strip() != (record.request_own_words or "").strip()


WITH_CHILDREN = [f for f in FAMILIES if any(m.role == "child" and not m.self for m in f.members)]


@pytest.mark.parametrize("family", WITH_CHILDREN, ids=[f.id for f in WITH_CHILDREN])
def test_every_child_of_four_and_older_has_a_view_with_who_said_it(
    new_chat: NewChat, family: Family
) -> None:
    played = _played(new_chat, family)
    for m in family.members:
        if m.role != "child" or m.self:
            continue
        rm = played.record.member(played.member(m.key) or "")
        assert rm is not None, f"{m.key} is not in the record"
        if m.age is not None and m.age < CHILD_VIEW_AGE:
            continue
        assert rm.child_view is not None, f"no child's view for {m.key}"
        assert rm.child_view.view, f"the view of {m.key} has no words"
        assert rm.child_view.said_by != Source.SELF  # told by the person chatting, not the child


WITH_SERVICES = [f for f in FAMILIES if "coordinator" in f.answers]


@pytest.mark.parametrize("family", WITH_SERVICES, ids=[f.id for f in WITH_SERVICES])
def test_current_coordinator_is_asked_when_services_are_involved(
    new_chat: NewChat, family: Family
) -> None:
    played = _played(new_chat, family)
    assert played.record.involved_services, "the services named were not recorded"
    assert played.record.coordination.current_coordinator, played.keys


def test_every_family_is_judged_on_distinct_problems() -> None:
    """The fixtures themselves: each expected problem has words the parent says."""
    for family in FAMILIES:
        assert family.expect.problems <= set(family.problems), family.id
        assert family.expect.flags_required.isdisjoint(family.expect.flags_forbidden), family.id
