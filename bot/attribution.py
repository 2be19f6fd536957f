"""Who a problem heard in the person's words is about.

A story is read sentence by sentence, and each sentence clause by clause ("mn zoon van 14
spijbelt en blowt, de kleine van 6 plast weer in bed" is two subjects). Every life domain heard
in a clause becomes a `Heard` item with the people that clause names, or its pronoun. `place`
then puts it on a member: household domains on the household; otherwise the member the clause
names (name, age, role word, "ik"), the one member a pronoun can mean, or the member the
question was about. What fits several members stays unplaced and the planner asks about it.
The respondent is never a fallback: only their own words ("ik", "me") put a problem on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.catalogue import AgeBand, catalogue
from bot.domain_encoder import sentence_domains
from bot.domain_terms import detect_domains
from bot.household_parse import MemberMention, find_mentions
from bot.record import IntakeRecord, Member, Role
from bot.safety import screen
from bot.sentences import Sentence, split_sentences
from bot.state import Heard, Mention, Pronoun

HOUSEHOLD = None  # `place` result: the whole household (member_id null)

_CLAUSE_BREAK = re.compile(
    r"[,;:]\s+|\s+(?:en|and|(?<!alleen )maar|but|want|because|terwijl|while|omdat|dat|that)\s+",
    re.I,
)
_PRONOUNS: dict[str, Pronoun] = {
    "hij": "he", "hem": "he", "zijn": "he", "ie": "he", "he": "he", "him": "he", "his": "he",
    "zij": "she", "ze": "she", "haar": "she", "she": "she", "her": "she",
    "they": "they", "them": "they", "hun": "they", "hen": "they",
}  # fmt: skip
_MALE = {"zoon", "man", "vader", "broer", "opa", "vriend", "stiefzoon", "pleegzoon", "stiefvader"}
_FEMALE = {"dochter", "vrouw", "moeder", "zus", "oma", "vriendin", "stiefdochter", "pleegdochter",
           "stiefmoeder"}  # fmt: skip
_YOUNGEST = {"jongste", "kleine", "kleinste", "baby"}
_OLDEST = {"oudste"}


@dataclass(frozen=True)
class Unresolved:
    """The words fit more than one member (or none clearly): ask who it is about."""

    candidates: tuple[str, ...]


Placement = str | tuple[str, ...] | None | Unresolved  # member id(s), HOUSEHOLD, or Unresolved
# Words saying a problem is of every person the words name: "allebei", "de tweeling", "both".
_ALL_OF_THEM = re.compile(
    r"\b(allebei|beiden|beide|alle\s+drie|tweeling|drieling|samen|both|twins|all\s+of\s+them)\b",
    re.IGNORECASE,
)


def read_story(
    text: str,
    language: str = "nl",
    about: str | None = None,
    model_domains: Iterable[tuple[str, int, int]] = (),
    known: Sequence[Member] = (),
) -> list[Heard]:
    """Every domain heard in `text`, with the people named where it was heard.

    `model_domains` are the language model's (domain, start, end) spans; each is heard in the
    clause it falls in. `about` is the member the question was about; `known` the household
    members so far, whose given names then count as mentions.
    """
    spans = list(model_domains)
    heard: list[Heard] = []
    named_before: list[list[Mention]] = []  # who each earlier clause named, for a pronoun
    for sentence in split_sentences(text):
        subject: list[Mention] = []  # who this sentence is about so far
        parts: list[tuple[int, str, list[Mention], Pronoun | None, list[str]]] = []
        for start, clause in _clauses(sentence.text, sentence.start):
            named = [as_mention(m) for m in find_mentions(clause, language, known=known)]
            pronoun = None if named else _pronoun(clause)
            who = named or (_by_pronoun(named_before, pronoun) if pronoun else subject)
            domains = [h.domain for h in detect_domains(clause)] + _danger_domains(clause)
            domains += [d for d, s, _ in spans if start <= s < start + len(clause)]
            domains += sentence_domains([clause], strict=True)[0]  # precise: a member's problem
            parts.append((start, clause, who, pronoun, list(dict.fromkeys(domains))))
            if named:
                subject = named
                named_before.append(named)
        for _, clause, who, pronoun, domains in parts:
            heard += [
                Heard(
                    domain=domain,
                    words=_words_about(text, sentence, parts, who)[:2000],
                    clause=clause.strip()[:2000],
                    mentions=who,
                    pronoun=pronoun if not who else None,
                    about=about,
                )
                for domain in domains
            ]
    return heard


# The life domain a safety signal is about: "ze wil dood" is also a problem of how she feels.
_SAFETY_DOMAINS = {
    "suicide": "geestelijke_gezondheid",
    "self_harm": "geestelijke_gezondheid",
    "domestic_violence": "huiselijke_relaties",
    "child_abuse": "huiselijke_relaties",
    "threat": "huiselijke_relaties",
}


def _danger_domains(clause: str) -> list[str]:
    return [_SAFETY_DOMAINS[h.code] for h in screen(clause).hits if h.code in _SAFETY_DOMAINS]


def _words_about(
    text: str,
    sentence: Sentence,
    parts: list[tuple[int, str, list[Mention], Pronoun | None, list[str]]],
    who: list[Mention],
) -> str:
    """The person's own words about this subject: the stretch of the sentence from the first
    to the last clause about them (the whole sentence when it names nobody)."""
    mine = [(start, clause) for start, clause, w, _, _ in parts if w == who]
    if not who or not mine:
        return sentence.text.strip()
    first, (last, clause) = mine[0][0], mine[-1]
    return text[first : last + len(clause)].strip(" ,;:")


def _clauses(sentence: str, offset: int) -> list[tuple[int, str]]:
    """(start offset, clause) pieces of one sentence, split where a new subject may start."""
    pieces, start = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        pieces.append((offset + start, sentence[start : match.start()]))
        start = match.end()
    pieces.append((offset + start, sentence[start:]))
    return [(s, c) for s, c in pieces if c.strip()]


def mentions_in(text: str, record: IntakeRecord) -> list[Mention]:
    """The people a short answer names ("Sem", "mijn dochter"; "allebei" names nobody)."""
    return [as_mention(m) for m in find_mentions(text, record.language, known=record.members)]


def as_mention(m: MemberMention) -> Mention:
    return Mention(
        role=m.role,
        label=m.label,
        name=m.name,
        age=m.age,
        is_respondent=m.is_respondent,
    )


def _pronoun(clause: str) -> Pronoun | None:
    for word in re.findall(r"[a-zà-ÿ]+", clause.lower()):
        if word in _PRONOUNS:
            return _PRONOUNS[word]
    return None


def _by_pronoun(named_before: list[list[Mention]], pronoun: Pronoun) -> list[Mention]:
    """Whom the pronoun means: the most recently named people it fits ("ik heb ontdekt dat ze
    pillen spaart" after "mijn dochter"); never the respondent, and nobody when it is unclear."""
    for named in reversed(named_before):
        others = [m for m in named if not m.is_respondent]
        if pronoun == "they" and others:
            return others
        fitting = [m for m in others if _gender(m) in (pronoun, None)]
        if len(fitting) == 1:
            return fitting
        if len(fitting) > 1:
            return []
    return []


def _gender(m: Mention | Member) -> Pronoun | None:
    label = (m.label or "").lower()
    if label in _MALE:
        return "he"
    if label in _FEMALE:
        return "she"
    return None


def place(record: IntakeRecord, item: Heard) -> Placement:
    """Where a heard domain goes: a member id (several when the words say "allebei"), HOUSEHOLD,
    or Unresolved with the candidates."""
    domain = catalogue().domain(item.domain)
    if domain.household_level:
        return HOUSEHOLD
    fits = [m for m in record.members if band_of(m) in domain.applies_to]
    named = _named_in(record, item.clause) if not item.mentions else []
    if item.mentions:
        named = _matching(record, item.mentions)
        if not named:  # someone outside the household (a grandmother, a teacher)
            return Unresolved(tuple(m.id for m in fits))
    if named:
        # a domain that does not fit the person named (work for a 6-year-old) is dropped
        chosen = [m for m in named if m in fits]
        if len(chosen) > 1 and _ALL_OF_THEM.search(item.words):
            return tuple(m.id for m in chosen)  # "onze tweeling wordt allebei gepest"
        return chosen[0].id if len(chosen) == 1 else Unresolved(tuple(m.id for m in chosen))
    if item.pronoun:
        others = [m for m in fits if not m.is_respondent]
        fitting = [m for m in others if _gender(m) in (item.pronoun, None)]
        if len(fitting) == 1:
            return fitting[0].id
    if item.about and record.member(item.about):
        return item.about
    candidates = tuple(m.id for m in fits)
    if len(candidates) == 1 and not record.member(candidates[0]).is_respondent:  # type: ignore[union-attr]
        return candidates[0]
    return Unresolved(candidates)


def _named_in(record: IntakeRecord, clause: str) -> list[Member]:
    """Members whose given name the clause uses ("Sem spijbelt")."""
    return [
        m
        for m in record.members
        if m.name and re.search(rf"\b{re.escape(m.name)}\b", clause, re.IGNORECASE)
    ]


def band_of(member: Member) -> AgeBand:
    """The member's age band; a child of unknown age counts as a child, never as an adult."""
    if member.age_band:
        return member.age_band
    return AgeBand.CHILD if member.role == Role.CHILD else AgeBand.ADULT


def _matching(record: IntakeRecord, mentions: list[Mention]) -> list[Member]:
    found: list[Member] = []
    for mention in mentions:
        for member in match_mention(record, mention):
            if member not in found:
                found.append(member)
    return found


def match_mention(record: IntakeRecord, mention: Mention) -> list[Member]:
    """The household members one mention can mean, most specific evidence first."""
    members = record.members
    if mention.is_respondent:
        return [m for m in members if m.is_respondent]
    if mention.name:
        named = [m for m in members if m.name and m.name.lower() == mention.name.lower()]
        if named:
            return named
    label = (mention.label or "").lower()
    same_role = [m for m in members if _same_role(m, mention) and not m.is_respondent]
    if not same_role and label:  # "mn vader" told by a young person: a parent, not "other"
        same_role = [m for m in members if (m.label or "").lower() == label and not m.is_respondent]
    children = [m for m in members if m.role == Role.CHILD and not m.is_respondent]
    if mention.role == Role.CHILD and label in _YOUNGEST | _OLDEST and children:
        aged = [m for m in children if m.age is not None]
        if aged:
            pick = min if label in _YOUNGEST else max
            return [pick(aged, key=lambda m: m.age or 0)]
    if mention.age is not None:
        aged = [m for m in same_role or members if m.age == mention.age]
        if aged:
            return aged
    if label and same_role:
        labelled = [m for m in same_role if (m.label or "").lower() == label]
        gendered = [m for m in same_role if _gender(m) in (_gender(mention), None)]
        return labelled or gendered
    return same_role


def _same_role(member: Member, mention: Mention) -> bool:
    if mention.role == Role.PARENT:  # "mijn man" is read as the partner in the household
        return member.role in (Role.PARENT, Role.PARTNER)
    return member.role == mention.role
