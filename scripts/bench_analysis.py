"""What reading one message costs: milliseconds per message and the process's memory.

Times `bot.analysis.analyse` (without the Rasa parse: terms, sentence encoder, members,
safety) and `bot.attribution.read_story` (the dialogue: the encoder per clause), on the
real-text training pool (long stories) and on the data/nlu examples (short chat messages),
and prints p50/p95 per message, the part the sentence encoder takes, its load time and the
resident memory (RSS) before and after loading it.

Usage: .venv/bin/python scripts/bench_analysis.py
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.analysis import analyse
from bot.attribution import read_story
from bot.domain_encoder import sentence_domains
from bot.sentences import split_sentences
from tests.nlu.devset import pool
from tests.nlu.examples import load_dir

CHAT_SAMPLE = 300  # every n-th data/nlu example, enough for stable percentiles


def rss_mb() -> float:
    """Current resident memory (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(texts: list[str], step: Callable[[str], object]) -> list[float]:
    out = []
    for text in texts:
        start = time.perf_counter()
        step(text)
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    p95 = statistics.quantiles(ms, n=20)[-1]
    print(f"  {name:<42} p50 {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms")


def main() -> None:
    stories = [p.text for p in pool()]
    examples = load_dir()[0]
    chat = [e.text for e in examples[:: max(1, len(examples) // CHAT_SAMPLE)]]
    before = rss_mb()
    start = time.perf_counter()
    sentence_domains(["laden"])
    print(f"encoder load: {time.perf_counter() - start:.1f} s; "
          f"RSS {before:.0f} MB before, {rss_mb():.0f} MB after")  # fmt: skip
    for name, texts in (("pool stories", stories), ("chat messages", chat)):
        words = statistics.mean(len(t.split()) for t in texts)
        print(f"{name} (n={len(texts)}, {words:.0f} words on average):")
        report("analyse (no Rasa parse)", timed(texts, lambda t: analyse(t, None)))
        report(
            "  of which the encoder (per sentence)",
            timed(texts, lambda t: sentence_domains([s.text for s in split_sentences(t)])),
        )
        report("read_story (dialogue, encoder per clause)", timed(texts, read_story))
    print(f"RSS at the end: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
