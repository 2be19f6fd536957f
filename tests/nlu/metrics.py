"""Scores shared by the NLU evaluations (held-out set and real development set)."""

from __future__ import annotations

from collections.abc import Iterable

import httpx


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def domain_micro(
    pairs: Iterable[tuple[frozenset[str], frozenset[str]]],
) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over (gold, predicted) domain sets."""
    tp = fp = fn = 0
    for gold, predicted in pairs:
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, f1(tp, fp, fn)


def per_domain(
    pairs: list[tuple[frozenset[str], frozenset[str]]], domain: str
) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and gold support of one domain."""
    scores = domain_micro((g & {domain}, q & {domain}) for g, q in pairs)
    return (*scores, sum(domain in g for g, _ in pairs))


def parse_all(base_url: str, texts: Iterable[str]) -> list[dict]:
    """The server's /model/parse result for every text, in order."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        out = []
        for text in texts:
            response = client.post("/model/parse", json={"text": text})
            response.raise_for_status()
            out.append(response.json())
    return out
