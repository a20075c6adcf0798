"""``/willai-compare job_a job_b``: two occupations side by side."""

from __future__ import annotations

from typing import cast

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot import embeds, limits
from bot.client import WillaiBot
from bot.cogs.ask import suggest_choices
from bot.cooldowns import PerUserCooldown
from bot.language import language_of
from bot.limits import clip, escape_user_text
from bot.resolve import StaleChoice, resolve
from scoring.messages import N_
from willai.service import MAX_QUERY_CHARS, Answer, AnswerService, Unresolved


def _why_not(
    service: AnswerService, language: str, text: str, result: Unresolved | StaleChoice
) -> str:
    """One line per title that did not resolve to a single occupation, in ``language``."""
    voice = service.voice(language)
    shown = f"*{clip(escape_user_text(text), 100)}*"
    if isinstance(result, StaleChoice):
        return voice.say(
            "{query}: that choice is not in the current data; type the title again.", query=shown
        )
    if result.ambiguous:
        names = [
            escape_user_text(service.occupation_name(c.uri, c.label, language))
            for c in result.match.candidates[:5]
        ]
        return voice.say(
            "{query} fits several occupations: {names}. Pick one from the suggestions while "
            "typing.",
            query=shown,
            names="; ".join(names),
        )
    hint = (
        voice.say(result.match.hint) if result.match.hint else voice.say("no occupation matches.")
    )
    return voice.say("{query}: {hint}", query=shown, hint=hint)


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
        name=N_("willai-compare"),
        description=locale_str(N_("Compare the AI exposure of two occupations.")),
    )
    @app_commands.rename(job_a=locale_str(N_("job_a")), job_b=locale_str(N_("job_b")))
    @app_commands.describe(
        job_a=locale_str(N_("First job title")), job_b=locale_str(N_("Second job title"))
    )
    async def compare(
        self,
        interaction: discord.Interaction,
        job_a: app_commands.Range[str, 1, MAX_QUERY_CHARS],
        job_b: app_commands.Range[str, 1, MAX_QUERY_CHARS],
    ) -> None:
        """Both answers in one embed, or a private note on which title needs a choice."""
        serving = self.bot.serving
        language = await language_of(interaction)
        first, second = resolve(serving, job_a, language), resolve(serving, job_b, language)
        if isinstance(first, Answer) and isinstance(second, Answer):
            await interaction.response.send_message(
                embed=embeds.compare_embed(first, second),
                ephemeral=await self.bot.answers_ephemeral(interaction.guild_id),
            )
            return
        problems = [
            _why_not(serving.service, language, text, result)
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
