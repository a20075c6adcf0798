"""Timing helpers every latency benchmark shares: one call per item, then p50 and p99."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Calls made before timing starts, so caches and lazy imports do not land in the figures.
WARM_UP = 20


def percentiles(samples: Sequence[float], scale: float = 1000) -> tuple[float, float]:
    """p50 and p99 of seconds, in milliseconds unless ``scale`` says otherwise (1e6: µs)."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return statistics.median(ordered) * scale, p99 * scale


def time_each(func: Callable[[T], object], items: Sequence[T]) -> list[float]:
    """Seconds of one call per item, after a short warm-up."""
    for item in items[:WARM_UP]:
        func(item)
    samples = []
    for item in items:
        started = time.perf_counter()
        func(item)
        samples.append(time.perf_counter() - started)
    return samples
