"""Latency of one match and one suggest on the full index (en+fr+de+es), against naive rapidfuzz.

Also reports index build time and index memory (tracemalloc: Python allocations made while
building). Queries are real-looking titles drawn from the JobBERT dev set, plus prefixes of
them for autocomplete; when the dev set is absent a small hand-written list is used.

    python benchmarks/match_speed.py [--queries 2000]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process, utils

from benchmarks._timing import percentiles, time_each
from matching import MatchIndex

FALLBACK_TITLES = [
    "nurse",
    "senior software engineer",
    "Krankenpfleger (m/w/d)",
    "RN",
    "marketing executive",
    "acountant",
    "truck driver",
    "chef de partie",
]


def p50_p99(func: Callable[[str], object], queries: Sequence[str]) -> tuple[float, float]:
    """Milliseconds of one call per query: median and 99th percentile."""
    return percentiles(time_each(func, queries))


def main() -> None:
    """Build, measure memory, then time match, suggest and the naive baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--baseline-queries", type=int, default=300)
    args = parser.parse_args()

    from benchmarks.match_quality import DEV_CSV, load_dev, load_inputs

    occupations, labels = load_inputs()
    gc.collect()
    started = time.perf_counter()
    MatchIndex.build(occupations, labels)
    build_s = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    index = MatchIndex.build(occupations, labels)
    gc.collect()
    memory_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    print(
        f"index build: {build_s:.2f} s   memory: {memory_mb:.1f} MB   "
        f"({len(index)} occupations, {len(labels)} labels)"
    )

    titles = [t for t, _ in load_dev(DEV_CSV)] if DEV_CSV.exists() else FALLBACK_TITLES
    rng = random.Random(7)
    queries = [rng.choice(titles) for _ in range(args.queries)]
    prefixes = [q.strip()[: rng.randint(2, max(2, min(12, len(q.strip()))))] for q in queries]

    m50, m99 = p50_p99(lambda q: index.match(q, top=10), queries)
    s50, s99 = p50_p99(lambda q: index.suggest(q, limit=25), prefixes)
    print(f"match   p50 {m50:7.2f} ms   p99 {m99:7.2f} ms   ({len(queries)} titles)")
    print(f"suggest p50 {s50:7.2f} ms   p99 {s99:7.2f} ms   ({len(prefixes)} prefixes)")

    choices = list({lab.label for lab in labels})
    sample = queries[: args.baseline_queries]
    n50, n99 = p50_p99(
        lambda q: process.extract(
            q, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=60
        ),
        sample,
    )
    print(
        f"naive   p50 {n50:7.2f} ms   p99 {n99:7.2f} ms   ({len(sample)} titles, "
        f"WRatio over {len(choices)} label strings)"
    )
    print(f"speed-up at p50: {n50 / m50:.0f}x")


if __name__ == "__main__":
    main()
