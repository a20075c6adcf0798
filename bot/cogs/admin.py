"""``/willai-admin``: refresh the data, see the bot's state, choose visibility and language.

Discord's ``default_permissions`` only hides the commands from members without Manage
Server; server owners can change that in their integration settings, so every subcommand
also checks the permission in code (and OWNER_IDS when it is set). A refresh changes the data
for every server, so it is rate-limited and one-at-a-time, and only the bot's owners may name
a source other than ESCO_SOURCE: a server admin must not make the host read arbitrary paths
or URLs.

Every reply is said in the language of the admin who asked (bot/language.py): refusals,
the settings' replies, the status and the refresh's progress and outcome (bot/status.py).
"""

from __future__ import annotations

import asyncio
import logging
import math
from datetime import UTC, datetime
from typing import cast

import discord
from discord import app_commands
from discord.app_commands import Choice, locale_str
from discord.ext import commands

from bot import limits
from bot.client import WillaiBot
from bot.errors import SERVER_ONLY, NotAllowedError, UserFacingError
from bot.language import voice_of
from bot.refresh import ProgressStep, RefreshRefusedError
from bot.status import StatusFacts, outcome_text, progress_text, refreshing_text, status_embed
from languages.choice import NAMES, SUPPORTED
from scoring.messages import N_

log = logging.getLogger("willai.bot.admin")


async def require_admin(interaction: discord.Interaction) -> bool:
    """Manage Server (or Administrator) in this server, and OWNER_IDS when configured."""
    if interaction.guild_id is None:
        raise NotAllowedError(SERVER_ONLY)
    permissions = interaction.permissions
    if not (permissions.manage_guild or permissions.administrator):
        raise NotAllowedError(N_("You need the Manage Server permission to use /willai-admin."))
    owners = cast("WillaiBot", interaction.client).settings.owner_ids
    if owners and interaction.user.id not in owners:
        raise NotAllowedError(N_("Only the bot's operators (OWNER_IDS) may use /willai-admin."))
    return True


def _source_text(text: str) -> str:
    return limits.clip(discord.utils.escape_markdown(text).replace("`", "'"), 300)


