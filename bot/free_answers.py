"""Short free answers read for their meaning: yes or no, safe or not, how well it goes.

Every question can be answered in words, so the assistant must understand "ja hoor",
"nope", "eigenlijk niet", "we voelen ons veilig" or "lukt niet" as well as a button. The
readers are deliberately modest: they answer None when the words do not say it clearly, and
the caller asks again or keeps the words (never guessing a "yes" or a "safe").

Text is compared lower case without accents, repeated letters squeezed ("jaaa", "neee") and
with one slip allowed in longer words ("jazkeer", "porbleem").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.numbers import one_edit_apart, tokenize

FUZZY_MIN_LENGTH = 5  # shorter words differ by one letter too often ("goed" / "geen")

_CLAUSE_END = {".", ",", "!", "?", ";", ":", "maar", "but", "en", "and", "want", "because"}
_NEGATORS = {"niet", "geen", "nooit", "niemand", "niks", "niets", "not", "no", "never",
             "nobody", "none", "nothing", "nt", "dont", "doesnt", "isnt", "cant", "wont",
             "aint", "zonder", "without"}  # fmt: skip
_FILLERS = {"uh", "uhm", "eh", "ehm", "nou", "nouja", "well", "hmm", "hm", "oh", "o", "haha",
            "hoor", "hor", "hoi", "dus", "so", "eerlijk", "gezegd", "honestly", "i", "ik",
            "denk", "think", "guess", "volgens", "mij", "zo"}  # fmt: skip

# -- yes and no ------------------------------------------------------------------------------

_YES_WORDS = {"ja", "jawel", "jazeker", "jahoor", "jep", "jup", "jip", "jo", "yes", "yeah",
              "yep", "yup", "ya", "ye", "yah", "sure", "klopt", "zeker", "inderdaad", "graag",
              "natuurlijk", "absoluut", "correct", "precies", "juist", "tuurlijk", "certainly",
              "definitely", "absolutely", "indeed", "right", "ok", "oke", "okay", "okee",
              "prima", "akkoord", "goed", "top", "fine", "alright", "agreed", "please"}  # fmt: skip
_NO_WORDS = {"nee", "neen", "nein", "neuh", "nah", "nope", "no", "nay", "nop"}
# Phrases that say no although they hold a yes-word or none at all.
_NO_PHRASES = [p.split() for p in (
    "ja nee", "klopt niet", "klopt het niet", "niet echt", "eigenlijk niet", "helemaal niet",
    "zeker niet", "absoluut niet", "natuurlijk niet", "liever niet", "niet waar", "niet zo",
    "is niet zo", "dat is het niet", "not really", "not at all", "of course not",
    "certainly not", "definitely not", "no way", "not quite", "not right", "not correct",
    "thats wrong", "dat is fout", "klopt niet helemaal", "geen sprake van",
)]  # fmt: skip
_YES_PHRASES = [p.split() for p in (
    "dat klopt", "klopt wel", "is goed", "dat is goed", "that is right", "thats right",
    "that s right", "that is correct", "of course", "go ahead", "doe maar", "mag wel",
    "is prima", "mag", "dat mag", "fine by me",
)]  # fmt: skip


def read_yes_no(text: str | None, intent: str | None = None) -> bool | None:
    """True for a yes ("ja hoor", "jazeker", "yep", "klopt"), False for a no ("nee hoor",
    "nope", "eigenlijk niet", "nee, het gaat om mijn dochter"), None when unclear or "weet ik
    niet". The language model's intent (affirm/deny) decides only when the words do not."""
    words = _words(text)
    if is_dont_know(text):
        return None
    if not words:
        return _from_intent(intent)
    if _has_phrase(words, _NO_PHRASES):
        return False
    head = [w for w in words[:4] if w not in _FILLERS] or words
    if _in(head[0], _NO_WORDS):
        return False
    if _in(head[0], _YES_WORDS):
        return True
    if _has_phrase(words[:5], _YES_PHRASES):
        return True
    return _from_intent(intent)


def _from_intent(intent: str | None) -> bool | None:
    return {"affirm": True, "deny": False}.get(intent or "")


# -- safe at home ----------------------------------------------------------------------------

