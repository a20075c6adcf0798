"""``/willai job:<title>``: the question the bot exists for.

The answer comes from memory (a match and a dict lookup, well under a millisecond), so the
command replies directly instead of deferring: one HTTP round trip instead of two, and the
user sees the answer at once.
"""

from __future__ import annotations

import logging
from typing import cast

import discord
from discord import app_commands
from discord.ext import commands

from bot import embeds, limits, views
from bot.client import WillaiBot
from bot.cooldowns import PerUserCooldown
from bot.resolve import StaleChoice, resolve
from bot.views import STALE
from willai.service import MAX_QUERY_CHARS, Answer

log = logging.getLogger("willai.bot.ask")


class AskCog(commands.Cog):
    """The /willai command and its autocomplete."""

    def __init__(self, bot: WillaiBot) -> None:
        self.bot = bot
        self.cooldown = PerUserCooldown(bot.settings.ask_cooldown_seconds)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """One /willai per user per ASK_COOLDOWN_SECONDS (none when it is 0)."""
        self.cooldown.check(interaction.user.id)
        return True

    @app_commands.command(
        name="willai",
        description="Will AI replace my job? The AI exposure score (0-100) of an occupation.",
    )
    @app_commands.describe(job="Your job title, e.g. nurse, accountant, Krankenpfleger")
    async def willai(
        self, interaction: discord.Interaction, job: app_commands.Range[str, 1, MAX_QUERY_CHARS]
    ) -> None:
        """Answer, offer a did-you-mean menu, or say (privately) that nothing matches."""
        serving = self.bot.serving
        ephemeral = self.bot.answers_ephemeral(interaction.guild_id)
        result = resolve(serving, job)
        if isinstance(result, StaleChoice):
            await interaction.response.send_message(STALE, ephemeral=True)
        elif isinstance(result, Answer):
            message = views.answer_message(serving, result)
            await interaction.response.send_message(
                embed=message.embed, view=message.view, file=message.picture, ephemeral=ephemeral
            )
        elif result.ambiguous:
            candidates = list(result.match.candidates)
            await interaction.response.send_message(
                embed=embeds.did_you_mean_embed(job, candidates),
                view=views.did_you_mean_view(serving, job, candidates),
                ephemeral=ephemeral,
            )
        else:
            await interaction.response.send_message(
                embeds.no_match_text(job, result.match.hint), ephemeral=True
            )

    @willai.autocomplete("job")
    async def job_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Occupations whose labels start with what is typed; the value names the occupation."""
        return suggest_choices(self.bot, current)


def suggest_choices(bot: WillaiBot, current: str) -> list[app_commands.Choice[str]]:
    """At most 25 choices, names within 100 characters, values ``occ:<key>``."""
    if not current.strip():
        return []
    serving = bot.serving
    return [
        app_commands.Choice(
            name=limits.clip(s.name, limits.CHOICE_NAME), value=serving.keys.choice_value(s.uri)
        )
        for s in serving.service.suggest(current, limit=limits.CHOICES)[: limits.CHOICES]
    ]


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    await bot.add_cog(AskCog(cast("WillaiBot", bot)))
