"""The `willai` command: one typer app, sub-commands in their own modules.

Every known failure is turned into one red line and a non-zero exit (``core.OneLineErrors``),
so no sub-command ever shows a traceback for bad input or an unreachable source.

Importing this package loads typer and rich and nothing heavier: each command imports the
store, the matcher, the web client or Discord when it runs, so `willai --help` and a mistyped
argument answer at once (tests/willai/test_cli_startup.py holds it to that). Help is click's
plain layout (``rich_markup_mode=None``): typer's boxed rich layout alone costs more than
twice the import of typer itself.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from willai.cli import ask, bot, data, match, setup
from willai.cli.core import EXPECTED_ERRORS, OneLineErrors, is_expected

__all__ = ["EXPECTED_ERRORS", "app", "is_expected", "main"]

app = typer.Typer(
    name="willai",
    help="Will AI replace my job? AI-exposure scores for ESCO occupations, in Discord and here.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=OneLineErrors,
)
app.add_typer(data.app, name="data", help="Import, inspect and export the ESCO store.")
ask.register(app)
match.register(app)
bot.register(app)
setup.register(app)


@app.callback()
def _options(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging."),
) -> None:
    """Declare the options every command shares; ``core.LoggedCommand`` reads them."""


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        Console(stderr=True, highlight=False).print(
            "[yellow]interrupted[/yellow]; the serving data is unchanged"
        )
        sys.exit(130)
