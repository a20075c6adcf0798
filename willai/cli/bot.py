"""`willai run` and `willai sync`: the Discord bot's launcher commands."""

from __future__ import annotations

import typer


def run() -> None:
    """Start the Discord bot (imports ESCO_SOURCE first on an empty store)."""
    from bot.launcher import run_bot  # noqa: PLC0415 - discord loads only for the bot

    run_bot()


def sync(
    guild: int | None = typer.Option(None, "--guild", help="Sync to one guild only (instant)."),
) -> None:
    """Push the slash commands to Discord: globally, or to one guild."""
    from bot.launcher import sync_commands  # noqa: PLC0415 - discord loads only for the bot

    sync_commands(guild)


def register(app: typer.Typer) -> None:
    """Add `run` and `sync` to the main app."""
    app.command("run")(run)
    app.command("sync")(sync)
