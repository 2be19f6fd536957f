"""What to ask next: the intake's question plan, computed from the state alone.

`plan(state)` lists every question still due, in order; `next_question(state)` is its head, so
the progress shown to the person ("stap 5 van 18") is `len(state.answered) + 1` of
`len(state.answered) + len(plan(state))`. Pure and deterministic: the same state gives the same
plan, whichever Rasa server or API worker asks.

Strategy (domain brief §4): the open question first; deep questions only where a signal was
heard; one short grouped screen per person (and one for the household) of the other domains;
the safety questions in every intake, the child-safety question in every household with
children; then services, coordination, desired outcome, contact, and a summary to confirm.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.attribution import band_of
from bot.catalogue import AgeBand, Text, catalogue
from bot.naming import member_choice_label, member_name
from bot.record import DomainStatus, IntakeRecord, Member, Role
from bot.reflection import restated
from bot.state import IntakeState
from bot.summary import summary_text
from bot.texts import say, text


class Kind(StrEnum):
    NOTICE = "notice"
    OPEN_REQUEST = "open_request"
    HOUSEHOLD = "household"
    MEMBER_DETAILS = "member_details"
    ATTRIBUTION = "attribution"  # "Over wie gaat dit?"
    DOMAIN_SCREEN = "domain_screen"
    DOMAIN_DETAIL = "domain_detail"
    CHILD_VIEW = "child_view"
    SAFETY = "safety"
    INVOLVED_SERVICES = "involved_services"
    CURRENT_COORDINATOR = "current_coordinator"
    COORDINATION = "coordination"
    CONSENT = "consent"
    DESIRED_OUTCOME = "desired_outcome"
    CONTACT = "contact"
    SUMMARY_CONFIRM = "summary_confirm"


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class Question:
    """One question as data: the web chat, the KCC console, Rasa actions and tests read it."""

    key: str
    kind: Kind
    text: Text
    options: tuple[Option, ...] = ()
    member_id: str | None = None
    domain: str | None = None
    multiple: bool = False  # several options may be chosen, sent as "a,b,c"
    member_ids: tuple[str, ...] = ()  # the members a question about several people covers

    def render(self, language: str, channel: str = "web") -> str:
        """The wording for the person, or for a KCC employee who reads it to a caller."""
        words = self.text.get(language)
        if channel == "kcc":
            return say("prefixes", "kcc", language) + words
        return words


def _opt(value: str, key: str | None = None) -> Option:
    return Option(value, text("options", key or value))


Words = str | Callable[[str], str]  # a value for a text placeholder, or one per language


def _both(words: Callable[[str], str]) -> Text:
    """A text in both languages, made by one function of the language."""
    return Text(nl=words("nl"), en=words("en"))


def _q(
    key: str,
    kind: Kind,
    text_key: str,
    *options: Option,
    member_id: str | None = None,
    domain: str | None = None,
    multiple: bool = False,
    member_ids: tuple[str, ...] = (),
    informal: bool = False,
    **values: Words,
) -> Question:
    """A question worded by `questions.<text_key>` in texts.yml, placeholders per language;
    `informal`: to a young person who chats for themself ("je")."""

    def words(lang: str) -> str:
        filled = {k: v(lang) if callable(v) else v for k, v in values.items()}
        return say("questions", text_key, lang, informal, **filled)

    return Question(
        key=key,
        kind=kind,
        text=_both(words),
        options=options,
        member_id=member_id,
        domain=domain,
        multiple=multiple,
        member_ids=member_ids,
    )


def speaks_for_self(record: IntakeRecord) -> bool:
    """A young person (under 18) chats for themself: the questions say "je"."""
    me = next((m for m in record.members if m.is_respondent), None)
    return me is not None and me.age_band in (AgeBand.YOUTH, AgeBand.CHILD)


def _open_domains(record: IntakeRecord, member: Member | None) -> list[str]:
    """Domains of this member (or of the household, for None) not yet discussed."""
    cat = catalogue()
    if member is None:
        ids = [d.id for d in cat.household_domains(record.has_children)]
    else:
        ids = [d.id for d in cat.for_band(band_of(member))]
    member_id = member.id if member else None
    return [
        d
        for d in ids
        if (e := record.entry(member_id, d)) is None or e.status == DomainStatus.NOT_DISCUSSED
    ]


def _screen(record: IntakeRecord, member: Member | None) -> Question | None:
    young = speaks_for_self(record)
    open_ids = _open_domains(record, member)
    if not open_ids:
        return None
    band = band_of(member) if member else None
    options = [
        Option(d, _both(lambda lang, d=d: catalogue().domain(d).label_for(band, lang)))
        for d in open_ids
    ]
    options += [_opt("none", "none_wrong"), _opt("declined")]
    if member is None:
        return _q(
            "screen:household",
            Kind.DOMAIN_SCREEN,
            "screen_household",
            *options,
            multiple=True,
            informal=young,
        )
    return _q(
        f"screen:{member.id}",
        Kind.DOMAIN_SCREEN,
        "screen_self" if member.is_respondent else "screen_member",
        *options,
        member_id=member.id,
        multiple=True,
        name=lambda lang: member_name(member, lang, young),
        informal=young,
    )


def _detail(record: IntakeRecord, member_id: str | None, domain_id: str) -> Question:
    young = speaks_for_self(record)
    domain = catalogue().domain(domain_id)
    member = record.member(member_id) if member_id else None
    band = band_of(member) if member else AgeBand.HOUSEHOLD
    about_self = member is None or member.is_respondent

    def about(lang: str) -> str:
        if about_self:
            return ""
        return say("questions", "about_member", lang, name=member_name(member, lang, young))

    scale = tuple(Option(str(n), label) for n, label in sorted(catalogue().scale.items()))
    return _q(
        detail_key(member_id, domain_id),
        Kind.DOMAIN_DETAIL,
        "domain_detail",
        *scale,
        _opt("declined"),
        member_id=member_id,
        domain=domain_id,
        about=about,
        question=lambda lang: domain.question_for(band, lang, young and about_self),
        informal=young,
    )


def detail_key(member_id: str | None, domain_id: str) -> str:
    return f"detail:{member_id or 'household'}:{domain_id}"


def _intro(state: IntakeState) -> list[Question]:
    young = speaks_for_self(state.record)
    due: list[Question] = []
    if state.danger_to_confirm and not state.is_answered("safety:confirm"):
        due.append(
            _q(
                "safety:confirm",
                Kind.SAFETY,
                "safety_confirm",
                _opt("yes"),
                _opt("no"),
                informal=young,
            )
        )
    if not state.is_answered("notice"):
        due.append(_q("notice", Kind.NOTICE, "notice", _opt("continue"), informal=young))
    if not state.is_answered("open_request"):
        due.append(_q("open_request", Kind.OPEN_REQUEST, "open_request", informal=young))
    if not state.is_answered("household"):
        due.append(_q("household", Kind.HOUSEHOLD, "household", _opt("only_me"), informal=young))
    return due


def _ages(state: IntakeState) -> list[Question]:
    young = speaks_for_self(state.record)
    return [
        _q(
            f"age:{m.id}",
            Kind.MEMBER_DETAILS,
            "age",
            member_id=m.id,
            name=lambda lang, m=m: member_name(m, lang, young),
            informal=young,
        )
        for m in state.record.members
        if m.role == Role.CHILD and m.age is None and not state.is_answered(f"age:{m.id}")
    ]


def _who(state: IntakeState) -> list[Question]:
    """ "Over wie gaat dit?" for the first problem heard that fits several members."""
    young = speaks_for_self(state.record)
    if not state.unplaced or not state.is_answered("household"):
        return []
    item, record = state.unplaced[0], state.record
    members = [
        m for m in record.members if band_of(m) in catalogue().domain(item.domain).applies_to
    ]
    options = [Option(m.id, _both(lambda lang, m=m: member_choice_label(m, lang))) for m in members]
    asked = sum(1 for key in state.answered if key.startswith("who:"))
    return [
        _q(
            f"who:{asked}",  # one key per problem asked about; the answer places unplaced[0]
            Kind.ATTRIBUTION,
            "who",
            *options,
            _opt("household", "whole_family"),
            domain=item.domain,
            words=item.words[:200],
            informal=young,
        )
    ]


def _reflection(state: IntakeState) -> list[Question]:
    """Say back the request once the household is known: who, what is hard, what is asked."""
    young = speaks_for_self(state.record)
    if not state.is_answered("household") or state.unplaced:
        return []
    if state.reflection_wrong and not state.is_answered("reflection_fix"):
        return [_q("reflection_fix", Kind.OPEN_REQUEST, "reflection_fix", informal=young)]
    if state.is_answered("reflection"):
        return []
    return [
        _q(
            "reflection",
            Kind.OPEN_REQUEST,
            "reflection",
            _opt("yes"),
            _opt("no"),
            restated=lambda lang: restated(state.record, lang),
            informal=young,
        )
    ]


def _about_members(state: IntakeState) -> list[Question]:
    """Details only for problems chosen without words; then a short screen per person.

    A problem the person described is not asked again: the reflection confirms it.
    """
    young = speaks_for_self(state.record)
    record = state.record
    due: list[Question] = []
    for e in record.domains:
        key = detail_key(e.member_id, e.domain)
        if e.concern and not e.own_words and not state.is_answered(key):
            due.append(_detail(record, e.member_id, e.domain))
    for who in [*record.members, None]:
        key = f"screen:{who.id if who else 'household'}"
        if not state.is_answered(key) and (q := _screen(record, who)):
            due.append(q)
    children = [
        m
        for m in record.members
        if m.role == Role.CHILD and not m.is_respondent and (m.age is None or m.age >= 4)
    ]
    if children and not state.is_answered("child_view"):
        due.append(
            _q(
                "child_view",
                Kind.CHILD_VIEW,
                "child_view",
                member_ids=tuple(m.id for m in children),
                names=lambda lang: _names(children, lang),
                informal=young,
            )
        )
    return due


def _names(members: list[Member], language: str) -> str:
    return _joined([member_name(m, language) for m in members], language)


def _closing(state: IntakeState) -> list[Question]:
    young = speaks_for_self(state.record)
    record = state.record
    yes_no = (_opt("yes"), _opt("no"), _opt("dont_know"))
    steps = [_q("safety:home", Kind.SAFETY, "safety_home", *yes_no, informal=young)]
    if record.has_children or not state.is_answered("household"):
        steps.append(
            _q(
                "safety:children",
                Kind.SAFETY,
                "safety_children",
                _opt("no"),
                _opt("sometimes"),
                _opt("yes"),
                _opt("declined"),
                informal=young,
            )
        )
    steps.append(_q("services", Kind.INVOLVED_SERVICES, "services", _opt("nobody"), informal=young))
    if record.involved_services:
        steps.append(
            _q(
                "coordinator",
                Kind.CURRENT_COORDINATOR,
                "coordinator",
                _opt("nobody", "no_one"),
                informal=young,
            )
        )
    steps.append(_q("coordination", Kind.COORDINATION, "coordination", *yes_no, informal=young))
    steps += _consents(record)
    steps += [
        _q(
            "desired_outcome",
            Kind.DESIRED_OUTCOME,
            "desired_outcome",
            _opt("not_sure_yet"),
            informal=young,
        ),
        _q(
            "contact",
            Kind.CONTACT,
            "contact",
            _opt("phone"),
            _opt("email"),
            _opt("letter"),
            informal=young,
        ),
    ]
    due = [q for q in steps if not state.is_answered(q.key)]
    wants_details = record.contact.preference in ("phone", "email") and not record.contact.details
    if wants_details and not state.is_answered("contact_details"):
        due.append(_q("contact_details", Kind.CONTACT, "contact_details", informal=young))
    if state.awaiting_correction:
        due.append(
            _q("summary_correction", Kind.SUMMARY_CONFIRM, "summary_correction", informal=young)
        )
    elif not record.summary_confirmed:
        due.append(
            _q(
                "summary",
                Kind.SUMMARY_CONFIRM,
                "summary",
                _opt("confirm"),
                _opt("change"),
                summary=lambda lang: summary_text(record, lang),
                informal=young,
            )
        )
    return due


def _consents(record: IntakeRecord) -> list[Question]:
    """One question for explicit consent to optional contacts: the services already involved,
    and the school of a child with a school problem. The key lists the consent codes."""
    young = speaks_for_self(record)
    parties = list(dict.fromkeys(s.kind for s in record.involved_services if s.kind != "other"))
    school_problem = any(
        e.concern
        and e.domain == "werk_opleiding"
        and (m := record.member(e.member_id or ""))
        and m.role == Role.CHILD
        and not m.is_respondent
        for e in record.domains
    )
    if school_problem and "school" not in parties:
        parties.append("school")
    if not parties:
        return []
    return [
        _q(
            "consent:" + ",".join(f"contact_{p}" for p in parties),
            Kind.CONSENT,
            "consent_contact",
            _opt("yes"),
            _opt("no"),
            informal=young,
            parties=lambda lang: _joined([text("services", p).get(lang) for p in parties], lang),
        )
    ]


def _joined(words: list[str], language: str) -> str:
    joiner = " and " if language == "en" else " en "
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + joiner + words[-1]


def plan(state: IntakeState) -> list[Question]:
    """Every question still due, in the order they will be asked."""
    return (
        _intro(state)
        + _ages(state)
        + _who(state)
        + _reflection(state)
        + _about_members(state)
        + _closing(state)
    )


def next_question(state: IntakeState) -> Question | None:
    """The next question, or None when the person has confirmed the summary."""
    due = plan(state)
    return due[0] if due else None


def find_question(state: IntakeState, key: str) -> Question | None:
    """A question that is still due, by key (e.g. to apply an answer given early)."""
    return next((q for q in plan(state) if q.key == key), None)


def progress(state: IntakeState) -> tuple[int, int]:
    """(current step, expected total) for "stap 3 van 17"."""
    done = len(state.answered)
    return done + 1, done + max(len(plan(state)), 1)
