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

from dataclasses import dataclass
from enum import StrEnum

from bot.catalogue import AgeBand, Text, catalogue
from bot.record import DomainStatus, IntakeRecord, Member, Role
from bot.state import IntakeState
from bot.summary import member_name, summary_text
from bot.texts import say, text


class Kind(StrEnum):
    NOTICE = "notice"
    OPEN_REQUEST = "open_request"
    HOUSEHOLD = "household"
    MEMBER_DETAILS = "member_details"
    DOMAIN_SCREEN = "domain_screen"
    DOMAIN_DETAIL = "domain_detail"
    SAFETY = "safety"
    INVOLVED_SERVICES = "involved_services"
    COORDINATION = "coordination"
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

    def render(self, language: str, channel: str = "web") -> str:
        """The wording for the person, or for a KCC employee who reads it to a caller."""
        words = self.text.get(language)
        if channel == "kcc":
            return say("prefixes", "kcc", language) + words
        return words


def _opt(value: str, key: str | None = None) -> Option:
    return Option(value, text("options", key or value))


def _q(key: str, kind: Kind, text_key: str, *options: Option, **values: str) -> Question:
    words = Text(
        nl=say("questions", text_key, "nl", **values), en=say("questions", text_key, "en", **values)
    )
    return Question(key=key, kind=kind, text=words, options=options)


def _open_domains(record: IntakeRecord, member: Member | None) -> list[str]:
    """Domains of this member (or of the household, for None) not yet discussed."""
    cat = catalogue()
    if member is None:
        ids = [d.id for d in cat.household_domains(record.has_children)]
    else:
        ids = [d.id for d in cat.for_band(member.age_band or AgeBand.ADULT)]
    member_id = member.id if member else None
    return [
        d
        for d in ids
        if (e := record.entry(member_id, d)) is None or e.status == DomainStatus.NOT_DISCUSSED
    ]


def _screen(record: IntakeRecord, member: Member | None) -> Question | None:
    open_ids = _open_domains(record, member)
    if not open_ids:
        return None
    band = member.age_band if member else None
    options = [
        Option(
            d,
            Text(
                nl=catalogue().domain(d).label_for(band, "nl"),
                en=catalogue().domain(d).label_for(band, "en"),
            ),
        )
        for d in open_ids
    ]
    options += [_opt("none", "none_wrong"), _opt("declined")]
    if member is None:
        q = _q("screen:household", Kind.DOMAIN_SCREEN, "screen_household", *options)
    else:
        q = Question(
            key=f"screen:{member.id}",
            kind=Kind.DOMAIN_SCREEN,
            text=Text(
                nl=say("questions", "screen_member", "nl", name=member_name(member, "nl")),
                en=say("questions", "screen_member", "en", name=member_name(member, "en")),
            ),
            options=tuple(options),
            member_id=member.id,
        )
    return Question(**{**q.__dict__, "multiple": True})


def _detail(record: IntakeRecord, member_id: str | None, domain_id: str) -> Question:
    domain = catalogue().domain(domain_id)
    member = record.member(member_id) if member_id else None
    words = {}
    for lang in ("nl", "en"):
        about = ""
        if member is not None and not member.is_respondent:
            about = say("questions", "about_member", lang, name=member_name(member, lang))
        words[lang] = say(
            "questions", "domain_detail", lang, about=about, question=domain.question.get(lang)
        )
    scale = tuple(Option(str(n), label) for n, label in sorted(catalogue().scale.items()))
    return Question(
        key=detail_key(member_id, domain_id),
        kind=Kind.DOMAIN_DETAIL,
        text=Text(**words),
        options=(*scale, _opt("declined")),
        member_id=member_id,
        domain=domain_id,
    )


def detail_key(member_id: str | None, domain_id: str) -> str:
    return f"detail:{member_id or 'household'}:{domain_id}"


