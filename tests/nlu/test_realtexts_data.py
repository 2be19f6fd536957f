"""The real-text development set stays apart from what the model learns from, and is well-formed.

The pools (tests/nlu/realtexts/pool.yml for training examples, pool_safety.yml for the safety
lexicon) may be learned from; the development set may not. So no pool passage or pool source
page may also be in the development set, and no development passage may appear in the training
data or the domain terms.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from bot.catalogue import DOMAIN_IDS
from tests.nlu.devset import (
    MEMBER_ROLES,
    REALTEXTS,
    SAFETY_LEVELS,
    dev_label_files,
    dev_labels,
    dev_passages,
    pool,
    read_labels,
    read_passages,
)
from tests.nlu.examples import REPO, load_dir

_LANGUAGES = {"nl", "en", "tr", "ar", "pl", "uk", "ru", "ti", "fa", "de", "so"}
_KINDS = {"advice_column", "forum", "interview", "report", "other"}
# A member as labelled: a role, optionally "-<age or name>" ("child-15", "child-noa").
_MEMBER = re.compile(rf"^(?:{'|'.join(MEMBER_ROLES)})(?:-[\w-]+)?$")
_MIN_SHARED = 60  # characters of running text that betray a copied passage
SAFETY_POOL = REALTEXTS / "pool_safety.yml"


def _pools():
    """Every passage that may be learned from: the training pool and the safety pool."""
    return [*pool(), *read_passages(SAFETY_POOL)]


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _fragments(text: str, size: int = _MIN_SHARED) -> set[str]:
    plain = _plain(text)
    return {plain[i : i + size] for i in range(0, max(len(plain) - size, 0) + 1, size // 2)}


def test_there_is_a_development_set() -> None:
    assert dev_passages()
    assert dev_label_files()


def test_ids_are_unique_across_dev_set_and_pool() -> None:
    ids = Counter(p.id for p in [*dev_passages(), *_pools()])
    assert [i for i, n in ids.items() if n > 1] == []


def test_no_pool_passage_or_source_is_in_the_dev_set() -> None:
    dev = dev_passages()
    dev_sources = {p.source.rstrip("/") for p in dev}
    dev_texts = {_plain(p.text) for p in dev}
    dev_fragments = set().union(*(_fragments(p.text) for p in dev))
    for passage in _pools():
        assert passage.source.rstrip("/") not in dev_sources, passage.id
        assert _plain(passage.text) not in dev_texts, passage.id
        assert not _fragments(passage.text) & dev_fragments, passage.id


def test_no_dev_passage_is_in_the_training_data_or_terms() -> None:
    trained = [e.text for e in load_dir()[0]]
    trained.append((REPO / "bot/domain_terms.yml").read_text(encoding="utf-8"))
    trained_fragments = set().union(*(_fragments(t) for t in trained))
    leaked = [p.id for p in dev_passages() if _fragments(p.text) & trained_fragments]
    assert leaked == []


def test_every_passage_is_well_formed_and_labelled() -> None:
    labels = dev_labels()
    for passage in dev_passages():
        assert passage.id in labels, f"{passage.file}: {passage.id} has no labels"
        assert passage.language in _LANGUAGES, passage.id
        assert passage.kind in _KINDS, passage.id
        assert passage.source.startswith("http"), passage.id
        assert passage.text.strip(), passage.id
    for passage in _pools():
        assert passage.text.strip() and passage.source.startswith("http"), passage.id


def test_the_safety_pool_is_labelled_and_has_acute_and_calm_passages() -> None:
    items = yaml.safe_load(SAFETY_POOL.read_text(encoding="utf-8"))["passages"]
    levels = Counter(item["safety"] for item in items)
    assert set(levels) <= set(SAFETY_LEVELS), levels
    assert levels["acute"] >= 40 and levels["none"] >= 30, levels
    assert {item["language"] for item in items} <= _LANGUAGES


@pytest.mark.parametrize("path", dev_label_files(), ids=lambda p: p.name)
def test_labels_use_known_values(path) -> None:
    passages = {p.id for p in dev_passages()}
    for pid, labels in read_labels(path).items():
        assert pid in passages, f"{path.name}: labels for unknown passage {pid}"
        assert labels.safety in SAFETY_LEVELS, f"{pid}: safety {labels.safety!r}"
        for member, domain in labels.problems:
            assert _MEMBER.match(member), f"{pid}: member {member!r}"
            assert domain in DOMAIN_IDS, f"{pid}: domain {domain!r}"
