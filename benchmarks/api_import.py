"""Time fetching N occupations from the fake ESCO web service, at a concurrency and at 1.

Usage (from the repo root): ``.venv/bin/python benchmarks/api_import.py --occupations 200``.
The fake adds ``--latency`` seconds per request to stand in for the real service's round
trip; with zero latency the numbers only measure local JSON and CSV work. Every run starts
with an empty cache, so this is the cold-import cost; a warm rerun does no requests at all.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from esco_api import FetchReport, RetryPolicy, fetch_bundle  # noqa: E402
from tests.fakes.fake_esco_api import FakeData, FakeEscoApi, build_data  # noqa: E402

BUNDLE = REPO.parent / "shared" / "data" / "esco" / "v1.1.1"


async def one_run(data: FakeData, concurrency: int, latency: float) -> tuple[float, FetchReport]:
    """One cold fetch into temporary directories; returns wall seconds and the report."""
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeEscoApi(data, delay=latency) as fake:
            started = time.perf_counter()
            report = await fetch_bundle(
                Path(tmp) / "bundle",
                version="v1.1.1",
                languages=["en"],
                base_url=fake.base_url,
                cache_dir=Path(tmp) / "cache",
                concurrency=concurrency,
                retry=RetryPolicy(attempts=3, timeout=30.0),
            )
            return time.perf_counter() - started, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--occupations", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.05, help="fake seconds per request")
    args = parser.parse_args()
    if not (BUNDLE / "en" / "occupations_en.csv").is_file():
        print(f"shared ESCO bundle not found at {BUNDLE}; nothing to benchmark")
        return 1
    data = build_data(BUNDLE, args.occupations)
    print(
        f"fetching {args.occupations} occupations from the fake "
        f"(latency {args.latency * 1000:.0f} ms/request, {args.repeats} runs each)"
    )
    for concurrency in sorted({1, args.concurrency}):
        times: list[float] = []
        report: FetchReport | None = None
        for _ in range(args.repeats):
            seconds, report = asyncio.run(one_run(data, concurrency, args.latency))
            times.append(seconds)
        assert report is not None
        print(
            f"concurrency {concurrency:>2}: median {statistics.median(times):6.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}); {report.requests} requests, "
            f"{report.skills} skills, {report.relations} relations"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
