"""`willai setup` and `willai invite`: from nothing to willai in a Discord server, guided.

Each step is skipped when it is already done, so a second run only confirms: a token in .env
that Discord accepts is not asked for again, and a DEV_GUILD_ID already set is not asked for.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:
    from willai.frontend import Identity
    from willai.settings import Settings

#: Where settings live, beside the example every checkout has.
ENV_FILE = Path(".env")
ENV_EXAMPLE = Path(".env.example")
#: Owner read/write only: the file holds the bot token.
PRIVATE = stat.S_IRUSR | stat.S_IWUSR

out = Console(highlight=False)


def write_env(key: str, value: str, path: Path = ENV_FILE) -> None:
    """Set one key in .env, creating it from .env.example if needed; always mode 600."""
    from dotenv import set_key

    if not path.exists():
        template = ENV_EXAMPLE.read_text(encoding="utf-8") if ENV_EXAMPLE.exists() else ""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(template)
    path.chmod(PRIVATE)
    set_key(path, key, value, quote_mode="never")
    path.chmod(PRIVATE)


def _identify(token: str) -> Identity:
    """Who the token logs in as; Discord refusing it is a DiscordUnavailableError."""
    import asyncio

    from willai.frontend import discord_front_end

    return asyncio.run(discord_front_end().identify(token))


def _token(settings: Settings, given: str | None) -> tuple[str, bool]:
    """The token to use, and whether it is new (to be written to .env)."""
    if given:
        return given.strip(), True
    if settings.has_token:
        return settings.require_token(), False
    out.print(
        "Create an application at https://discord.com/developers/applications, open Bot, "
        "press Reset Token and paste the token here (it is not shown)."
    )
    return typer.prompt("Bot token", hide_input=True).strip(), True


def setup(
    token: str | None = typer.Option(None, help="The bot token (asked for when not given)."),
    guild: int | None = typer.Option(
        None, help="Sync the commands to this server now (asked for when not given)."
    ),
    no_sync: bool = typer.Option(False, "--no-sync", help="Do not offer to sync commands."),
) -> None:
    """Check a bot token, save it to .env (mode 600), print the invite link, sync commands."""
    from willai.frontend import discord_front_end
    from willai.settings import get_settings

    settings = get_settings()
    token, new = _token(settings, token)
    identity = _identify(token)
    out.print(f"[green]✓[/green] the token logs in as {identity.user_name}")
    if new:
        write_env("DISCORD_TOKEN", token)
        out.print(f"[green]✓[/green] saved DISCORD_TOKEN to {ENV_FILE} (readable by you only)")
    out.print("Add the bot to a server you manage with this link:")
    out.print(discord_front_end().invite_url(identity.application_id), soft_wrap=True)
    if no_sync:
        return
    target = guild if guild is not None else settings.dev_guild_id
    if target is None:
        answer = typer.prompt(
            "Server (guild) ID to show the commands in at once, or Enter to skip",
            default="",
            show_default=False,
        ).strip()
        target = int(answer) if answer.isdigit() else None
    if target is None:
        out.print("Skipped: `willai sync` publishes the commands everywhere (up to an hour).")
    else:
        _sync(settings, token, target)
        if settings.dev_guild_id != target:
            write_env("DEV_GUILD_ID", str(target))
    out.print("Start the bot with: make run")


def _sync(settings: Settings, token: str, guild: int) -> None:
    import asyncio

    from willai.frontend import discord_front_end

    names = asyncio.run(discord_front_end().sync_to_guild(settings, token, guild))
    listed = ", ".join(f"/{name}" for name in names)
    out.print(f"[green]✓[/green] synced {len(names)} commands to server {guild}: {listed}")


def invite() -> None:
    """Print the link that adds the bot to a server (needs DISCORD_TOKEN)."""
    from willai.frontend import discord_front_end
    from willai.settings import get_settings

    identity = _identify(get_settings().require_token())
    typer.echo(discord_front_end().invite_url(identity.application_id))


def register(app: typer.Typer) -> None:
    """Add `setup` and `invite` to the main app."""
    app.command("setup", short_help="Check and save a bot token, print the invite link.")(setup)
    app.command("invite", short_help="Print the link that adds the bot to a server.")(invite)
