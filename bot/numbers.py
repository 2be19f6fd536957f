"""Ages and counts as parents write them: digits or words, Dutch or English.

"twaalf", "eenentwintig", "twelve", "14 jr", "14j", "4,5 jaar", "anderhalf", "bijna 4",
"een baby van 8 maanden". An age is in completed years, as the record stores it: "4,5 jaar"
is 4, "8 maanden" is 0, and "bijna 4" is 3 (the child is not 4 yet).

The readers work on tokens from `tokenize`, so the household parser can read an age in the
middle of a sentence and carry on after it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

_UNITS = {
    "nul": 0, "zero": 0,
    "een": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8,
    "negen": 9, "nine": 9, "tien": 10, "ten": 10, "elf": 11, "eleven": 11,
    "twaalf": 12, "twelve": 12, "dertien": 13, "thirteen": 13, "veertien": 14, "fourteen": 14,
    "vijftien": 15, "fifteen": 15, "zestien": 16, "sixteen": 16, "zeventien": 17,
    "seventeen": 17, "achttien": 18, "achtien": 18, "eighteen": 18, "negentien": 19,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twintig": 20, "twenty": 20, "dertig": 30, "thirty": 30, "veertig": 40, "forty": 40,
    "vijftig": 50, "fifty": 50, "zestig": 60, "sixty": 60, "zeventig": 70, "seventy": 70,
    "tachtig": 80, "eighty": 80, "negentig": 90, "ninety": 90,
}  # fmt: skip
_DUTCH_COMPOUND = re.compile(
    r"^(een|twee|drie|vier|vijf|zes|zeven|acht|negen)en("
    + "|".join(w for w in _TENS if w.endswith("tig"))
    + r")$"
)
_HALF = {"anderhalf": 1.5, "halfjaar": 0.5}
_ARTICLES = {"een", "a", "an"}  # "een" is both "a" and "one": it needs a unit to be an age

# How many years one unit is. Units may be followed by "oud"/"old" ("14 jaar oud").
_YEARS_PER_UNIT = {
    **dict.fromkeys(
        ["jaar", "jaren", "jr", "j", "jarig", "jarige", "y", "yr", "yrs", "year", "years", "yo"],
        1.0,
    ),
    **dict.fromkeys(["maand", "maanden", "mnd", "m", "month", "months", "mo", "mos"], 1 / 12),
    **dict.fromkeys(["week", "weken", "weeks", "wk", "wkn"], 1 / 52),
    **dict.fromkeys(["dag", "dagen", "day", "days"], 1 / 365),
}
_ALMOST = {"bijna", "almost", "nearly", "bijkans"}
_ABOUT = {"ruim", "net", "pas", "ongeveer", "rond", "circa", "ca", "about", "around", "just"}
_OLD = {"oud", "old"}
MAX_AGE = 120

_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+|[^\w\s]")


def normalise(text: str) -> str:
    """Lowercase without accents ("tweeëntwintig" -> "tweeentwintig"); "één" (one) is "1"."""
    return _without_accents(text).lower()


def _without_accents(text: str) -> str:
    """Accents dropped, case kept: "Één" -> "1", "Zoë" -> "Zoe"."""
    text = re.sub(r"\béén\b", "1", unicodedata.normalize("NFC", text), flags=re.I)
    decomposed = unicodedata.normalize("NFKD", text.replace("½", " half "))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Words, numbers and punctuation marks: "14j" -> ["14", "j"], "4,5" stays one token."""
    return [token.lower() for token in tokenize_cased(text)]


def tokenize_cased(text: str) -> list[str]:
    """The same tokens as `tokenize`, one for one, with their case kept: a capital is the
    best sign that a word is a given name ("mijn vrouw Fatma")."""
    return _TOKEN.findall(_without_accents(text))


def number_value(word: str) -> float | None:
    """The value of one token: "14", "4,5", "twaalf", "eenentwintig", "anderhalf", "twelve"."""
    word = normalise(word).strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", word):
        return float(word.replace(",", "."))
    if word in _UNITS:
        return float(_UNITS[word])
    if word in _TENS:
        return float(_TENS[word])
    if word in _HALF:
        return _HALF[word]
    if word in ("honderd", "hundred"):
        return 100.0
    compound = _DUTCH_COMPOUND.match(word)
    if compound:
        return float(_UNITS[compound[1]] + _TENS[compound[2]])
    return None


