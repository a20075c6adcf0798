"""The per-process cache of guild settings never keeps what a change overtook."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from bot import WillaiBot
from db.store import GuildSettings


async def test_a_read_overtaken_by_a_change_is_not_kept(make_bot: Callable[..., WillaiBot]):
    bot = make_bot()
    guild = 7
    read_started, release_read = threading.Event(), threading.Event()
    real_read = bot.store.guild_settings

    def slow_old_read(guild_id: int) -> GuildSettings:
        old = real_read(guild_id)
        read_started.set()
        release_read.wait(10)
        return old

    bot.store.guild_settings = slow_old_read  # type: ignore[method-assign]
    pending = asyncio.create_task(bot.answers_ephemeral(guild))
    await asyncio.to_thread(read_started.wait, 10)
    # Another process's change lands (and is announced) while the old read is in flight.
    bot.store.set_guild_ephemeral(guild, True)
    bot._forget_guild_settings(guild)
    release_read.set()
    assert await pending is False  # the overtaken read still answers the one who asked
    bot.store.guild_settings = real_read  # type: ignore[method-assign]
    assert await bot.answers_ephemeral(guild) is True
    bot.store.engine.dispose()
