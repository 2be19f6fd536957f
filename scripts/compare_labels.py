"""Compare the two blind labellings of the real-text development set.

Prints the agreement (safety: Cohen's kappa; domains: per-passage set agreement and F1 of B
against A) and writes every passage where they differ to a YAML file for settling.

Usage: .venv/bin/python scripts/compare_labels.py [differences.yml]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "nlu" / "realtexts"


def _load(pattern: str) -> dict[str, dict]:
    labels: dict[str, dict] = {}
    for path in sorted(FOLDER.glob(pattern)):
        labels.update(yaml.safe_load(path.read_text(encoding="utf-8"))["labels"])
    return labels


def _domains(label: dict) -> set[str]:
    return {p.split(":", 1)[1] for p in label.get("problems") or []}


def _kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main(out: Path) -> None:
    a, b = _load("labels_a_*.yml"), _load("labels_b_*.yml")
    ids = sorted(set(a) & set(b))
    missing = sorted(set(a) ^ set(b))
    safety = [(a[i]["safety"], b[i]["safety"]) for i in ids]
    both = sum(len(_domains(a[i]) & _domains(b[i])) for i in ids)
    only_a = sum(len(_domains(a[i]) - _domains(b[i])) for i in ids)
    only_b = sum(len(_domains(b[i]) - _domains(a[i])) for i in ids)
    same_sets = sum(_domains(a[i]) == _domains(b[i]) for i in ids)
    print(f"passages labelled twice: {len(ids)} (only once: {len(missing)})")
    print(f"safety: same {sum(x == y for x, y in safety)}/{len(ids)}, kappa {_kappa(safety):.2f}")
    f1 = 2 * both / (2 * both + only_a + only_b)
    print(f"domains: same set {same_sets}/{len(ids)}, F1 {f1:.2f}")
    differ = {
        i: {"a": a[i], "b": b[i]}
        for i in ids
        if a[i]["safety"] != b[i]["safety"]
        or set(a[i].get("problems") or []) != set(b[i].get("problems") or [])
    }
    out.write_text(yaml.safe_dump(differ, allow_unicode=True, sort_keys=True), encoding="utf-8")
    print(f"{len(differ)} passages differ: {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("label-differences.yml"))
