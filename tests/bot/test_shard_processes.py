"""SHARD_PROCESSES: one launcher loads the release, forks the shard processes, supervises them.

The end-to-end tests run the real launcher (``python -m bot``'s ``main``) in a subprocess
against one fake Discord that routes each guild to the socket of its shard, as Discord does.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import discord
import pytest

from bot import create_bot
from bot.launcher import main
from bot.processes import shard_plan
from bot.serving import Serving
from db.store import Store
from tests.bundle_factory import write_bundle
from tests.conftest import REPO
from tests.fake_discord import FakeDiscord, run_bot, shard_of
from willai.settings import Settings, SettingsError, load_settings

#: ``python -m bot`` with discord.py pointed at the fake given as arguments.
LAUNCH = """
import sys
from tests.fake_discord.patching import patch_discord
with patch_discord(sys.argv[1], sys.argv[2]):
    from bot.launcher import main
    code = main()
sys.exit(code)
"""

on_linux = pytest.mark.skipif(
    sys.platform != "linux", reason="reads the launcher's children from /proc"
)


# --- the plan and its refusals (in process) ----------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "plan"),
    [
        ({"shard_count": 2, "shard_processes": 2}, [(0,), (1,)]),
        ({"shard_count": 5, "shard_processes": 2}, [(0, 2, 4), (1, 3)]),
        ({"shard_count": 8, "shard_ids": "4 5 6", "shard_processes": 2}, [(4, 6), (5,)]),
        ({"shard_count": 3, "shard_processes": 3}, [(0,), (1,), (2,)]),
    ],
)
def test_shards_are_dealt_round_robin(overrides: dict[str, object], plan: list[tuple[int, ...]]):
    assert shard_plan(load_settings(**overrides)) == plan


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"shard_count": 2, "shard_processes": 3}, "SHARD_PROCESSES=3 is more than the 2 shards"),
        ({"shard_count": 8, "shard_ids": "1", "shard_processes": 2}, "(SHARD_IDS)"),
        ({"shard_processes": 2}, "SHARD_PROCESSES=2 needs SHARD_COUNT"),
    ],
)
def test_a_plan_without_a_shard_for_every_process_is_refused(
    overrides: dict[str, object], message: str
):
    with pytest.raises(SettingsError) as refused:
        shard_plan(load_settings(**overrides))
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_without_fork_more_than_one_process_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delattr(os, "fork")
    with pytest.raises(SettingsError, match=r"needs os\.fork"):
        shard_plan(load_settings(shard_count=2, shard_processes=2))


def test_more_processes_than_shards_is_one_line_before_anything_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
):
    store = tmp_path / "never.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{store}")
    monkeypatch.setenv("DISCORD_TOKEN", "x")
    monkeypatch.setenv("SHARD_COUNT", "2")
    monkeypatch.setenv("SHARD_PROCESSES", "3")
    assert main() == 1
    err = capsys.readouterr().err
    assert err == (
        "error: SHARD_PROCESSES=3 is more than the 2 shards to run (SHARD_COUNT): "
        "each process needs at least one shard\n"
    )
    assert not store.exists()


# --- a preloaded release (in process) ----------------------------------------------------------


async def test_a_preloaded_release_is_served_without_loading_it_again(
    fake_discord: FakeDiscord,
    make_settings: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
):
    settings = make_settings()
    store = Store.from_url(settings.database_url)
    serving = Serving.load(store, settings.cache_dir)

    def no_second_load(*_args: object, **_kwargs: object) -> Serving:
        raise AssertionError("the preloaded release was loaded again")

    monkeypatch.setattr(Serving, "load", no_second_load)
    bot = create_bot(settings, serving=serving, store=store)
    assert bot.store is store
    async with fake_discord.run_bot(bot):
        assert bot.serving is serving
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        assert (await rec.wait_response(timeout=5))["data"]["embeds"][0]["title"] == "Roofer"


# --- the fake's shards (in process) -------------------------------------------------------------


async def test_the_fake_gives_each_shard_its_guilds_and_their_interactions(
    fake_discord: FakeDiscord,
):
    guilds = [fake_discord.configure_guild_on_shard(shard, 2).id for shard in (0, 1)]
    seen: dict[int, list[int | None]] = {0: [], 1: []}

    def shard_client(shard: int) -> discord.AutoShardedClient:
        client = discord.AutoShardedClient(
            intents=discord.Intents.none(), shard_count=2, shard_ids=[shard]
        )

        async def no_wait(_shard_id: int | None, *, initial: bool = False) -> None:
            return None

        async def on_interaction(interaction: discord.Interaction) -> None:
            seen[shard].append(interaction.guild_id)

        client.before_identify_hook = no_wait  # type: ignore[method-assign]
        client.event(on_interaction)
        return client

    first, second = shard_client(0), shard_client(1)
    async with run_bot(first, fake_discord.token), run_bot(second, fake_discord.token):
        await fake_discord.wait_shards({0, 1})
        assert {g.id for g in first.guilds} == {
            g for g in fake_discord.guilds if shard_of(g, 2) == 0
        }
        assert guilds[1] in {g.id for g in second.guilds} - {g.id for g in first.guilds}
        for guild in guilds:
            await fake_discord.interact_command("willai", {"job": "x"}, guild_id=guild)
        await fake_discord.interact_command("willai", {"job": "x"}, dm=True)
        await until(lambda: len(seen[0]) + len(seen[1]) == 3, "three interactions", seconds=5)
    assert seen == {0: [guilds[0], None], 1: [guilds[1]]}  # direct messages go to shard 0


# --- the real launcher against the fake (subprocesses) -----------------------------------------


def launcher_env(fake: FakeDiscord, tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment of a launcher on an empty store (SQLite unless told) that imports the
    tiny bundle at start."""
    inherited = {k: v for k, v in os.environ.items() if k.lower() not in Settings.model_fields}
    return inherited | {
        "PYTHONPATH": str(REPO),
        "DISCORD_TOKEN": fake.token,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite'}",
        "ESCO_SOURCE": str(write_bundle(tmp_path / "bundle")),
        "CACHE_DIR": str(tmp_path / "cache"),
        "SHARD_COUNT": "2",
        "SHARD_PROCESSES": "2",
        "REFRESH_INTERVAL_DAYS": "0",
        "ASK_COOLDOWN_SECONDS": "0",
        **settings,
    }


