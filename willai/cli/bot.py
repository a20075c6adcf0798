"""`willai run` and `willai sync`: the Discord bot's launcher commands."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

import typer

from willai.cli.language import LANG_HELP, option_language

if TYPE_CHECKING:
    from willai.settings import Settings


def run(
    lang: str | None = typer.Option(
        None,
        "--lang",
        help=f"{LANG_HELP} For the terminal session; the bot answers each user in theirs.",
    ),
) -> None:
    """Start the Discord bot; without DISCORD_TOKEN, willai in the terminal instead.

    Either way an empty store imports ESCO_SOURCE first, with progress.
    """
    chosen = option_language(lang)
    from willai.frontend import discord_front_end
    from willai.settings import get_settings

    settings = get_settings()
    if not settings.has_token:
        raise typer.Exit(run_terminal(settings, chosen))
    discord_front_end().run_bot()


def run_terminal(settings: Settings, language: str | None = None) -> int:
    """The interactive session, on a store that holds a release (imported here if empty).

    ``language`` is what `--lang` chose; without it, WILLAI_LANG or the locale decides.
    """
    from rich.console import Console

    from willai.cli.language import terminal_language
    from willai.cli.session import run_session
    from willai.runtime import ensure_release, opened_store
    from willai.service import AnswerService

    logging.basicConfig(level=settings.log_level, format="%(levelname)-7s %(name)s: %(message)s")
    with opened_store(settings) as store:
        ensure_release(store, settings)
        service = AnswerService.load(store, cache_dir=settings.cache_dir)
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
        console = Console(highlight=False)
        return run_session(
            service,
            console=console,
            stdin=sys.stdin,
            interactive=interactive,
            language=terminal_language(language, settings),
        )


def sync(
    guild: int | None = typer.Option(None, "--guild", help="Sync to one guild only (instant)."),
) -> None:
    """Push the slash commands to Discord: globally, or to one guild."""
    from willai.frontend import discord_front_end

    discord_front_end().sync_commands(guild)


def register(app: typer.Typer) -> None:
    """Add `run` and `sync` to the main app."""
    app.command("run", short_help="Start the Discord bot, or willai in the terminal.")(run)
    app.command("sync")(sync)
