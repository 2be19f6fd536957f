"""Which language a message is written in, and when that is reason enough to switch.

The assistant speaks Dutch and English. Other languages are recognised so the person can be
told, in their own language, that a staff member with an interpreter can help them.
Statistical detection (langdetect) is only trusted on enough text: a single "ok", "ja" or
"thanks" never flips the conversation. Non-Latin scripts (Arabic, Cyrillic, Ge'ez) are
recognised by their letters, also in a one-word message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0  # langdetect is random by default; the same text must give the same answer

SUPPORTED: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

MIN_WORDS = 4
MIN_LETTERS = 20
MIN_PROBABILITY = 0.80

# langdetect reads informal Dutch as Afrikaans ("Goeiendag, ik hep hulp nodig") all the time.
_ALIASES = {"af": "nl"}
_NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|[\d+()-]{3,}")
# Languages langdetect confuses with short Dutch ("Niemand, ik regel alles." reads as Danish):
# a guess of one of these counts only for a longer message and a clear guess.
_CLOSE_TO_DUTCH = {"da", "no", "sv", "de", "fy", "lb"}
CLOSE_MIN_WORDS = 6
CLOSE_MIN_PROBABILITY = 0.95

# Short messages in these languages are still recognised by letters no other language uses.
_MARKER_LETTERS = {"tr": set("ğış"), "pl": set("łąęśżźćń")}

# Letter ranges of the non-Latin scripts we recognise without statistics.
_SCRIPTS = (
    ("arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("ethiopic", re.compile(r"[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")),
)
_UKRAINIAN_LETTERS = set("іїєґ")
_RUSSIAN_LETTERS = set("ыэъё")

# B1 wording, one short message per language: the phone number comes from the municipality.
# Translations are ours and should be checked by a native speaker before going live.
INTERPRETER_LANGUAGES: dict[str, str] = {
    "en": (
        "We can help you best in Dutch or English. A staff member with an interpreter can "
        "help you: call {phone}."
    ),
    "tr": (
        "Size en iyi Hollandaca veya İngilizce yardım edebiliriz. Tercümanı olan bir "
        "çalışanımız size yardım edebilir: {phone} numarasını arayın."
    ),
    "ar": (
        "يمكننا مساعدتك بشكل أفضل باللغة الهولندية أو الإنجليزية. يمكن لموظف مع مترجم أن "
        "يساعدك: اتصل بالرقم {phone}."
    ),
    "pl": (
        "Najlepiej możemy pomóc po niderlandzku lub po angielsku. Pracownik z tłumaczem może "
        "Panu/Pani pomóc: proszę zadzwonić pod numer {phone}."
    ),
    "uk": (
        "Найкраще ми можемо допомогти нідерландською або англійською мовою. Працівник із "
        "перекладачем може вам допомогти: зателефонуйте за номером {phone}."
    ),
    "ru": (
        "Лучше всего мы можем помочь на нидерландском или английском языке. Сотрудник с "
        "переводчиком может вам помочь: позвоните по номеру {phone}."
    ),
    "ti": (
        "ብሆላንድኛ ወይ ብእንግሊዝኛ ብዝበለጸ ክንሕግዘኩም ንኽእል ኢና። ምስ ተርጓማይ ዝሰርሕ ሰራሕተኛ "
        "ክሕግዘኩም ይኽእል እዩ፡ ናብ {phone} ደውሉ።"
    ),
    "fa": (
        "ما به زبان هلندی یا انگلیسی بهتر می‌توانیم به شما کمک کنیم. یک کارمند با مترجم "
        "می‌تواند به شما کمک کند: با شماره {phone} تماس بگیرید."
    ),
    "de": (
        "Wir können Ihnen am besten auf Niederländisch oder Englisch helfen. Ein Mitarbeiter "
        "mit Dolmetscher kann Ihnen helfen: Rufen Sie {phone} an."
    ),
}


@dataclass(frozen=True)
class LanguageGuess:
    """The language of one message.

    `code` is the language to use for this message: the detected one when `reliable`, else
    `current` (or Dutch when there is none). `probability` is the detector's confidence in
    `code`. `switch_to` is set only when a reliable detection differs from `current`.
    """

    code: str
    probability: float
    reliable: bool
    switch_to: str | None


def detect_language(text: str, current: str | None = None) -> LanguageGuess:
    """Guess the language of `text`; only a reliable guess may change `current`.

    E-mail addresses, web addresses and numbers say nothing about the language and are left
    out ("Mail mag, naar k.dewit@example.nl" is Dutch)."""
    text = _NOT_WORDS.sub(" ", text)
    code, probability, reliable = _by_script(text) or _by_statistics(text)
    if not reliable:
        fallback = current or DEFAULT_LANGUAGE
        probability = probability if code == fallback else 0.0
        return LanguageGuess(fallback, probability, False, None)
    return LanguageGuess(code, probability, True, code if code != current else None)


def needs_interpreter(code: str) -> bool:
    """True for a language we do not speak: the person is referred to a staff member."""
    return code not in SUPPORTED


def interpreter_message(code: str, phone: str) -> str:
    """The interpreter message in language `code` (English when we have no translation)."""
    return INTERPRETER_LANGUAGES.get(code, INTERPRETER_LANGUAGES["en"]).format(phone=phone)


def _letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalpha()]


def _by_script(text: str) -> tuple[str, float, bool] | None:
    """A non-Latin script that makes up most of the letters decides, however short."""
    letters = _letters(text)
    if not letters:
        return None
    for script, pattern in _SCRIPTS:
        share = sum(1 for ch in letters if pattern.match(ch)) / len(letters)
        if share >= 0.5:
            return _script_language(script, text, letters), round(share, 3), True
    return None


def _script_language(script: str, text: str, letters: list[str]) -> str:
    if script == "ethiopic":
        return "ti"  # Tigrinya: the Ge'ez-script language our callers write most
    lowered = {ch.lower() for ch in letters}
    if script == "cyrillic":
        if lowered & _UKRAINIAN_LETTERS:
            return "uk"
        if lowered & _RUSSIAN_LETTERS:
            return "ru"
        return _best_of(text, ("uk", "ru")) or "uk"
    return _best_of(text, ("ar", "fa")) if len(letters) >= MIN_LETTERS else "ar"


def _best_of(text: str, codes: tuple[str, ...]) -> str | None:
    scores = {c: p for c, p in _probabilities(text).items() if c in codes}
    return max(scores, key=scores.__getitem__) if scores else None


def _probabilities(text: str) -> dict[str, float]:
    """langdetect's distribution with aliases merged (Afrikaans counts as Dutch)."""
    try:
        found = detect_langs(text)
    except LangDetectException:  # no letters at all
        return {}
    merged: dict[str, float] = {}
    for item in found:
        code = _ALIASES.get(item.lang, item.lang.split("-")[0])
        merged[code] = merged.get(code, 0.0) + item.prob
    return merged


def _by_statistics(text: str) -> tuple[str, float, bool]:
    probabilities = _probabilities(text)
    if not probabilities:
        return DEFAULT_LANGUAGE, 0.0, False
    code = max(probabilities, key=probabilities.__getitem__)
    probability = round(probabilities[code], 3)
    words = len(re.findall(r"[^\W\d_]{2,}", text))
    letters = _letters(text)
    long_enough = words >= MIN_WORDS or len(letters) >= MIN_LETTERS
    lowered = {unicodedata.normalize("NFC", ch).lower() for ch in letters}
    marked = words >= 2 and bool(lowered & _MARKER_LETTERS.get(code, set()))
    if code in _CLOSE_TO_DUTCH and (words < CLOSE_MIN_WORDS or probability < CLOSE_MIN_PROBABILITY):
        return code, probability, False
    return code, probability, probability >= MIN_PROBABILITY and (long_enough or marked)
