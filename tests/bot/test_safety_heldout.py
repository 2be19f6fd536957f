"""The lexicon alone catches every acute held-out message, so safety never depends on the model.

The held-out NLU set is the sample the model is judged on; its `acute_danger` examples are the
ones where a retrain flipped the model. The lexicon must catch each of them on its own, and must
not turn the other intents' messages acute in numbers (a few false acute are the price of recall).
"""

from __future__ import annotations

from bot.safety import screen
from tests.nlu.examples import heldout

EXAMPLES = heldout()
ACUTE = [e.text for e in EXAMPLES if e.intent == "acute_danger"]
OTHER = [e for e in EXAMPLES if e.intent != "acute_danger"]
MAX_FALSE_ACUTE_SHARE = 0.03


def test_the_heldout_set_has_acute_examples():
    assert len(ACUTE) >= 20


def test_every_acute_heldout_example_is_acute_by_the_lexicon_alone():
    missed = [(t, screen(t).level) for t in ACUTE if screen(t).level != "acute"]
    assert missed == []


def test_other_heldout_examples_rarely_become_acute():
    false_acute = [(e.intent, e.text) for e in OTHER if screen(e.text).level == "acute"]
    print(f"false acute on non-acute held-out examples: {len(false_acute)}/{len(OTHER)}")
    assert len(false_acute) <= MAX_FALSE_ACUTE_SHARE * len(OTHER), false_acute
