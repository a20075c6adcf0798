"""Time full-release scoring against a simple baseline, in the same run.

The model must score every occupation of a release in at most 2 s. The baseline is the crude
per-group average (mean hand-set group susceptibility per occupation), so a slow machine shows
up in both numbers and the ratio stays comparable across machines.

Run: .venv/bin/python -m benchmarks.score_speed [runs]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from benchmarks._data import full_store, require_shared_data
from benchmarks.validate_scores import crude_baseline
from scoring import score_release

BUDGET_SECONDS = 2.0


def timings(work: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of each run."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        out.append(time.perf_counter() - start)
    return out


def summary(name: str, seconds: list[float]) -> str:
    """One line: median and p99 (the slowest run when there are fewer than 100)."""
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"{name:28s} median {statistics.median(ordered):6.3f} s   p99 {p99:6.3f} s"


def main() -> int:
    require_shared_data()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    occupations, skills = full_store().scoring_inputs()
    print(f"{len(occupations)} occupations, {len(skills)} skills, {runs} runs each")
    model = timings(lambda: score_release(occupations, skills), runs)
    baseline = timings(lambda: crude_baseline(occupations, skills), runs)
    print(summary("score_release (model)", model))
    print(summary("crude per-group baseline", baseline))
    median = statistics.median(model)
    within = "yes" if median <= BUDGET_SECONDS else "NO"
    print(f"model within the {BUDGET_SECONDS:.0f} s budget: {within}")
    return 0 if median <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
