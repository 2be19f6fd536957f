"""The plain-language summary the person confirms or corrects before anything is sent."""

from __future__ import annotations

from bot.catalogue import catalogue
from bot.record import IntakeRecord, Member, Role, SafetyLevel
from bot.texts import say, text


def member_name(member: Member, language: str) -> str:
    """How the assistant names a member to the respondent: "u", "uw zoon (14)"."""
    if member.is_respondent:
        return say("member_names", "respondent", language)
    key = (
        "child"
        if member.role == Role.CHILD
        else "partner"
        if member.role in (Role.PARTNER, Role.PARENT)
        else "other"
    )
    if member.label and member.role == Role.CHILD:
        name = ("your " if language == "en" else "uw ") + member.label
    else:
        name = say("member_names", key, language)
    return f"{name} ({member.age})" if member.age is not None else name


def _clip(words: str, limit: int = 300) -> str:
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def summary_lines(record: IntakeRecord, language: str) -> list[tuple[str, str]]:
    """(heading, content) pairs, in the order shown."""

    def label(key: str) -> str:
        return say("summary", key, language)

    lines: list[tuple[str, str]] = []
    if record.request_own_words:
        lines.append((label("request"), f"“{_clip(record.request_own_words)}”"))
    if record.members:
        lines.append(
            (label("household"), ", ".join(member_name(m, language) for m in record.members))
        )
    concerns = []
    for e in record.domains:
        if not e.concern:
            continue
        member = record.member(e.member_id) if e.member_id else None
        band = member.age_band if member else None
        name = catalogue().domain(e.domain).label_for(band, language)
        concerns.append(f"{name} ({member_name(member, language)})" if member else name)
    lines.append((label("concerns"), "; ".join(concerns) or label("none")))
    safe = record.safety.level == SafetyLevel.NONE
    lines.append((label("safety"), label("safety_ok") if safe else label("safety_concern")))
    if record.involved_services:
        lines.append(
            (
                label("services"),
                ", ".join(s.kind.replace("_", " ") for s in record.involved_services),
            )
        )
    wish = record.coordination.wants_single_coordinator
    if wish is not None:
        lines.append((label("coordination"), label("yes") if wish else label("no")))
    if record.desired_outcome:
        lines.append((label("outcome"), f"“{_clip(record.desired_outcome)}”"))
    if record.contact.preference:
        how = text(
            "options",
            {"phone": "phone", "email": "email", "letter": "letter"}.get(
                record.contact.preference, "phone"
            ),
        ).get(language)
        extra = ", ".join(x for x in (record.contact.details, record.contact.best_time) if x)
        lines.append((label("contact"), f"{how}{' (' + extra + ')' if extra else ''}"))
    return lines


def summary_text(record: IntakeRecord, language: str) -> str:
    """The summary as short lines: '- Heading: content'."""
    return "\n".join(f"- {h}: {c}" for h, c in summary_lines(record, language))
