"""Apply one answer to the intake state: the only place that turns answers into record facts.

Buttons carry option values; free text is kept verbatim where the record has room for the
person's own words, and is always searched for life domains, so a problem mentioned in passing
becomes a deep question later ("deep where a signal was heard").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.catalogue import AgeBand, catalogue
from bot.domain_terms import detect_domains
from bot.household_parse import MemberMention, parse_correction, parse_household
from bot.numbers import parse_age
from bot.planner import Kind, Question
from bot.record import (
    DomainEntry,
    DomainStatus,
    IntakeRecord,
    InvolvedService,
    Member,
    Role,
    SafetyLevel,
    SafetySignal,
    Source,
    utcnow,
)
from bot.services import detect_services
from bot.state import IntakeState, PendingHit

NOTICE_VERSION = "2026-11"
# Answers that may mention a new problem in passing (services and contact answers name
# organisations and times, not problems: "school" there is not a school problem).
_HEARD_KINDS = (
    Kind.MEMBER_DETAILS,
    Kind.DOMAIN_DETAIL,
    Kind.SAFETY,
    Kind.COORDINATION,
    Kind.DESIRED_OUTCOME,
)

_YES = re.compile(r"^\s*(ja+|jawel|jazeker|klopt|graag|zeker|yes|yeah|yep|sure|please)\b", re.I)
_NO = re.compile(r"^\s*(nee+|neen|nope|niet|no|nah)\b", re.I)
_PHONE = re.compile(r"(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){9}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@dataclass(frozen=True)
class Answer:
    """What the person gave: a button value ("a,b" when several), free text, or both."""

    option: str | None = None
    text: str | None = None
    intent: str | None = None  # the language model's intent (affirm, deny, dont_know...)
    domains: tuple[str, ...] = ()  # domain ids the language model heard in the text

    @property
    def options(self) -> list[str]:
        return [o for o in (self.option or "").split(",") if o]


def yes_no(answer: Answer) -> bool | None:
    """True, False, or None for "don't know" / unclear."""
    if answer.option in ("yes", "confirm"):
        return True
    if answer.option in ("no", "change"):
        return False
    if answer.intent == "affirm" or (answer.text and _YES.search(answer.text)):
        return True
    if answer.intent == "deny" or (answer.text and _NO.search(answer.text)):
        return False
    return None


def _source(record: IntakeRecord, member_id: str | None) -> Source:
    member = record.member(member_id) if member_id else None
    if member is None or member.is_respondent:
        return Source.SELF
    respondent = next((m for m in record.members if m.is_respondent), None)
    return Source.PARENT if respondent and respondent.role == Role.PARENT else Source.OTHER


def _respondent(record: IntakeRecord) -> Member | None:
    return next((m for m in record.members if m.is_respondent), None)


def _place(record: IntakeRecord, domain_id: str, hint: str | None) -> str | bool | None:
    """The member id a domain signal belongs to (None: household); False if it fits nobody."""
    domain = catalogue().domain(domain_id)
    if domain.household_level:
        return None
    hinted = [
        m
        for m in record.members
        if hint
        and not m.is_respondent
        and (
            m.label == hint
            or (hint in ("kind", "kinderen", "child") and m.role == Role.CHILD)
            or (
                hint in ("partner", "man", "vrouw", "vriend", "vriendin") and m.role == Role.PARTNER
            )
        )
    ]
    candidates = hinted or ([_respondent(record)] if _respondent(record) else [])
    for m in candidates:
        if (m.age_band or AgeBand.ADULT) in domain.applies_to:
            return m.id
    return False


def _concern(
    record: IntakeRecord, member_id: str | None, domain_id: str, words: str | None
) -> None:
    entry = record.entry(member_id, domain_id)
    if entry is None:
        entry = DomainEntry(member_id=member_id, domain=domain_id)
        record.domains.append(entry)
    if entry.status in (DomainStatus.NOT_DISCUSSED, DomainStatus.NOT_APPLICABLE):
        entry.status = DomainStatus.INDICATED
    entry.concern = True
    entry.source = entry.source or _source(record, member_id)
    if words and not entry.own_words:
        entry.own_words = words[:2000]


def _hear_domains(state: IntakeState, answer: Answer, default_hint: str | None = None) -> None:
    """Turn every domain heard in free text into a concern (or a pending hit before the
    household is known)."""
    if not answer.text:
        return
    hits = [
        (h.domain, h.member_hint or default_hint, h.phrase) for h in detect_domains(answer.text)
    ]
    heard = {d for d, _, _ in hits}
    hits += [(d, default_hint, None) for d in answer.domains if d not in heard]
    for domain_id, hint, _phrase in hits:
        if not state.is_answered("household"):
            if all(p.domain != domain_id or p.member_hint != hint for p in state.pending):
                state.pending.append(PendingHit(domain=domain_id, member_hint=hint))
            continue
        member_id = _place(state.record, domain_id, hint)
        if member_id is not False:
            _concern(state.record, member_id, domain_id, answer.text)


def _members_from(mentions: list[MemberMention]) -> list[Member]:
    if not any(m.is_respondent for m in mentions):
        mentions = [
            MemberMention(role=Role.PARENT, label=None, age=None, is_respondent=True),
            *mentions,
        ]
    members = []
    for n, m in enumerate(mentions, start=1):
        band = AgeBand.ADULT if m.age is None and m.role != Role.CHILD else None
        members.append(
            Member(
                id=f"m{n}",
                role=m.role,
                label=m.label,
                age=m.age,
                age_band=band,
                is_respondent=m.is_respondent,
                heard_directly=m.is_respondent,
            )
        )
    return members


def _household(state: IntakeState, answer: Answer) -> None:
    mentions = (
        []
        if answer.option == "only_me"
        else parse_household(answer.text or "", state.record.language)
    )
    state.record.members = _members_from(mentions)
    state.mark("household")
    for hit in state.pending:
        member_id = _place(state.record, hit.domain, hit.member_hint)
        if member_id is not False:
            _concern(state.record, member_id, hit.domain, state.record.request_own_words)
    state.pending = []


def _screen(state: IntakeState, question: Question, answer: Answer) -> None:
    record = state.record
    offered = [o.value for o in question.options if o.value not in ("none", "declined")]
    chosen = [o for o in answer.options if o in offered]
    if answer.text:
        chosen += [h.domain for h in detect_domains(answer.text) if h.domain in offered]
    if "declined" in answer.options:
        status, chosen = DomainStatus.DECLINED, []
    elif chosen or "none" in answer.options or yes_no(answer) is False:
        status = DomainStatus.INDICATED  # looked at, nothing wrong named
    else:
        status = DomainStatus.NOT_DISCUSSED  # unclear answer: say so, never imply "fine"
    for domain_id in offered:
        if domain_id in chosen:
            _concern(record, question.member_id, domain_id, answer.text)
        elif record.entry(question.member_id, domain_id) is None:
            record.domains.append(
                DomainEntry(
                    member_id=question.member_id,
                    domain=domain_id,
                    status=status,
                    source=_source(record, question.member_id)
                    if status != "not_discussed"
                    else None,
                )
            )


def _detail(state: IntakeState, question: Question, answer: Answer) -> None:
    entry = state.record.entry(question.member_id, question.domain or "")
    if entry is None:
        return
    if answer.option and answer.option.isdigit():
        entry.indication = int(answer.option)
    elif answer.option == "declined":
        entry.status = DomainStatus.DECLINED
    if answer.text:
        entry.own_words = (
            f"{entry.own_words} / {answer.text}"
            if entry.own_words and answer.text not in entry.own_words
            else answer.text
        )[:2000]


def _safety_answer(state: IntakeState, question: Question, answer: Answer) -> None:
    safety = state.record.safety
    safety.questions_asked = True
    said = yes_no(answer)
    if question.key == "safety:home":
        worry = said is not True  # "no" or "don't know": when in doubt, flag
        code = "unsafe_home"
    else:
        worry = answer.option in ("yes", "sometimes", "declined") or said is True
        code = "child_safety_declined" if answer.option == "declined" else "child_safety"
    if worry:
        safety.signals.append(
            SafetySignal(code=code, level="concern", source="answer", excerpt=answer.text)
        )
        if safety.level == SafetyLevel.NONE:
            safety.level = SafetyLevel.CONCERN


def _contact(state: IntakeState, answer: Answer) -> None:
    contact = state.record.contact
    if answer.option in ("phone", "email", "letter"):
        contact.preference = answer.option
    words = answer.text or ""
    if found := (_PHONE.search(words) or _EMAIL.search(words)):
        contact.details = found.group(0).strip()
        contact.preference = contact.preference or ("email" if "@" in found.group(0) else "phone")
        words = (words[: found.start()] + words[found.end() :]).strip(" ,.")
    if answer.text and words:
        contact.best_time = words[:200]


def _set_age(record: IntakeRecord, member: Member, age: int) -> None:
    """Replace the member with one of the new age (the age band follows)."""
    fixed = Member.model_validate({**member.model_dump(), "age": age, "age_band": None})
    record.members[record.members.index(member)] = fixed


def apply_correction(state: IntakeState, text: str) -> bool:
    """Apply a correction such as "nee, mijn dochter is 12"; True when something changed."""
    record, changed = state.record, False
    for fix in parse_correction(text):
        match = next(
            (
                m
                for m in record.members
                if not m.is_respondent
                and (m.label == fix.label or (fix.label is None and m.role == fix.role))
            ),
            None,
        )
        if match and fix.age is not None and match.age != fix.age:
            _set_age(record, match, fix.age)
            changed = True
    return changed


def _correction(state: IntakeState, answer: Answer) -> None:
    if answer.text:
        state.record.summary_corrections.append(answer.text[:2000])
        apply_correction(state, answer.text)
    state.awaiting_correction = False


def apply_answer(state: IntakeState, question: Question, answer: Answer) -> None:
    """Record the answer to `question` in `state` (in place) and mark it answered."""
    record = state.record
    kind, key = question.kind, question.key
    if kind == Kind.NOTICE:
        record.notice_version_shown = NOTICE_VERSION
    elif key == "open_request":
        record.request_own_words = (answer.text or answer.option or "")[:10000] or None
        _hear_domains(state, answer)
    elif key == "open_request_check":
        if yes_no(answer) is False and not answer.text:
            state.pending = []
        elif answer.text and yes_no(answer) is None:
            record.request_own_words = f"{record.request_own_words or ''}\n{answer.text}".strip()
            _hear_domains(state, answer)
    elif kind == Kind.HOUSEHOLD:
        _household(state, answer)
    elif kind == Kind.MEMBER_DETAILS and (member := record.member(question.member_id or "")):
        age = parse_age(answer.text or answer.option or "")
        if age is not None:
            _set_age(record, member, age)
    elif kind == Kind.DOMAIN_SCREEN:
        _screen(state, question, answer)
    elif kind == Kind.DOMAIN_DETAIL:
        _detail(state, question, answer)
    elif kind == Kind.SAFETY:
        _safety_answer(state, question, answer)
    elif kind == Kind.INVOLVED_SERVICES and answer.option != "nobody" and answer.text:
        kinds = detect_services(answer.text) or ["other"]
        record.involved_services += [
            InvolvedService(kind=k, description=answer.text[:2000]) for k in kinds
        ]
    elif kind == Kind.COORDINATION:
        record.coordination.wants_single_coordinator = yes_no(answer)
        record.coordination.own_words = answer.text
    elif kind == Kind.DESIRED_OUTCOME:
        record.desired_outcome = answer.text if answer.option != "not_sure_yet" else None
    elif key == "contact" or key == "contact_details":
        _contact(state, answer)
    elif key == "summary":
        if yes_no(answer):
            record.confirmed_at = utcnow()
            record.summary_confirmed = True
        else:
            state.awaiting_correction = True
    elif key == "summary_correction":
        _correction(state, answer)
    if kind in _HEARD_KINDS:
        about = record.member(question.member_id) if question.member_id else None
        _hear_domains(state, answer, default_hint=about.label if about else None)
    if key not in ("summary", "summary_correction"):
        state.mark(key)
    record.updated_at = utcnow()
