"""The `willai` typer app: the root group and every sub-command, each from its own module.

Help is click's plain layout (``rich_markup_mode=None``): typer's boxed rich layout alone
costs more than twice the import of typer itself. Loading this loads typer and rich and
nothing heavier (tests/willai/test_cli_startup.py holds it to that).
"""

from __future__ import annotations

import typer

from willai.cli import ask, bot, data, match, setup
from willai.cli.core import OneLineErrors

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