def read_number(tokens: Sequence[str], i: int) -> tuple[float, int] | None:
    """A number starting at tokens[i], with the index after it ("twenty-one" is one number)."""
    if i >= len(tokens):
        return None
    value = number_value(tokens[i])
    if value is None:
        return None
    end = i + 1
    if tokens[i] in _TENS:  # "twenty-one", "twenty one"
        j = end + 1 if end < len(tokens) and tokens[end] == "-" else end
        unit = _UNITS.get(tokens[j]) if j < len(tokens) else None
        if unit is not None and 0 < unit < 10:
            value, end = value + unit, j + 1
    return value, end


def read_count(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """A whole number of people at tokens[i] ("drie", "2", "een"), with the index after it."""
    found = read_number(tokens, i)
    if found is None or not found[0].is_integer():
        return None
    return int(found[0]), found[1]


def read_age(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """An age at tokens[i] ("bijna 4", "14 jr", "8 maanden", "6-year-old"), in whole years.

    A bare number counts as an age (the caller knows the context); the article "een"/"a"
    only with a unit ("een jaar"). Returns the age and the index after the age phrase.
    """
    almost = i < len(tokens) and tokens[i] in _ALMOST
    if i < len(tokens) and (almost or tokens[i] in _ABOUT):
        i += 1
    if i < len(tokens) and tokens[i] in _ARTICLES and _at(tokens, i + 1) == "half":
        value, end = 0.5, i + 2  # "een half jaar"
    else:
        found = read_number(tokens, i)
        if found is None:
            return None
        value, end = found
        value, end = _read_half(tokens, value, end)
    years_per_unit, end, has_unit = _read_unit(tokens, end)
    if tokens[i] in _ARTICLES and not has_unit:
        return None
    years = value * years_per_unit - (1e-9 if almost else 0.0)
    age = max(0, math.floor(years))
    return (age, end) if age <= MAX_AGE else None


def parse_age(text: str) -> int | None:
    """The first age in a short answer: "twaalf", "bijna 4", "4,5 jaar", "8 maanden" -> 0."""
    tokens = tokenize(text)
    for i in range(len(tokens)):
        found = read_age(tokens, i)
        if found is not None:
            return found[0]
    return None


def parse_count(text: str) -> int | None:
    """The first whole number in a short answer: "drie", "2 kinderen", "twee" -> 2."""
    tokens = tokenize(text)
    for i in range(len(tokens)):
        found = read_count(tokens, i)
        if found is not None:
            return found[0]
    return None


def _at(tokens: Sequence[str], i: int) -> str | None:
    return tokens[i] if i < len(tokens) else None


def _read_half(tokens: Sequence[str], value: float, end: int) -> tuple[float, int]:
    """ "4 en een half", "4 and a half", "4½" add half a year."""
    if _at(tokens, end) == "half":
        return value + 0.5, end + 1
    if (
        _at(tokens, end) in ("en", "and")
        and _at(tokens, end + 1) in _ARTICLES
        and _at(tokens, end + 2) == "half"
    ):
        return value + 0.5, end + 3
    return value, end


def _read_unit(tokens: Sequence[str], end: int) -> tuple[float, int, bool]:
    """The unit after a number ("jaar", "jr", "-jarige", "year-old", "maanden"), if any."""
    j = end + 1 if _at(tokens, end) == "-" else end
    unit = _at(tokens, j)
    if unit not in _YEARS_PER_UNIT:
        return 1.0, end, False
    j += 1
    if _at(tokens, j) == "-" and _at(tokens, j + 1) in _OLD:  # "6-year-old"
        j += 2
    elif _at(tokens, j) in _OLD:
        j += 1
    return _YEARS_PER_UNIT[unit], j, True


def one_edit_apart(a: str, b: str) -> bool:
    """Whether two words differ by one letter changed, added, dropped or two swapped (the
    typing slips of chat: "lottte", "lotet"); the first letter must agree."""
    if a == b or abs(len(a) - len(b)) > 1 or not a or not b or a[0] != b[0]:
        return a == b
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swapped and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    k = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[k:] == long_[k + 1 :]
