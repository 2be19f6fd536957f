"""Who lives in the household, and who a sentence is about, read from how people write it.

"ik, mijn vriend en de kinderen van 3 en 7", "mijn man, ik en onze drie kinderen (2, 5 en 9)",
"ik en mijn 2 kinderen, sem 14 en lotte 6", "mijn vrouw Fatma, onze zoons Emre (9) en Kerem
(4)", "ik ben 15 en woon bij mijn moeder". Labels are short Dutch codes ("zoon", "dochter",
"kind", "partner", "oudste", "baby", "oma", ...), the same in both languages; given names are
kept as written (a lower-case name gets its capital). The record is confirmed with the person
later; this parser only gives the first picture, so it prefers leaving a fact out over
inventing one. A word is only taken for a name when it is capitalised inside a sentence or an
age follows it ("noa van 15"), and never when it is an ordinary word ("mijn zoon spijbelt").

`find_mentions` also reads who a story sentence is about ("de kleine van 6", "mijn oudste",
"haar broertje", "Sem" when Sem is known), so a problem can be placed on that member.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.numbers import number_value, one_edit_apart, read_age, read_count, tokenize_cased
from bot.record import Role


@dataclass(frozen=True)
class MemberMention:
    """One person mentioned as living in the household (the respondent included)."""

    role: Role
    label: str | None
    age: int | None
    is_respondent: bool = False
    name: str | None = None  # given name, capitalised ("Sem")


class Known(Protocol):
    """A member already known (a record `Member` or a `MemberMention`): found again by name."""

    @property
    def role(self) -> Role: ...
    @property
    def label(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def is_respondent(self) -> bool: ...


@dataclass(frozen=True)
class Correction:
    """A correction read: the members it is about, and those it says it is not about
    ("niet ik maar mijn zoon": about the son, not about the respondent)."""

    about: list[MemberMention] = field(default_factory=list)
    not_about: list[MemberMention] = field(default_factory=list)


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
_POSSESSIVES = {"mijn", "my", "me", "mn", "onze", "ons", "our", "zijn", "haar", "his", "her", "hun",
                "their"}  # fmt: skip
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
_CONTRACTIONS = [
    (re.compile(r"\bm['’]n\b", re.I), "mijn"),
    (re.compile(r"\bz['’]?n\b", re.I), "zijn"),
    # chat "k" for "ik": "k ben 16", "k woon bij mn moeder"
    (re.compile(r"\bk\b(?=\s+(ben|woon|heb|wil|zit|ga|kan|weet)\b)", re.I), "ik"),
]
# "haar broertje", "zijn zus": a brother or sister of a child is another child of the parent
_THIRD_PERSON = {"zijn", "haar", "hun", "his", "her", "their"}
_SIBLING_AS_CHILD = {"broer": "zoon", "zus": "dochter"}
_NEGATORS = {"niet", "not", "geen", "no"}
_BUT = {"maar", "but", "eerder", "rather"}
_TIGHT = {"(", "van", "is", "aged", "of", ",", ":", "-"}  # between a name and its own age
_SHARED = {"die", "who", "zijn", "are", "allebei", "both", "beiden"}  # "Lily en Max die 7 zijn"

# Ordinary words that are never taken for a given name, even capitalised or before a number
# ("mijn zoon heeft 3 vriendjes", "Vandaag 2 keer"): function words, common verbs and adverbs,
# days and months. Member words and numbers are excluded separately.
_NOT_NAMES = {
    "de", "het", "een", "en", "of", "maar", "want", "dus", "als", "dan", "toen", "omdat", "die",
    "dat", "deze", "dit", "wie", "wat", "waar", "hoe", "waarom", "welke", "ik", "jij", "je", "u",
    "hij", "zij", "ze", "wij", "we", "jullie", "hun", "hen", "haar", "hem", "ons", "onze", "mijn",
    "zijn", "jouw", "uw", "me", "mij", "men", "er", "hier", "daar", "niet", "geen", "wel", "ook",
    "nog", "al", "pas", "net", "heel", "erg", "zeer", "echt", "best", "veel", "weinig", "meer",
    "minder", "altijd", "vaak", "soms", "nooit", "nu", "straks", "later", "eerst", "daarna",
    "vandaag", "gisteren", "morgen", "thuis", "weg", "samen", "alleen", "allebei", "beide",
    "beiden", "allemaal", "iedereen", "niemand", "iets", "niets", "alles", "is", "ben", "bent",
    "was", "waren", "wordt", "worden", "werd", "heeft", "heb", "hebt", "hebben", "had", "hadden",
    "gaat", "ga", "gaan", "ging", "doet", "doe", "doen", "deed", "kan", "kun", "kunnen", "kon",
    "wil", "wilt", "willen", "wou", "moet", "moeten", "moest", "mag", "mogen", "zal", "zullen",
    "zou", "zouden", "zit", "zitten", "staat", "woont", "wonen", "werkt", "werken", "leeft",
    "komt", "komen", "krijgt", "krijgen", "zegt", "zeggen", "vindt", "voelt", "lukt", "blijft",
    "weet", "weten", "denk", "denkt", "zie", "ziet", "in", "op", "aan", "met", "bij", "naar",
    "voor", "over", "uit", "door", "om", "tot", "van", "na", "tegen", "zonder", "onder", "boven",
    "naast", "sinds", "tijdens", "per", "jaar", "jaren", "jr", "maanden", "oud", "ongeveer",
    "bijna", "ruim", "rond", "ja", "nee", "ok", "oke", "hoi", "hallo", "hey", "hi", "dag",
    "goedemorgen", "goedemiddag", "goedenavond", "groetjes", "mvg", "beste", "geachte", "help",
    "hulp", "vraag", "keer", "uur", "the", "a", "an", "and", "or", "but", "so", "if", "then",
    "when", "because", "that", "this", "these", "those", "who", "what", "where", "how", "why",
    "which", "he", "she", "it", "they", "you", "your", "his", "her", "its", "our", "their", "him",
    "them", "am", "are", "were", "be", "been", "has", "have", "does", "do", "did", "can", "could",
    "will", "would", "should", "may", "might", "must", "not", "no", "yes", "also", "still", "just",
    "very", "really", "always", "often", "sometimes", "never", "now", "today", "yesterday",
    "tomorrow", "home", "alone", "together", "both", "all", "everyone", "nobody", "on", "at",
    "with", "by", "to", "for", "from", "about", "after", "before", "since", "years", "year",
    "months", "old", "aged", "hello", "dear", "thanks", "please", "maandag", "dinsdag", "woensdag",
    "donderdag", "vrijdag", "zaterdag", "zondag", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december", "january", "february", "march",
    "june", "july", "august", "october"
}  # fmt: skip


_VOCABULARY = frozenset().union(
    _PARTNERS,
    _EX_WORDS,
    _CHILDREN,
    _GROUPS,
    _MULTIPLES,
    _PARENTS,
    _SIBLINGS,
    _OTHERS,
    _SELF,
    {"mevrouw", "meneer"},
)
_OPEN_SLOT = MemberMention(Role.CHILD, "kind", None)  # one of "drie kinderen", not described yet


@dataclass
class _Draft:
    mention: MemberMention
    position: int  # token index of the member word
    sentence: int
    group: int | None = None  # members of one counted group ("drie kinderen") share an id
    ex: bool = False


def parse_household(
    text: str, language: str = "nl", known: Sequence[Known] = ()
) -> list[MemberMention]:
    """Everyone said to live in the household; the respondent is always included, first.

    The respondent is a parent unless they say they are the young person ("ik ben 15").
    An ex-partner counts only when the text says they still live there; a member said to
    live elsewhere ("mijn oudste woont niet meer thuis") does not count.
    """
    reader = _read(text, language, known)
    away = _living_elsewhere(reader.drafts, reader.tokens, reader.sentence_of)
    mentions = [d.mention for d in reader.drafts if d not in away]
    respondent = [m for m in mentions if m.is_respondent]
    others = [m for m in mentions if not m.is_respondent]
    return (respondent or [MemberMention(Role.PARENT, None, None, is_respondent=True)]) + others


def find_mentions(
    text: str, language: str = "nl", known: Sequence[Known] = ()
) -> list[MemberMention]:
    """The members a text mentions, in order; no implicit respondent is added.

    Every reference counts, also to someone who lives elsewhere ("mijn ex drinkt"). With
    `known` (the members so far), a given name alone is found too, also in lower case or with
    one letter wrong ("lotet"), and the mention carries that member's role and label.
    """
    return [d.mention for d in _read(text, language, known).drafts]


def read_correction(text: str, language: str = "nl", known: Sequence[Known] = ()) -> Correction:
    """Who and what a correction is about: "nee, mijn dochter is 12" (a fact), "nee, het gaat
    om mijn dochter" and "niet ik maar mijn zoon" (who), "lotte is 7" (with Lotte known)."""
    reader = _read(text, language, known)
    about, not_about = [], []
    for draft in reader.drafts:
        negated = _negated_before(reader.tokens, draft.position)
        (not_about if negated else about).append(draft.mention)
    return Correction(about, not_about)