def _topics(state: IntakeState, language: str) -> str:
    ids = list(
        dict.fromkeys(
            [h.domain for h in state.pending]
            + [e.domain for e in state.record.domains if e.concern]
        )
    )
    return ", ".join(catalogue().domain(d).label.get(language).lower() for d in ids)


def _intro(state: IntakeState) -> list[Question]:
    due: list[Question] = []
    if not state.is_answered("notice"):
        due.append(_q("notice", Kind.NOTICE, "notice", _opt("continue")))
    if not state.is_answered("open_request"):
        due.append(_q("open_request", Kind.OPEN_REQUEST, "open_request"))
    elif not state.is_answered("open_request_check") and (topics := _topics(state, "nl")):
        due.append(
            Question(
                key="open_request_check",
                kind=Kind.OPEN_REQUEST,
                text=Text(
                    nl=say("questions", "open_request_check", "nl", topics=topics),
                    en=say("questions", "open_request_check", "en", topics=_topics(state, "en")),
                ),
                options=(_opt("yes"), _opt("no")),
            )
        )
    if not state.is_answered("household"):
        due.append(_q("household", Kind.HOUSEHOLD, "household", _opt("only_me")))
    return due


def _about_members(state: IntakeState) -> list[Question]:
    record = state.record
    due: list[Question] = []
    for m in record.members:
        if m.role == Role.CHILD and m.age is None and not state.is_answered(f"age:{m.id}"):
            words = {
                lang: say("questions", "age", lang, name=member_name(m, lang))
                for lang in ("nl", "en")
            }
            due.append(
                Question(
                    key=f"age:{m.id}", kind=Kind.MEMBER_DETAILS, text=Text(**words), member_id=m.id
                )
            )
    for e in record.domains:
        key = detail_key(e.member_id, e.domain)
        if e.concern and e.status == DomainStatus.INDICATED and not state.is_answered(key):
            due.append(_detail(record, e.member_id, e.domain))
    for who in [None, *record.members]:
        key = f"screen:{who.id if who else 'household'}"
        if not state.is_answered(key) and (q := _screen(record, who)):
            due.append(q)
    return due


def _closing(state: IntakeState) -> list[Question]:
    record = state.record
    yes_no = (_opt("yes"), _opt("no"), _opt("dont_know"))
    steps = [
        _q("safety:home", Kind.SAFETY, "safety_home", *yes_no),
        *(
            [
                _q(
                    "safety:children",
                    Kind.SAFETY,
                    "safety_children",
                    _opt("no"),
                    _opt("sometimes"),
                    _opt("yes"),
                    _opt("declined"),
                )
            ]
            if record.has_children or not state.is_answered("household")
            else []
        ),
        _q("services", Kind.INVOLVED_SERVICES, "services", _opt("nobody")),
        _q("coordination", Kind.COORDINATION, "coordination", *yes_no),
        _q("desired_outcome", Kind.DESIRED_OUTCOME, "desired_outcome", _opt("not_sure_yet")),
        _q("contact", Kind.CONTACT, "contact", _opt("phone"), _opt("email"), _opt("letter")),
    ]
    due = [q for q in steps if not state.is_answered(q.key)]
    wants_details = record.contact.preference in ("phone", "email") and not record.contact.details
    if wants_details and not state.is_answered("contact_details"):
        due.append(_q("contact_details", Kind.CONTACT, "contact_details"))
    if state.awaiting_correction:
        due.append(_q("summary_correction", Kind.SUMMARY_CONFIRM, "summary_correction"))
    elif not record.summary_confirmed:
        words = {
            lang: say("questions", "summary", lang, summary=summary_text(record, lang))
            for lang in ("nl", "en")
        }
        due.append(
            Question(
                key="summary",
                kind=Kind.SUMMARY_CONFIRM,
                text=Text(**words),
                options=(_opt("confirm"), _opt("change")),
            )
        )
    return due


def plan(state: IntakeState) -> list[Question]:
    """Every question still due, in the order they will be asked."""
    return _intro(state) + _about_members(state) + _closing(state)


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
