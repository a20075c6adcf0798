"""Bot memory and start-up on a warm cache: one bot process, then two on the same host.

Each bot is a real process running the real discord.py client against the local fake Discord
(tests/fake_discord), as in benchmarks/bot_latency.py, on the full data (en, fr, de, es) with
CACHE_DIR at .bench-cache/, where the match index and scores were laid out, and the score
cards of the titles drawn, before the run (so no measured bot draws one), by a process that
has exited before the first bot starts: only the bots map the cache, so no other process
takes a share of its pages out of their PSS.

- start to ready: from starting the process to its commands synced, the index loaded
  (median of three starts);
- RSS and PSS of a bot that has answered a few dozen real job titles; PSS
  (/proc/PID/smaps_rollup) splits each shared page between the processes mapping it, where
  RSS counts it whole in each;
- two bots at once: the sum of their PSS, against one bot's alone. A minimal discord.py bot
  (a fixed embed, no willai) runs alongside for scale.
- two bots forked from one launcher (SHARD_COUNT=2, SHARD_PROCESSES=2, bot/processes.py):
  the real launcher loads the release once and forks a process per shard; each answers the
  same titles in a guild of its shard. The sum of the PSS of the launcher and both shard
  processes, against the one bot's.

    python -m benchmarks.bot_memory [--titles 60]

Targets (issue 14): start to ready <= 1.5 s, RSS <= 200 MB, two bots < 1.6x one (met by the
forked pair; two separate interpreters are shown beside it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import subprocess
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


def children_of(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux: /proc/PID/task/PID/children)."""
    return [int(part) for part in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


async def forked_pair(database_url: str, titles: list[str]) -> tuple[Memory, list[Memory]]:
    """The launcher and its two shard processes, each process after answering ``titles``."""
    from benchmarks.bot_latency import ask
    from tests.fake_discord import FakeDiscord

    async with FakeDiscord() as fake:
        guilds = [fake.configure_guild_on_shard(shard, 2).id for shard in (0, 1)]
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "DISCORD_TOKEN": fake.token,
            "DATABASE_URL": database_url,
            "DEV_GUILD_ID": str(guilds[0]),
            "REFRESH_INTERVAL_DAYS": "0",
            "SHARD_COUNT": "2",
            "SHARD_PROCESSES": "2",
        }
        launcher = subprocess.Popen(  # noqa: ASYNC220 - started once, then only signalled
            [
                sys.executable,
                "-m",
                "benchmarks.bot_memory",
                "--serve-launcher",
                fake.api_base,
                fake.gateway_url,
            ],
            cwd=REPO,
            env=env,
        )
        try:
            await fake.wait_for_sync(guilds[0], timeout=120)
            await fake.wait_shards({0, 1}, timeout=120)
            for i, title in enumerate(titles):
                for guild in guilds:
                    await ask(fake, title, i, guild_id=guild)
            shards = children_of(launcher.pid)
            return Memory.of(launcher.pid), [Memory.of(pid) for pid in shards]
        finally:
            launcher.terminate()
            launcher.wait(30)


def serve_launcher(api_base: str, gateway_url: str) -> int:
    """The real launcher (``python -m bot``), pointed at the fake; settings from the environment."""
    from tests.fake_discord.patching import patch_discord

    with patch_discord(api_base, gateway_url):
        from bot.launcher import main as bot_main

        return bot_main()


def warm_cards(database_url: str, titles: list[str]) -> None:
    """Draw the score card of every answer first, into CACHE_DIR/cards.

    A card not on disk is drawn by the first bot that answers (Pillow, fonts and glyph caches
    in its heap); the bots measured after it would find it drawn, and a changed matcher or
    release leaves cards to draw. Drawn here, no measured bot draws one.
    """
    from bot.cogs.ask import build_reply
    from bot.serving import Serving
    from db.store import Store

    serving = Serving.load(Store.from_url(database_url), Path(os.environ["CACHE_DIR"]))
    for title in titles:
        build_reply(serving, title, draw=True)


def warm_cache(database_url: str) -> None:
    """Lay out the index and scores in CACHE_DIR, as `willai data import` does."""
    from db.store import Store
    from willai import caches

    caches.prepare(Store.from_url(database_url), Path(os.environ["CACHE_DIR"]))


def warm(count: int) -> int:
    """Lay out the caches and draw the cards, in a process of its own (see `run`)."""
    from benchmarks._data import full_store_url
    from benchmarks.bot_latency import sample_titles

    database_url = full_store_url()
    warm_cache(database_url)
    warm_cards(database_url, sample_titles(count))
    return 0


def warm_elsewhere(count: int) -> None:
    """`warm` in a child process, with CACHE_DIR set for it and for the bots started later.

    This process maps nothing of the cache: one that did would share its pages with the bots
    measured, and take a part of each bot's PSS for itself.
    """
    from benchmarks._data import CACHE

    os.environ["CACHE_DIR"] = str(CACHE)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bot_memory", "--warm", "--titles", str(count)],
        cwd=REPO,
        check=True,
    )


async def run(count: int) -> int:
    from benchmarks._data import full_store_url
    from benchmarks.bot_latency import sample_titles

    database_url = full_store_url()
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
        f"two separate bots use {pair:.1f} MB (sum of PSS) = {ratio:.2f}x one bot's "
        f"{willai.pss:.1f} MB"
    )
    launcher, shards = await forked_pair(database_url, titles)
    forked = launcher.pss + sum(shard.pss for shard in shards)
    print(f"two shard processes forked from one launcher (SHARD_PROCESSES=2), {count} titles each:")
    print(f"  launcher        {launcher.line()}")
    for i, shard in enumerate(shards):
        print(f"  shard process {i} {shard.line()}")
    forked_ratio = forked / willai.pss
    met = "met" if forked_ratio < PAIR_TARGET else "NOT met"
    print(
        f"the forked pair uses {forked:.1f} MB (sum of PSS, launcher included) = "
        f"{forked_ratio:.2f}x one bot's {willai.pss:.1f} MB: target < {PAIR_TARGET:g}x {met}"
    )
    print(f"one bot's RSS: {willai.rss:.1f} MB (target <= {RSS_TARGET_MB:g} MB)")
    ok = (
        ready <= READY_TARGET_S
        and willai.rss <= RSS_TARGET_MB
        and len(shards) == 2
        and forked_ratio < PAIR_TARGET
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--titles", type=int, default=60, help="titles each bot answers first")
    parser.add_argument(
        "--serve-launcher", nargs=2, metavar=("API", "GATEWAY"), help=argparse.SUPPRESS
    )
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_launcher:
        return serve_launcher(*args.serve_launcher)
    if args.warm:
        return warm(args.titles)
    warm_elsewhere(args.titles)
    return asyncio.run(run(args.titles))


if __name__ == "__main__":
    sys.exit(main())
