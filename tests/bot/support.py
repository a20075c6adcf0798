"""Helpers shared by the bot tests."""

from __future__ import annotations

from bot import WillaiBot


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
