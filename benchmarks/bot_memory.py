"""Bot memory and start-up on a warm cache: one bot process, then two on the same host.

Each bot is a real process running the real discord.py client against the local fake Discord
(tests/fake_discord), as in benchmarks/bot_latency.py, on the full data (en, fr, de, es) with
CACHE_DIR at .bench-cache/, where the match index and scores were laid out before the run.

- start to ready: from starting the process to its commands synced, the index loaded
  (median of three starts);
- RSS and PSS of a bot that has answered a few dozen real job titles; PSS
  (/proc/PID/smaps_rollup) splits each shared page between the processes mapping it, where
  RSS counts it whole in each;
- two bots at once: the sum of their PSS, against one bot's alone. A minimal discord.py bot
  (a fixed embed, no willai) runs alongside for scale.

    python -m benchmarks.bot_memory [--titles 60]

Targets (issue 14): start to ready <= 1.5 s, RSS <= 200 MB, two bots < 1.6x one.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

READY_TARGET_S = 1.5
RSS_TARGET_MB = 200.0
PAIR_TARGET = 1.6
STARTS = 3


@dataclass(frozen=True, slots=True)
class Memory:
    """One process's memory, in MB: resident, proportional, and what the two split into."""

    rss: float
    peak_rss: float
    pss: float
    pss_anon: float  # the process's own heap: Python objects, numpy buffers
    pss_file: float  # its share of mapped files: the cache, shared libraries

    @classmethod
    def of(cls, pid: int) -> Memory:
        rollup = _fields(Path(f"/proc/{pid}/smaps_rollup"))
        status = _fields(Path(f"/proc/{pid}/status"))
        return cls(
            rss=status["VmRSS"],
            peak_rss=status["VmHWM"],
            pss=rollup["Pss"],
            pss_anon=rollup.get("Pss_Anon", float("nan")),
            pss_file=rollup.get("Pss_File", float("nan")),
        )

    def line(self) -> str:
        return (
            f"RSS {self.rss:6.1f} MB (peak {self.peak_rss:6.1f})   PSS {self.pss:6.1f} MB "
            f"(own heap {self.pss_anon:6.1f}, share of mapped files {self.pss_file:6.1f})"
        )


def _fields(path: Path) -> dict[str, float]:
    """`Name:   1234 kB` lines of a /proc file, in MB."""
    out: dict[str, float] = {}
    for line in path.read_text().splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if len(parts) == 2 and parts[1] == "kB":
            out[name.strip()] = int(parts[0]) / 1024
    return out


@contextlib.asynccontextmanager
async def started(kind: str, database_url: str) -> AsyncIterator[tuple[object, int, float]]:
    """A bot process logged in to its own fake; yields (fake, pid, seconds from start to ready)."""
    from benchmarks.bot_latency import running_bot

    began = time.perf_counter()
    async with running_bot(kind, database_url) as (fake, pid):
        yield fake, pid, time.perf_counter() - began


async def answer_titles(fake: object, titles: list[str]) -> None:
    """Real job titles, one after another, each from a new user (answers, menus, no-matches)."""
    from benchmarks.bot_latency import ask

    for i, title in enumerate(titles):
        await ask(fake, title, i)  # type: ignore[arg-type]


async def start_times(database_url: str) -> list[float]:
    """Seconds from process start to ready, for a few starts one after another."""
    times = []
    for _ in range(STARTS):
        async with started("willai", database_url) as (_, _, seconds):
            times.append(seconds)
    return times


async def one_bot(database_url: str, titles: list[str]) -> tuple[Memory, Memory]:
    """A willai bot after answering `titles`, and a minimal bot beside it, measured alone."""
    async with started("willai", database_url) as (fake, pid, _):
        await answer_titles(fake, titles)
        willai = Memory.of(pid)
    async with started("minimal", database_url) as (fake, pid, _):
        await answer_titles(fake, titles[:5])
        minimal = Memory.of(pid)
    return willai, minimal


async def two_bots(database_url: str, titles: list[str]) -> tuple[Memory, Memory]:
    """Two willai bots running at once, both after answering the same titles."""
    async with (
        started("willai", database_url) as (fake_a, pid_a, _),
        started("willai", database_url) as (fake_b, pid_b, _),
    ):
        await answer_titles(fake_a, titles)
        await answer_titles(fake_b, titles)
        return Memory.of(pid_a), Memory.of(pid_b)


def warm_cache(database_url: str) -> None:
    """Lay out the index and scores in CACHE_DIR, as `willai data import` does."""
    from db.store import Store
    from willai import caches

    caches.prepare(Store.from_url(database_url), Path(os.environ["CACHE_DIR"]))


async def run(count: int) -> int:
    from benchmarks._data import CACHE, full_store_url
    from benchmarks.bot_latency import sample_titles

    os.environ["CACHE_DIR"] = str(CACHE)  # the bot processes inherit it
    database_url = full_store_url()
    warm_cache(database_url)
    titles = sample_titles(count)

    times = await start_times(database_url)
    ready = statistics.median(times)
    print(
        f"start to ready, warm cache: median {ready:.2f} s of {STARTS} "
        f"({', '.join(f'{t:.2f}' for t in times)}; target <= {READY_TARGET_S:g} s)"
    )
    willai, minimal = await one_bot(database_url, titles)
    print(f"one willai bot after {count} titles: {willai.line()}")
    print(f"minimal discord.py bot (no willai):  {minimal.line()}")
    first, second = await two_bots(database_url, titles)
    pair = first.pss + second.pss
    print(f"two willai bots at once:  A {first.line()}")
    print(f"                          B {second.line()}")
    ratio = pair / willai.pss
    print(
        f"two bots use {pair:.1f} MB (sum of PSS) = {ratio:.2f}x one bot's {willai.pss:.1f} MB "
        f"(target < {PAIR_TARGET:g}x)"
    )
    print(f"one bot's RSS: {willai.rss:.1f} MB (target <= {RSS_TARGET_MB:g} MB)")
    ok = ready <= READY_TARGET_S and willai.rss <= RSS_TARGET_MB and ratio < PAIR_TARGET
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--titles", type=int, default=60, help="titles each bot answers first")
    args = parser.parse_args()
    return asyncio.run(run(args.titles))


if __name__ == "__main__":
    sys.exit(main())
