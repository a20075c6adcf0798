"""The `willai` command: one typer app, sub-commands in their own modules.

Every known failure is turned into one red line and a non-zero exit here, so no sub-command
ever shows a traceback for bad input or an unreachable source.
"""

from __future__ import annotations

import logging
import sys

import typer
from rich.console import Console

from db.bundle import BundleError
from db.engine import StoreUnavailableError
from db.store import NoReleaseError
from esco_api import EscoApiError
from willai.cli import ask, bot, data, match, setup
from willai.errors import DiscordUnavailableError
from willai.frontend import FrontEndMissingError
from willai.importing import ImportFailedError
from willai.settings import SettingsError, get_settings

app = typer.Typer(
    name="willai",
    help="Will AI replace my job? AI-exposure scores for ESCO occupations, in Discord and here.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(data.app, name="data", help="Import, inspect and export the ESCO store.")
ask.register(app)
match.register(app)
bot.register(app)
setup.register(app)

EXPECTED_ERRORS = (
    DiscordUnavailableError,
    FrontEndMissingError,
    SettingsError,
    BundleError,
    StoreUnavailableError,
    NoReleaseError,
    ImportFailedError,
    EscoApiError,
)
err = Console(stderr=True, highlight=False)


#: Commands that set up their own logging (the bot's launcher, the terminal session) or that
#: speak to Discord and should show only warnings from discord.py.
BOT_COMMANDS = frozenset({"run", "sync", "setup", "invite"})


@app.callback()
def _configure(
    ctx: typer.Context,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging."),
) -> None:
    """Set up logging once, from LOG_LEVEL unless --verbose."""
    if ctx.invoked_subcommand in BOT_COMMANDS:
        return
    level = "DEBUG" if verbose else get_settings().log_level
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except EXPECTED_ERRORS as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]; the serving data is unchanged")
        sys.exit(130)
