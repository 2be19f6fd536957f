"""Deterministic safety screen: every message is checked against a lexicon before anything else.

The lexicon (safety_lexicon.yml) is data: regular expressions over *normalised* text, grouped by
signal code and level. It favours recall: a missed acute signal is far worse than a false one,
because a person reads every signal, and the assistant itself never judges a family safe.

    >>> screen("Mijn man sloeg me terwijl ik de baby vasthield").level
    'concern'

Normalisation: lower case, accents removed (suïcide -> suicide, öldürecek -> oldurecek),
letters that people type either way folded to one (ı -> i, ł -> l, Persian ی/ک -> Arabic ي/ك),
punctuation and extra spaces dropped (tokens joined by one space), letters repeated 3+ times cut
to two (dooood -> dood), and chat spelling written out (`spelling:`: k -> ik, nie -> niet,
dr -> er). Patterns are folded the same way, so they may be written with accents.
Patterns may use `{term}` (a named piece from `terms:`) and ` ~ ` / ` ~~ ` (0-3 / 0-6 words).
Entries in the interpreter languages carry a `language` tag, which their hits carry too: the
acute help is then shown in that language as well (bot/acute_help.py).

Negation, and why it is handled this way: a negation cue (niet, geen, nooit, not, never...)
in the matched words, in the 3 words before them or right after them, within the same clause,
marks a hit as negated. Hedged cues ("niet echt", "niet meer", "not really", "weet niet") do
not count: "ik wil niet meer leven" and "ik denk niet vaak aan zelfmoord" stay acute.
A negated hit then follows its entry's `when_negated`:
- `concern` for suicide: "ik denk niet aan zelfmoord" puts the topic on the table, a lexicon
  cannot tell a firm no from a hesitant one, and a professional should ask once more.
- `drop` for the others: "er is geen geweld" is the normal answer to the child-safety
  questions asked in every intake with children; flagging it would bury real signals.
Phrases whose negation is part of the signal ("ik wil er niet meer zijn", "we zijn niet
veilig", "de kinderen krijgen geen eten") sit in entries with `negatable: false`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.errors import LexiconError
from bot.record import SafetySignal

__all__ = [
    "LEXICON_FILE",
    "Lexicon",
    "LexiconError",
    "SafetyAssessment",
    "SafetyHit",
    "SafetyScreen",
    "assess",
    "code_label",
    "lexicon",
    "load_lexicon",
    "screen",
    "to_signals",
]

LEXICON_FILE = Path(__file__).with_name("safety_lexicon.yml")

Level = Literal["concern", "acute"]
_RANK = {"none": 0, "concern": 1, "acute": 2}
_GAPS = {" ~~ ": r"(?: [^ ]+){0,6} ", " ~ ": r"(?: [^ ]+){0,3} "}
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n()\"“”]|\s[-–]\s")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_TERM = re.compile(r"\{(\w+)\}")
# letters typed either way: Turkish dotless i, Polish l, Persian yeh/kaf, Arabic alef maksura
_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "ی": "ي", "ى": "ي", "ک": "ك", "'": None, "’": None, "ʼ": None}
)
_EXCERPT_MAX = 120


@dataclass(frozen=True)
class SafetyHit:
    code: str
    level: Level
    excerpt: str  # the person's own words that matched (short)
    language: str | None = None  # an interpreter language (tr, ar...) whose phrase matched


@dataclass(frozen=True)
class SafetyScreen:
    level: Literal["none", "concern", "acute"]
    hits: tuple[SafetyHit, ...] = ()

    @property
    def help_language(self) -> str | None:
        """The interpreter language of the first hit written in one (tr, ar...), if any."""
        return next((h.language for h in self.hits if h.language), None)


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str
    level: Level
    language: Literal["tr", "ar", "pl", "uk", "ti", "fa"] | None = None
    negatable: bool = True
    when_negated: Literal["concern", "drop"] = "drop"
    patterns: tuple[str, ...] = Field(min_length=1)


class _Negation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    cues: frozenset[str]
    hedges: frozenset[str]  # a cue followed by one of these is not a negation
    unsure: frozenset[str]  # a cue preceded by one of these is not a negation ("weet niet")
    boundaries: frozenset[str]  # words that start a new clause (maar, but, want, en...)
    window: int = Field(3, ge=0, le=6)


class _LexiconFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    codes: dict[str, dict[Literal["nl", "en"], str]]
    negation: _Negation
    spelling: dict[str, str] = Field(default_factory=dict)
    terms: dict[str, str] = Field(default_factory=dict)
    entries: tuple[_Entry, ...] = Field(min_length=1)
    calm: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _known_codes(self) -> _LexiconFile:
        unknown = sorted({e.code for e in self.entries} - set(self.codes))
        if unknown:
            raise ValueError(f"entries use codes without a label in `codes`: {unknown}")
        return self


@dataclass(frozen=True)
class _Compiled:
    entry: _Entry
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon with its patterns compiled once."""

    labels: dict[str, dict[str, str]]
    negation: _Negation
    spelling: dict[str, str]
    entries: tuple[_Compiled, ...]
    calm: re.Pattern[str] | None  # calm facts and figures of speech (see `assess`)


