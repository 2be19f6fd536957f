"""The safety screen: no missed acute case, no false acute on everyday words, concern recall."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from bot.record import Safety, SafetyLevel
from bot.safety import LEXICON_FILE, LexiconError, lexicon, load_lexicon, screen, to_signals

CASES = yaml.safe_load(Path(__file__).with_name("safety_cases.yml").read_text(encoding="utf-8"))
MIN_CONCERN_RECALL = 0.95


def _describe(text: str) -> str:
    result = screen(text)
    return f"{text!r} -> {result.level} {[(h.code, h.level) for h in result.hits]}"


def test_the_table_is_large_and_covers_every_code():
    assert sum(len(cases) for cases in CASES.values()) >= 120
    codes = {c["code"] for c in CASES["acute"] + CASES["concern"]}
    assert codes == set(lexicon().labels)


def test_no_acute_case_is_missed():
    missed = [
        _describe(c["text"])
        for c in CASES["acute"]
        if (r := screen(c["text"])).level != "acute" or c["code"] not in {h.code for h in r.hits}
    ]
    assert missed == []


def test_no_false_acute_on_negations_and_everyday_words():
    texts = CASES["not_acute"] + CASES["none"]
    false_acute = [_describe(t) for t in texts if screen(t).level == "acute"]
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
