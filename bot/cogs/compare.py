"""``/willai-compare job_a job_b``: two occupations side by side."""

from __future__ import annotations

from typing import cast

import discord
from discord import app_commands
from discord.ext import commands

from bot import embeds, limits
from bot.client import WillaiBot
from bot.cogs.ask import suggest_choices
from bot.cooldowns import PerUserCooldown
from bot.limits import clip, escape_user_text
from bot.resolve import StaleChoice, resolve
from willai.service import MAX_QUERY_CHARS, Answer, Unresolved


def _why_not(text: str, result: Unresolved | StaleChoice) -> str:
    """One line per title that did not resolve to a single occupation."""
    shown = clip(escape_user_text(text), 100)
    if isinstance(result, StaleChoice):
        return f"*{shown}*: that choice is not in the current data; type the title again."
    if result.ambiguous:
        names = ", ".join(embeds.title_case(c.label) for c in result.match.candidates[:5])
        return (
            f"*{shown}* fits several occupations: {escape_user_text(names)}. Pick one "
            "from the suggestions while typing."
        )
    return f"*{shown}*: {result.match.hint or 'no occupation matches.'}"


class CompareCog(commands.Cog):
    """The compare command."""

    def __init__(self, bot: WillaiBot) -> None:
        self.bot = bot
        self.cooldown = PerUserCooldown(bot.settings.ask_cooldown_seconds)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """One comparison per user per ASK_COOLDOWN_SECONDS, counted apart from /willai."""
        self.cooldown.check(interaction.user.id)
        return True

    @app_commands.command(
        name="willai-compare", description="Compare the AI exposure of two occupations."
    )
    @app_commands.describe(job_a="First job title", job_b="Second job title")
    async def compare(
        self,
        interaction: discord.Interaction,
        job_a: app_commands.Range[str, 1, MAX_QUERY_CHARS],
        job_b: app_commands.Range[str, 1, MAX_QUERY_CHARS],
    ) -> None:
        """Both answers in one embed, or a private note on which title needs a choice."""
        serving = self.bot.serving
        first, second = resolve(serving, job_a), resolve(serving, job_b)
        if isinstance(first, Answer) and isinstance(second, Answer):
            await interaction.response.send_message(
                embed=embeds.compare_embed(first, second),
                ephemeral=await self.bot.answers_ephemeral(interaction.guild_id),
            )
            return
        problems = [
            _why_not(text, result)
            for text, result in ((job_a, first), (job_b, second))
            if not isinstance(result, Answer)
        ]
        await interaction.response.send_message(
            clip("\n".join(problems), limits.CONTENT), ephemeral=True
        )

    @compare.autocomplete("job_a")
    async def job_a_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Same suggestions as /willai."""
        return suggest_choices(self.bot, current)

    @compare.autocomplete("job_b")
    async def job_b_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Same suggestions as /willai."""
        return suggest_choices(self.bot, current)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    await bot.add_cog(CompareCog(cast("WillaiBot", bot)))
