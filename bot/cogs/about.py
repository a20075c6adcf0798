"""``/willai-about``: what the score means, where the data comes from, how to self-host."""

from __future__ import annotations

from typing import cast

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot import embeds
from bot.client import WillaiBot
from bot.language import language_of
from scoring.messages import N_


class AboutCog(commands.Cog):
    """The about command."""

    def __init__(self, bot: WillaiBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=N_("willai-about"),
        description=locale_str(N_("What the willai score means, its sources and data version.")),
    )
    async def about(self, interaction: discord.Interaction) -> None:
        """Privately: it is reference text, not something the channel needs to see."""
        serving = self.bot.serving
        voice = serving.service.voice(await language_of(interaction))
        embed = embeds.about_embed(serving.service.release, len(serving.keys), voice)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    await bot.add_cog(AboutCog(cast("WillaiBot", bot)))
