"""The honest yardstick: what the product understands of real parents' texts.

Every labelled passage of the development set (tests/nlu/realtexts/, never trained on) goes
through the running Rasa server and `bot.analysis.analyse`, as a message does in the product.
The figures are printed next to the same figures on the self-written held-out set
(tests/nlu/heldout.yml), so a CI log shows how far the two lie apart. Gates hold on the real
texts:

- life-domain micro-F1 (gold domains of the passage against the analysed domains);
- acute passages marked acute (recall);
- acute alarms on calm passages (safety none);
- language: the detected language equals the writer's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest

from bot.analysis import analyse
from bot.catalogue import DOMAIN_IDS
from tests.nlu.devset import devset
from tests.nlu.examples import heldout
from tests.nlu.metrics import domain_micro, parse_all, per_domain

pytestmark = pytest.mark.rasa

# Issue 12 asks for domain micro-F1 >= 0.80 and every acute passage caught. Reached on 4 Dec
# (341 passages): domain micro-F1 0.52, acute 26/51 (safety lexicon as committed then). These
# two gates are the honest figures minus a small margin, so that a regression fails; the
# issue's targets are higher and still open (docs/nlu.md, "Real texts").
DOMAIN_MICRO_F1 = 0.55  # target 0.80; 0.58 reached with the sentence encoder (4 Dec)
# Acute 30/51 and calm alarms 4/241 after the safety lexicon was generalised from the safety
# pool (tests/nlu/realtexts/pool_safety.yml), 4 Dec.
ACUTE_RECALL = 0.55  # target 1.0: every acute passage
CALM_ALARM_RATE = 0.03  # issue 12 allows 0.05
LANGUAGE_ACCURACY = 0.98


@dataclass(frozen=True)
class Scored:
    """One text with its gold labels and what the product made of it. Held-out examples have
    no safety level or language label: acute is their intent, calm is every other intent."""

    id: str
    text: str
    gold_domains: frozenset[str]
    domains: frozenset[str]
    gold_safety: str
    acute: bool
    gold_language: str | None
    language: str


def _score(id_: str, text: str, parse: dict, gold: tuple[frozenset[str], str, str | None]):
    analysis = analyse(text, parse)
    domains, safety, language = gold
    return Scored(
        id_,
        text,
        domains,
        frozenset(analysis.domains),
        safety,
        analysis.safety_level == "acute",
        language,
        analysis.language,
    )


@pytest.fixture(scope="module")
def dev(rasa_nlu_server: str) -> list[Scored]:
    items = devset()
    assert items, "the development set has no labelled passages"
    parses = parse_all(rasa_nlu_server, (i.passage.text for i in items))
    return [
        _score(
            i.passage.id,
            i.passage.text,
            parse,
            (i.labels.domains, i.labels.safety, i.passage.language),
        )
        for i, parse in zip(items, parses, strict=True)
    ]


@pytest.fixture(scope="module")
def held(rasa_nlu_server: str) -> list[Scored]:
    examples = heldout()
    parses = parse_all(rasa_nlu_server, (e.text for e in examples))
    return [
        _score(
            f"heldout-{n}",
            e.text,
            parse,
            (
                frozenset(e.values("leefgebied")),
                "acute" if e.intent == "acute_danger" else "none",
                None,
            ),
        )
        for n, (e, parse) in enumerate(zip(examples, parses, strict=True), start=1)
    ]


def _print(capsys: pytest.CaptureFixture[str], lines: list[str]) -> None:
    with capsys.disabled():
        print("\n" + "\n".join(lines))


def _pairs(scored: list[Scored]) -> list[tuple[frozenset[str], frozenset[str]]]:
    return [(s.gold_domains, s.domains) for s in scored]


def _short(s: Scored, width: int = 110) -> str:
    text = " ".join(s.text.split())
    return f"{s.id}: {text[:width]}{'...' if len(text) > width else ''}"


def test_life_domains(
    dev: list[Scored], held: list[Scored], capsys: pytest.CaptureFixture[str]
) -> None:
    dev_pairs, held_pairs = _pairs(dev), _pairs(held)
    dp, dr, df = domain_micro(dev_pairs)
    hp, hr, hf = domain_micro(held_pairs)
    lines = [
        f"life domains          real texts (n={len(dev)})        held-out (n={len(held)})",
        f"  {'micro':<30} P {dp:.2f} R {dr:.2f} F1 {df:.2f}        "
        f"P {hp:.2f} R {hr:.2f} F1 {hf:.2f}",
    ]
    for language in sorted({s.gold_language for s in dev}, key=str):
        subset = [(s.gold_domains, s.domains) for s in dev if s.gold_language == language]
        lp, lr, lf = domain_micro(subset)
        lines.append(
            f"  {'language ' + str(language):<30} P {lp:.2f} R {lr:.2f} F1 {lf:.2f} n={len(subset)}"
        )
    for domain in DOMAIN_IDS:
        p, r, f, n = per_domain(dev_pairs, domain)
        hp_, hr_, hf_, hn = per_domain(held_pairs, domain)
        lines.append(
            f"  {domain:<30} P {p:.2f} R {r:.2f} F1 {f:.2f} n={n:<3}  "
            f"P {hp_:.2f} R {hr_:.2f} F1 {hf_:.2f} n={hn}"
        )
    lines += ["  real texts, differences (missed / extra):"]
    lines += [
        f"    missed {sorted(s.gold_domains - s.domains)} extra "
        f"{sorted(s.domains - s.gold_domains)} {_short(s, 70)}"
        for s in dev
        if s.gold_domains != s.domains
    ]
    _print(capsys, lines)
    assert df >= DOMAIN_MICRO_F1


def _acute_lines(name: str, scored: list[Scored]) -> list[str]:
    acute = [s for s in scored if s.gold_safety == "acute"]
    calm = [s for s in scored if s.gold_safety == "none"]
    alarms = [s for s in calm if s.acute]
    by_language = Counter(s.gold_language for s in acute)
    caught = Counter(s.gold_language for s in acute if s.acute)
    languages = ", ".join(f"{lang} {caught[lang]}/{n}" for lang, n in by_language.items())
    return [
        f"{name}: acute caught {sum(caught.values())}/{len(acute)}"
        + (f" ({languages})" if by_language and None not in by_language else "")
        + f"; acute alarms on calm texts {len(alarms)}/{len(calm)}",
        *[f"  MISSED {_short(s)}" for s in acute if not s.acute],
        *[f"  ALARM  {_short(s)}" for s in alarms],
    ]


def test_every_acute_passage_is_caught(
    dev: list[Scored], held: list[Scored], capsys: pytest.CaptureFixture[str]
) -> None:
    _print(capsys, _acute_lines("real texts", dev) + _acute_lines("held-out", held))
    acute = [s for s in dev if s.gold_safety == "acute"]
    assert acute
    assert sum(s.acute for s in acute) / len(acute) >= ACUTE_RECALL


def test_few_acute_alarms_on_calm_passages(dev: list[Scored]) -> None:
    calm = [s for s in dev if s.gold_safety == "none"]
    alarms = [s.id for s in calm if s.acute]
    assert calm
    assert len(alarms) / len(calm) <= CALM_ALARM_RATE, alarms


def test_language(dev: list[Scored], capsys: pytest.CaptureFixture[str]) -> None:
    right = sum(s.language == s.gold_language for s in dev)
    confusions = Counter(
        (s.gold_language, s.language) for s in dev if s.language != s.gold_language
    )
    _print(capsys, [
        f"real texts language: {right}/{len(dev)} = {right / len(dev):.3f}",
        *[f"  {gold} read as {got}: {n}" for (gold, got), n in confusions.most_common()],
    ])  # fmt: skip
    assert right / len(dev) >= LANGUAGE_ACCURACY
