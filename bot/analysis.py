"""One message understood: the Rasa model's parse combined with the deterministic layers.

The model (trained from data/nlu) gives the intent and entities; bot/ adds language, life
domains, household members and ages, and the safety screen. A long message is a story: it is
read sentence by sentence (`bot.sentences`), each sentence with its own domains and the
members it names, so a problem can be put on the person it is about; the message's domains
are the union. A sentence's domains come from the domain terms, the model's spans and a
multilingual sentence encoder (`bot.domain_encoder`), which hears situations that neither
names. When the model is down (`parse` is None) the other layers still answer. Safety is
never weakened by the model: the lexicon's signals always stay, and a confident
`acute_danger` intent raises the level to acute even when the lexicon is silent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypeVar

from bot.catalogue import DOMAIN_IDS
from bot.domain_encoder import sentence_domains
from bot.domain_terms import DomainHit, detect_domains
from bot.household_parse import MemberMention, find_mentions, member_label
from bot.language import detect_language
from bot.numbers import parse_age
from bot.safety import screen
from bot.sentences import split_sentences

ACUTE_INTENT = "acute_danger"
ACUTE_INTENT_CONFIDENCE = 0.5
T = TypeVar("T")


@dataclass(frozen=True)
class AnalysisSignal:
    """A safety signal with where it came from: the lexicon or the model's intent."""

    code: str
    level: Literal["concern", "acute"]
    source: Literal["lexicon", "model"]
    excerpt: str | None


@dataclass(frozen=True)
class SentenceAnalysis:
    """One sentence of the message: offsets into the message, the domains heard in it (terms,
    the model's spans that start in it, the sentence encoder) and the members it names, the
    respondent too."""

    text: str
    start: int
    end: int
    domains: list[str]
    mentions: list[MemberMention]

    def to_public_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "domains": list(self.domains),
            "mentions": [
                {
                    "role": str(m.role),
                    "label": m.label,
                    "age": m.age,
                    "respondent": m.is_respondent,
                }
                for m in self.mentions
            ],
        }


@dataclass(frozen=True)
class Analysis:
    """What one message says. `members` are member labels ("zoon", "partner"), the
    respondent left out (unique, in order); `ages` are all ages stated, the respondent's too."""

    language: str
    intent: str | None
    intent_confidence: float | None
    domains: list[str]
    domain_hits: list[DomainHit]  # the deterministic hits, with member hints
    members: list[str]
    ages: list[int]
    safety_level: Literal["none", "concern", "acute"]
    safety_signals: list[str]
    safety_details: list[AnalysisSignal]
    model_available: bool
    sentences: list[SentenceAnalysis]

    def to_public_dict(self) -> dict:
        """The API's analysis response."""
        return {
            "language": self.language,
            "intent": self.intent,
            "domains": list(self.domains),
            "members": list(self.members),
            "ages": list(self.ages),
            "safety": {"level": self.safety_level, "signals": list(self.safety_signals)},
            "sentences": [s.to_public_dict() for s in self.sentences],
        }


def analyse(text: str, parse: dict | None, current_language: str | None = None) -> Analysis:
    """Combine a Rasa `/model/parse` result (or None when the model is down) with bot/."""
    language = detect_language(text, current_language)
    intent, confidence = _intent(parse)
    entities = _entities(parse)
    sentences = _sentences(text, language.code, entities)
    hits = detect_domains(text)
    model_domains = {v for v in _values(entities, "leefgebied") if v in DOMAIN_IDS}
    heard = {d for s in sentences for d in s.domains}
    mentions = find_mentions(text, language.code)
    members = [m.label for m in mentions if m.label and not m.is_respondent]
    members += [member_label(v, language.code) or v.lower() for v in _values(entities, "member")]
    ages = _union(
        [m.age for m in mentions if m.age is not None],
        [a for a in (parse_age(v) for v in _values(entities, "age")) if a is not None],
    )
    level, signals = _safety(text, intent, confidence)
    return Analysis(
        language=language.code,
        intent=intent,
        intent_confidence=confidence,
        domains=sorted(heard | model_domains | {h.domain for h in hits}),
        domain_hits=hits,
        members=list(dict.fromkeys(members)),
        ages=ages,
        safety_level=level,
        safety_signals=list(dict.fromkeys(s.code for s in signals)),
        safety_details=signals,
        model_available=parse is not None,
        sentences=sentences,
    )


def _sentences(text: str, language: str, entities: list[dict]) -> list[SentenceAnalysis]:
    """Each sentence with its domains (terms, model spans starting in it, the sentence
    encoder) and the members it mentions."""
    spans = [
        (e["value"], e["start"])
        for e in entities
        if e.get("entity") == "leefgebied"
        and e.get("value") in DOMAIN_IDS
        and isinstance(e.get("start"), int)
    ]
    out = []
    sentences = split_sentences(text)
    encoded = sentence_domains([s.text for s in sentences])
    for sentence, encoder in zip(sentences, encoded, strict=True):
        terms = [h.domain for h in detect_domains(sentence.text)]
        model = [d for d, start in spans if sentence.start <= start < sentence.end]
        out.append(
            SentenceAnalysis(
                text=sentence.text,
                start=sentence.start,
                end=sentence.end,
                domains=sorted(set(terms) | set(model) | set(encoder)),
                mentions=find_mentions(sentence.text, language),
            )
        )
    return out


def _intent(parse: dict | None) -> tuple[str | None, float | None]:
    intent = (parse or {}).get("intent") or {}
    confidence = intent.get("confidence")
    return intent.get("name"), float(confidence) if confidence is not None else None


def _entities(parse: dict | None) -> list[dict]:
    return [e for e in (parse or {}).get("entities") or [] if isinstance(e, dict)]


def _values(entities: list[dict], name: str) -> list[str]:
    return [str(e["value"]) for e in entities if e.get("entity") == name and e.get("value")]


def _union(ours: list[T], model: Iterable[T]) -> list[T]:
    """Ours in order, plus what the model found beyond it (counting repeats: two 5-year-olds)."""
    result = list(ours)
    remaining = list(ours)
    for value in model:
        if value in remaining:
            remaining.remove(value)
        else:
            result.append(value)
    return result


def _safety(
    text: str, intent: str | None, confidence: float | None
) -> tuple[Literal["none", "concern", "acute"], list[AnalysisSignal]]:
    """The lexicon's screen, raised to acute by a confident acute_danger intent."""
    result = screen(text)
    level = result.level
    signals = [AnalysisSignal(h.code, h.level, "lexicon", h.excerpt) for h in result.hits]
    if intent == ACUTE_INTENT and (confidence or 0.0) >= ACUTE_INTENT_CONFIDENCE:
        signals.append(AnalysisSignal(ACUTE_INTENT, "acute", "model", None))
        level = "acute"
    return level, signals
