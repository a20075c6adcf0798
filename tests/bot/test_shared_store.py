"""Two bot processes on one PostgreSQL, each against its own fake Discord.

What one process (or the CLI) writes, the other serves within seconds: a new release, a
guild's settings. A kill -9 of one leaves the other answering.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from languages.catalogue import translations
from scoring import FACTORS
from tests.bundle_factory import write_bundle
from tests.conftest import POSTGRES_URL, REPO, run_cli
from tests.fake_discord import ADMIN_PERMISSIONS, MESSAGE_FLAG_EPHEMERAL, FakeDiscord

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="WILLAI_TEST_POSTGRES_URL is not set")

#: The issue's bound for a change to reach the other process.
WITHIN_SECONDS = 10.0


@contextlib.asynccontextmanager
async def bot_process(
    fake: FakeDiscord, database_url: str, guild_id: int, cache_dir: Path
) -> AsyncIterator[int]:
    """The real bot in its own process, logged in to ``fake``; yields its pid.

    Both processes share ``cache_dir``, as processes on one host do (and not the checkout's).
    """
    child = subprocess.Popen(  # noqa: ASYNC220 - started once, then only signalled
        [
            sys.executable,
            "-m",
            "benchmarks.bot_latency",
            "--serve",
            "willai",
            fake.api_base,
            fake.gateway_url,
            database_url,
            str(guild_id),
        ],
        cwd=REPO,
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "ASK_COOLDOWN_SECONDS": "0",
            "CACHE_DIR": str(cache_dir),
        },
    )
    try:
        await fake.wait_for_sync(guild_id, timeout=60)
        await fake.wait_connected(timeout=60)
        yield child.pid
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait(10)


async def eventually(check: Callable[[], object], what: str) -> float:
    """Seconds until the async ``check()`` returns true; fails after WITHIN_SECONDS."""
    started = time.monotonic()
    while time.monotonic() - started < WITHIN_SECONDS:
        if await check():  # type: ignore[misc]
            return time.monotonic() - started
        await asyncio.sleep(0.3)
    pytest.fail(f"{what} did not happen within {WITHIN_SECONDS:g} s")


async def about_version(fake: FakeDiscord, guild_id: int) -> str:
    rec = await fake.interact_command("willai-about", {}, guild_id=guild_id)
    (embed,) = (await rec.wait_response(timeout=10))["data"]["embeds"]
    return next(f["value"] for f in embed["fields"] if f["name"] == "Data")


async def first_button(fake: FakeDiscord, guild_id: int, locale: str) -> str:
    """The first button's label under an answer to a member who reads Discord in ``locale``."""
    user = fake.add_user(f"u{time.monotonic_ns()}", locale=locale)
    rec = await fake.interact_command("willai", {"job": "occ:roofer"}, user=user, guild_id=guild_id)
    return (await rec.wait_response(timeout=10))["data"]["components"][0]["components"][0]["label"]


async def asks_privately(fake: FakeDiscord, guild_id: int) -> bool:
    user = fake.add_user(f"u{time.monotonic_ns()}")
    rec = await fake.interact_command("willai", {"job": "occ:roofer"}, user=user, guild_id=guild_id)
    callback = await rec.wait_response(timeout=10)
    return bool(callback["data"].get("flags", 0) & MESSAGE_FLAG_EPHEMERAL)


async def test_two_processes_share_releases_guild_settings_and_survive_a_kill(
    database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    env = {"DATABASE_URL": database_url}
    first = run_cli("data", "import", str(write_bundle(tmp_path / "a")), env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    async with FakeDiscord() as fake_a, FakeDiscord() as fake_b:
        guild = fake_a.guild_id
        fake_b.configure_guild(guild_id=guild, name="Shared Guild")
        async with (
            bot_process(fake_a, database_url, guild, tmp_path / "cache") as pid_a,
            bot_process(fake_b, database_url, guild, tmp_path / "cache"),
        ):
            assert "v1.1.1" in await about_version(fake_b, guild)
            assert not await asks_privately(fake_b, guild)

            # A guild setting changed through process A is used by process B.
            rec = await fake_a.interact_command(
                "willai-admin",
                [
                    {
                        "type": 1,
                        "name": "ephemeral",
                        "options": [{"name": "mode", "type": 3, "value": "on"}],
                    }
                ],
                permissions=ADMIN_PERMISSIONS,
                guild_id=guild,
            )
            await rec.wait_response(timeout=10)
            await eventually(lambda: asks_privately(fake_b, guild), "B using A's guild setting")

            # So is the server's default language, for members whose own willai lacks.
            english = FACTORS["skill_vulnerability"].title
            french = translations("fr").gettext(english)
            assert french != english
            assert await first_button(fake_b, guild, "pt-BR") == english
            rec = await fake_a.interact_command(
                "willai-admin language",
                {"language": "fr"},
                permissions=ADMIN_PERMISSIONS,
                guild_id=guild,
            )
            await rec.wait_response(timeout=10)

            async def speaks_french() -> bool:
                return await first_button(fake_b, guild, "pt-BR") == french

            await eventually(speaks_french, "B using A's server language")
            assert await first_button(fake_b, guild, "de") != french

            # A release imported through the CLI is served by both.
            bundle = write_bundle(tmp_path / "b", version="v1.2.0")
            second = await asyncio.to_thread(
                run_cli, "data", "import", str(bundle), "--force", env=env, cwd=tmp_path
            )
            assert second.returncode == 0, second.stderr
            for fake in (fake_a, fake_b):

                async def serves_new(fake: FakeDiscord = fake) -> bool:
                    return "v1.2.0" in await about_version(fake, guild)

                await eventually(serves_new, "the CLI's import being served")

            # Killing process A leaves process B answering.
            os.kill(pid_a, signal.SIGKILL)
            user = fake_b.add_user("after-the-kill")
            rec = await fake_b.interact_command(
                "willai", {"job": "occ:roofer"}, user=user, guild_id=guild
            )
            assert (await rec.wait_response(timeout=10))["data"]["embeds"]