@contextlib.contextmanager
def launched(fake: FakeDiscord, tmp_path: Path, **settings: str):
    """The launcher in its own process; its stderr goes to ``tmp_path/launcher.log``."""
    log = tmp_path / "launcher.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, fake.api_base, fake.gateway_url],
            cwd=tmp_path,
            env=launcher_env(fake, tmp_path, **settings),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        for pid in children_left(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


_known_children: dict[int, set[int]] = {}


def children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (Linux)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        found = {int(part) for part in path.read_text().split()}
    except OSError:
        found = set()
    _known_children.setdefault(pid, set()).update(found)
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def children_left(pid: int) -> list[int]:
    """Children of ``pid`` ever seen by :func:`children` that still run."""
    return [child for child in _known_children.pop(pid, set()) if alive(child)]


async def until(check: Callable[[], bool], what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds:g} s")
        await asyncio.sleep(0.1)


async def answers_roofer(fake: FakeDiscord, guild_id: int) -> bool:
    user = fake.add_user(f"u{time.monotonic_ns()}")
    rec = await fake.interact_command("willai", {"job": "occ:roofer"}, user=user, guild_id=guild_id)
    callback = await rec.wait_response(timeout=10)
    return callback["data"]["embeds"][0]["title"] == "Roofer"


@on_linux
async def test_two_shard_processes_answer_survive_a_kill_and_stop_on_sigterm(
    tmp_path: Path, database_url: str
):
    async with FakeDiscord() as fake:
        guilds = [fake.configure_guild_on_shard(shard, 2).id for shard in (0, 1)]
        with launched(fake, tmp_path, DATABASE_URL=database_url) as launcher:
            await fake.wait_shards({0, 1}, timeout=90)
            shard_processes = children(launcher.pid)
            assert len(shard_processes) == 2
            for guild in guilds:  # each guild reaches its own shard's process
                assert await answers_roofer(fake, guild)

            # kill -9 one shard process: the launcher starts another, which answers again.
            victim = min(shard_processes)
            os.kill(victim, signal.SIGKILL)
            await until(lambda: len(fake.connected_shards) == 1, "the killed shard dropping")
            (lost,) = {0, 1} - fake.connected_shards
            await fake.wait_shards({0, 1}, timeout=60)
            replacement = children(launcher.pid) - shard_processes
            assert len(replacement) == 1
            assert not alive(victim)
            assert await answers_roofer(fake, guilds[lost])
            assert await answers_roofer(fake, guilds[1 - lost])

            # SIGTERM to the launcher stops every shard process, cleanly.
            running = children(launcher.pid)
            launcher.send_signal(signal.SIGTERM)
            assert await asyncio.to_thread(launcher.wait, 30) == 0
            await until(lambda: not any(alive(pid) for pid in running), "shard processes exiting")
            await until(lambda: not fake.connected_shards, "the sockets closing", seconds=10)

    log = (tmp_path / "launcher.log").read_text()
    assert "[launcher] " in log
    assert "[process 0: shards 0] " in log
    assert "[process 1: shards 1] " in log
    assert re.search(r"was killed by SIGKILL after \d+ s; restarting it in 1 s", log)
    assert "Traceback" not in log


@on_linux
async def test_shard_processes_that_keep_failing_at_start_end_the_launcher_with_one_line(
    tmp_path: Path,
):
    async with FakeDiscord() as fake:
        with launched(fake, tmp_path, DISCORD_TOKEN="not-the-token") as launcher:
            code = await asyncio.to_thread(launcher.wait, 90)
    assert code == 1
    lines = (tmp_path / "launcher.log").read_text().splitlines()
    assert lines[-1].startswith("error: shard process ")
    assert "failed 3 times before it was ready" in lines[-1]
    assert "Discord rejected DISCORD_TOKEN" in lines[-1]


@on_linux
async def test_shard_processes_stop_when_their_launcher_is_killed(tmp_path: Path):
    async with FakeDiscord() as fake:
        with launched(fake, tmp_path) as launcher:
            await fake.wait_shards({0}, timeout=90)
            shard_processes = children(launcher.pid)
            assert len(shard_processes) == 2
            launcher.kill()
            launcher.wait(10)
            await until(
                lambda: not any(alive(pid) for pid in shard_processes),
                "orphaned shard processes stopping",
                seconds=20,
            )
    assert "the launcher is gone: stopping" in (tmp_path / "launcher.log").read_text()
