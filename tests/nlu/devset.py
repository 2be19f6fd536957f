"""Read the real-text development set and the training pool (tests/nlu/realtexts/).

The development set is every `passages*.yml` with its labels: the settled `labels.yml` when it
exists, else the first blind labelling (`labels_a*.yml`). The pool is `pool.yml`. Format and
labelling guideline: tests/nlu/realtexts/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REALTEXTS = Path(__file__).resolve().parent / "realtexts"
POOL_FILE = REALTEXTS / "pool.yml"
SETTLED_LABELS = REALTEXTS / "labels.yml"
SAFETY_LEVELS = ("none", "concern", "acute")
MEMBER_ROLES = ("self", "partner", "ex_partner", "child", "other", "household")


@dataclass(frozen=True)
class Passage:
    id: str
    language: str
    source: str
    kind: str
    text: str
    file: str


@dataclass(frozen=True)
class Labels:
    safety: str
    problems: tuple[tuple[str, str], ...]  # (member, domain), member as written ("child-15")

    @property
    def domains(self) -> frozenset[str]:
        return frozenset(domain for _, domain in self.problems)


@dataclass(frozen=True)
class Labelled:
    passage: Passage
    labels: Labels


def read_passages(path: Path) -> list[Passage]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Passage(
            id=str(item["id"]),
            language=str(item.get("language", "")),
            source=str(item.get("source", "")),
            kind=str(item.get("kind", "")),
            text=str(item["text"]),
            file=path.name,
        )
        for item in data.get("passages") or []
    ]


def read_labels(path: Path) -> dict[str, Labels]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for pid, item in (data.get("labels") or {}).items():
        problems = []
        for problem in (item or {}).get("problems") or []:
            member, _, domain = str(problem).partition(":")
            problems.append((member.strip(), domain.strip()))
        out[str(pid)] = Labels(str((item or {}).get("safety")), tuple(problems))
    return out


def dev_passages() -> list[Passage]:
    return [p for path in sorted(REALTEXTS.glob("passages*.yml")) for p in read_passages(path)]


def dev_label_files() -> list[Path]:
    if SETTLED_LABELS.exists():
        return [SETTLED_LABELS]
    return sorted(REALTEXTS.glob("labels_a*.yml"))


def dev_labels() -> dict[str, Labels]:
    labels: dict[str, Labels] = {}
    for path in dev_label_files():
        labels.update(read_labels(path))
    return labels


def devset() -> list[Labelled]:
    """Every development passage that has labels, in file order."""
    labels = dev_labels()
    return [Labelled(p, labels[p.id]) for p in dev_passages() if p.id in labels]


def pool() -> list[Passage]:
    return read_passages(POOL_FILE) if POOL_FILE.exists() else []
