"""Checks on the NLU data itself: the held-out set stays held out, values stay normalised."""

from __future__ import annotations

import re

import pytest

from bot.catalogue import DOMAIN_IDS
from tests.nlu.examples import heldout, load_dir

MEMBER_VALUES = {
    "zoon", "dochter", "kind", "partner", "ex_partner", "moeder", "vader", "baby", "oma", "opa",
    "other",
}  # fmt: skip
SERVICE_VALUES = {
    "huisarts", "poh_ggz", "school", "jgz", "schuldhulp", "woningcorporatie", "veilig_thuis",
    "jeugdbescherming", "ggz", "wijkteam", "cjg", "politie", "other",
}  # fmt: skip
ALLOWED = {
    "leefgebied": set(DOMAIN_IDS),
    "member": MEMBER_VALUES,
    "service": SERVICE_VALUES,
    "language": {"nl", "en"},
}
TRAINING, LOOKUPS, SYNONYMS = load_dir()
HELDOUT = heldout()


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def test_heldout_is_large_and_never_in_training() -> None:
    assert len(HELDOUT) >= 200
    seen = {_norm(e.text) for e in TRAINING}
    leaked = [e.text for e in HELDOUT if _norm(e.text) in seen]
    assert leaked == []


def test_heldout_covers_every_free_text_intent() -> None:
    intents = {e.intent for e in TRAINING} - {"choose"}
    assert intents <= {e.intent for e in HELDOUT}


def test_training_entity_values_are_normalised() -> None:
    """What the synonym mapper turns each annotated entity into is a value consumers know."""
    wrong = [
        (e.source, ent.entity, ent.text)
        for e in TRAINING
        for ent in e.entities
        if ent.entity in ALLOWED
        and SYNONYMS.get(ent.text.lower(), ent.value) not in ALLOWED[ent.entity]
    ]
    assert wrong == []


def test_gold_leefgebied_values_are_domain_ids() -> None:
    wrong = [(e.text, v) for e in HELDOUT for v in e.values("leefgebied") if v not in DOMAIN_IDS]
    assert wrong == []


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_every_lookup_element_maps_to_a_valid_value(name: str) -> None:
    elements = LOOKUPS[name]
    unmapped = [w for w in elements if SYNONYMS.get(w.lower(), w) not in ALLOWED[name]]
    assert unmapped == []


def test_no_text_is_annotated_with_two_values() -> None:
    """Synonyms are global in Rasa: one text mapped to two values silently keeps the last."""
    targets: dict[str, set[str]] = {}
    for example in TRAINING:
        for ent in example.entities:
            if ent.value != ent.text:
                targets.setdefault(ent.text.lower(), set()).add(ent.value)
    for text, value in SYNONYMS.items():
        targets.setdefault(text, set()).add(value)
    assert {t: v for t, v in targets.items() if len(v) > 1} == {}


def test_choose_is_only_reached_by_button_payloads() -> None:
    choose = [e.text for e in TRAINING if e.intent == "choose"]
    assert choose and all(t.startswith("/choose") for t in choose)
