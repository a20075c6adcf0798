"""``/willai-admin``: refresh the data, see the bot's state, choose answer visibility.

Discord's ``default_permissions`` only hides the commands from members without Manage
Server; server owners can change that in their integration settings, so every subcommand
also checks the permission in code (and OWNER_IDS when it is set). A refresh changes the data
for every server, so it is rate-limited and one-at-a-time, and only the bot's owners may name
a source other than ESCO_SOURCE: a server admin must not make the host read arbitrary paths
or URLs.
"""

from __future__ import annotations

import asyncio
import logging
import math
from datetime import UTC, datetime
from typing import Literal, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot import embeds, limits
from bot.client import WillaiBot
from bot.errors import NotAllowedError, UserFacingError
from bot.refresh import RefreshOutcome, RefreshRefusedError

log = logging.getLogger("willai.bot.admin")


async def require_admin(interaction: discord.Interaction) -> bool:
    """Manage Server (or Administrator) in this server, and OWNER_IDS when configured."""
    if interaction.guild_id is None:
        raise NotAllowedError("This command only works in a server.")
    permissions = interaction.permissions
    if not (permissions.manage_guild or permissions.administrator):
        raise NotAllowedError("You need the Manage Server permission to use /willai-admin.")
    owners = cast("WillaiBot", interaction.client).settings.owner_ids
    if owners and interaction.user.id not in owners:
        raise NotAllowedError("Only the bot's operators (OWNER_IDS) may use /willai-admin.")
    return True


def _source_text(text: str) -> str:
    return limits.clip(discord.utils.escape_markdown(text).replace("`", "'"), 300)


def outcome_text(outcome: RefreshOutcome) -> str:
    """The admin's final reply."""
    icon = {"imported": "Done", "unchanged": "Nothing to do", "failed": "Refresh failed"}.get(
        outcome.status, outcome.status.capitalize()
    )
    return limits.clip(f"**{icon}**: {outcome.detail} ({outcome.seconds:.1f} s)", limits.CONTENT)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class AdminCog(
    commands.GroupCog,
    group_name="willai-admin",
    group_description="willai server admin tools (Manage Server)",
):
    """Admin subcommands; all answers are ephemeral."""

    def __init__(self, bot: WillaiBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(
        name="refresh", description="Re-import ESCO (ESCO_SOURCE or a source) and switch to it."
    )
    @app_commands.describe(
        source="Bundle folder, .zip, URL or esco-api[:VERSION] (bot owners only)"
    )
    @app_commands.check(require_admin)
    async def refresh(
        self,
        interaction: discord.Interaction,
        source: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        """Import in the background, editing the reply with progress, then switch."""
        bot, refresher = self.bot, self.bot.refresher
        if source and not await bot.is_owner(interaction.user):
            raise NotAllowedError(
                "Only the bot's owners may refresh from another source; "
                "run it without `source` to re-import ESCO_SOURCE."
            )
        sources = source.split() if source else []
        if not sources and not bot.settings.esco_source:
            raise UserFacingError(
                "ESCO_SOURCE is not set, so there is nothing to refresh "
                "from: set it in .env, or give a source."
            )
        try:
            job = await refresher.reserve_shared("admin", sources)
        except RefreshRefusedError as exc:
            raise UserFacingError(f"Not now: {exc}.") from None
        try:
            shown = _source_text(source or bot.settings.esco_source or "")
            serving = bot.serving.service.release.version
            head = (
                f"Refreshing ESCO from `{shown}`; answers keep using ESCO {serving} "
                "until the new data is ready."
            )
            await interaction.response.send_message(head, ephemeral=True)

            async def progress(text: str) -> None:
                await interaction.edit_original_response(
                    content=limits.clip(f"{head}\n{text}", limits.CONTENT)
                )

            outcome = await refresher.run(job, progress)
        finally:
            refresher.release(job)
        await asyncio.sleep(refresher.final_edit_delay())
        await interaction.edit_original_response(content=outcome_text(outcome))

    @app_commands.command(
        name="status", description="Data release, counts, last refresh, latency, uptime."
    )
    @app_commands.check(require_admin)
    async def status(self, interaction: discord.Interaction) -> None:
        """What an operator checks first when something looks wrong."""
        bot, refresher = self.bot, self.bot.refresher
        release, attempt = await asyncio.to_thread(
            lambda: (bot.store.release(), bot.store.last_attempt())
        )
        if attempt is None:
            attempt_text = "none"
        else:
            attempt_text = f"{attempt.status} {discord.utils.format_dt(attempt.imported_at, 'R')}"
            if attempt.error:
                attempt_text += f": {limits.clip(attempt.error, 300)}"
        if refresher.running:
            refresh_text = "running now"
        elif refresher.last_outcome:
            refresh_text = refresher.last_outcome.line()
        else:
            refresh_text = "none since start"
        scheduler = bot.get_cog("SchedulerCog")
        next_at = getattr(scheduler, "next_check", lambda: None)()
        latency = bot.latency
        shard_count = bot.shard_count or 1
        facts = embeds.StatusFacts(
            release=release,
            last_attempt=attempt_text,
            last_refresh=refresh_text,
            last_check=refresher.last_check.line() if refresher.last_check else "none yet",
            next_check=discord.utils.format_dt(next_at, "R") if next_at else "disabled",
            latency_ms=latency * 1000 if math.isfinite(latency) else None,
            started_at=bot.started_at,
            now=datetime.now(UTC),
            guilds=len(bot.guilds),
            shards=f"{len(getattr(bot, 'shards', {}) or {0: None})} of {shard_count}",
        )
        await interaction.response.send_message(embed=embeds.status_embed(facts), ephemeral=True)

    @app_commands.command(
        name="ephemeral",
        description="Make /willai answers in this server private (on) or public (off).",
    )
    @app_commands.describe(mode="on: only the asker sees answers; off: the channel does")
    @app_commands.check(require_admin)
    async def ephemeral(self, interaction: discord.Interaction, mode: Literal["on", "off"]) -> None:
        """Stored per server, so it survives restarts."""
        assert interaction.guild_id is not None  # guaranteed by require_admin
        await self.bot.set_answers_ephemeral(interaction.guild_id, mode == "on")
        text = (
            "Answers in this server are now private to the asker."
            if mode == "on"
            else "Answers in this server are now public."
        )
        await interaction.response.send_message(text, ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    await bot.add_cog(AdminCog(cast("WillaiBot", bot)))