def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Read, validate and compile a lexicon file; raise LexiconError saying what is wrong."""
    try:
        data = _LexiconFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot read safety lexicon {path}: {exc}") from exc
    except ValidationError as exc:
        raise LexiconError(f"invalid safety lexicon {path}: {exc}") from exc
    terms = {name: _fold(term) for name, term in data.terms.items()}
    compiled = tuple(_Compiled(e, _compile(e.patterns, terms, path, e.code)) for e in data.entries)
    calm = _compile(data.calm, terms, path, "calm") if data.calm else None
    spelling = {_fold(k): _fold(v) for k, v in data.spelling.items()}
    return Lexicon(data.codes, data.negation, spelling, compiled, calm)


def _compile(
    patterns: tuple[str, ...], terms: dict[str, str], path: Path, where: str
) -> re.Pattern[str]:
    parts = []
    for pattern in patterns:
        source = _TERM.sub(lambda m, p=pattern: _term(m.group(1), terms, p, path), _fold(pattern))
        for gap, regex in _GAPS.items():
            source = source.replace(gap, regex)
        try:
            re.compile(source)
        except re.error as exc:
            raise LexiconError(
                f"invalid safety lexicon {path}: bad pattern {pattern!r} ({where}): {exc}"
            ) from exc
        parts.append(f"(?:{source})")
    return re.compile(r"(?<![^ ])(?:" + "|".join(parts) + r")(?![^ ])")


def _fold(text: str) -> str:
    """Accents off and look-alike letters folded, for the text and the patterns alike."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLD)


def _term(name: str, terms: dict[str, str], pattern: str, path: Path) -> str:
    if name not in terms:
        raise LexiconError(f"invalid safety lexicon {path}: unknown term {{{name}}} in {pattern!r}")
    return f"(?:{terms[name]})"


@cache
def lexicon() -> Lexicon:
    """The product's lexicon, loaded and compiled once per process."""
    return load_lexicon()


def code_label(code: str, language: str = "nl") -> str:
    """The plain name of a signal code (e.g. "huiselijk geweld"); unknown codes as they are."""
    labels = lexicon().labels.get(code)
    return labels.get(language, labels["nl"]) if labels else code


@dataclass(frozen=True)
class _Text:
    """Normalised tokens joined by single spaces, with a way back to the original words."""

    original: str
    tokens: tuple[str, ...]
    joined: str
    spans: tuple[tuple[int, int], ...]  # per token: (start, end) in the original text
    starts: tuple[int, ...]  # per token: its offset in `joined`
    clause: tuple[int, ...]  # per token: the number of the clause it belongs to


def _normalise(text: str, spelling: dict[str, str]) -> _Text:
    tokens, spans, clause = [], [], []
    number, last_end = 0, 0
    for match in _TOKEN.finditer(text):
        if _CLAUSE_BREAK.search(text, last_end, match.start()):
            number += 1
        word = _REPEATS.sub(r"\1\1", _fold(match.group().casefold()))
        tokens.append(spelling.get(word, word))
        spans.append(match.span())
        clause.append(number)
        last_end = match.end()
    starts, offset = [], 0
    for token in tokens:
        starts.append(offset)
        offset += len(token) + 1
    joined = " ".join(tokens)
    return _Text(text, tuple(tokens), joined, tuple(spans), tuple(starts), tuple(clause))


def screen(text: str, lex: Lexicon | None = None) -> SafetyScreen:
    """Screen one message: the worst level and one hit per code (its worst, first match)."""
    lex = lex or lexicon()
    norm = _normalise(text, lex.spelling)
    best: dict[str, tuple[int, int, SafetyHit]] = {}
    for compiled in lex.entries:
        for match in compiled.regex.finditer(norm.joined):
            hit = _judge(compiled.entry, match, norm, lex.negation)
            if hit is None:
                continue
            key = (-_RANK[hit.level], match.start())
            if hit.code not in best or key < best[hit.code][:2]:
                best[hit.code] = (*key, hit)
    hits = tuple(h for *_, h in sorted(best.values(), key=lambda v: v[:2]))
    level = max((h.level for h in hits), key=_RANK.__getitem__, default="none")
    return SafetyScreen(level=level, hits=hits)


def _judge(entry: _Entry, match: re.Match[str], norm: _Text, neg: _Negation) -> SafetyHit | None:
    first = _token_at(norm, match.start())
    last = _token_at(norm, match.end() - 1)
    level = entry.level
    if entry.negatable and _negated(norm, first, last, neg):
        if entry.when_negated == "drop" or level == "concern":
            return None
        level = "concern"
    start, end = norm.spans[first][0], norm.spans[last][1]
    excerpt = norm.original[start:end]
    if len(excerpt) > _EXCERPT_MAX:
        excerpt = excerpt[: _EXCERPT_MAX - 1].rstrip() + "…"
    return SafetyHit(entry.code, level, excerpt, entry.language)


