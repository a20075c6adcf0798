"""What every `willai` command shares: known failures as one line, logging set up on demand.

Both hook into typer's own extension points (a group class and a command class) instead of
the root callback. The root callback runs before a sub-command's arguments are parsed, so
whatever it loads (settings, and with them pydantic and SQLAlchemy) would be paid by `--help`
and by a mistyped argument too; a command's ``invoke`` runs only once it will really run.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click import Command  # typer's own copy of click, which its classes extend

#: Failures the user can fix, each printed as one red line with exit status 1. Named by
#: (module, class) rather than imported: importing them would load the store, the web client
#: and pydantic before every `--help`. An exception of one of these classes can only exist
#: once its module is loaded, so looking the class up in ``sys.modules`` never misses one.
EXPECTED_ERRORS: tuple[tuple[str, str], ...] = (
    ("willai.errors", "DiscordUnavailableError"),
    ("willai.frontend", "FrontEndMissingError"),
    ("willai.settings", "SettingsError"),
    ("willai.importing", "ImportFailedError"),
    ("db.bundle", "BundleError"),
    ("db.urls", "StoreUnavailableError"),
    ("db.releases", "NoReleaseError"),
    ("esco_api.errors", "EscoApiError"),
)

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep what the command has loaded so far out of the collector's full passes while it runs.

    For a long command that builds a lot, such as an import: the modules, settings and store it
    has loaded live as long as the process, yet each full collection would walk them again
    (several times per import, a tenth of a second each). ``gc.freeze`` sets them aside; the
    collector still runs for everything made after it. Undone at the end, so a test running
    the command in its own process finds the collector as it was (unless something had frozen
    objects before: those stay frozen, and so do these).
    """
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


@contextmanager
def paused_collector() -> Iterator[None]:
    """No cyclic garbage collection while a one-shot command loads its libraries and answers.

    `willai ask` spends most of its half second importing modules, which makes many
    long-lived objects and few cycles; the collector's passes over them (generation 2 ones
    walk everything loaded so far) are about a tenth of the command's CPU time and collect
    almost nothing. For a short command only: the collector is back as it was when the block
    ends, so a test that runs the command inside its own process finds it unchanged. In the
    `willai` process it is off already (`willai.cli.main`), and stays off until the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def is_expected(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure the user can fix (see :data:`EXPECTED_ERRORS`)."""
    for module_name, class_name in EXPECTED_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(exc, getattr(module, class_name)):
            return True
    return False


class OneLineErrors(TyperGroup):
    """The root group: a known failure anywhere below it ends as one red line, never a traceback.

    Handling it here rather than around ``app()`` means the in-process test runner
    (``typer.testing.CliRunner``) sees exactly what a user sees.
    """

    def resolve_command(
        self, ctx: typer.Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        """Find the sub-command, and give every one but a one-shot answer the collector back.

        `willai.cli.main` turns the collector off while the command starts; this is the first
        moment the command that will run is known. A server, a session or an import runs with
        it on, as always; a ``OneShotCommand`` runs and ends with it off.
        """
        name, command, rest = super().resolve_command(ctx, args)
        if not isinstance(command, OneShotCommand):
            gc.enable()
        return name, command, rest

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if not is_expected(exc):
                raise
            from rich.console import Console
            from rich.text import Text

            line = Text("error:", style="red")
            line.append(f" {exc}")
            Console(stderr=True, highlight=False, soft_wrap=True).print(line)
            raise typer.Exit(1) from None


class LoggedCommand(TyperCommand):
    """A command that sets up logging from LOG_LEVEL (DEBUG with ``--verbose``) before it runs.

    The bot's commands and the terminal session set up their own logging and do not use this.
    """

    def invoke(self, ctx: typer.Context) -> Any:
        import logging

        from willai.settings import get_settings

        verbose = bool(ctx.find_root().params.get("verbose"))
        level = "DEBUG" if verbose else get_settings().log_level
        logging.basicConfig(level=level, format=LOG_FORMAT)
        return super().invoke(ctx)


class OneShotCommand(LoggedCommand):
    """A command that answers once and ends: it runs with the collector paused.

    See :func:`paused_collector`: for `ask`, never for a command that serves or runs long.
    """

    def invoke(self, ctx: typer.Context) -> Any:
        with paused_collector():
            return super().invoke(ctx)