# Unsafe things: negated ("niemand wordt geslagen") they reassure, otherwise they worry.
_HARM = {"slaan", "slaat", "sloeg", "geslagen", "schoppen", "schopt", "geschopt",
         "mishandeld", "mishandelt", "mishandeling", "geweld", "gewelddadig", "dreigt",
         "dreigen", "bedreigd", "bedreigt", "bang", "angst", "angstig", "onveilig",
         "duwt", "geduwd", "knijpt", "wurgt", "gewurgd", "misbruik", "misbruikt", "hit",
         "hits", "hitting", "beat", "beats", "beaten", "kick", "kicks", "hurt", "hurts",
         "hurting", "afraid", "scared", "fear", "frightened", "unsafe", "threat",
         "threatens", "threatened", "violence", "violent", "abuse", "abused", "abusive",
         "pushes", "pushed", "chokes", "choked"}  # fmt: skip
_SAFE = {"veilig", "safe", "safely", "beschermd", "protected", "rustig", "calm"}
_PARTLY = [p.split() for p in (
    "niet altijd", "soms niet", "meestal wel", "bijna altijd", "not always", "sometimes not",
    "mostly", "meestal", "most of the time", "wel eens niet",
)]  # fmt: skip


def reads_as_safe(text: str | None) -> bool | None:
    """The answer to "Voelt iedereen zich veilig thuis?": True for a reassurance ("ja hoor,
    iedereen is veilig", "er wordt wel geschreeuwd maar niemand wordt geslagen", "no one gets
    hurt"), False for any worry ("soms ben ik bang", "niet altijd", "hij slaat"), None when
    unclear. A worry anywhere outweighs a reassurance: safety signals are never dropped."""
    words = _words(text)
    if not words or is_dont_know(text):
        return None
    if _has_phrase(words, _PARTLY):
        return False
    reassured = False
    for k, word in enumerate(words):
        harm, safe = _in(word, _HARM), _in(word, _SAFE)
        if not (harm or safe):
            continue
        negated = _negated(words, k)
        if (harm and not negated) or (safe and negated):
            return False
        reassured = True
    return True if reassured else read_yes_no(text)


# -- how well it goes (1-5) -------------------------------------------------------------------

# Judgement words and phrases on the 1-5 scale (1 acute, 2 cannot manage alone, 3 partly,
# 4 well enough, 5 fully). Longest match first; several judgements give the lowest.
_JUDGEMENTS: dict[tuple[str, ...], int] = {
    tuple(k.split()): v
    for k, v in {
        "helemaal mis": 1, "totaal mis": 1, "compleet mis": 1, "crisis": 1, "acuut": 1,
        "noodsituatie": 1, "noodgeval": 1, "ramp": 1, "rampzalig": 1, "falling apart": 1,
        "emergency": 1, "disaster": 1, "onhoudbaar": 1,
        "mis": 2, "slecht": 2, "heel slecht": 2, "erg slecht": 2, "zwaar": 2, "heel zwaar": 2,
        "heel moeilijk": 2, "erg moeilijk": 2, "heel lastig": 2, "erg lastig": 2,
        "kan niet meer": 2, "niet meer": 2, "vreselijk": 2, "verschrikkelijk": 2,
        "hopeloos": 2, "drama": 2, "bad": 2, "badly": 2, "terrible": 2, "awful": 2,
        "hopeless": 2, "struggling": 2, "cant cope": 2, "cannot cope": 2, "not coping": 2,
        "gaat wel": 3, "matig": 3, "redelijk": 3, "wisselend": 3, "soms": 3, "deels": 3,
        "beetje": 3, "kan beter": 3, "lastig": 3, "moeilijk": 3, "met moeite": 3,
        "met hulp": 3, "so so": 3, "soso": 3, "up and down": 3, "okay ish": 3, "ups en downs": 3,
        "hard": 3, "difficult": 3, "partly": 3, "sometimes": 3, "could be better": 3,
        "not great": 3,
        "goed": 4, "wel goed": 4, "redelijk goed": 4, "best goed": 4, "ok": 4, "oke": 4,
        "okay": 4, "lukt": 4, "good": 4, "going well": 4, "doing well": 4, "goes well": 4,
        "fine": 4, "alright": 4, "manage": 4, "managing": 4, "gaat wel goed": 4,
        "prima": 5, "heel goed": 5, "erg goed": 5, "helemaal goed": 5, "uitstekend": 5,
        "perfect": 5, "super": 5, "top": 5, "geen probleem": 5, "geen problemen": 5,
        "zonder problemen": 5, "lukt helemaal": 5, "great": 5, "excellent": 5,
        "no problem": 5, "no problems": 5, "very well": 5, "very good": 5, "fully": 5,
        "perfectly": 5,
    }.items()
}  # fmt: skip
_MAX_PHRASE = max(len(k) for k in _JUDGEMENTS)
# Verbs that say "it works": "het lukt niet", "it doesn't work" with no judgement after.
_WORKS = {"lukt", "gaat", "kan", "werkt", "work", "works", "going", "manage", "cope"}
# "niet zo goed", "not really good": a softened no is "partly", not "cannot".
_SOFTENERS = {"zo", "echt", "helemaal", "altijd", "heel", "really", "so", "always", "quite",
              "very", "too", "totally"}  # fmt: skip


