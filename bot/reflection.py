"""Vraagverheldering: say back who it is about, what is hard and what the person asks for.

The restated request is what the person confirms (`record.request_summary`); a "no" or a typed
correction ("nee, het gaat om mijn dochter") moves the problems to the member meant.
"""

from __future__ import annotations

import re

from bot.attribution import as_mention, match_mention
from bot.catalogue import AgeBand, catalogue
from bot.domain_terms import detect_domains
from bot.household_parse import read_correction
from bot.naming import member_name
from bot.record import DomainEntry, IntakeRecord
from bot.sentences import split_sentences
from bot.texts import say

# The person asking for something: "ik wil", "we zoeken", "graag", "hulp bij", a question.
_ASKING = re.compile(
    r"\b(ik|we|wij|i)\s+(wil|willen|zoek|zoeken|hoop|hopen|vraag|vragen|want|need|would like)\b|"
    r"\b(graag|hulp bij|help|advies|tips?|kunnen jullie|kan iemand|looking for|advice)\b|\?",
    re.I,
)


def asked_for(record: IntakeRecord) -> str | None:
    """The sentence of the opening story in which the person asks for something, verbatim."""
    sentences = split_sentences(record.request_own_words or "")
    asking = [s.text.strip() for s in sentences if _ASKING.search(s.text)]
    return asking[-1][:300] if asking else None


def concerns_by_member(record: IntakeRecord, language: str) -> list[tuple[str, list[str]]]:
    """(who, problem labels) per member with problems, the household last."""
    lines = []
    for who in [*record.members, None]:
        member_id = who.id if who else None
        band = who.age_band if who else AgeBand.HOUSEHOLD
        labels = [
            catalogue().domain(e.domain).label_for(band, language).lower()
            for e in record.domains
            if e.concern and e.member_id == member_id
        ]
        if labels:
            name = member_name(who, language) if who else say("reflection", "home", language)
            lines.append((name, labels))
    return lines


def restated(record: IntakeRecord, language: str) -> str:
    """The request as understood, in lines: each member's problems, then what is asked."""
    lines = [
        f"- {who}: {', '.join(labels)}" for who, labels in concerns_by_member(record, language)
    ]
    if not lines:
        lines = [say("reflection", "nothing_heard", language)]
    asked = asked_for(record)
    if asked:
        lines.append(say("reflection", "asked", language, words=asked))
    return "\n".join(lines)


def request_summary(record: IntakeRecord, language: str) -> str:
    return restated(record, language)[:2000]


def apply_who_correction(record: IntakeRecord, words: str) -> bool:
    """ "Nee, het gaat om mijn dochter": move the problems of the story to the member meant.

    Only problems on one member move (not household ones), only those the correction names
    when it names any, and only to a member the domain applies to. True when something moved.
    """
    about = read_correction(words, record.language, known=record.members).about
    meant = [
        m
        for mention in about
        if not mention.is_respondent
        for m in match_mention(record, as_mention(mention))
    ]
    if len({m.id for m in meant}) != 1:
        return False
    target = meant[0]
    named_domains = {h.domain for h in detect_domains(words)}
    band = target.age_band or AgeBand.CHILD
    moved = False
    for entry in list(record.domains):
        if entry.member_id in (None, target.id) or not entry.concern:
            continue
        if named_domains and entry.domain not in named_domains:
            continue
        if band not in catalogue().domain(entry.domain).applies_to:
            continue
        _move(record, entry, target.id)
        moved = True
    return moved


def _move(record: IntakeRecord, entry: DomainEntry, member_id: str) -> None:
    record.domains.remove(entry)
    existing = record.entry(member_id, entry.domain)
    if existing is None:
        record.domains.append(entry.model_copy(update={"member_id": member_id, "source": None}))
    else:
        existing.concern, existing.status = True, entry.status
        existing.own_words = existing.own_words or entry.own_words
