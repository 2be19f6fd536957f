"""Build bot/domain_encoder.npz: the life-domain classifier on sentence-encoder embeddings.

Training texts, never the real-text development set (tests/nlu/realtexts/passages_*.yml,
labels*.yml) nor the self-written held-out set (tests/nlu/heldout.yml):

- the labelled passages of the real-text training pool (tests/nlu/realtexts/pool.yml), with
  the domains of their `problems`;
- the data/nlu examples that carry `leefgebied` values (those values are their domains), and
  the examples of intents that tell no problem (greetings, yes/no, household, ...) with no
  domain. Problem examples without a `leefgebied` annotation are left out: many name a domain
  that was simply not annotated ("we kunnen de huur niet meer betalen").

Settings are chosen by 5-fold cross-validation on these texts (the pool grouped by source
page), each held-out text read sentence by sentence as `bot.analysis` reads a message:

- the L2 strength, the weight of a pool passage and `threshold`: best micro-F1 of terms +
  encoder on the pool passages (real texts, like the messages the product reads);
- `strict_threshold`: the lowest at which the encoder's own domains are right (in the text's
  gold domains) at least 80% of the time, on the pool and on the data/nlu examples alike.

Usage: .venv/bin/python scripts/build_domain_encoder.py   (about 1 minute on 2 cores)
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.catalogue import DOMAIN_IDS
from bot.domain_encoder import MODEL_FILE, DomainClassifier, embed
from bot.domain_terms import detect_domains
from bot.sentences import split_sentences
from tests.nlu.devset import POOL_FILE, read_passages
from tests.nlu.examples import load_dir

PROBLEM_INTENTS = {"describe_problem", "acute_danger"}
FOLDS = 5
L2_GRID = (1e-4, 1e-3)
POOL_WEIGHTS = (1.0, 3.0)  # how much more a real passage counts than a self-written example
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.10, 0.91, 0.05))
STRICT_PRECISION = 0.8


@dataclass(frozen=True)
class Text:
    text: str
    domains: frozenset[str]
    group: str  # texts of one group stay in one fold
    pool: bool


@dataclass(frozen=True)
class Setting:
    l2: float
    pool_weight: float
    threshold: float
    strict_threshold: float
    cv_f1: float  # terms + encoder on the pool passages


def training_texts() -> list[Text]:
    problems = {
        str(p["id"]): [str(x) for x in p["problems"] or []]
        for p in yaml.safe_load(POOL_FILE.read_text(encoding="utf-8"))["passages"]
        if "problems" in p
    }
    texts = [
        Text(p.text, frozenset(x.split(":", 1)[1].strip() for x in problems[p.id]), p.source, True)
        for p in read_passages(POOL_FILE)
        if p.id in problems
    ]
    for e in load_dir()[0]:
        domains = frozenset(v for v in e.values("leefgebied") if v in DOMAIN_IDS)
        if domains or e.intent not in PROBLEM_INTENTS:
            texts.append(Text(e.text, domains, e.text, False))
    return texts


def fit(
    x: np.ndarray, y: np.ndarray, l2: float, weight: np.ndarray, steps: int = 800
) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest logistic regression by full-batch gradient descent, each text weighted
    (x is L2-normalised, so one fixed step size works)."""
    weight = weight[:, None] / weight.mean()
    w = np.zeros((x.shape[1], y.shape[1]))
    b = np.zeros(y.shape[1])
    for _ in range(steps):
        error = (_sigmoid(x @ w + b) - y) * weight
        w -= 2.0 * (x.T @ error / len(x) + l2 * w)
        b -= 2.0 * error.mean(0)
    return w, b


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def micro(pairs: list[tuple[frozenset[str], set[str]]]) -> tuple[float, float, float]:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def cross_validate(texts: list[Text], x: np.ndarray, y: np.ndarray) -> Setting:
    """Every setting of the grid scored on texts its fold did not train on, each text read
    sentence by sentence (a domain is found when one sentence reaches the threshold)."""
    sentences = [[s.text for s in split_sentences(t.text)] or [t.text] for t in texts]
    xs = embed([s for group in sentences for s in group]).astype(np.float64)
    owner = np.repeat(np.arange(len(texts)), [len(group) for group in sentences])
    fold = np.array([int(hashlib.sha256(t.group.encode()).hexdigest(), 16) % FOLDS for t in texts])
    terms = [{h.domain for h in detect_domains(t.text)} for t in texts]
    parts = {"pool": [i for i, t in enumerate(texts) if t.pool]}
    parts["data/nlu"] = [i for i, t in enumerate(texts) if not t.pool]
    best: Setting | None = None
    for l2, pool_weight in itertools.product(L2_GRID, POOL_WEIGHTS):
        weight = np.array([pool_weight if t.pool else 1.0 for t in texts])
        held = np.zeros((len(xs), y.shape[1]))
        for k in range(FOLDS):
            w, b = fit(x[fold != k], y[fold != k], l2, weight[fold != k])
            rows = fold[owner] == k
            held[rows] = _sigmoid(xs[rows] @ w + b)
        top = np.array([held[owner == i].max(0) for i in range(len(texts))])
        strict, f1 = None, {}
        for threshold in THRESHOLDS:
            found = [
                {d for d, p in zip(DOMAIN_IDS, row, strict=True) if p >= threshold} for row in top
            ]
            alone = {
                name: micro([(texts[i].domains, found[i]) for i in idx])
                for name, idx in parts.items()
            }
            with_terms = micro([(texts[i].domains, found[i] | terms[i]) for i in parts["pool"]])
            f1[threshold] = with_terms[2]
            if strict is None and all(p >= STRICT_PRECISION for p, _, _ in alone.values()):
                strict = threshold
            scores = "; ".join(f"{n} P {p:.2f} R {r:.2f}" for n, (p, r, _) in alone.items())
            print(
                f"l2 {l2:g} pool weight {pool_weight:g} threshold {threshold:.2f}: pool terms + "
                f"encoder P {with_terms[0]:.2f} R {with_terms[1]:.2f} F1 {with_terms[2]:.3f}; "
                f"encoder alone {scores}"
            )
        threshold = max(f1, key=f1.__getitem__)
        if strict is not None and (best is None or f1[threshold] > best.cv_f1):
            best = Setting(l2, pool_weight, threshold, strict, f1[threshold])
    if best is None:
        raise SystemExit(f"no setting reaches precision {STRICT_PRECISION} in cross-validation")
    return best


def main() -> None:
    texts = training_texts()
    print(f"training texts: {sum(t.pool for t in texts)} pool passages, "
          f"{sum(not t.pool for t in texts)} data/nlu examples")  # fmt: skip
    x = embed([t.text for t in texts]).astype(np.float64)
    y = np.array([[d in t.domains for d in DOMAIN_IDS] for t in texts], dtype=np.float64)
    best = cross_validate(texts, x, y)
    print(f"chosen: {best}")
    weight = np.array([best.pool_weight if t.pool else 1.0 for t in texts])
    w, b = fit(x, y, best.l2, weight)
    DomainClassifier(DOMAIN_IDS, w, b, best.threshold, best.strict_threshold).save(
        MODEL_FILE, info=json.dumps({**asdict(best), "texts": len(texts)})
    )
    print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
