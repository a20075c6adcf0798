"""The `willai` command: one typer app (``commands.app``), sub-commands in their own modules.

Every known failure is turned into one red line and a non-zero exit (``core.OneLineErrors``),
so no sub-command ever shows a traceback for bad input or an unreachable source.

Importing this package loads none of it: :func:`main` loads typer, rich and the commands,
and each command imports the store, the matcher, the web client or Discord when it runs, so
`willai --help` and a mistyped argument answer at once (tests/willai/test_cli_startup.py holds
it to that). ``app``, ``EXPECTED_ERRORS`` and ``is_expected`` load on first use.
"""

from __future__ import annotations

import gc
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from willai.cli.commands import app
    from willai.cli.core import EXPECTED_ERRORS, is_expected

__all__ = ["EXPECTED_ERRORS", "app", "is_expected", "main"]
_HOMES = {
    "EXPECTED_ERRORS": "willai.cli.core",
    "app": "willai.cli.commands",
    "is_expected": "willai.cli.core",
}


def __getattr__(name: str) -> Any:
    """Load the module a public name lives in, the first time the name is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'willai.cli' has no attribute {name!r}")
    return getattr(import_module(home), name)


def main() -> None:
    """Console-script entry point.

    The cyclic collector is off while the command starts: loading the CLI and parsing are
    imports (of typer, rich, pydantic for typer's coercion), which make many objects that live
    as long as the process and almost no garbage, and each collection would walk them again.
    The root group turns it back on for every command but a one-shot answer
    (``core.OneLineErrors.resolve_command``). `willai ask` keeps it off until the process
    ends.

    Off is not enough for the exit: tearing the interpreter down runs full collections
    whether the collector is on or not, and each walks every object the process made: ~40 ms
    of a `willai ask`, more than mapping the index, matching and printing take, and ~0.2 s of
    a `willai data import`. So when the command has ended, everything it made is frozen
    (``gc.freeze``) and those collections pass it by. The teardown is otherwise as always:
    exit handlers run, logs are flushed, modules and objects are released. What it would have
    collected is cyclic garbage, which the operating system takes back with the rest of the
    process; the one resource such garbage could hold open is a connection, and the commands
    close their stores themselves (``runtime.close_reads``; an import's store is disposed of
    before it lays out its caches, `willai.importing`).
    """
    gc.disable()
    from willai.cli.commands import app

    try:
        app()
    except KeyboardInterrupt:
        from rich.console import Console

        Console(stderr=True, highlight=False).print(
            "[yellow]interrupted[/yellow]; the serving data is unchanged"
        )
        sys.exit(130)
    finally:
        gc.freeze()
