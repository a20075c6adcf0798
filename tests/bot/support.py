"""Helpers shared by the bot tests."""

from __future__ import annotations

import threading
from typing import Any

from bot import WillaiBot
from willai.importing import run_import


def sync_commands_at_setup(bot: WillaiBot) -> WillaiBot:
    """Make the bot push its commands to the fake right after setup, as `willai sync` would.

    The fake Discord resolves option types from the synced definitions, so the tests need the
    tree there before the first interaction.
    """
    original = bot.setup_hook

    async def setup_hook() -> None:
        await original()
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


class BlockingImport:
    """An import that waits until the test lets it finish (runs in the worker thread).

    With a ``phase``, it first reports that phase (a quarter done), so the admin's reply has
    a progress edit to show while the refresh is held.
    """

    def __init__(self, phase: str | None = None) -> None:
        self.phase = phase
        self.started = threading.Event()
        self.go = threading.Event()

    def __call__(self, store: Any, settings: Any, sources: Any, **kwargs: Any) -> Any:
        self.started.set()
        if self.phase is not None:
            kwargs["progress"](self.phase, 1, 4)
        assert self.go.wait(10)
        return run_import(store, settings, sources, **kwargs)


def must_not_import(*args: Any, **kwargs: Any) -> Any:
    """An import function for a refresh the test expects to be refused before importing."""
    raise AssertionError("no import expected")
