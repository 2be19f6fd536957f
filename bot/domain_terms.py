"""Which life domains a message touches, found with a word list per domain (domain_terms.yml).

Deterministic and explainable: every hit names the words that raised it, so the planner can
ask deeper about that domain and a team member can see why. It sits next to the Rasa model's
`leefgebied` entities (see bot/analysis.py) and keeps working when the model is down.

    >>> [(h.domain, h.phrase, h.member_hint) for h in detect_domains("mijn zoon spijbelt")]
    [('werk_opleiding', 'spijbelt', 'zoon')]

A word in a sentence that says it goes well ("met school gaat het goed", "work is going
well") raises nothing: naming a domain is not having a problem there.

Inflections are handled by prefix patterns in the data ("spijbel*") and one-typo tolerance for
long words, not by a stemmer: a stemmer still misses "gespijbeld" and merges words we must keep
apart ("schuld" as fault vs "schulden" as debts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.catalogue import DOMAIN_IDS
from bot.errors import CatalogueError
from bot.household_parse import member_label
from bot.numbers import normalise, one_edit_apart, tokenize

TERMS_FILE = Path(__file__).with_name("domain_terms.yml")

MAX_GAP = 3  # words allowed for "..." in a term
FUZZY_MIN_LENGTH = 7  # shorter words differ by one letter too often ("school" / "schoon")
_NEGATORS = {"geen", "niet", "nooit", "zonder", "no", "not", "never", "without"}
_NEGATION_WINDOW = 2
# "weet niet hoe", "niet goed", "do not know": a negator next to these negates nothing
_NOT_NEGATING_AFTER = {"hoe", "wat", "waarom", "goed", "lekker", "how", "what", "why", "know",
                       "good", "well", "sure", "zeker"}  # fmt: skip
_NOT_NEGATING_BEFORE = {"weet", "weten", "know", "do"}
_SENTENCE_END = {".", "!", "?", ";", "\n", "maar", "but"}
_PART_END = _SENTENCE_END | {","}
_CLAUSE_END = _SENTENCE_END | {",", ":", "(", ")", "en", "and", "want", "omdat", "because"}
_TERM_WORD = re.compile(r"^\*?[a-z0-9]+\*?$|^\.\.\.$|^\$$")


@dataclass(frozen=True)
class DomainHit:
    """A domain raised by `phrase` (the person's words); `member_hint` is the member word
    nearest before it in the same sentence ("zoon", "partner", "ik"), if any."""

    domain: str
    phrase: str
    member_hint: str | None


@dataclass(frozen=True)
class _Term:
    domain: str
    source: str
    parts: tuple[str, ...]  # words, "*"-patterns, "..." (gap) and "$" (end of clause)


@dataclass(frozen=True)
class _Match:
    term: _Term
    start: int
    end: int


def _read(path: Path) -> dict:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw["domains"].items()
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogueError(f"cannot read domain terms {path}: {exc}") from exc
    return raw


def load_terms(path: Path = TERMS_FILE) -> tuple[_Term, ...]:
    """Read and check the term file; raise CatalogueError naming the bad domain or term."""
    items = _read(path)["domains"].items()
    terms = []
    for domain, words in items:
        if domain not in DOMAIN_IDS:
            raise CatalogueError(f"domain terms {path}: unknown domain id {domain!r}")
        if not isinstance(words, list) or not words:
            raise CatalogueError(f"domain terms {path}: {domain} needs a list of terms")
        terms += [_compile(domain, word, path) for word in words]
    return tuple(terms)


def _compile(domain: str, source: object, path: Path) -> _Term:
    parts = tuple(normalise(source).split()) if isinstance(source, str) else ()
    ok = (
        parts
        and all(_TERM_WORD.match(p) for p in parts)
        and parts[0] not in ("...", "$")
        and parts[-1] != "..."
        and "$" not in parts[:-1]
    )
    if not ok:
        raise CatalogueError(f"domain terms {path}: bad term {source!r} in {domain}")
    return _Term(domain, str(source), parts)


def load_going_well(path: Path = TERMS_FILE) -> tuple[_Term, ...]:
    """The phrases saying a domain goes well (`going_well` in the term file)."""
    phrases = _read(path).get("going_well") or []
    if not isinstance(phrases, list):
        raise CatalogueError(f"domain terms {path}: going_well needs a list of phrases")
    return tuple(_compile("", phrase, path) for phrase in phrases)


@cache
def terms() -> tuple[_Term, ...]:
    """The product's terms, loaded once per process."""
    return load_terms()


@cache
def going_well() -> tuple[_Term, ...]:
    return load_going_well()


def detect_domains(text: str, table: Sequence[_Term] | None = None) -> list[DomainHit]:
    """The domains `text` touches, in the order the words appear; negated words are skipped."""
    tokens = _tokens(text)
    matches = [m for term in table or terms() for m in _find(term, tokens)]
    fine = [m for term in going_well() for m in _find(term, tokens)]
    kept = [m for m in matches if not _negated(tokens, m) and not _said_to_go_well(tokens, m, fine)]
    hits = []
    for match in _longest_first(kept):
        phrase = " ".join(tokens[match.start : match.end])
        hits.append((match.start, DomainHit(match.term.domain, phrase, _hint(tokens, match))))
    return [hit for _, hit in sorted(hits, key=lambda pair: pair[0])]


def _tokens(text: str) -> list[str]:
    """Normalised words and marks; "doesn't" -> "does not", a new line ends a sentence,
    hyphens join nothing ("self-harm" is "self harm")."""
    text = re.sub(r"n['’]t\b", " not", text.replace("\n", " . "))
    return [t for t in tokenize(text) if t != "-"]


def _said_to_go_well(tokens: Sequence[str], match: _Match, fine: Sequence[_Match]) -> bool:
    """ "met school gaat het goed": a going-well phrase in the same part of the sentence."""
    start, end = match.start, match.end
    while start > 0 and tokens[start - 1] not in _PART_END:
        start -= 1
    while end < len(tokens) and tokens[end] not in _PART_END:
        end += 1
    return any(start <= f.start and f.end <= end for f in fine)


def _find(term: _Term, tokens: Sequence[str]) -> list[_Match]:
    found = []
    for start in range(len(tokens)):
        end = _match_from(term.parts, tokens, start)
        if end is not None:
            found.append(_Match(term, start, end))
    return found


def _match_from(parts: Sequence[str], tokens: Sequence[str], i: int) -> int | None:
    """The end index if `parts` match from tokens[i], else None."""
    if not parts:
        return i
    part, rest = parts[0], parts[1:]
    if part == "$":
        return i if i >= len(tokens) or tokens[i] in _CLAUSE_END else None
    if part == "...":
        for gap in range(MAX_GAP + 1):
            if gap and (i + gap - 1 >= len(tokens) or tokens[i + gap - 1] in _CLAUSE_END):
                return None
            end = _match_from(rest, tokens, i + gap)
            if end is not None:
                return end
        return None
    if i >= len(tokens) or not _word_matches(part, tokens[i]):
        return None
    return _match_from(rest, tokens, i + 1)


def _word_matches(part: str, word: str) -> bool:
    prefix, suffix = part.endswith("*"), part.startswith("*")
    core = part.strip("*")
    if prefix and suffix:
        return core in word
    if prefix:
        return word.startswith(core) or (
            len(core) >= FUZZY_MIN_LENGTH - 1
            and any(one_edit_apart(word[:k], core) for k in (len(core) - 1, len(core) + 1))
        )
    if suffix:
        return word.endswith(core)
    return word == core or (len(core) >= FUZZY_MIN_LENGTH and one_edit_apart(word, core))


def _longest_first(matches: list[_Match]) -> list[_Match]:
    """Overlapping matches keep only the longest ("niet naar school" over "school")."""
    taken: list[_Match] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        overlaps = [t for t in taken if t.start < match.end and match.start < t.end]
        same_span = all(t.start == match.start and t.end == match.end for t in overlaps)
        if same_span and all(t.term.domain != match.term.domain for t in overlaps):
            taken.append(match)  # one span may raise two domains, never one domain twice
    return taken


def _negated(tokens: Sequence[str], match: _Match) -> bool:
    """ "geen schulden", "ik ben niet depressief", "hij spijbelt niet (meer)"."""
    if tokens[match.start] in _NEGATORS:
        return False  # the negation is part of the term ("geen geld", "niet ... betalen")
    for k in range(match.start - 1, max(match.start - 1 - _NEGATION_WINDOW, -1), -1):
        if tokens[k] in _CLAUSE_END:
            break
        if tokens[k] in _NEGATORS and not _hedged(tokens, k):
            return True
    after = list(tokens[match.end : match.end + 3])
    if after[:1] in (["niet"], ["not"]):
        rest = after[1:]
        if rest[:1] in (["meer"], ["anymore"], ["more"]):
            rest = rest[1:]
        return not rest or rest[0] in _CLAUSE_END
    return False


def _hedged(tokens: Sequence[str], k: int) -> bool:
    after = tokens[k + 1] if k + 1 < len(tokens) else ""
    return after in _NOT_NEGATING_AFTER or (k > 0 and tokens[k - 1] in _NOT_NEGATING_BEFORE)


def _hint(tokens: Sequence[str], match: _Match) -> str | None:
    """The member word nearest before the phrase in the same sentence ("mijn zoon spijbelt")."""
    for k in range(match.start - 1, -1, -1):
        if tokens[k] in _SENTENCE_END:
            return None
        label = member_label(tokens[k])
        if label is not None:
            return label
    return None