def parse_correction(
    text: str, language: str = "nl", known: Sequence[Known] = ()
) -> list[MemberMention]:
    """The members a correction is about, with the corrected facts ("nee, mijn dochter is 12").

    The respondent is only included when the correction is about them ("nee, ik ben 42"), not
    when it says it is not ("niet ik maar mijn zoon" gives only the son).
    """
    return read_correction(text, language, known).about


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


def _read(text: str, language: str, known: Sequence[Known]) -> _Reader:
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    reader = _Reader([_spelled(t) for t in tokenize_cased(text)], language, known)
    reader.run()
    return reader


def _spelled(token: str) -> str:
    """A member word typed with one slip ("dcohter", "kindeern", "broerjte") as meant."""
    word = token.lower()
    if len(word) < 5 or word in _VOCABULARY:
        return token
    meant = [v for v in _VOCABULARY if len(v) >= 5 and one_edit_apart(word, v)]
    return meant[0] if len(meant) == 1 else token


def _negated_before(tokens: Sequence[str], position: int) -> bool:
    """ "niet ik", "het gaat niet om mij", "not my son": a negator shortly before the member,
    with no "maar"/"but" in between."""
    for k in range(position - 1, max(position - 4, -1), -1):
        if tokens[k] in _BUT or tokens[k] in _SENTENCE_END or tokens[k] == ",":
            return False
        if tokens[k] in _NEGATORS:
            return True
    return False


