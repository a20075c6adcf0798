"""Run a real discord.py client against the fake for the duration of a block."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, TypeVar

import discord

if TYPE_CHECKING:
    from .server import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.asynccontextmanager
async def run_bot(
    bot: ClientT,
    token: str = "fake-token",
    *,
    fake: FakeDiscord | None = None,
    ready_timeout: float = 5.0,
    guild_ready_timeout: float = 0.05,
) -> AsyncIterator[ClientT]:
    """Log ``bot`` in, connect it in a task, wait for READY, and close it on exit.

    This is ``bot.start(token)`` split in two (``login`` then ``connect``) so login
    errors surface here and ``wait_until_ready`` exists before we wait on it.

    discord.py only fires ``on_ready`` once no GUILD_CREATE arrived for
    ``guild_ready_timeout`` seconds (default 2 s, which would make every test slow),
    so that private knob is lowered here; the fake sends all GUILD_CREATEs right after
    READY. When ``fake`` is given we additionally wait until every configured guild is
    cached, so tests never race the guild cache.

    Leaving the block closes the bot and awaits its connect task; a bot that crashed
    while the block ran re-raises its exception here. Call it again with a fresh bot
    to simulate a restart against the same fake.
    """
    bot._connection.guild_ready_timeout = guild_ready_timeout
    try:
        await bot.login(token)
    except BaseException:
        await bot.close()
        raise
    task = asyncio.create_task(bot.connect(reconnect=True), name=f"fake-discord-bot-{id(bot)}")
    try:
        await _wait_ready(bot, task, ready_timeout)
        if fake is not None:
            await _wait_guilds(bot, fake, ready_timeout)
        yield bot
    finally:
        await bot.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(task), timeout=5.0)
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    if not task.cancelled() and task.exception() is not None:
        raise task.exception()  # type: ignore[misc]


async def _wait_ready(bot: discord.Client, task: asyncio.Task[None], limit: float) -> None:
    ready = asyncio.ensure_future(bot.wait_until_ready())
    done, _ = await asyncio.wait({ready, task}, timeout=limit, return_when="FIRST_COMPLETED")
    if ready in done:
        return
    ready.cancel()
    if task in done:
        exc = task.exception()
        raise RuntimeError("bot stopped before it became ready") from exc
    raise TimeoutError(f"bot not ready after {limit}s")


async def _wait_guilds(bot: discord.Client, fake: FakeDiscord, limit: float) -> None:
    def missing() -> set[int]:
        out = set()
        for gid in fake.guilds:
            guild = bot.get_guild(gid)
            if guild is None or guild.unavailable:
                out.add(gid)
        return out

    if not missing():
        return
    # No await between the check above and wait_for registering its listener, so a
    # GUILD_CREATE cannot slip through unobserved.
    await bot.wait_for("guild_available", check=lambda _g: not missing(), timeout=limit)
