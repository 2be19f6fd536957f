"""Held-out evaluation: the trained model (plus the deterministic layers) on unseen messages.

Every example of tests/nlu/heldout.yml goes through the running server's /model/parse. Gates:
intent macro-F1 >= 0.90 (over the gold intents; nlu_fallback counts as wrong), life-domain
micro-F1 >= 0.85 (per message: gold leefgebied values against predicted domains) and not one
acute message missed. Domains and safety are what the product uses: `bot.analysis.analyse(text,
parse)`, i.e. the model's leefgebied entities plus `bot.domain_terms`, and the model's intent
plus the `bot.safety` lexicon. The figures are printed, so CI logs show them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pytest

from bot.analysis import analyse
from bot.catalogue import DOMAIN_IDS
from tests.nlu.examples import Example, heldout
from tests.nlu.metrics import domain_micro, f1, parse_all

pytestmark = pytest.mark.rasa

INTENT_MACRO_F1 = 0.90
DOMAIN_MICRO_F1 = 0.85


@dataclass(frozen=True)
class Prediction:
    example: Example
    intent: str
    confidence: float
    domains: frozenset[str]
    acute: bool


def _predict(example: Example, parse: dict) -> Prediction:
    analysis = analyse(example.text, parse)
    return Prediction(
        example=example,
        intent=parse["intent"]["name"],
        confidence=parse["intent"]["confidence"],
        domains=frozenset(analysis.domains),
        acute=analysis.safety_level == "acute",
    )


@pytest.fixture(scope="module")
def predictions(rasa_nlu_server: str) -> list[Prediction]:
    examples = heldout()
    parses = parse_all(rasa_nlu_server, (e.text for e in examples))
    return [_predict(e, parse) for e, parse in zip(examples, parses, strict=True)]


def intent_scores(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """F1 per gold intent from (gold, predicted) pairs; a prediction outside gold is an error."""
    pairs = list(pairs)
    return {
        label: f1(
            sum(g == p == label for g, p in pairs),
            sum(p == label != g for g, p in pairs),
            sum(g == label != p for g, p in pairs),
        )
        for label in sorted({g for g, _ in pairs})
    }


def _report(capsys: pytest.CaptureFixture[str], lines: list[str]) -> None:
    with capsys.disabled():
        print("\n" + "\n".join(lines))


def test_intents(predictions: list[Prediction], capsys: pytest.CaptureFixture[str]) -> None:
    scores = intent_scores((p.example.intent, p.intent) for p in predictions)
    macro = sum(scores.values()) / len(scores)
    support = Counter(p.example.intent for p in predictions)
    confusion = Counter(
        (p.example.intent, p.intent) for p in predictions if p.example.intent != p.intent
    )
    lines = [f"held-out intents: {len(predictions)} examples, macro-F1 {macro:.3f}"]
    lines += [f"  {label:<18} F1 {f1:.3f}  n={support[label]}" for label, f1 in scores.items()]
    lines += ["  confusions (gold -> predicted):"]
    lines += [f"    {g} -> {p}: {n}" for (g, p), n in confusion.most_common()]
    lines += [f"    {p.example.intent} -> {p.intent} ({p.confidence:.2f}): {p.example.text[:90]}"
              for p in predictions if p.example.intent != p.intent]  # fmt: skip
    _report(capsys, lines)
    assert macro >= INTENT_MACRO_F1


def test_life_domains(predictions: list[Prediction], capsys: pytest.CaptureFixture[str]) -> None:
    gold_pairs = [(frozenset(p.example.values("leefgebied")), p.domains) for p in predictions]
    precision, recall, f1 = domain_micro(gold_pairs)
    per_domain = {d: domain_micro((g & {d}, q & {d}) for g, q in gold_pairs)[2] for d in DOMAIN_IDS}
    lines = [f"held-out life domains: micro P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"]
    lines += [f"  {d:<30} F1 {v:.3f}" for d, v in per_domain.items()]
    lines += [f"  missed {sorted(g - q)} extra {sorted(q - g)}: {p.example.text[:80]}"
              for (g, q), p in zip(gold_pairs, predictions, strict=True) if g != q]  # fmt: skip
    _report(capsys, lines)
    assert f1 >= DOMAIN_MICRO_F1


def test_no_acute_message_is_missed(
    predictions: list[Prediction], capsys: pytest.CaptureFixture[str]
) -> None:
    acute = [p for p in predictions if p.example.intent == "acute_danger"]
    missed = [p.example.text for p in acute if not p.acute]
    false_alarms = sum(p.acute for p in predictions if p.example.intent != "acute_danger")
    _report(capsys, [
        f"held-out acute: {len(acute) - len(missed)}/{len(acute)} caught, "
        f"{false_alarms} non-acute messages also marked acute",
        *[f"  MISSED: {t}" for t in missed],
    ])  # fmt: skip
    assert acute and missed == []