def _display_name(word: str) -> str:
    return word[0].upper() + word[1:] if word.islower() else word


class _Reader:
    """One left-to-right pass over the tokens, building drafts of member mentions."""

    def __init__(self, cased: Sequence[str], language: str, known: Sequence[Known]) -> None:
        self.cased = cased
        self.tokens = [t.lower() for t in cased]
        self.language = language
        self.known = [k for k in known if k.name]
        self.drafts: list[_Draft] = []
        self.sentence_of = _sentence_numbers(self.tokens)
        self.respondent_child = _says_they_are_young(self.tokens) or any(
            k.is_respondent and k.role == Role.CHILD for k in known
        )
        self.groups = 0
        self.listing_sentence: int | None = None  # sentence in which a group is being spelled out

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
        known = self._known_at(i)
        if known is not None:
            return self._known(i, known)
        return self._named(i)

    def _is_member_noun(self, i: int) -> bool:
        return member_label(self._at(i) or "", self.language) not in (None, "ik")

    def _skip_adjectives(self, i: int) -> int:
        while self._at(i) in _ADJECTIVES and not self._is_member_noun(i):
            i += 1
        return i

    def _possessor(self, i: int) -> str | None:
        """The possessive before the noun at i ("mijn", "haar", "our"), adjectives skipped."""
        j = i - 1
        while self._at(j) in _ADJECTIVES:
            j -= 1
        word = self._at(j)
        return word if word in _POSSESSIVES else None

    def _draft(self, i: int, mention: MemberMention, **kw) -> None:
        self.drafts.append(_Draft(mention, i, self.sentence_of[i], **kw))

    def _add(self, i: int, role: Role, label: str | None, **kw) -> int:
        """A member at word i, with a name and the age written right after it if given."""
        name, j = self._name_after(i + 1)
        found = self._age_after(j)
        age, end = found if found else (None, j)
        self._draft(i, MemberMention(role, label, age, name=name), **kw)
        return end

    # -- names ------------------------------------------------------------------------------

    def _sentence_start(self, j: int) -> bool:
        return j == 0 or self.tokens[j - 1] in _SENTENCE_END or self.tokens[j - 1] in {"\n", ":"}

    def _name_like(self, j: int) -> bool:
        """A word that could be a given name: letters, not a member word, number or common word."""
        word = self._at(j) or ""
        return (
            len(word) >= 2
            and word.isalpha()
            and word not in _NOT_NAMES
            and word not in _SELF
            and member_label(word, self.language) is None
            and word not in _MULTIPLES
            and number_value(word) is None
        )

    def _capitalised(self, j: int) -> bool:
        word = self.cased[j]
        return word[0].isupper() and not word.isupper() and not self._sentence_start(j)

    def _age_follows(self, j: int) -> bool:
        """An age of its own right after word j: "noa 15", "noa van 15", "Emre (9)"."""
        k = j + 1
        while self._at(k) in _TIGHT and k - j <= 2:
            k += 1
        return read_age(self.tokens, k) is not None

    def _is_name(self, j: int) -> bool:
        return self._name_like(j) and (self._capitalised(j) or self._age_follows(j))

    def _name_after(self, j: int) -> tuple[str | None, int]:
        """A given name right after a member noun ("dochter noa van 15", "vrouw Fatma", also
        typed in lower case when a comma or "en" follows: "mn man ahmed en ...")."""
        if self._is_name(j) or self._lower_name(j):
            return _display_name(self.cased[j]), j + 1
        return None, j

    def _lower_name(self, j: int) -> bool:
        """A lower-case word after a member noun that ends the phrase and is no verb form."""
        word = self._at(j) or ""
        ends_phrase = self._at(j + 1) in (None, ",", ".", "en", "and", "(", "van", "is", "she",
                                          "he", "ze", "hij", ";", ":")  # fmt: skip
        verb_like = word.endswith(("t", "en", "de", "te")) and not word.endswith(("aan", "ien"))
        return self._name_like(j) and ends_phrase and len(word) >= 3 and not verb_like

    def _known_at(self, j: int) -> Known | None:
        """The known member named at word j: exactly, or one slip off for names of 4+ letters.
        A name that is also a common word ("Ben", "Dan") only counts with its capital."""
        word = self._at(j) or ""
        if not word.isalpha():
            return None
        common = word in _NOT_NAMES or member_label(word, self.language) is not None
        if common and not (self.cased[j][0].isupper() and not self._sentence_start(j)):
            return None
        for member in self.known:
            name = (member.name or "").lower()
            if word == name or (len(name) >= 4 and not common and one_edit_apart(word, name)):
                return member
        return None

    def _known(self, i: int, member: Known) -> int:
        found = self._age_after(i + 1)
        age, end = found if found else (None, i + 1)
        mention = MemberMention(
            member.role, member.label, age, is_respondent=member.is_respondent, name=member.name
        )
        self._draft(i, mention)
        return end

    def _named(self, i: int) -> int:
        """A capitalised name with an age and no member word: "ik, Sem (14) en Lotte (6)"."""
        if not (self._name_like(i) and self._capitalised(i) and self._age_follows(i)):
            return i + 1
        age, end = self._age_after(i + 1) or (None, i + 1)
        if age is None:
            return i + 1
        child = age < 18 and not self.respondent_child
        role, label = (Role.CHILD, "kind") if child else (Role.OTHER, None)
        self._draft(i, MemberMention(role, label, age, name=_display_name(self.cased[i])))
        return end

    # -- ages -------------------------------------------------------------------------------

    def _age_after(self, i: int) -> tuple[int, int] | None:
        """An age right after a member noun: "van 14", "(14)", "is 12", "aged 6", "14 jr";
        "is niet 12 maar 13" gives 13."""
        j = i
        # "Ruben, hij is 11", "Sophie, she is 8": a pronoun may stand between noun and age
        steps = {"van", "(", ",", "is", "aged", "of", "die", "who", "nu", "now", "hij", "zij", "ze",
                 "he", "she"}  # fmt: skip
        while self._at(j) in steps:
            j += 1
            if j - i > 3:
                return None
        corrected = self._at(j) in _NEGATORS
        found = read_age(self.tokens, j + 1 if corrected else j)
        if found is None:
            return None
        if corrected:
            if self._at(found[1]) not in _BUT:
                return None
            found = read_age(self.tokens, found[1] + 1)
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
        entries, end = self._age_list(i + 1, count)
        self.groups += 1
        if self.tokens[i] in _MULTIPLES and len(entries) == 1 and entries[0][0] is None:
            entries *= count or 1  # "een tweeling van 5"
        total = count if count is not None else len(entries)
        if total == 0:  # "de kinderen": children, but how many is not said (yet)
            if not any(d.mention.role == Role.CHILD for d in self.drafts):
                self._draft(i, MemberMention(Role.CHILD, "kinderen", None))
            return end
        for n in range(total):
            name, age = entries[n] if n < len(entries) else (None, None)
            mention = MemberMention(Role.CHILD, label, age, name=name)
            self._draft(i, mention, group=self.groups)
        return end

    def _age_list(
        self, i: int, count: int | None
    ) -> tuple[list[tuple[str | None, int | None]], int]:
        """Names and ages after a group: "van 3 en 7", "(2, 5 en 9)", "aged 6 and 10",
        "sem 14 en lotte 6", "Emre (9) en Kerem (4)", "Lily and Max who are 7"."""
        entries: list[list] = []  # [name, age]
        block: list[int] = []  # ages said of several names at once ("die 7 en 9 zijn")
        shared = tight = False
        j = last = i
        while j < len(self.tokens):
            full = count is not None and len(entries) >= count
            unaged = [e for e in entries if e[0] and e[1] is None]
            found = read_age(self.tokens, j) if self._at(j) not in _INDEFINITE else None
            if found:
                if len(unaged) == 1 and tight and not shared:
                    unaged[0][1] = found[0]
                elif unaged:
                    block.append(found[0])
                elif full:
                    break
                else:
                    entries.append([None, found[0]])
                j = last = found[1]
                tight = False
            elif (self._is_name(j) or self._lower_name(j)) and not full:
                entries.append([_display_name(self.cased[j]), None])
                j = last = j + 1
                tight = True
            elif self.tokens[j] in _SHARED or self.tokens[j] in _AGE_CONNECTORS:
                shared = shared or self.tokens[j] in _SHARED
                tight = tight and self.tokens[j] in _TIGHT
                j += 1
            else:
                break
        unaged = [e for e in entries if e[0] and e[1] is None]
        ages = block * len(unaged) if len(block) == 1 else block  # "die allebei 7 zijn"
        for entry, age in zip(unaged, ages, strict=False):
            entry[1] = age
        if self._at(last) == ")":
            last += 1
        return [(name, age) for name, age in entries], last

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
        # "twee kinderen, een zoon van 14 en een dochter van 6": the group spelled out
        apposition = self._at(i - 2) in (",", ":", "(") or (
            self.listing_sentence == self.sentence_of[i]
        )
        if indefinite and not (after_colon or apposition):
            return None
        self.listing_sentence = self.sentence_of[i]
        name, j = self._name_after(i + 1)
        found = self._age_after(j)
        slot = open_slots[0]
        age = found[0] if found else None
        slot.mention = replace(slot.mention, label=label, age=age, name=name)
        return found[1] if found else j

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
        if word in {"man", "vrouw", "vriend", "vriendin"} and self._possessor(i) is None:
            return i + 1  # "een vriend helpt ons", "de man van de buren"
        return self._add(i, Role.PARTNER, "partner")

    def _parent(self, i: int) -> int:
        label = _PARENTS[self.tokens[i]]
        possessor = self._possessor(i)
        if possessor is None and self._word(i - 1) in ("en", "and") and self.drafts:
            possessor = self._possessor(self.drafts[-1].position)  # "mn vader en moeder"
        if possessor in (None, *_THIRD_PERSON):
            # "moeder van twee kinderen" describes the respondent (see _respondent); "hun
            # vader" is the children's other parent, named as partner or ex where it matters
            return i + 1
        role = Role.PARENT if self.respondent_child else Role.OTHER
        return self._add(i, role, label)

    def _sibling(self, i: int) -> int:
        label = _SIBLINGS[self.tokens[i]]
        if self._possessor(i) in _THIRD_PERSON and not self.respondent_child:
            return self._add(i, Role.CHILD, _SIBLING_AS_CHILD[label])  # "haar broertje"
        young = self.respondent_child or self.tokens[i].endswith("je")
        found = self._age_after(i + 1)
        if found and found[0] < 18:
            young = True
        return self._add(i, Role.CHILD if young else Role.OTHER, label)


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
