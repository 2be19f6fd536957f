"""Who lives in the household, read from how a parent (or a young person) describes it.

"ik, mijn vriend en de kinderen van 3 en 7", "mijn man, ik en onze drie kinderen (2, 5 en 9)",
"my husband, me and two kids aged 6 and 10", "ik ben 15 en woon bij mijn moeder".
Names are never stored: "tim 8 en sara 11" gives two children labelled "kind". Labels are
short Dutch codes ("zoon", "dochter", "kind", "partner", "oudste", "baby", "oma", ...), the
same in both languages. The record is confirmed with the person later; this parser only
gives the first picture, so it prefers leaving a fact out over inventing one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.numbers import read_age, read_count, tokenize
from bot.record import Role


@dataclass(frozen=True)
class MemberMention:
    """One person mentioned as living in the household (the respondent included)."""

    role: Role
    label: str | None
    age: int | None
    is_respondent: bool = False


# word -> label. Dutch and English words are mixed: Dutch parents write "kids" too.
_PARTNERS = dict.fromkeys(
    ["man", "vrouw", "vriend", "vriendin", "partner", "echtgenoot", "echtgenote", "husband",
     "wife", "boyfriend", "girlfriend", "vriendje", "vriendinnetje", "spouse"],
    "partner",
)  # fmt: skip
_EX_WORDS = {"ex", "exman", "exvrouw", "expartner", "exvriend", "exvriendin", "exhusband",
             "exwife"}  # fmt: skip
_CHILDREN = {
    "zoon": "zoon", "zoontje": "zoon", "son": "zoon", "dochter": "dochter",
    "dochtertje": "dochter", "daughter": "dochter", "kind": "kind", "kindje": "kind",
    "kid": "kind", "child": "kind", "kleine": "kind", "meisje": "kind", "jongen": "kind",
    "puber": "kind", "tiener": "kind", "baby": "baby", "oudste": "oudste", "eldest": "oudste",
    "oldest": "oudste", "jongste": "jongste", "youngest": "jongste", "middelste": "middelste",
    "pleegkind": "pleegkind", "pleegzoon": "pleegzoon", "pleegdochter": "pleegdochter",
    "stiefzoon": "stiefzoon", "stiefdochter": "stiefdochter", "stepson": "stiefzoon",
    "stepdaughter": "stiefdochter",
}  # fmt: skip
_GROUPS = {
    "kinderen": "kind", "kids": "kind", "children": "kind", "kinders": "kind",
    "kindjes": "kind", "kleintjes": "kind", "pubers": "kind", "tieners": "kind",
    "zonen": "zoon", "zoons": "zoon", "sons": "zoon", "dochters": "dochter",
    "daughters": "dochter", "pleegkinderen": "pleegkind",
}  # fmt: skip
_MULTIPLES = {"tweeling": 2, "twins": 2, "drieling": 3, "triplets": 3}
_PARENTS = {
    "moeder": "moeder", "mama": "moeder", "mam": "moeder", "mom": "moeder", "mum": "moeder",
    "mother": "moeder", "vader": "vader", "papa": "vader", "pap": "vader", "dad": "vader",
    "father": "vader", "stiefvader": "stiefvader", "stiefmoeder": "stiefmoeder",
    "stepdad": "stiefvader", "stepfather": "stiefvader", "stepmom": "stiefmoeder",
    "stepmother": "stiefmoeder",
}  # fmt: skip
_SIBLINGS = {"broer": "broer", "broertje": "broer", "brother": "broer", "zus": "zus",
             "zusje": "zus", "sister": "zus"}  # fmt: skip
_OTHERS = {
    "oma": "oma", "grandma": "oma", "grandmother": "oma", "opa": "opa", "grandpa": "opa",
    "grandfather": "opa", "oom": "oom", "uncle": "oom", "tante": "tante", "aunt": "tante",
    "schoonmoeder": "schoonmoeder", "schoonvader": "schoonvader", "huisgenoot": "huisgenoot",
}  # fmt: skip
_SELF = {"ik", "i", "mij", "myself", "me"}
_POSSESSIVES = {"mijn", "my", "me", "mn", "onze", "ons", "our", "zijn", "haar", "his", "her"}
_INDEFINITE = {"een", "a", "an"}
_ADJECTIVES = {"kleine", "jonge", "lieve", "oudere", "jongere", "eigen", "thuiswonende",
               "minderjarige", "little", "young", "older", "younger", "twee", "alleenstaande",
               "single", "gescheiden", "oudste", "jongste"}  # fmt: skip
_AGE_CONNECTORS = {",", "en", "and", "&", "van", "(", ")", ":", "aged", "of", "zijn", "are",
                   "is", "die", "who", "-", "nu", "now", "resp", "respectievelijk"}  # fmt: skip
_SENTENCE_END = {".", ";", "!", "?", "maar", "but"}
_ADJECTIVAL_UNITS = {"jarige", "jarig", "old", "yo"}  # "mijn 3-jarige", "a 6 year old"
# Words that are not about people in one of the two languages ("it is kind of hard").
_NOT_MEMBERS = {"en": {"kind", "man", "ma", "pa"}, "nl": set()}

# Phrases saying that the member just mentioned does not live in the household (any more).
_LIVES_ELSEWHERE = [
    p.split()
    for p in (
        "woont niet", "niet meer thuis", "op zichzelf", "uit huis", "overleden", "is dood",
        "doesn't live", "does not live", "moved out", "passed away", "died",
    )
]  # fmt: skip
# Phrases saying the respondent and their partner are no longer together.
_SEPARATED = [
    p.split() for p in ("gescheiden", "uit elkaar", "niet meer samen", "separated", "divorced")
]
# Only with these does an ex-partner count as living in the household.
_EX_LIVES_HERE = [
    p.split()
    for p in ("woont nog", "wonen nog", "still lives", "still live", "woont hier", "bij ons")
]
_CONTRACTIONS = [(re.compile(r"\bm['’]n\b", re.I), "mijn"), (re.compile(r"\bz['’]n\b"), "zijn")]


_OPEN_SLOT = MemberMention(Role.CHILD, "kind", None)  # one of "drie kinderen", not described yet


@dataclass
class _Draft:
    mention: MemberMention
    position: int  # token index of the member word
    sentence: int
    group: int | None = None  # members of one counted group ("drie kinderen") share an id
    ex: bool = False


def parse_household(text: str, language: str = "nl") -> list[MemberMention]:
    """Everyone said to live in the household; the respondent is always included, first.

    The respondent is a parent unless they say they are the young person ("ik ben 15").
    An ex-partner counts only when the text says they still live there.
    """
    mentions = find_mentions(text, language)
    respondent = [m for m in mentions if m.is_respondent]
    others = [m for m in mentions if not m.is_respondent]
    return (respondent or [MemberMention(Role.PARENT, None, None, is_respondent=True)]) + others


def parse_correction(text: str, language: str = "nl") -> list[MemberMention]:
    """The members a correction is about, with the corrected facts ("nee, mijn dochter is 12").

    The respondent is only included when the correction is about them ("nee, ik ben 42").
    """
    return find_mentions(text, language)


def find_mentions(text: str, language: str = "nl") -> list[MemberMention]:
    """The members a text itself mentions, in order; no implicit respondent is added."""
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    reader = _Reader(tokenize(text), language)
    reader.run()
    away = _living_elsewhere(reader.drafts, reader.tokens, reader.sentence_of)
    return [d.mention for d in reader.drafts if d not in away]


def member_label(word: str, language: str = "nl") -> str | None:
    """The label of one member word ("zoontje" -> "zoon", "husband" -> "partner", "ik" -> "ik")."""
    word = word.lower()
    if word in _NOT_MEMBERS.get(language, set()):
        return None
    if word in {"ik", "i", "mij", "myself"}:
        return "ik"
    if word in _EX_WORDS:
        return "ex_partner"
    for table in (_PARTNERS, _CHILDREN, _GROUPS, _PARENTS, _SIBLINGS, _OTHERS):
        if word in table:
            return table[word]
    return "kind" if word in _MULTIPLES else None


class _Reader:
    """One left-to-right pass over the tokens, building drafts of member mentions."""

    def __init__(self, tokens: Sequence[str], language: str) -> None:
        self.tokens = tokens
        self.language = language
        self.drafts: list[_Draft] = []
        self.sentence_of = _sentence_numbers(tokens)
        self.respondent_child = _says_they_are_young(tokens)
        self.groups = 0

    def run(self) -> None:
        i = 0
        while i < len(self.tokens):
            i = self._step(i)

    def _at(self, i: int) -> str | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def _word(self, i: int) -> str | None:
        word = self._at(i)
        return None if word in _NOT_MEMBERS.get(self.language, set()) else word

    def _step(self, i: int) -> int:
        word = self._word(i)
        if word in _SELF and not (word == "me" and self._is_member_noun(i + 1)):
            return self._respondent(i)
        count = read_count(self.tokens, i)
        if count and count[0] > 0:
            start = self._skip_adjectives(count[1])
            noun = self._word(start)
            if noun in _GROUPS:
                return self._group(start, count[0])
            if count[0] == 1 and noun in _CHILDREN:  # "een zoon van 14"
                return self._child(start, _CHILDREN[noun])
        if word in _GROUPS:
            return self._group(i, None)
        if word in _MULTIPLES:
            return self._group(i, _MULTIPLES[word])
        if word in _CHILDREN:
            return self._child(i, _CHILDREN[word])
        adjectival = read_age(self.tokens, i)
        if adjectival and self._at(adjectival[1] - 1) in _ADJECTIVAL_UNITS:
            return self._adjectival_child(i, *adjectival)
        if word in _EX_WORDS:
            return self._ex(i)
        if word in _PARTNERS:
            return self._partner(i)
        if word in _PARENTS:
            return self._parent(i)
        if word in _SIBLINGS:
            return self._sibling(i)
        if word in _OTHERS:
            return self._add(i, Role.OTHER, _OTHERS[word])
        return i + 1

    def _is_member_noun(self, i: int) -> bool:
        return member_label(self._at(i) or "", self.language) not in (None, "ik")

    def _skip_adjectives(self, i: int) -> int:
        while self._at(i) in _ADJECTIVES and not self._is_member_noun(i):
            i += 1
        return i

    def _possessed(self, i: int) -> bool:
        """Whether the noun at i has "mijn"/"my"/"onze" before it (adjectives skipped)."""
        j = i - 1
        while self._at(j) in _ADJECTIVES:
            j -= 1
        return self._at(j) in _POSSESSIVES

    def _draft(self, i: int, mention: MemberMention, **kw) -> None:
        self.drafts.append(_Draft(mention, i, self.sentence_of[i], **kw))

    def _add(self, i: int, role: Role, label: str | None, **kw) -> int:
        """A member at word i, with the age written right after it if there is one."""
        found = self._age_after(i + 1)
        age, end = found if found else (None, i + 1)
        self._draft(i, MemberMention(role, label, age), **kw)
        return end

    def _age_after(self, i: int) -> tuple[int, int] | None:
        """An age right after a member noun: "van 14", "(14)", "is 12", "aged 6", "14 jr"."""
        j = i
        while self._at(j) in {"van", "(", ",", "is", "aged", "of", "die", "who", "nu", "now"}:
            j += 1
            if j - i > 2:
                return None
        found = read_age(self.tokens, j)
        if found is None:
            return None
        age, end = found
        return age, end + 1 if self._at(end) == ")" else end

    def _respondent(self, i: int) -> int:
        age, end = None, i + 1
        j = i + 1
        while self._at(j) in {"ben", "am", "'", "m", "zelf", "(", "een", "a", "de", "the"}:
            j += 1
        label = None
        while self._at(j) in _ADJECTIVES or self._at(j) in _PARENTS or self._at(j) in _CHILDREN:
            label = _PARENTS.get(self._at(j) or "", label)
            j += 1
        # "ik ben moeder van 2 kinderen": that number is not the respondent's age
        found = self._age_after(j) if j > i + 1 and label is None else None
        if found:
            age, end = found
        role = Role.CHILD if self.respondent_child else Role.PARENT
        existing = next((d for d in self.drafts if d.mention.is_respondent), None)
        if existing is None:
            self._draft(i, MemberMention(role, label, age, is_respondent=True))
        elif age is not None or label is not None:
            old = existing.mention
            existing.mention = replace(old, age=age or old.age, label=label or old.label)
        return end

    def _group(self, i: int, count: int | None) -> int:
        label = _GROUPS.get(self.tokens[i], "kind")
        ages, end = self._age_list(i + 1, count)
        self.groups += 1
        if self.tokens[i] in _MULTIPLES and len(ages) == 1:  # "een tweeling van 5"
            ages *= count or 1
        total = count if count is not None else len(ages)
        if total == 0:  # "de kinderen": children, but how many is not said (yet)
            if not any(d.mention.role == Role.CHILD for d in self.drafts):
                self._draft(i, MemberMention(Role.CHILD, "kinderen", None))
            return end
        for n in range(total):
            age = ages[n] if n < len(ages) else None
            self._draft(i, MemberMention(Role.CHILD, label, age), group=self.groups)
        return end

    def _age_list(self, i: int, count: int | None) -> tuple[list[int], int]:
        """Ages after a group: "van 3 en 7", "(2, 5 en 9)", "aged 6 and 10", "tim 8 en sara 11"."""
        ages: list[int] = []
        j = last = i
        while j < len(self.tokens) and (count is None or len(ages) < count):
            word = self.tokens[j]
            found = read_age(self.tokens, j)
            if found and (self._at(j) not in _INDEFINITE):
                ages.append(found[0])
                j = last = found[1]
            elif word in _AGE_CONNECTORS or (self._is_name(j) and read_age(self.tokens, j + 1)):
                j += 1
            else:
                break
        if self._at(last) == ")":
            last += 1
        return ages, last

    def _is_name(self, j: int) -> bool:
        word = self._at(j) or ""
        return word.isalpha() and member_label(word, self.language) is None and word not in _SELF

    def _child(self, i: int, label: str) -> int:
        refined = self._refine_group(i, label)
        if refined is not None:
            return refined
        return self._add(i, Role.CHILD, label)

    def _refine_group(self, i: int, label: str) -> int | None:
        """ "drie kinderen, de oudste is 12": the oldest is one of the three, not a fourth."""
        open_slots = [d for d in self.drafts if d.group and d.mention == _OPEN_SLOT]
        if not open_slots:
            return None
        indefinite = self._at(i - 1) in _INDEFINITE
        after_colon = ":" in self.tokens[:i] and self.sentence_of[i] == open_slots[0].sentence
        if indefinite and not after_colon:
            return None
        found = self._age_after(i + 1)
        slot = open_slots[0]
        age = found[0] if found else None
        slot.mention = replace(slot.mention, label=label, age=age)
        return found[1] if found else i + 1

    def _adjectival_child(self, i: int, age: int, end: int) -> int:
        """ "mijn 3-jarige", "a 6 year old son": the age comes before the noun."""
        noun = self._word(end)
        label = _CHILDREN.get(noun or "", "kind")
        self._draft(i, MemberMention(Role.CHILD, label, age))
        return end + 1 if noun in _CHILDREN else end

    def _ex(self, i: int) -> int:
        end = i + 3 if self._at(i + 1) == "-" else i + 1
        self._add(i, Role.PARTNER, "ex_partner", ex=True)
        return end

    def _partner(self, i: int) -> int:
        word = self.tokens[i]
        owner = self._at(i + 3) if self._at(i + 1) == "van" else None
        if owner in _PARENTS:  # "de vriend van mijn moeder"
            return self._add(i, Role.PARENT, "stiefouder") + 3
        if self.respondent_child:
            return i + 1  # a young person's boyfriend does not live with their parents
        if word in {"man", "vrouw", "vriend", "vriendin"} and not self._possessed(i):
            return i + 1  # "een vriend helpt ons", "de man van de buren"
        return self._add(i, Role.PARTNER, "partner")

    def _parent(self, i: int) -> int:
        label = _PARENTS[self.tokens[i]]
        if not self._possessed(i):
            return i + 1  # "moeder van twee kinderen" describes the respondent (see _respondent)
        role = Role.PARENT if self.respondent_child else Role.OTHER
        return self._add(i, role, label)

    def _sibling(self, i: int) -> int:
        young = self.respondent_child or self.tokens[i].endswith("je")
        found = self._age_after(i + 1)
        if found and found[0] < 18:
            young = True
        return self._add(i, Role.CHILD if young else Role.OTHER, _SIBLINGS[self.tokens[i]])


def _sentence_numbers(tokens: Sequence[str]) -> list[int]:
    numbers, current = [], 0
    for token in tokens:
        numbers.append(current)
        if token in _SENTENCE_END:
            current += 1
    return numbers


def _says_they_are_young(tokens: Sequence[str]) -> bool:
    """ "ik ben 15", "I'm 16", "ik ben de dochter", "ik ben een meisje van 14"."""
    for i, token in enumerate(tokens):
        if token not in {"ik", "i"}:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j] in {"ben", "am", "'", "m", "zelf", "(", "pas", "net"}:
            j += 1
        if j == i + 1:
            continue
        while j < len(tokens) and tokens[j] in {"een", "a", "de", "the", "van", "of"}:
            j += 1
        if j < len(tokens) and tokens[j] in {"dochter", "zoon", "daughter", "son", "kind",
                                             "jongere", "tiener", "puber", "scholier"}:  # fmt: skip
            return True
        if j < len(tokens) and tokens[j] in {"meisje", "jongen", "girl", "boy"}:
            j += 1
            while j < len(tokens) and tokens[j] in {"van", "of", "aged"}:
                j += 1
        found = read_age(tokens, j)
        if found and found[0] < 18:
            return True
    return False


def _living_elsewhere(
    drafts: list[_Draft], tokens: Sequence[str], sentence_of: Sequence[int]
) -> list[_Draft]:
    """Members the text says live elsewhere; an ex only counts when said to live here.

    "mijn oudste woont niet meer thuis" drops the member named last before the phrase.
    """
    away = [d for d in drafts if d.ex]
    for sentence in set(sentence_of):
        words = [t for t, n in zip(tokens, sentence_of, strict=True) if n == sentence]
        offset = sentence_of.index(sentence)
        here = [d for d in drafts if d.sentence == sentence and not d.mention.is_respondent]
        if any(_contains(words, p) for p in _EX_LIVES_HERE):
            away = [d for d in away if d not in here]
        if any(_contains(words, p) for p in _SEPARATED):
            away += [d for d in here if d.mention.role == Role.PARTNER]
        for start in _starts(words, _LIVES_ELSEWHERE):
            before = [d for d in here if d.position < offset + start]
            away += before[-1:]
    return away


def _starts(words: Sequence[str], phrases: list[list[str]]) -> list[int]:
    return [
        k
        for phrase in phrases
        for k in range(len(words) - len(phrase) + 1)
        if list(words[k : k + len(phrase)]) == phrase
    ]


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    return bool(_starts(words, [list(phrase)]))