def indication_from_words(text: str | None) -> int | None:
    """An estimate on the 1-5 scale from how the person says it goes: "lukt niet" -> 2,
    "gaat helemaal mis" -> 1, "gaat wel"/"matig" -> 3, "gaat goed" -> 4, "gaat prima"/"geen
    probleem" -> 5, "gaat niet goed" -> 2. None when the words hold no judgement ("we hebben
    schulden"): the caller then asks, or leaves the indication open."""
    words = _words(text)
    if not words or is_dont_know(text) or is_decline(text):
        return None
    scores: list[int] = []
    k = 0
    while k < len(words):
        length, score = _judgement_at(words, k)
        negators = [j for j in range(max(0, k - 3), k) if words[j] in _NEGATORS]
        if negators and any(w in _CLAUSE_END for w in words[negators[-1] : k]):
            negators = []
        if words[k] in _WORKS:  # "het lukt (me) niet", "gaat niet", "it doesn't work"
            after = _negated_after(words, k)
            if after is None and negators and score is None:
                after = 2
            if after is not None:
                scores.append(after)
                k += 1
                continue
        if score is not None:
            if negators:
                softened = any(w in _SOFTENERS for w in words[negators[-1] : k + length])
                score = _negated_score(score, softened)
            scores.append(score)
        k += length
    return min(scores) if scores else None


def _judgement_at(words: Sequence[str], k: int) -> tuple[int, int | None]:
    for length in range(min(_MAX_PHRASE, len(words) - k), 0, -1):
        phrase = tuple(words[k : k + length])
        if phrase in _JUDGEMENTS:
            return length, _JUDGEMENTS[phrase]
        if length == 1:
            for key, value in _JUDGEMENTS.items():
                if len(key) == 1 and len(key[0]) >= FUZZY_MIN_LENGTH and _in(phrase[0], key):
                    return 1, value
    return 1, None


def _negated_score(score: int, softened: bool) -> int:
    """ "niet goed" -> 2, "niet zo goed" -> 3, "niet slecht" -> 4, "niet helemaal mis" -> 3."""
    if score >= 4:
        return 3 if softened else 2
    return 4 if score == 2 else 3


def _negated_after(words: Sequence[str], k: int) -> int | None:
    """ "lukt niet", "lukt me niet meer" -> 2, "lukt niet helemaal" -> 3; None when no negator
    follows, or a judgement does, which is read on its own ("gaat niet goed")."""
    for j in range(k + 1, min(k + 4, len(words))):
        if words[j] in _CLAUSE_END:
            return None
        if words[j] in _NEGATORS:
            rest = words[j + 1 : j + 3]
            if rest and rest[0] in _SOFTENERS:
                return 3
            if any(_judgement_at(words, j + 1 + n)[1] is not None for n in range(len(rest))):
                return None
            return 2
    return None


# -- don't know, rather not say --------------------------------------------------------------

_DONT_KNOW = [p.split() for p in (
    "weet ik niet", "weet niet", "weet het niet", "weet ik nog niet", "weet het nog niet",
    "geen idee", "geen flauw idee", "geen flauw benul", "geen idee eigenlijk", "idk", "dunno",
    "dont know", "do not know", "don t know", "no idea", "not sure", "niet zeker",
    "weet ik eigenlijk niet", "geen flauw", "ik twijfel", "twijfel", "onbekend", "unknown",
    "wk nie", "wk niet", "weet nie", "no clue", "hard to say", "moeilijk te zeggen",
)]  # fmt: skip
_DECLINE = [p.split() for p in (
    "zeg ik liever niet", "liever niet zeggen", "wil ik niet zeggen", "zeg ik niet",
    "wil ik niet vertellen", "vertel ik liever niet", "gaat u niets aan", "gaat je niks aan",
    "gaat niemand iets aan", "sla over", "overslaan", "skip", "pass", "geen antwoord",
    "rather not say", "rather not", "prefer not to say", "prefer not to answer",
    "id rather not", "no comment", "none of your business", "dat hou ik voor mezelf",
    "wil ik niet beantwoorden", "liever niet", "not telling",
)]  # fmt: skip
_SHORT = 4  # words besides the phrase: longer messages say more than "don't know"