def _token_at(norm: _Text, offset: int) -> int:
    return bisect_right(norm.starts, offset) - 1


def _negated(norm: _Text, first: int, last: int, neg: _Negation) -> bool:
    """A real negation cue in the match, shortly before it or right after it, same clause."""
    words = norm.tokens
    before = []
    for index in range(first - 1, max(first - 1 - neg.window, -1), -1):
        if norm.clause[index] != norm.clause[first] or words[index] in neg.boundaries:
            break
        before.append(index)
    after = (
        [last + 1] if last + 1 < len(words) and norm.clause[last + 1] == norm.clause[last] else []
    )
    for index in [*before, *range(first, last + 1), *after]:
        if words[index] not in neg.cues:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        preceding = words[index - 1] if index > 0 else ""
        if following not in neg.hedges and preceding not in neg.unsure:
            return True
    return False


def to_signals(
    result: SafetyScreen, source: str = "lexicon", member_id: str | None = None
) -> list[SafetySignal]:
    """The screen's hits as record signals (one per code)."""
    return [
        SafetySignal(
            code=h.code, level=h.level, source=source, excerpt=h.excerpt, member_id=member_id
        )
        for h in result.hits
    ]


ACUTE_INTENT = "acute_danger"
ACUTE_INTENT_MIN_CONFIDENCE = 0.5
_CALM_SLACK = 3  # words around a calm phrase that may still leave the message "just" that


@dataclass(frozen=True)
class SafetyAssessment:
    """What the dialogue does with one message, safety-wise.

    - `level == "acute"` and `certain`: the lexicon saw acute danger. Show the acute help at
      once and mark the family acute.
    - `needs_confirmation`: only the model suspects acute danger. Show the acute help, ask
      "Is er nu direct gevaar?" and mark the family acute only when the person confirms;
      `level` is then "acute" (the help shows) but `certain` is False.
    - otherwise `level` is the lexicon's: "concern" (a signal for a professional) or "none".
    `screen` keeps the lexicon's hits, so no signal is ever dropped; its `help_language` says
    in which interpreter language to show the help as well.
    """

    level: Literal["none", "concern", "acute"]
    certain: bool
    needs_confirmation: bool
    screen: SafetyScreen


def assess(
    text: str, model_intent: str | None = None, model_confidence: float | None = None
) -> SafetyAssessment:
    """Combine the lexicon (certain) with the model's acute intent (a suspicion).

    The model's suspicion is dropped when the message is just a calm fact or a figure of speech
    the lexicon knows ("iedereen is veilig thuis", "we worden uit huis gezet"), and when it has
    no word of danger at all: the model alone misreads ordinary answers ("nee, verder gaat het
    goed", "ja, graag één iemand voor alles"). Otherwise it leads to the confirming question,
    because acute wins when unsure.
    """
    result = screen(text)
    if result.level == "acute":
        return SafetyAssessment("acute", True, False, result)
    suspected = (
        model_intent == ACUTE_INTENT and (model_confidence or 0.0) >= ACUTE_INTENT_MIN_CONFIDENCE
    )
    if suspected and not _only_calm(text) and _touches_danger(text, result):
        return SafetyAssessment("acute", False, True, result)
    return SafetyAssessment(result.level, result.level != "none", False, result)


# Words any message about danger has (stems, several languages); without one, the model's
# acute intent on its own is a misreading of an ordinary answer, not a suspicion to ask about.
_DANGER_WORD = re.compile(
    r"\b(dood|doden|sterv|leven|zelfmoord|suïcid|suicid|eind|einde|pijn|sla|slaa|sloeg|geslagen|"
    r"schop|geweld|bang|angst|gevaar|pil|pillen|medicijn|mes|wapen|dreig|bedreig|vermoord|"
    r"snijd|snij|kapot|brug|spoor|trein|ophang|wurg|verdrink|overdos|bloed|"
    r"kill|die|dying|dead|death|suicide|hurt|harm|hit|beat|afraid|scared|fear|danger|pills?|"
    r"overdose|knife|weapon|gun|threat|bleed|cut|end)"
    r"|\b(weet|kan|zie)\s+(het\s+)?(echt\s+)?niet\s+meer|\bhopeless|\bcan'?t\s+go\s+on",
    re.IGNORECASE,
)


def _touches_danger(text: str, result: SafetyScreen) -> bool:
    """True when the words touch danger at all (or the lexicon saw a concern)."""
    other_script = any(ord(c) > 0x24F for c in text)  # Arabic, Cyrillic, Ge'ez...: not ours to read
    return result.level != "none" or bool(_DANGER_WORD.search(text)) or other_script


def _only_calm(text: str, lex: Lexicon | None = None) -> bool:
    """True when a calm phrase makes up (nearly) the whole message."""
    lex = lex or lexicon()
    if lex.calm is None:
        return False
    norm = _normalise(text, lex.spelling)
    covered = sum(len(m.group().split()) for m in lex.calm.finditer(norm.joined))
    return covered > 0 and len(norm.tokens) - covered <= _CALM_SLACK
