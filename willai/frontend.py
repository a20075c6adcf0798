"""How the CLI reaches the Discord front end without importing it: a registered entry point.

`bot/` depends on `willai/`; for `willai run` to start the bot the other way round would be a
cycle. The bot registers itself under ``willai.frontends`` (pyproject.toml) and the CLI loads
it by name, only for the commands that need Discord.
"""

from __future__ import annotations

from collections.abc import Awaitable
from importlib.metadata import entry_points
from typing import Protocol, cast

from willai.settings import Settings

GROUP = "willai.frontends"


class FrontEndMissingError(Exception):
    """The Discord front end is not installed; the message says how to install it."""


class Identity(Protocol):
    """Who a bot token logs in as."""

    user_name: str
    application_id: int


class DiscordFrontEnd(Protocol):
    """The calls the CLI makes; `bot.frontend` provides them."""

    def run_bot(self) -> None: ...

    def sync_commands(self, guild_id: int | None) -> None: ...

    def identify(self, token: str) -> Awaitable[Identity]: ...

    def invite_url(self, application_id: int) -> str: ...

    def sync_to_guild(
        self, settings: Settings, token: str, guild_id: int
    ) -> Awaitable[list[str]]: ...


def discord_front_end() -> DiscordFrontEnd:
    """The registered Discord front end (imports discord.py: call it only when needed)."""
    found = entry_points(group=GROUP, name="discord")
    if not found:
        raise FrontEndMissingError(
            "the Discord front end is not registered: reinstall willai (`make install`, or "
            "`pip install -e .`)"
        )
    return cast("DiscordFrontEnd", next(iter(found)).load())
