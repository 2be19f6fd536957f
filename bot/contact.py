"""How and when the person wants to be contacted, read from a free answer.

"bellen mag, na drie uur", "appen is prima", "liever per mail: x@y.nl", "na 3 uur",
"bel me maar op 06-12345678 na 15:00", "call me in the morning", "per post".
`details` is only ever a phone number or an e-mail address found in the words; `best_time`
is the time phrase as the person wrote it. Anything else stays in the person's own words
with the caller, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.numbers import normalise

Preference = Literal["phone", "email", "letter", "chat"]

PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){8}\d(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# The words that name each channel, in Dutch, English and chat spelling.
_CHANNELS: dict[Preference, re.Pattern[str]] = {
    channel: re.compile(rf"\b(?:{words})\b")
    for channel, words in {
        "phone": r"bel(?:len|t|le)?|op ?bellen|terugbellen|gebeld|telefo\w*|tel|mobiel\w*|"
        r"\w*app(?:en|je|jes|t)?|whatsapp\w*|geapp\w*|sms\w*|call\w*|phone\w*|ring|"
        r"text(?:ing)?|txt|mobile|cell",
        "email": r"e-?mail\w*|mail\w*|gemaild|e mail",
        "letter": r"post|brief|brieven|letters?|schriftelijk|in writing",
        "chat": r"chat\w*",
    }.items()
}
_NEGATION = re.compile(r"\b(niet|geen|liever niet|nooit|not|no|don'?t|never)\b")
_PREFER = re.compile(r"\b(liefst|liefste|liever|voorkeur|graag|prefer|preferably|rather|best)\b")
_CLAUSE = re.compile(r"[,.;!?]|\b(maar|but|of|or)\b")

_NUMBER_WORD = (
    r"een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve"
)
_CLOCK = rf"(?:\d{{1,2}}(?:[:.]\d{{2}})?|half (?:{_NUMBER_WORD}|\d{{1,2}})|{_NUMBER_WORD})"
_UNIT = r"(?:\s*(?:uur|u|h|am|pm|o'?clock|uurtje))"
_TIME = re.compile(
    r"\b(?:(?:niet|not|behalve|except|nooit|never)\s+)?(?:"  # "niet op woensdag" stays negated
    # "na drie uur", "after 3", "tussen 9 en 12", "voor 12 uur", "om 10:30"
    rf"(?:na|vanaf|tussen|after|from|between)\s+{_CLOCK}{_UNIT}?"
    rf"(?:\s*(?:en|and|-|tot|to|until)\s*{_CLOCK}{_UNIT}?)?"
    rf"|(?:voor|om|rond|tot|before|at|around|until)\s+(?:\d{{1,2}}(?:[:.]\d{{2}})?{_UNIT}?"
    rf"|{_CLOCK}{_UNIT})"
    # parts of the day and week
    r"|'?s\s*(?:ochtends|morgens|middags|avonds|nachts)"
    r"|(?:in de |op de |de hele )?(?:ochtend|middag|avond|morgen)(?:s|en)?"
    r"|overdag|doordeweeks|werkdagen|onder schooltijd|na schooltijd|na school|na het werk"
    r"|(?:in the |during the )?(?:morning|afternoon|evening|day)s?(?! off)"
    r"|after school|after work|during school hours|weekdays|(?:in het |in the |op )?weekend"
    r"|(?:op )?(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:s|middag|"
    r"ochtend|avond)?|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r")\b"
)


@dataclass(frozen=True)
class ContactReading:
    """What a contact answer says; None where it says nothing about that."""

    preference: Preference | None = None
    details: str | None = None  # a phone number or e-mail address, as written
    best_time: str | None = None  # "na drie uur", "s avonds", "in the morning"


def read_contact(text: str | None) -> ContactReading:
    """The channel, number or address, and best time in a free contact answer.

    A number implies the phone and an address e-mail, unless a channel is named. "niet
    bellen, liever mail" gives e-mail; several channels without a preference give the first.
    """
    if not text:
        return ContactReading()
    found = PHONE.search(text) or EMAIL.search(text)
    details = re.sub(r"\s+", " ", found.group(0)).strip() if found else None
    rest = text[: found.start()] + " " + text[found.end() :] if found else text
    words = normalise(rest)
    preference = _preference(words)
    if preference is None and details:
        preference = "email" if "@" in details else "phone"
    times = [m.group(0).strip() for m in _TIME.finditer(words)]
    best_time = ", ".join(dict.fromkeys(times))[:200] or None
    return ContactReading(preference, details, best_time)


def _preference(words: str) -> Preference | None:
    """The channel named, skipping negated ones; one marked "liever"/"prefer" wins."""
    named: list[tuple[bool, Preference]] = []
    for clause in _clauses(words):
        matches = [(m, c) for c, pattern in _CHANNELS.items() for m in pattern.finditer(clause)]
        for match, channel in sorted(matches, key=lambda mc: mc[0].start()):
            before = clause[: match.start()]
            negated = bool(_NEGATION.search(before)) or _negated_after(clause[match.end() :])
            if not negated:
                named.append((bool(_PREFER.search(clause)), channel))
    preferred = [c for p, c in named if p]
    return (preferred or [c for _, c in named] or [None])[0]


def _clauses(words: str) -> list[str]:
    return [c for c in _CLAUSE.split(words) if c and not _CLAUSE.fullmatch(c)]


def _negated_after(rest: str) -> bool:
    """ "bellen liever niet", "bellen gaat niet": a negation right after the channel."""
    return bool(re.match(r"\s*(?:\w+\s+)?(?:liever\s+)?(niet|not|nooit|never)\b", rest))
