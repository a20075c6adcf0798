"""Starting the bot and syncing its commands: the only place that sets up logging.

Both entry points fail before touching Discord when something is missing: no token, or an
empty store without a source to import. SettingsError and ImportFailedError carry one line;
the CLI (or :func:`main` for ``python -m bot``) prints it and exits non-zero.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import aiohttp
import discord

from bot.client import create_bot
from bot.processes import run_shard_processes, shard_plan
from db.engine import StoreUnavailableError
from willai.errors import DiscordUnavailableError
from willai.importing import ImportFailedError
from willai.runtime import ensure_release, open_store
from willai.settings import Settings, SettingsError, get_settings

log = logging.getLogger("willai.bot")


@contextmanager
def discord_errors_as_one_line() -> Iterator[None]:
    """Turn a rejected token or an unreachable Discord into one line instead of a traceback."""
    try:
        yield
    except discord.LoginFailure:
        raise DiscordUnavailableError(
            "Discord rejected DISCORD_TOKEN: copy the token again from the Developer Portal "
            "(Bot > Reset Token) into .env"
        ) from None
    except (aiohttp.ClientError, OSError) as exc:
        raise DiscordUnavailableError(f"cannot reach Discord: {exc}") from None


#: discord.py loggers whose DEBUG lines carry secrets: whole gateway payloads (interaction
#: tokens included) and request URLs (interaction callbacks and webhooks embed the token).
PAYLOAD_LOGGERS = ("discord.gateway", "discord.http", "discord.webhook.async_")


def setup_logging(settings: Settings) -> None:
    """discord.py's own formatter and colours, on the root logger at LOG_LEVEL.

    Even at DEBUG, the loggers that print interaction tokens stay at INFO unless the operator
    opts in with LOG_DISCORD_PAYLOADS: a shared debug log must not hand out live tokens.
    """
    level = getattr(logging, settings.log_level)
    discord.utils.setup_logging(level=level, root=True)
    for name in PAYLOAD_LOGGERS:
        logging.getLogger(name).setLevel(
            level if settings.log_discord_payloads else max(level, logging.INFO)
        )


def run_bot() -> None:
    """Check settings, make sure a release is loaded, then run the bot until stopped.

    The import of an empty store happens here, before connecting, with progress in the
    log: a bot that connected and then failed every command would be worse than one that
    refuses to start. With SHARD_PROCESSES above 1 the release is loaded once and the shard
    processes forked from it (bot/processes.py).
    """
    settings = get_settings()
    token = settings.require_token()
    if settings.shard_processes > 1:
        plan = shard_plan(settings)  # a refusal comes before anything starts
        setup_logging(settings)
        run_shard_processes(settings, token, plan, discord_errors_as_one_line)
        return
    setup_logging(settings)
    store = open_store(settings)
    ensure_release(store, settings, interactive=False)
    store.engine.dispose()
    bot = create_bot(settings)
    with discord_errors_as_one_line():
        bot.run(token, log_handler=None)


async def sync_commands_async(
    settings: Settings, guild_id: int | None, token: str | None = None
) -> list[discord.app_commands.AppCommand]:
    """Log in over HTTP only (no gateway), push the command tree, return what Discord stored."""
    bot = create_bot(settings, serve=False)
    async with bot:
        await bot.login(token or settings.require_token())
        if guild_id is None:
            return await bot.tree.sync()
        guild = discord.Object(guild_id)
        bot.tree.copy_global_to(guild=guild)
        return await bot.tree.sync(guild=guild)


def sync_commands(guild_id: int | None) -> None:
    """``willai sync [--guild ID]``: sync globally (up to an hour to show) or to one guild."""
    settings = get_settings()
    token = settings.require_token()
    setup_logging(settings)
    with discord_errors_as_one_line():
        synced = asyncio.run(sync_commands_async(settings, guild_id, token))
    where = f"guild {guild_id}" if guild_id else "globally (may take up to an hour to appear)"
    names = ", ".join(f"/{command.name}" for command in synced)
    sys.stdout.write(f"synced {len(synced)} commands {where}: {names}\n")


def main() -> int:
    """``python -m bot``: like ``willai run``, with the same one-line errors."""
    try:
        run_bot()
    except (
        SettingsError,
        ImportFailedError,
        StoreUnavailableError,
        DiscordUnavailableError,
    ) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
