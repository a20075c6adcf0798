"""From a token to a bot in a server: check the token, build the invite link.

`willai setup` and `willai invite` call these; they speak to Discord over HTTP only (no
gateway), so they finish in a second and work before the bot has ever run.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp
import discord

from bot.launcher import sync_commands_async
from willai.errors import DiscordUnavailableError
from willai.settings import Settings

#: OAuth2 scopes of the invite: the bot user, and its slash commands.
INVITE_SCOPES = ("bot", "applications.commands")
#: What the bot does in a server, and the channel permission each needs. Every reply is an
#: interaction response or follow-up, and Discord always lets an app send, embed and attach
#: in those (API change log, "Calculated permissions in interaction payloads", 2022): the bot
#: needs no channel permission at all, so the invite asks for none.
FEATURE_PERMISSIONS: dict[str, discord.Permissions] = {
    "answer /willai, /willai-compare and /willai-about": discord.Permissions.none(),
    "embeds and the score card picture in those answers": discord.Permissions.none(),
    "buttons, menus and their private follow-ups": discord.Permissions.none(),
    "/willai-admin (checked against the member's Manage Server)": discord.Permissions.none(),
}


def invite_permissions() -> discord.Permissions:
    """The union of what the features above need: the smallest set that works."""
    total = discord.Permissions.none()
    for needed in FEATURE_PERMISSIONS.values():
        total |= needed
    return total


def invite_url(application_id: int) -> str:
    """The link that adds the bot to a server, with its commands and nothing more."""
    return discord.utils.oauth_url(
        application_id, permissions=invite_permissions(), scopes=INVITE_SCOPES
    )


@dataclass(frozen=True, slots=True)
class BotIdentity:
    """Who a token logs in as."""

    user_name: str
    application_id: int
    application_name: str


async def identify(token: str) -> BotIdentity:
    """Log in over HTTP and read the application; one clear error for a bad token or network."""
    client = discord.Client(intents=discord.Intents.none())
    try:
        await client.login(token)
        app = await client.application_info()
        user = client.user
        return BotIdentity(str(user) if user else app.name, app.id, app.name)
    except discord.LoginFailure:
        raise DiscordUnavailableError(
            "Discord rejected that token (401 Unauthorized): copy it again from the Developer "
            "Portal (your application > Bot > Reset Token)"
        ) from None
    except (aiohttp.ClientError, OSError, discord.HTTPException) as exc:
        raise DiscordUnavailableError(f"cannot reach Discord: {exc}") from None
    finally:
        await client.close()


async def sync_to_guild(settings: Settings, token: str, guild_id: int) -> list[str]:
    """Publish the commands to one server at once; the names synced.

    The usual failure is a server the bot has not joined yet: say so, and what to do.
    """
    try:
        synced = await sync_commands_async(settings, guild_id, token)
    except discord.Forbidden:
        raise DiscordUnavailableError(
            f"the bot is not in server {guild_id} yet: open the invite link, add it, then run "
            f"`willai sync --guild {guild_id}`"
        ) from None
    except (aiohttp.ClientError, OSError, discord.HTTPException) as exc:
        raise DiscordUnavailableError(f"cannot sync the commands: {exc}") from None
    return [command.name for command in synced]
