"""The scheduled refresh: every REFRESH_INTERVAL_DAYS, look for newer ESCO data.

The work itself is :meth:`bot.refresh.RefreshCoordinator.scheduled_check` (tests call it
directly); this cog only runs it on a ``discord.ext.tasks`` loop. The first iteration, which
the loop runs at start-up, is skipped: a restart is not a reason to re-read the data.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import cast

from discord.ext import commands, tasks

from bot.client import WillaiBot

log = logging.getLogger("willai.bot.scheduler")


class SchedulerCog(commands.Cog):
    """Owns the refresh loop; disabled when REFRESH_INTERVAL_DAYS is 0 or nothing is served."""

    def __init__(self, bot: WillaiBot) -> None:
        self.bot = bot
        self._first = True

    async def cog_load(self) -> None:
        """Start the loop at the configured interval."""
        days = self.bot.settings.refresh_interval_days
        if days <= 0 or not self.bot.serve:
            return
        self.check.change_interval(hours=days * 24)
        self.check.start()
        log.info("scheduled ESCO refresh every %g days", days)

    async def cog_unload(self) -> None:
        """Stop the loop with the cog (and the bot)."""
        self.check.cancel()

    def next_check(self) -> datetime | None:
        """When the next check runs, for /willai-admin status (None when disabled)."""
        return self.check.next_iteration if self.check.is_running() else None

    @tasks.loop(hours=24 * 30)
    async def check(self) -> None:
        """One scheduled check; failures are recorded, never raised into the loop."""
        if self._first:
            self._first = False
            return
        try:
            await self.bot.refresher.scheduled_check()
        except Exception:  # the loop must survive anything a check does
            log.exception("scheduled ESCO check crashed")


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    await bot.add_cog(SchedulerCog(cast("WillaiBot", bot)))
