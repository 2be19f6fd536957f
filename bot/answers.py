"""Apply one answer to the intake state: the only place that turns answers into record facts.

One handler per question kind. A handler returns whether it understood the answer; an answer
not understood is kept, and the same question comes once more; after a second one the words
are kept in `record.unclear_answers`, the item stays open and the intake moves on (never a loop).
Free text is always read for problems in passing, and each problem is placed on the member the
words are about (bot.attribution), never simply on the person who types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.attribution import HOUSEHOLD, Unresolved, match_mention, mentions_in, place, read_story
from bot.contact import read_contact
from bot.free_answers import (
    indication_from_words,
    is_decline,
    is_dont_know,
    read_yes_no,
    reads_as_safe,
    says_nobody,
)
from bot.household_parse import MemberMention, parse_correction, parse_household
from bot.numbers import parse_age
from bot.planner import Kind, Question
from bot.record import (
    ChildView,
    Consent,
    DomainEntry,
    DomainStatus,
    IntakeRecord,
    InvolvedService,
    Member,
    Role,
    SafetyLevel,
    SafetySignal,
    Source,
    UnclearAnswer,
    utcnow,
)
from bot.reflection import apply_who_correction, request_summary
from bot.services import detect_services
from bot.state import Heard, IntakeState
from bot.texts import text

NOTICE_VERSION = "2026-12b"  # raise it whenever the notice text changes
MAX_MISSES = 2  # answers not understood before the item is left open and the intake moves on
# Answers that may mention a new problem in passing (services and contact answers name
# organisations and times, not problems: "school" there is not a school problem).
_HEARD_KINDS = (
    Kind.OPEN_REQUEST,
    Kind.MEMBER_DETAILS,
    Kind.DOMAIN_DETAIL,
    Kind.DOMAIN_SCREEN,
    Kind.SAFETY,
    Kind.COORDINATION,
)  # not the desired outcome: "dat Yusuf beter in zijn vel zit" is a wish, not a new problem


@dataclass(frozen=True)
class Answer:
    """What the person gave: a button value ("a,b" when several), free text, or both."""

    option: str | None = None
    text: str | None = None
    intent: str | None = None  # the language model's intent (affirm, deny, dont_know...)
    domains: tuple[tuple[str, int, int], ...] = ()  # the model's (domain, start, end) spans

    @property
    def options(self) -> list[str]:
        return [o for o in (self.option or "").split(",") if o]

    @property
    def words(self) -> str:
        return (self.text or "").strip()


def yes_no(answer: Answer) -> bool | None:
    """True, False, or None for "don't know" / unclear."""
    if answer.option in ("yes", "confirm"):
        return True
    if answer.option in ("no", "change"):
        return False
    return read_yes_no(answer.words, answer.intent) if answer.words else None


def _source(record: IntakeRecord, member_id: str | None) -> Source:
    member = record.member(member_id) if member_id else None
    if member is None or member.is_respondent or member.heard_directly:
        return Source.SELF
    respondent = _respondent(record)
    return Source.PARENT if respondent and respondent.role == Role.PARENT else Source.OTHER


def _respondent(record: IntakeRecord) -> Member | None:
    return next((m for m in record.members if m.is_respondent), None)


def add_concern(record: IntakeRecord, member_id: str | None, domain_id: str, words: str) -> None:
    """A problem on this member (None: the household), with the sentence it was heard in."""
    entry = record.entry(member_id, domain_id)
    if entry is None:
        entry = DomainEntry(member_id=member_id, domain=domain_id)
        record.domains.append(entry)
    entry.status = DomainStatus.INDICATED
    entry.concern = True
    entry.source = entry.source or _source(record, member_id)
    _add_words(entry, words)


def _add_words(entry: DomainEntry, words: str) -> None:
    if not words:
        return
    if not entry.own_words:
        entry.own_words = words[:2000]
    elif words not in entry.own_words:
        entry.own_words = f"{entry.own_words} / {words}"[:2000]
    if entry.indication is None or entry.indication_from_words:
        estimate = indication_from_words(entry.own_words)
        if estimate is not None:
            entry.indication, entry.indication_from_words = estimate, True


def place_heard(state: IntakeState) -> None:
    """Put every heard problem on its member; what fits several members stays to be asked."""
    if not state.record.members:
        return  # the household is not known yet
    still: list[Heard] = []
    for item in state.unplaced:
        where = place(state.record, item)
        if isinstance(where, Unresolved):
            if where.candidates:
                still.append(item)
            continue  # fits nobody in this household: not a problem of this family's members
        for member_id in where if isinstance(where, tuple) else (where,):
            add_concern(state.record, member_id, item.domain, item.words)
    state.unplaced = still


def _hear(state: IntakeState, answer: Answer, about: str | None) -> None:
    if not answer.words:
        return
    heard = read_story(
        answer.words, state.record.language, about, answer.domains, state.record.members
    )
    for item in heard:
        if all(h.domain != item.domain or h.words != item.words for h in state.unplaced):
            state.unplaced.append(item)
    place_heard(state)


# --- one handler per kind: each returns True when it understood the answer -----------------


def _notice(state: IntakeState, question: Question, answer: Answer) -> bool:
    state.record.notice_version_shown = NOTICE_VERSION
    return True


def _open_request(state: IntakeState, question: Question, answer: Answer) -> bool:
    record = state.record
    if question.key == "open_request":
        record.request_own_words = (answer.words or answer.option or "")[:10000] or None
        me = next(m for m in parse_household(answer.words, record.language) if m.is_respondent)
        state.respondent_age = me.age
        return bool(record.request_own_words)
    if question.key == "reflection_fix":
        state.reflection_wrong = False
        if answer.words:
            _correct(state, answer.words)
        record.request_summary = request_summary(record, record.language)
        return True
    said = yes_no(answer)
    corrected = bool(answer.words) and said is not True and _correct(state, answer.words)
    if said is False and not corrected:
        state.reflection_wrong = True  # the next question asks what is not right
    elif said is None and not corrected:
        return False
    record.request_summary = request_summary(record, record.language)
    return True


def _correct(state: IntakeState, words: str) -> bool:
    """A correction in words: who it is about, or an age. True when something changed."""
    record = state.record
    record.summary_corrections.append(words[:2000])
    changed = apply_who_correction(record, words)
    return apply_age_correction(state, words) or changed


def _household(state: IntakeState, question: Question, answer: Answer) -> bool:
    alone = answer.option == "only_me"
    young = state.respondent_age is not None and state.respondent_age < 18
    me = Member(id="m1", role=Role.CHILD if young else Role.PARENT, is_respondent=True)
    mentions = [] if alone else parse_household(answer.words, state.record.language, known=[me])
    mentions = [
        replace(m, age=state.respondent_age, role=me.role)
        if m.is_respondent and m.age is None and state.respondent_age is not None
        else m
        for m in mentions
    ]
    others = [m for m in mentions if not m.is_respondent]
    if not alone and not others and not _lives_alone(answer.words):
        return False
    state.record.members = _members_from(mentions)
    place_heard(state)
    return True


def _lives_alone(words: str) -> bool:
    low = words.lower()
    return any(w in low for w in ("alleen", "alone", "only me", "just me", "niemand anders"))


def _members_from(mentions: list[MemberMention]) -> list[Member]:
    if not any(m.is_respondent for m in mentions):
        me = MemberMention(role=Role.PARENT, label=None, age=None, is_respondent=True)
        mentions = [me, *mentions]
    members = []
    for n, m in enumerate(mentions, start=1):
        band = None if m.age is not None or m.role == Role.CHILD else "adult"
        members.append(
            Member(
                id=f"m{n}",
                role=m.role,
                label=m.label,
                name=getattr(m, "name", None),
                age=m.age,
                age_band=band,
                is_respondent=m.is_respondent,
                heard_directly=m.is_respondent,
            )
        )
    return members


def _age(state: IntakeState, question: Question, answer: Answer) -> bool:
    member = state.record.member(question.member_id or "")
    age = parse_age(answer.words or answer.option or "")
    if member is not None and age is not None:
        _set_age(state.record, member, age)
        place_heard(state)
        return True
    return is_dont_know(answer.words) or is_decline(answer.words)


def _who(state: IntakeState, question: Question, answer: Answer) -> bool:
    """ "Over wie gaat dit?": a member button, "het hele gezin", or words naming someone."""
    if not state.unplaced:
        return True
    item = state.unplaced[0]
    record = state.record
    chosen = [o for o in answer.options if record.member(o)] if answer.option else []
    if not chosen and answer.words:
        for mention in mentions_in(answer.words, record):
            chosen += [m.id for m in match_mention(record, mention) if m.id not in chosen]
    if "household" in answer.options or (not chosen and _says_everyone(answer.words)):
        chosen = [HOUSEHOLD]  # type: ignore[list-item]
    if not chosen:
        return False
    for member_id in chosen:
        add_concern(record, member_id, item.domain, item.words)
    state.unplaced.pop(0)
    return True


def _says_everyone(words: str) -> bool:
    low = words.lower()
    return any(w in low for w in ("iedereen", "allemaal", "hele gezin", "everyone", "all of us",
                                  "whole family", "beide", "allebei", "both"))  # fmt: skip


def _screen(state: IntakeState, question: Question, answer: Answer) -> bool:
    record = state.record
    offered = [o.value for o in question.options if o.value not in ("none", "declined")]
    chosen = [o for o in answer.options if o in offered]
    before = {(e.member_id, e.domain) for e in record.domains if e.concern}
    _hear(state, answer, question.member_id)
    heard = [e for e in record.domains if e.concern and (e.member_id, e.domain) not in before]
    heard_here = [e.domain for e in heard if e.domain in offered]
    said = yes_no(answer)
    nothing_wrong = "none" in answer.options or (said is False and not heard_here)
    if "declined" in answer.options or is_decline(answer.words):
        status = DomainStatus.DECLINED
    elif nothing_wrong:
        status = DomainStatus.INDICATED  # looked at, the person said nothing is wrong
    elif chosen or heard or state.unplaced or is_dont_know(answer.words):
        status = DomainStatus.NOT_DISCUSSED  # only what was named is known (here or elsewhere)
    else:
        return False
    for domain_id in chosen:
        add_concern(record, question.member_id, domain_id, "")
    _mark_screened(record, question, status)
    return True


def _mark_screened(record: IntakeRecord, question: Question, status: DomainStatus) -> None:
    """Every domain of the screen gets an entry: what was said of it, or "not discussed"."""
    for option in question.options:
        if option.value in ("none", "declined") or record.entry(question.member_id, option.value):
            continue
        record.domains.append(
            DomainEntry(
                member_id=question.member_id,
                domain=option.value,
                status=status,
                source=None
                if status == DomainStatus.NOT_DISCUSSED
                else _source(record, question.member_id),
            )
        )


def _detail(state: IntakeState, question: Question, answer: Answer) -> bool:
    entry = state.record.entry(question.member_id, question.domain or "")
    if entry is None:
        return True
    if answer.option and answer.option.isdigit():
        entry.indication, entry.indication_from_words = int(answer.option), False
    elif answer.option == "declined" or is_decline(answer.words):
        entry.status = DomainStatus.DECLINED
    elif answer.words:
        _add_words(entry, answer.words)
    else:
        return False
    return True


def _child_view(state: IntakeState, question: Question, answer: Answer) -> bool:
    """One question for all children: does the child know, what would the child say?"""
    if not answer.words and not answer.option:
        return False
    record = state.record
    children = [m for m in record.members if m.id in (question.member_ids or ())]
    named = [
        m
        for mention in mentions_in(answer.words, record)
        for m in match_mention(record, mention)
        if m in children
    ]
    knows = yes_no(answer)
    for child in named or children:
        child.child_view = ChildView(
            knows_about_request=knows,
            view=answer.words[:2000] or None,
            said_by=Source.SELF if child.heard_directly else _source(record, child.id),
        )
    return True


def _safety(state: IntakeState, question: Question, answer: Answer) -> bool:
    safety = state.record.safety
    if question.key == "safety:confirm":
        return _confirm_danger(state, answer)
    safety.questions_asked = True
    if question.key == "safety:home":
        safe = reads_as_safe(answer.words) if answer.words else None
        if safe is None and (judged := indication_from_words(answer.words)) is not None:
            safe = judged >= 4  # "we voelen ons hier prima"
        if safe is None:
            said = yes_no(answer)
            safe = said if said is not None or answer.option else None
        if safe is None and not is_dont_know(answer.words) and answer.option != "dont_know":
            return False
        if safe is not True:  # "no" or "don't know": when in doubt, flag
            _signal(state, "unsafe_home", "concern", "answer", answer.words or None)
        return True
    said = yes_no(answer)
    safe = reads_as_safe(answer.words) if answer.words else None
    if answer.option == "declined" or is_decline(answer.words):
        _signal(state, "child_safety_declined", "concern", "answer", answer.words or None)
    elif answer.option in ("yes", "sometimes") or (said is True and safe is not True):
        _signal(state, "child_safety", "concern", "answer", answer.words or None)
    elif said is None and safe is None and not is_dont_know(answer.words):
        return False
    return True


def _confirm_danger(state: IntakeState, answer: Answer) -> bool:
    """ "Is er nu direct gevaar?": yes marks the family acute; no (or "thuis is het rustig")
    means the model misread a calm answer; "weet ik niet" keeps a concern for a professional."""
    said = yes_no(answer)  # "nee" here means: no danger
    if said is None and answer.words and (safe := reads_as_safe(answer.words)) is not None:
        said = not safe  # "thuis is het rustig"
    unsure = is_dont_know(answer.words) or answer.option == "dont_know"
    if said is None and not unsure:
        return False
    if said or unsure:
        level = "acute" if said else "concern"
        _signal(state, "acute_danger", level, "model", state.danger_to_confirm)
    state.danger_to_confirm = None
    return True


def _signal(state: IntakeState, code: str, level: str, source: str, words: str | None) -> None:
    safety = state.record.safety
    safety.signals.append(
        SafetySignal(code=code, level=level, source=source, excerpt=(words or None) and words[:300])  # type: ignore[arg-type]
    )
    if level == "acute":
        safety.level = SafetyLevel.ACUTE
    elif safety.level == SafetyLevel.NONE:
        safety.level = SafetyLevel.CONCERN


def _services(state: IntakeState, question: Question, answer: Answer) -> bool:
    if answer.option == "nobody" or says_nobody(answer.words) or yes_no(answer) is False:
        return True
    if not answer.words:
        return False
    kinds = detect_services(answer.words) or ["other"]
    state.record.involved_services += [
        InvolvedService(kind=k, description=answer.words[:2000]) for k in kinds
    ]
    return True


def _coordinator(state: IntakeState, question: Question, answer: Answer) -> bool:
    if not answer.words and not answer.option:
        return False
    if answer.option == "nobody":
        no_one = text("options", "no_one").get(state.record.language)
        state.record.coordination.current_coordinator = no_one
    elif answer.words and not is_dont_know(answer.words):  # "niemand, ik regel het zelf" too
        state.record.coordination.current_coordinator = answer.words[:2000]
    return True


def _coordination(state: IntakeState, question: Question, answer: Answer) -> bool:
    said = yes_no(answer)
    coordination = state.record.coordination
    coordination.own_words = answer.words or coordination.own_words
    coordination.wants_single_coordinator = said
    return said is not None or answer.option == "dont_know" or is_dont_know(answer.words)


def _consent(state: IntakeState, question: Question, answer: Answer) -> bool:
    said = yes_no(answer)
    if said is None:
        return False
    codes = question.key.split(":", 1)[1].split(",")
    state.record.consents = [c for c in state.record.consents if c.code not in codes]
    state.record.consents += [Consent(code=code, granted=said) for code in codes]
    return True


def _desired_outcome(state: IntakeState, question: Question, answer: Answer) -> bool:
    if answer.option == "not_sure_yet" or is_dont_know(answer.words):
        return True
    state.record.desired_outcome = answer.words[:2000] or None
    return bool(answer.words)


def _contact(state: IntakeState, question: Question, answer: Answer) -> bool:
    contact = state.record.contact
    if answer.option in ("phone", "email", "letter"):
        contact.preference = answer.option  # type: ignore[assignment]
    if not answer.words:
        return bool(answer.option)
    reading = read_contact(answer.words)
    contact.preference = reading.preference or contact.preference  # type: ignore[assignment]
    contact.details = reading.details or contact.details
    contact.best_time = reading.best_time or contact.best_time
    return bool(reading.preference or reading.details or reading.best_time or answer.option)


def _summary(state: IntakeState, question: Question, answer: Answer) -> bool:
    record = state.record
    if question.key == "summary_correction":
        if answer.words:
            _correct(state, answer.words)
        state.awaiting_correction = False
        return True
    said = yes_no(answer)
    if said is True:
        record.confirmed_at = utcnow()
        record.summary_confirmed = True
    elif answer.words and said is None:
        _correct(state, answer.words)  # a correction typed at the summary: shown again
    else:
        state.awaiting_correction = said is False
        return said is False
    return True


def _set_age(record: IntakeRecord, member: Member, age: int) -> None:
    """Replace the member with one of the new age (the age band follows)."""
    fixed = Member.model_validate({**member.model_dump(), "age": age, "age_band": None})
    record.members[record.members.index(member)] = fixed


def apply_age_correction(state: IntakeState, text: str) -> bool:
    """Apply a correction such as "nee, mijn dochter is 12"; True when something changed."""
    record, changed = state.record, False
    for fix in parse_correction(text):
        match = next(
            (
                m
                for m in record.members
                if not m.is_respondent
                and (
                    (getattr(fix, "name", None) and m.name == getattr(fix, "name", None))
                    or m.label == fix.label
                    or (fix.label is None and m.role == fix.role)
                )
            ),
            None,
        )
        if match and fix.age is not None and match.age != fix.age:
            _set_age(record, match, fix.age)
            changed = True
    return changed


Handler = Callable[[IntakeState, Question, Answer], bool]
_HANDLERS: dict[Kind, Handler] = {
    Kind.NOTICE: _notice,
    Kind.OPEN_REQUEST: _open_request,
    Kind.HOUSEHOLD: _household,
    Kind.MEMBER_DETAILS: _age,
    Kind.ATTRIBUTION: _who,
    Kind.DOMAIN_SCREEN: _screen,
    Kind.DOMAIN_DETAIL: _detail,
    Kind.CHILD_VIEW: _child_view,
    Kind.SAFETY: _safety,
    Kind.INVOLVED_SERVICES: _services,
    Kind.CURRENT_COORDINATOR: _coordinator,
    Kind.COORDINATION: _coordination,
    Kind.CONSENT: _consent,
    Kind.DESIRED_OUTCOME: _desired_outcome,
    Kind.CONTACT: _contact,
    Kind.SUMMARY_CONFIRM: _summary,
}


def apply_answer(
    state: IntakeState, question: Question, answer: Answer, safety_heard: bool = False
) -> None:
    """Record the answer to `question` in `state` (in place).

    The question is done when the answer was understood, or when it was not understood for
    the second time (then the words are kept as an unclear answer and the item stays open).
    A screen answered with words about safety (`safety_heard`, kept as a signal) is done too:
    its domains stay "not discussed" and the intake goes on.
    """
    understood = _HANDLERS[question.kind](state, question, answer)
    if not understood and safety_heard and question.kind == Kind.DOMAIN_SCREEN:
        _mark_screened(state.record, question, DomainStatus.NOT_DISCUSSED)
        understood = True
    if question.kind in _HEARD_KINDS and question.kind != Kind.DOMAIN_SCREEN:
        _hear(state, answer, question.member_id)
    if understood:
        state.misses.pop(question.key, None)
        if question.key not in ("summary", "summary_correction"):
            state.mark(question.key)
    else:
        _missed(state, question, answer)
    state.record.updated_at = utcnow()


def _missed(state: IntakeState, question: Question, answer: Answer) -> None:
    words = state.misses.setdefault(question.key, [])
    words.append((answer.words or answer.option or "")[:2000])
    if len(words) >= MAX_MISSES:
        state.record.unclear_answers.append(
            UnclearAnswer(
                question_key=question.key[:80],
                member_id=question.member_id,
                domain=question.domain,
                words=[w for w in words if w],
            )
        )
        del state.misses[question.key]
        if question.kind == Kind.ATTRIBUTION:
            _who(state, question, Answer(option="household"))
        if question.kind == Kind.DOMAIN_SCREEN:
            _mark_screened(state.record, question, DomainStatus.NOT_DISCUSSED)
        if question.key == "safety:confirm":  # not understood twice: a concern, never dropped
            _confirm_danger(state, Answer(text="weet ik niet"))
        if question.key == "summary":
            state.awaiting_correction = True  # ask what is not right instead of a third time
        else:
            state.mark(question.key)
