"""The plain-language summary the person confirms or corrects before anything is sent."""

from __future__ import annotations

from bot.naming import member_name
from bot.record import IntakeRecord, SafetyLevel
from bot.reflection import concerns_by_member
from bot.texts import say, text


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
    concerns = [
        f"{who}: {', '.join(labels)}" for who, labels in concerns_by_member(record, language)
    ]
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
