"""The safety screen: no missed acute case, no false acute on everyday words, concern recall."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from bot.record import Safety, SafetyLevel
from bot.safety import (
    LEXICON_FILE,
    LexiconError,
    assess,
    lexicon,
    load_lexicon,
    screen,
    to_signals,
)

CASES = yaml.safe_load(Path(__file__).with_name("safety_cases.yml").read_text(encoding="utf-8"))
MIN_CONCERN_RECALL = 0.95


def _describe(text: str) -> str:
    result = screen(text)
    return f"{text!r} -> {result.level} {[(h.code, h.level) for h in result.hits]}"


def test_the_table_is_large_and_covers_every_code():
    assert sum(len(cases) for cases in CASES.values()) >= 120
    codes = {c["code"] for c in CASES["acute"] + CASES["concern"]}
    assert codes == set(lexicon().labels)


def _caught(case: dict) -> bool:
    """Acute, with the expected code, and in the expected interpreter language (if any)."""
    result = screen(case["text"])
    hits = {(h.code, h.language) for h in result.hits}
    wanted = case.get("language")
    return result.level == "acute" and any(
        code == case["code"] and (wanted is None or language == wanted) for code, language in hits
    )


def test_no_acute_case_is_missed():
    missed = [_describe(c["text"]) for c in CASES["acute"] if not _caught(c)]
    print(f"acute caught: {len(CASES['acute']) - len(missed)}/{len(CASES['acute'])}")
    assert missed == []


def test_every_interpreter_language_has_acute_cases_of_both_kinds():
    covered = {(c["language"], c["code"]) for c in CASES["acute"] if "language" in c}
    languages = ("tr", "ar", "pl", "uk", "ti", "fa")
    assert covered == {(lang, code) for lang in languages for code in ("suicide", "acute_danger")}


def test_dutch_and_english_hits_carry_no_interpreter_language():
    assert {h.language for h in screen("ik wil dood, he hits me").hits} == {None}


def test_no_false_acute_on_negations_and_everyday_words():
    texts = CASES["not_acute"] + CASES["none"]
    false_acute = [_describe(t) for t in texts if screen(t).level == "acute"]
    print(f"false acute: {len(false_acute)}/{len(texts)}")
    assert false_acute == []


def test_everyday_sentences_raise_nothing():
    flagged = [_describe(t) for t in CASES["none"] if screen(t).level != "none"]
    assert flagged == []


def test_concern_recall():
    cases = CASES["concern"]
    found = [c for c in cases if c["code"] in {h.code for h in screen(c["text"]).hits}]
    recall = len(found) / len(cases)
    print(f"concern recall: {len(found)}/{len(cases)} = {recall:.2%}")
    missed = [_describe(c["text"]) for c in cases if c not in found]
    assert recall >= MIN_CONCERN_RECALL, missed


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("ik wil niet dood", "concern"),  # a negated suicide mention stays a concern
        ("ik denk niet aan zelfmoord", "concern"),
        ("ik wil niet meer leven", "acute"),  # "niet meer" is the signal, not a negation
        ("ik denk niet vaak aan zelfmoord", "acute"),  # hedged: still acute
        ("ik kan niet slapen, ik wil dood", "acute"),  # the negation is in another clause
        ("ik kan niet slapen en wil dood", "acute"),
        ("er is geen geweld", "none"),  # negated concern: dropped
        ("hij slaat me niet", "none"),
        ("hij slaat me niet meer", "concern"),  # violence in the past is still a signal
        ("we zijn niet veilig", "acute"),
    ],
)
def test_negation_rules(text, level):
    assert screen(text).level == level


@pytest.mark.parametrize(
    ("chat", "written"),
    [
        ("k wil dr nie meer zijn", "ik wil er niet meer zijn"),
        ("k wil ff dood", "ik wil even dood"),
        ("hij slaat me nie", "hij slaat me niet"),
    ],
)
def test_chat_spelling_reads_as_written_out(chat, written):
    assert screen(chat).level == screen(written).level
    assert [h.code for h in screen(chat).hits] == [h.code for h in screen(written).hits]


def test_a_negated_suicide_mention_is_still_coded_as_suicide():
    (hit,) = screen("nee, ik ben niet suïcidaal").hits
    assert (hit.code, hit.level) == ("suicide", "concern")


def test_excerpt_is_the_persons_own_words():
    result = screen("Het gaat slecht. Ik wil DOOOD!!")
    assert [(h.code, h.level, h.excerpt) for h in result.hits] == [
        ("suicide", "acute", "wil DOOOD")
    ]


def test_one_hit_per_code_acute_first():
    result = screen("Hij sloeg me vorig jaar. Ik denk niet aan zelfmoord, maar ik wil dood.")
    assert [(h.code, h.level) for h in result.hits] == [
        ("suicide", "acute"),
        ("domestic_violence", "concern"),
    ]
    assert result.level == "acute"


def test_empty_and_punctuation_only_text():
    assert screen("").level == "none"
    assert screen("?!... ").hits == ()


def test_to_signals_fit_the_record():
    result = screen("Mijn man sloeg me terwijl ik de baby vasthield")
    signals = to_signals(result, member_id="m1")
    assert {(s.code, s.level, s.source, s.member_id) for s in signals} == {
        ("domestic_violence", "concern", "lexicon", "m1"),
        ("child_abuse", "concern", "lexicon", "m1"),
    }
    assert Safety(level=SafetyLevel.CONCERN, signals=signals).signals == signals
    assert to_signals(screen("alles goed")) == []


# --- assess: the lexicon is certain, the model only suspects --------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "confidence", "level", "certain", "confirm"),
    [
        # the lexicon sees acute danger: certain, whatever the model thought
        ("ik wil er nie meer zijn", "inform", 0.9, "acute", True, False),
        ("ik wil er nie meer zijn", None, None, "acute", True, False),
        # only the model suspects it: show the help and ask, do not mark the family yet
        ("ik weet het echt niet meer", "acute_danger", 0.8, "acute", False, True),
        ("hij heeft me vorige week geslagen", "acute_danger", 0.7, "acute", False, True),
        # a weak model guess changes nothing
        ("ik weet het echt niet meer", "acute_danger", 0.3, "none", False, False),
        ("hij heeft me vorige week geslagen", "inform", 0.9, "concern", True, False),
        # a calm fact or a figure of speech overrules the model's acute guess
        ("iedereen is veilig thuis", "acute_danger", 0.9, "none", False, False),
        ("Ja, iedereen is veilig thuis.", "acute_danger", 0.95, "none", False, False),
        ("we worden uit huis gezet", "acute_danger", 0.9, "none", False, False),
        ("hij heeft een gat in de deur geschopt", "acute_danger", 0.9, "concern", True, False),
        ("wil dood graag naar de kermis", "acute_danger", 0.9, "none", False, False),
        ("ik voel me niet onveilig", "acute_danger", 0.9, "none", False, False),
        ("home alone, they are 15 and 17", "acute_danger", 0.9, "none", False, False),
        # an ordinary answer without any word of danger: the model misread it
        ("nee, verder gaat het goed", "acute_danger", 0.98, "none", False, False),
        ("ja, graag één iemand voor alles", "acute_danger", 0.98, "none", False, False),
        ("no, everything else is fine", "acute_danger", 0.98, "none", False, False),
        ("hij weet het, hij wil vooral rust", "acute_danger", 0.98, "none", False, False),
        ("ik kan het echt niet meer aan", "acute_danger", 0.9, "acute", False, True),
        # ...but not inside a longer story, where acute wins when unsure
        (
            "we worden uit huis gezet en ik weet echt niet meer hoe ik verder moet leven",
            "acute_danger",
            0.9,
            "acute",
            False,
            True,
        ),
    ],
)
def test_assess(text, intent, confidence, level, certain, confirm):
    result = assess(text, intent, confidence)
    assert (result.level, result.certain, result.needs_confirmation) == (level, certain, confirm)


def test_assess_keeps_every_lexicon_signal():
    result = assess("hij heeft een gat in de deur geschopt", "acute_danger", 0.9)
    assert [(h.code, h.level) for h in result.screen.hits] == [("domestic_violence", "concern")]


def test_assess_names_the_language_to_help_in():
    assert assess("Kocam küçük oğlumu dövüyor").screen.help_language == "tr"
    assert assess("ik wil dood").screen.help_language is None


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _with_entry(tmp_path: Path, entry: str) -> Path:
    base = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    base["entries"] = [yaml.safe_load(entry)]
    return _write(tmp_path, yaml.safe_dump(base))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: _write(p, "codes: [unclosed"), "cannot read"),
        (lambda p: _with_entry(p, "{code: suicide, level: acute, patterns: ['(dood']}"), "(dood"),
        (lambda p: _with_entry(p, "{code: suicide, level: acute, patterns: ['{nope}']}"), "nope"),
        (lambda p: _with_entry(p, "{code: stress, level: acute, patterns: [moe]}"), "stress"),
        (lambda p: _with_entry(p, "{code: suicide, level: high, patterns: [dood]}"), "level"),
        (lambda p: _with_entry(p, "{code: suicide, level: acute, patterns: []}"), "patterns"),
    ],
)
def test_a_broken_lexicon_fails_at_load_with_the_reason(tmp_path, make, message):
    with pytest.raises(LexiconError, match="safety lexicon") as error:
        load_lexicon(make(tmp_path))
    assert message in str(error.value)


def test_lexicon_is_loaded_once():
    assert lexicon() is lexicon()


def test_screening_is_fast_enough_for_every_message():
    texts = [c["text"] for c in CASES["acute"] + CASES["concern"]] + CASES["none"]
    start = time.perf_counter()
    for text in texts * 5:
        screen(text)
    per_message = (time.perf_counter() - start) / (len(texts) * 5)
    assert per_message < 0.005