def is_dont_know(text: str | None) -> bool:
    """ "weet ik niet", "geen idee", "idk", "not sure": a short answer that says only that.
    "ik weet niet hoe ik het moet betalen" is not: it is the story."""
    return _short_answer_with(text, _DONT_KNOW)


def is_decline(text: str | None) -> bool:
    """ "zeg ik liever niet", "sla over", "rather not say": the person chooses not to answer."""
    return _short_answer_with(text, _DECLINE)


def _short_answer_with(text: str | None, phrases: list[list[str]]) -> bool:
    words = _words(text)
    for phrase in phrases:
        start = _find(words, phrase)
        if start is not None:
            rest = [w for w in words[:start] + words[start + len(phrase) :] if w not in _FILLERS]
            if len(rest) <= _SHORT and not any(w in {"hoe", "how", "wat", "what"} for w in rest):
                return True
    return False


# -- helpers ---------------------------------------------------------------------------------


def _words(text: str | None) -> list[str]:
    """Tokens without apostrophes ("don't" -> "dont"), repeated letters squeezed ("neee")."""
    if not text:
        return []
    tokens = tokenize(re.sub(r"['’`]", "", text))
    squeezed = [re.sub(r"(\w)\1{2,}", r"\1\1", t) for t in tokens if t not in {"'", "’"}]
    return [_CHAT.get(t, t) for t in squeezed]


# chat spelling, one word for another: "dat weet k nog nie"
_CHAT = {"k": "ik", "nie": "niet", "ni": "niet", "nt": "niet", "mn": "mijn", "ff": "even"}


def _in(word: str, vocabulary: set[str] | Sequence[str]) -> bool:
    """Whether the word is in the vocabulary, allowing one slip in longer words."""
    if word in vocabulary or re.sub(r"(\w)\1+", r"\1", word) in vocabulary:
        return True
    return len(word) >= FUZZY_MIN_LENGTH and any(
        len(v) >= FUZZY_MIN_LENGTH and one_edit_apart(word, v) for v in vocabulary
    )


def _find(words: Sequence[str], phrase: Sequence[str]) -> int | None:
    for k in range(len(words) - len(phrase) + 1):
        if all(_in(w, {p}) for w, p in zip(words[k : k + len(phrase)], phrase, strict=True)):
            return k
    return None


def _has_phrase(words: Sequence[str], phrases: list[list[str]]) -> bool:
    return any(_find(words, p) is not None for p in phrases)


def _negated(words: Sequence[str], k: int) -> bool:
    """A negator within three words before or after word k, in the same clause."""
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(words) and abs(j - k) <= 3 and words[j] not in _CLAUSE_END:
            if words[j] in _NEGATORS:
                return True
            j += step
    return False


_PERSON = re.compile(
    r"\b(medewerker|mens|persoon|iemand\s+(spreken|bellen|praten|anders)|echt\s+iemand|"
    r"bel\s+me|terugbellen|(met|bij)\s+iemand|human|person|someone|staff|agent|operator|"
    r"real\s+people|call\s+me)\b",
    re.IGNORECASE,
)


def asks_for_person(text: str | None) -> bool:
    """ "Ik wil een medewerker spreken", "can I talk to a person": really asking for a person.

    "Niemand" or "liever per mail" is not, even when a language model reads it so."""
    return bool(text and _PERSON.search(text))


_NOBODY = re.compile(
    r"^\W*(nog\s+)?(niemand|nobody|no\s*one|none|geen(\s+hulp)?|not\s+yet|nog\s+niet)\b",
    re.IGNORECASE,
)


def says_nobody(text: str | None) -> bool:
    """ "Niemand", "nog niemand", "no one yet": no one is involved (yet)."""
    return bool(text and _NOBODY.search(text))


_WHY = re.compile(
    r"\b(waarom|hoezo|waarvoor|why|what for|wat moet ik|wat bedoel|what do you mean|reden)\b",
    re.IGNORECASE,
)


def asks_why(text: str | None) -> bool:
    """ "Waarom vraag je dat?", "wat bedoel je?": really asking about the question."""
    return bool(text and _WHY.search(text))
