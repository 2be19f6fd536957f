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
    **values: Words,
) -> Question:
    """A question worded by `questions.<text_key>` in texts.yml, placeholders per language."""

    def words(lang: str) -> str:
        filled = {k: v(lang) if callable(v) else v for k, v in values.items()}
        return say("questions", text_key, lang, **filled)

    return Question(
        key=key,
        kind=kind,
        text=_both(words),
        options=options,
        member_id=member_id,
        domain=domain,
        multiple=multiple,
    )


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
        Option(d, _both(lambda lang, d=d: catalogue().domain(d).label_for(band, lang)))
        for d in open_ids
    ]
    options += [_opt("none", "none_wrong"), _opt("declined")]
    if member is None:
        return _q(
            "screen:household", Kind.DOMAIN_SCREEN, "screen_household", *options, multiple=True
        )
    return _q(
        f"screen:{member.id}",
        Kind.DOMAIN_SCREEN,
        "screen_member",
        *options,
        member_id=member.id,
        multiple=True,
        name=lambda lang: member_name(member, lang),
    )


def _detail(record: IntakeRecord, member_id: str | None, domain_id: str) -> Question:
    domain = catalogue().domain(domain_id)
    member = record.member(member_id) if member_id else None

    def about(lang: str) -> str:
        if member is None or member.is_respondent:
            return ""
        return say("questions", "about_member", lang, name=member_name(member, lang))

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
        question=domain.question.get,
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
    elif not state.is_answered("open_request_check") and _topics(state, "nl"):
        due.append(
            _q(
                "open_request_check",
                Kind.OPEN_REQUEST,
                "open_request_check",
                _opt("yes"),
                _opt("no"),
                topics=lambda lang: _topics(state, lang),
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
            due.append(
                _q(
                    f"age:{m.id}",
                    Kind.MEMBER_DETAILS,
                    "age",
                    member_id=m.id,
                    name=lambda lang, m=m: member_name(m, lang),
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
    steps = [_q("safety:home", Kind.SAFETY, "safety_home", *yes_no)]
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
            )
        )
    steps += [
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
        due.append(
            _q(
                "summary",
                Kind.SUMMARY_CONFIRM,
                "summary",
                _opt("confirm"),
                _opt("change"),
                summary=lambda lang: summary_text(record, lang),
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
