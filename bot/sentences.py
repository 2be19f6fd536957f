"""A message split into sentences, with offsets into the original text.

Parents write long stories: one message tells about the son's truancy, the debts and the
partner's drinking. Reading it sentence by sentence lets each problem keep the person it is
about ("mijn zoon spijbelt. ik heb schulden": the debts are not the son's).

    >>> [s.text for s in split_sentences("Hij is 3.5 jaar. Ik kan niet meer!! o.a. slapen :)")]
    ['Hij is 3.5 jaar.', 'Ik kan niet meer!!', 'o.a. slapen :)']

A sentence ends at . ! ? ; or a line break. Not at a decimal ("3.5"), an abbreviation
("o.a.", "bv.", "dhr."), an emoticon (";)") or "..." followed by a lower-case word, which chat
writers use as a comma ("ik weet het niet... hij luistert gewoon niet").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence: `text` is exactly `original[start:end]`, without surrounding spaces."""

    text: str
    start: int
    end: int


# Never the end of a sentence (lower case, without the final dot). The ones that close a list
# ("enz.", "etc.") end a sentence when a capital follows.
_ABBREVIATIONS = {
    "o.a", "bv", "b.v", "bijv", "bijvoorbeeld", "dhr", "mevr", "mw", "mr", "mrs", "ms", "ca",
    "evt", "i.p.v", "m.b.t", "d.w.z", "z.s.m", "t.z.t", "a.s", "n.a.v", "nr", "blz", "jl",
    "vnl", "resp", "incl", "excl", "e.g", "i.e", "vs", "approx", "st", "ong", "t/m", "m.i",
}  # fmt: skip
_LIST_ENDS = {"enz", "etc", "e.d", "o.i.d", "e.a"}
_TITLES_BEFORE_NAME = {"dr", "drs", "ir", "prof"}  # "dr. Jansen"; chat "dr" (daar) ends freely
_EMOTICON_AFTER_SEMICOLON = re.compile(r";-?[()pPdD](?!\w)")
_BOUNDARY = re.compile(r"\n+|[.!?;…]+")
_WORD_BEFORE = re.compile(r"([\w./]+)$")
_HAS_CONTENT = re.compile(r"\w")


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in order; text without letters or digits is no sentence of its
    own (an emoticon or "!!" stays with the sentence before it)."""
    cuts = [m.end() for m in _BOUNDARY.finditer(text) if _ends_sentence(text, m)]
    sentences: list[Sentence] = []
    start = 0
    for end in [*cuts, len(text)]:
        piece = _trimmed(text, start, end)
        start = end
        if piece is None:
            continue
        if sentences and not (
            _HAS_CONTENT.search(piece.text) and _HAS_CONTENT.search(sentences[-1].text)
        ):
            previous = sentences.pop()
            piece = Sentence(text[previous.start : piece.end], previous.start, piece.end)
        sentences.append(piece)
    return sentences


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    first = start + (len(chunk) - len(chunk.lstrip()))
    return Sentence(stripped, first, first + len(stripped))


def _ends_sentence(text: str, mark: re.Match[str]) -> bool:
    """Whether the boundary candidate `mark` really ends a sentence."""
    marks = mark.group()
    if "\n" in marks:
        return True
    after = text[mark.end() :]
    if after and not (after[0].isspace() or after[0] in "\"')]»”’"):
        return False  # "3.5", "o.a" inside, "www.x.nl", "?!hij"
    next_word = after.lstrip(" \t\"')]»”’")
    starts_capital = bool(next_word) and next_word[0].isupper()
    if marks == ";" and _EMOTICON_AFTER_SEMICOLON.match(text, mark.start()):
        return False
    if marks in ("..", "...", "…", "....") and next_word and not starts_capital:
        return "\n" in after[: len(after) - len(next_word)]
    if marks == ".":
        return _dot_ends(text[: mark.start()], starts_capital)
    return True


def _dot_ends(before: str, starts_capital: bool) -> bool:
    word = _WORD_BEFORE.search(before)
    if word is None:
        return True
    token = word.group(1).lower()
    if token in _ABBREVIATIONS:
        return False
    if token in _LIST_ENDS:
        return starts_capital
    if token in _TITLES_BEFORE_NAME:
        return not starts_capital
    initial = len(word.group(1)) == 1 and word.group(1).isupper()  # "J. de Vries"
    return not initial
