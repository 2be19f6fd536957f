"""Complete intakes through Rasa's REST channel, with the real model and the real actions.

Each test is one parent's conversation from the service's "/greet" to the reference number,
and checks the intake record the actions left in the intake_state slot.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.record import IntakeRecord, SafetyLevel
from tests.e2e.chat import Chat
from tests.e2e.script import answer_questions, press

pytestmark = pytest.mark.rasa

NewChat = Callable[..., Chat]
DUTCH_WORDS = re.compile(r"\b(u|uw|het|een|niet|gaat)\b", re.IGNORECASE)

FAMILY_OF_FOUR = {
    "open_request": "We hebben schulden en de deurwaarder staat steeds voor de deur. Mijn zoon "
    "spijbelt al weken en ik ben zelf helemaal op, ik trek het niet meer. Ik wil één persoon "
    "die alles regelt.",
    "household": "ik, mijn man, onze zoon van 15 en een dochter van 9",
    "services": "de huisarts weet ervan en school ook",
    "coordination": "ja, graag één persoon die alles regelt",
    "desired_outcome": "Dat de deurwaarder stopt en mijn zoon weer naar school gaat",
    "contact": press("phone"),
    "contact_details": "06-12345678, liefst 's ochtends",
}
SINGLE_PARENT = {
    "open_request": "Mijn dochter van 6 slaapt heel slecht. Heeft u tips voor een vast ritme?",
    "household": "ik en mijn dochter van 6",
    "safety:home": "ja hoor, iedereen is veilig",
    "safety:children": "nee hoor, dat gebeurt niet",
    "summary": "dat klopt",
}


def concerns(record: IntakeRecord) -> set[tuple[str | None, str]]:
    return {(e.member_id, e.domain) for e in record.domains if e.concern}


def flags(record: IntakeRecord) -> set[str]:
    return {f.code for f in record.flags}


def finished(chat: Chat) -> IntakeRecord:
    """The confirmed record; every bot message on the way carried its metadata."""
    assert chat.last[-1].kind == "intake_complete"
    record = chat.state().record
    assert record.summary_confirmed and record.confirmed_at is not None
    assert record.reference and record.reference in chat.last[-1].text
    assert chat.untagged == []
    return record


def test_single_parent_with_a_light_question_still_gets_the_safety_questions(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    assert chat.asked is not None and chat.asked.key == "notice"
    asked = answer_questions(chat, SINGLE_PARENT)
    record = finished(chat)
    assert [(m.role, m.age) for m in record.members] == [("parent", None), ("child", 6)]
    assert {"safety:home", "safety:children"} <= set(asked)
    assert record.safety.questions_asked and record.safety.level == SafetyLevel.NONE
    assert not flags(record) & {"gezinsregie", "joint_assessment", "safety_assessment"}
    assert "slaapt heel slecht" in (record.request_own_words or "")

    chat.say("ok")  # after the end: the number again, no new intake
    [reply] = chat.last
    assert reply.kind == "already_complete" and record.reference in reply.text
    assert chat.state().record.summary_confirmed


def test_family_of_four_with_three_problems_asks_for_gezinsregie_within_twenty_questions(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    asked = answer_questions(chat, FAMILY_OF_FOUR)
    record = finished(chat)
    assert len(asked) <= 20, asked
    assert [m.role for m in record.members] == ["parent", "partner", "child", "child"]
    assert [m.age for m in record.members[2:]] == [15, 9]
    assert concerns(record) == {
        (None, "financien"),
        ("m3", "werk_opleiding"),
        ("m1", "geestelijke_gezondheid"),
    }
    assert {"gezinsregie", "joint_assessment", "coordination_wish"} <= flags(record)
    assert record.coordination.wants_single_coordinator is True
    assert record.contact.preference == "phone" and record.contact.details == "06-12345678"
    assert {s.kind for s in record.involved_services} == {"huisarts", "school"}
    assert record.desired_outcome and "deurwaarder stopt" in record.desired_outcome


def test_father_mentioning_violence_gets_a_safety_flag_and_acute_words_get_help_at_once(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    script = {
        "open_request": "Mijn zoon van 14 luistert niet meer en er is elke dag ruzie thuis.",
        "household": "ik, mijn vrouw en onze zoon van 14",
    }
    answer_questions(chat, script, until="screen:household")
    chat.say("vorig jaar heeft mijn vrouw de kinderen een keer geslagen")
    record = chat.state().record
    assert record.safety.level == SafetyLevel.CONCERN
    assert "safety_assessment" in flags(record)
    assert chat.asked is not None and chat.asked.key != "screen:household"  # the intake goes on

    answer_questions(chat, script, until="services")
    chat.say("ik wil er een eind aan maken")
    help_message, again = chat.last
    assert help_message.kind == "acute_help" and help_message.meta["acute"] is True
    assert "112" in help_message.text and "113" in help_message.text
    assert again.key == "services"  # then the same question again
    answer_questions(chat, script)
    record = finished(chat)
    assert record.safety.level == SafetyLevel.ACUTE
    assert {"safety_assessment", "acute"} <= flags(record)


def test_acute_words_sent_as_plain_text_are_caught_by_the_assistant_itself(
    new_chat: NewChat,
) -> None:
    chat = new_chat(forward_acute=False)
    answer_questions(chat, {}, until="open_request")
    chat.say("ik wil niet meer leven")
    assert chat.kinds == ["acute_help", "household"]  # the acute words are the story
    record = chat.state().record
    assert record.safety.level == SafetyLevel.ACUTE
    assert record.request_own_words == "ik wil niet meer leven"


def test_english_speaking_parent_gets_english_from_the_first_long_message(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    answer_questions(chat, {}, until="open_request")
    chat.say(
        "Hello, my son has been skipping school for weeks and we also have money problems. "
        "I do not know what to do anymore."
    )
    switched = len(chat.turns)
    assert chat.slots()["language"] == "en"
    assert chat.asked is not None and chat.asked.text.startswith("Who lives")
    script = {
        "reflection": "yes that is right",
        "household": "me, my husband and our son of 13",
        "child_view": "he knows, he mostly wants some peace at home",
        "coordination": "yes, one person for everything please",
        "contact": press("letter"),
    }
    asked = answer_questions(chat, script)
    record = finished(chat)
    assert record.language == "en"
    assert "Your number is" in chat.last[-1].text
    assert [(m.role, m.age) for m in record.members] == [
        ("parent", None),
        ("partner", None),
        ("child", 13),
    ]
    assert {("m3", "werk_opleiding"), (None, "financien")} <= concerns(record)
    assert "safety:children" in asked
    assert "coordination_wish" in flags(record)
    questions = [m.text for turn in chat.turns[switched:] for m in turn if m.key]
    assert [q for q in questions if DUTCH_WORDS.search(q)] == []


@pytest.mark.parametrize("greet", [True, False], ids=["service", "bare-rest"])
def test_turkish_first_message_gets_the_interpreter_route_and_the_intake_waits(
    new_chat: NewChat, greet: bool
) -> None:
    chat = new_chat(greet=greet)
    chat.say("Merhaba, oğlum okula gitmiyor ve çok endişeliyim. Yardıma ihtiyacım var.")
    interpreter, again = chat.last
    assert interpreter.kind == "handover"
    assert "Tercüman" in interpreter.text and "14 020" in interpreter.text
    assert again.key == "notice"
    assert chat.state().answered == []


def test_parent_correcting_an_age_mid_intake(new_chat: NewChat) -> None:
    chat = new_chat()
    answer_questions(
        chat, SINGLE_PARENT | {"household": "ik en mijn dochter van 10"}, until="safety:home"
    )
    chat.say("nee, mijn dochter is 12")
    noted, again = chat.last
    assert noted.kind == "info" and "aangepast" in noted.text
    assert again.key == "safety:home"
    answer_questions(chat, SINGLE_PARENT)
    record = finished(chat)
    assert [(m.role, m.age) for m in record.members] == [("parent", None), ("child", 12)]


def test_parent_who_pauses_and_comes_back_resumes_at_the_same_question(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    answer_questions(chat, FAMILY_OF_FOUR, until="safety:home")
    before = chat.state()
    chat.say("ik moet stoppen, ik ga later verder")
    assert chat.kinds == ["info"] and "verder" in chat.last[0].text
    assert chat.slots()["requested_slot"] is None  # the form waits
    chat.say("verder")
    assert chat.asked is not None and chat.asked.key == "safety:home"
    assert chat.state().answered == before.answered
    assert chat.state().record.members == before.record.members
    answer_questions(chat, FAMILY_OF_FOUR)
    finished(chat)


def test_why_and_asking_for_a_person_are_answered_then_the_same_question_comes_back(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    answer_questions(chat, SINGLE_PARENT, until="safety:children")
    chat.say("waarom vraag je dit?")
    why, again = chat.last
    assert why.kind == "info" and "in elk gezin" not in why.text and "veilig" in why.text
    assert again.key == "safety:children"
    chat.say("ik wil een medewerker spreken")
    handover, again = chat.last
    assert handover.kind == "handover" and "14 020" in handover.text
    assert again.key == "safety:children"
    answer_questions(chat, SINGLE_PARENT)
    record = finished(chat)
    assert record.safety.questions_asked


def test_safety_words_in_a_request_for_a_person_count_as_much_as_in_an_answer(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    answer_questions(chat, SINGLE_PARENT, until="screen:household")
    chat.say("ik wil een medewerker spreken, mijn man slaat mij")
    assert chat.kinds == ["handover", "domain_screen"]
    record = chat.state().record
    assert record.safety.level == SafetyLevel.CONCERN
    assert [s.code for s in record.safety.signals] == ["domestic_violence"]
    assert "safety_assessment" in flags(record)


def test_an_answer_after_a_pause_continues_the_intake_without_saying_verder(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    answer_questions(chat, SINGLE_PARENT, until="safety:home")
    chat.say("ik moet stoppen, ik ga later verder")
    chat.press("yes")
    assert chat.asked is not None and chat.asked.key == "safety:children"
    assert chat.state().answered[-1] == "safety:home"


def test_kcc_employee_reads_the_questions_to_a_caller(new_chat: NewChat) -> None:
    chat = new_chat(channel="kcc")
    answer_questions(chat, {}, until="open_request")
    assert chat.asked is not None and chat.asked.text.startswith("Vraag de beller: ")
    assert chat.state().record.channel == "kcc"


def test_correcting_the_summary_shows_it_again_with_the_change(new_chat: NewChat) -> None:
    chat = new_chat()
    script = SINGLE_PARENT | {"household": "ik en mijn zoon van 8"}
    answer_questions(chat, script, until="summary")
    chat.press("change")
    assert chat.asked is not None and chat.asked.key == "summary_correction"
    chat.say("nee, mijn zoon is 9")
    [summary] = chat.last
    assert summary.key == "summary" and "uw zoon (9)" in summary.text
    answer_questions(chat, script)
    record = finished(chat)
    assert [(m.role, m.age) for m in record.members] == [("parent", None), ("child", 9)]
    assert record.summary_corrections == ["nee, mijn zoon is 9"]


def test_first_message_without_greeting_is_kept_as_the_opening_words(new_chat: NewChat) -> None:
    chat = new_chat(greet=False)
    chat.say(
        "Mijn zoon spijbelt al weken en we hebben schulden, ik weet niet meer wat ik moet doen."
    )
    assert chat.kinds == ["notice"]
    chat.press("continue")
    assert chat.asked is not None and chat.asked.key == "household"
    assert "spijbelt" in (chat.state().record.request_own_words or "")


def test_switching_language_and_an_off_topic_question_keep_the_current_question(
    new_chat: NewChat,
) -> None:
    chat = new_chat()
    answer_questions(chat, SINGLE_PARENT, until="household")
    chat.say("can we do this in English please")
    switched, again = chat.last
    assert switched.text == "Fine, we will continue in English."
    assert again.key == "household" and again.text.startswith("Who lives in your home?")
    chat.say("ik wil een parkeervergunning aanvragen")
    assert chat.kinds == ["info", "household"] and "14 020" in chat.last[0].text
    answer_questions(chat, SINGLE_PARENT | {"household": "me and my daughter of 6"})
    assert finished(chat).language == "en"  # the choice wins over the Dutch answers after it


def test_an_age_left_out_is_asked_and_read_from_words(new_chat: NewChat) -> None:
    chat = new_chat()
    script = SINGLE_PARENT | {"household": "ik en mijn zoon", "age": "hij is twaalf"}
    asked = answer_questions(chat, script)
    assert "age:m2" in asked
    record = finished(chat)
    assert [(m.role, m.label, m.age) for m in record.members] == [
        ("parent", None, None),
        ("child", "zoon", 12),
    ]


def test_answers_that_sound_like_resume_or_correct_are_kept_as_answers(new_chat: NewChat) -> None:
    """The model reads these as "resume" and "correct"; inside the intake they are answers."""
    chat = new_chat()
    answer_questions(chat, SINGLE_PARENT, until="desired_outcome")
    chat.say("ik wil weer rust in huis")
    assert chat.asked is not None and chat.asked.key == "contact"
    chat.press("phone")
    assert chat.asked is not None and chat.asked.key == "contact_details"
    chat.say("bel me maar op 0612345678 na 3 uur")
    assert chat.asked is not None and chat.asked.key == "summary"
    record = chat.state().record
    assert record.desired_outcome == "ik wil weer rust in huis"
    assert record.contact.details == "0612345678"
