"""The sentence-encoder domain classifier: what it hears, what it leaves alone, and that it
runs from the package alone (no network)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.catalogue import DOMAIN_IDS
from bot.domain_encoder import MODEL_FILE, classifier, sentence_domains
from bot.domain_terms import detect_domains

# Situations the domain terms do not know, in the languages parents write in.
HEARD = [
    ("my husband shouts at me every night and the kids hear it", "huiselijke_relaties"),
    ("borçlarımızı ödeyemiyoruz", "financien"),  # Turkish: we cannot pay our debts
    ("nie mamy pieniędzy na czynsz", "financien"),  # Polish: no money for the rent
]

# Answers to the intake's other questions: never a problem.
ORDINARY = [
    "ja",
    "nee hoor",
    "12 jaar",
    "Sem en Lotte",
    "dat weet ik niet",
    "bellen mag, na drie uur",
    "rust in huis",
    "ja hoor, bij ons is iedereen veilig",
]


def test_the_committed_classifier_covers_every_domain_with_a_stricter_dialogue_threshold():
    model = classifier()
    assert model.domains == DOMAIN_IDS
    assert model.weights.shape == (512, len(DOMAIN_IDS))
    assert 0.0 < model.threshold < model.strict_threshold < 1.0
    assert MODEL_FILE.stat().st_size < 300_000


@pytest.mark.parametrize(("text", "domain"), HEARD)
def test_a_situation_the_terms_miss_is_heard_also_strictly(text: str, domain: str):
    assert [h.domain for h in detect_domains(text)] == []
    assert domain in sentence_domains([text])[0]
    assert domain in sentence_domains([text], strict=True)[0]


def test_ordinary_answers_raise_no_domain():
    assert sentence_domains(ORDINARY) == [[] for _ in ORDINARY]


def test_strict_domains_are_a_subset_of_the_normal_ones():
    texts = [text for text, _ in HEARD] + [
        "ik kom 's ochtends mijn bed niet meer uit en huil de hele dag",
        "we krijgen elke week aanmaningen en de rekeningen stapelen zich op",
    ]
    for normal, strict in zip(sentence_domains(texts), sentence_domains(texts, True), strict=True):
        assert set(strict) <= set(normal)


@pytest.mark.parametrize("texts", [[], [""], ["   "], ["!!! ??? 123"], ["😢😢"]])
def test_texts_without_words_get_no_domain(texts: list[str]):
    assert sentence_domains(texts) == [[] for _ in texts]


def test_the_encoder_needs_no_network():
    """The weights ship in the package: encoding works with every socket refused."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from bot.domain_encoder import sentence_domains\n"
        "print(sentence_domains(['nie mamy pieniędzy na czynsz']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "financien" in result.stdout