#: ``/willai-admin ephemeral``'s choices; the values are what older clients send.
VISIBILITY = [
    Choice(name=locale_str(N_("on: only the asker sees answers")), value="on"),
    Choice(name=locale_str(N_("off: the channel sees answers")), value="off"),
]
#: ``/willai-admin language``'s choices, each named in its own language. English is no
#: setting: it clears the server's default, so members get their own language or English.
LANGUAGES = [Choice(name=NAMES[code], value=code) for code in SUPPORTED]
#: The reply to each choice: one whole sentence per language, so that each translation names
#: the language its own way ("en français", "auf Französisch").
LANGUAGE_SET = {
    "en": N_(
        "Members whose Discord language willai does not speak now get answers in English. "
        "Everyone else gets their own language."
    ),
    "de": N_(
        "Members whose Discord language willai does not speak now get answers in German. "
        "Everyone else gets their own language."
    ),
    "fr": N_(
        "Members whose Discord language willai does not speak now get answers in French. "
        "Everyone else gets their own language."
    ),
    "es": N_(
        "Members whose Discord language willai does not speak now get answers in Spanish. "
        "Everyone else gets their own language."
    ),
}


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class AdminCog(
    commands.GroupCog,
    group_name="willai-admin",
    group_description=locale_str(N_("willai server admin tools (Manage Server)")),
):
    """Admin subcommands; all answers are ephemeral."""

    def __init__(self, bot: WillaiBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(
        name="refresh",
        description=locale_str(N_("Re-import ESCO (ESCO_SOURCE or a source) and switch to it.")),
    )
    @app_commands.rename(source=locale_str(N_("source")))
    @app_commands.describe(
        source=locale_str(N_("Bundle folder, .zip, URL or esco-api[:VERSION] (bot owners only)"))
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
                N_(
                    "Only the bot's owners may refresh from another source; "
                    "run it without `source` to re-import ESCO_SOURCE."
                )
            )
        sources = source.split() if source else []
        if not sources and not bot.settings.esco_source:
            raise UserFacingError(
                N_(
                    "ESCO_SOURCE is not set, so there is nothing to refresh "
                    "from: set it in .env, or give a source."
                )
            )
        voice = await voice_of(interaction)
        try:
            job = await refresher.reserve_shared("admin", sources)
        except RefreshRefusedError as exc:
            raise UserFacingError(exc.message, **exc.values) from None
        try:
            shown = _source_text(source or bot.settings.esco_source or "")
            serving = bot.serving.service.release.version
            head = refreshing_text(shown, serving, voice)
            await interaction.response.send_message(head, ephemeral=True)

            async def progress(step: ProgressStep) -> None:
                text = progress_text(step, voice)
                await interaction.edit_original_response(
                    content=limits.clip(f"{head}\n{text}", limits.CONTENT)
                )

            outcome = await refresher.run(job, progress)
        finally:
            refresher.release(job)
        await asyncio.sleep(refresher.final_edit_delay())
        await interaction.edit_original_response(content=outcome_text(outcome, voice))

    @app_commands.command(
        name="status",
        description=locale_str(N_("Data release, counts, last refresh, latency, uptime.")),
    )
    @app_commands.check(require_admin)
    async def status(self, interaction: discord.Interaction) -> None:
        """What an operator checks first when something looks wrong."""
        bot, refresher = self.bot, self.bot.refresher
        release, attempt = await asyncio.to_thread(
            lambda: (bot.store.release(), bot.store.last_attempt())
        )
        scheduler = bot.get_cog("SchedulerCog")
        next_at = getattr(scheduler, "next_check", lambda: None)()
        latency = bot.latency
        facts = StatusFacts(
            release=release,
            attempt=attempt,
            refreshing=refresher.running,
            last_refresh=refresher.last_outcome,
            last_check=refresher.last_check,
            next_check=next_at,
            latency_ms=latency * 1000 if math.isfinite(latency) else None,
            started_at=bot.started_at,
            now=datetime.now(UTC),
            guilds=len(bot.guilds),
            shards_running=len(getattr(bot, "shards", {}) or {0: None}),
            shard_count=bot.shard_count or 1,
        )
        voice = await voice_of(interaction)
        await interaction.response.send_message(embed=status_embed(facts, voice), ephemeral=True)

    @app_commands.command(
        name="ephemeral",
        description=locale_str(
            N_("Make /willai answers in this server private (on) or public (off).")
        ),
    )
    @app_commands.rename(mode=locale_str(N_("mode")))
    @app_commands.describe(
        mode=locale_str(N_("on: only the asker sees answers; off: the channel does"))
    )
    @app_commands.choices(mode=VISIBILITY)
    @app_commands.check(require_admin)
    async def ephemeral(self, interaction: discord.Interaction, mode: Choice[str]) -> None:
        """Stored per server, so it survives restarts."""
        assert interaction.guild_id is not None  # guaranteed by require_admin
        private = mode.value == "on"
        await self.bot.set_answers_ephemeral(interaction.guild_id, private)
        voice = await voice_of(interaction)
        text = (
            voice.say("Answers in this server are now private to the asker.")
            if private
            else voice.say("Answers in this server are now public.")
        )
        await interaction.response.send_message(text, ephemeral=True)

    @app_commands.command(
        name="language",
        description=locale_str(
            N_("The answer language for members whose Discord language willai does not speak.")
        ),
    )
    @app_commands.rename(language=locale_str(N_("language")))
    @app_commands.describe(
        language=locale_str(N_("English clears it: members get their own language, else English"))
    )
    @app_commands.choices(language=LANGUAGES)
    @app_commands.check(require_admin)
    async def language(self, interaction: discord.Interaction, language: Choice[str]) -> None:
        """Stored per server and shared by every bot process.

        The reply is in the admin's own language, or the new default when willai does not
        speak the admin's.
        """
        assert interaction.guild_id is not None  # guaranteed by require_admin
        chosen = "" if language.value == "en" else language.value
        await self.bot.set_guild_language(interaction.guild_id, chosen)
        voice = await voice_of(interaction)
        await interaction.response.send_message(
            voice.say(LANGUAGE_SET[chosen or "en"]), ephemeral=True
        )


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    await bot.add_cog(AdminCog(cast("WillaiBot", bot)))
