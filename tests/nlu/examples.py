"""Read Rasa NLU YAML (training data and the held-out set) without importing Rasa.

Rasa lives in its own Python 3.10 venv; the tests run in the main venv, so this module parses
the annotation syntax itself: `[text](entity)`, `[text](entity:value)` and
`[text]{"entity": ..., "value": ...}`, the forms our data uses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
TRAINING_DIR = REPO / "data/nlu"
HELDOUT_FILE = REPO / "tests/nlu/heldout.yml"

_ANNOTATION = re.compile(
    r"\[(?P<text>[^\]]+?)\](?:\((?P<entity>[^:)]+?)(?::(?P<value>[^)]+))?\)|(?P<dict>\{[^}]+?\}))"
)
_ITEM = re.compile(r"^\s*-\s?(.*)$")


@dataclass(frozen=True)
class Entity:
    entity: str
    value: str
    text: str


@dataclass(frozen=True)
class Example:
    intent: str
    text: str  # plain text, annotations removed
    entities: tuple[Entity, ...]
    source: str  # file name, for messages

    def values(self, entity: str) -> set[str]:
        return {e.value for e in self.entities if e.entity == entity}


def parse_example(annotated: str, intent: str, source: str) -> Example:
    """Strip the annotations from one example and collect its entities."""
    entities: list[Entity] = []

    def plain(match: re.Match[str]) -> str:
        text = match["text"]
        if match["dict"]:
            attrs = json.loads(match["dict"])
            entities.append(Entity(attrs["entity"], str(attrs.get("value", text)), text))
        else:
            entities.append(Entity(match["entity"], match["value"] or text, text))
        return text

    return Example(intent, _ANNOTATION.sub(plain, annotated).strip(), tuple(entities), source)


def _items(block: str) -> list[str]:
    return [m.group(1) for line in block.splitlines() if (m := _ITEM.match(line))]


def load_file(path: Path) -> tuple[list[Example], dict[str, list[str]], dict[str, str]]:
    """Examples, lookup tables (name -> elements) and synonyms (lowercase text -> value)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples: list[Example] = []
    lookups: dict[str, list[str]] = {}
    synonyms: dict[str, str] = {}
    for item in data.get("nlu", []):
        if "intent" in item:
            examples += [
                parse_example(t, item["intent"], path.name) for t in _items(item["examples"])
            ]
        elif "lookup" in item:
            lookups.setdefault(item["lookup"], []).extend(_items(item["examples"]))
        elif "synonym" in item:
            synonyms.update({t.lower(): item["synonym"] for t in _items(item["examples"])})
    return examples, lookups, synonyms


def load_dir(directory: Path = TRAINING_DIR):
    """Everything under data/nlu merged, as Rasa merges it."""
    examples: list[Example] = []
    lookups: dict[str, list[str]] = {}
    synonyms: dict[str, str] = {}
    for path in sorted(directory.rglob("*.yml")):
        ex, lk, syn = load_file(path)
        examples += ex
        for name, elements in lk.items():
            lookups.setdefault(name, []).extend(elements)
        synonyms.update(syn)
    return examples, lookups, synonyms


def heldout() -> list[Example]:
    return load_file(HELDOUT_FILE)[0]
