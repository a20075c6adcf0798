"""``/willai job:<title>``: the question the bot exists for.

The answer comes from memory (a match and a dict lookup, well under a millisecond), so the
command replies directly instead of deferring: one HTTP round trip instead of two, and the
user sees the answer at once. Only in a burst does it acknowledge first (bot/backlog.py).
A score card not drawn yet follows the answer: drawn off the event loop, then attached to it
(bot/pictures.py), so no answer waits for Pillow.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot import embeds, limits, views
from bot.backlog import BUSY
from bot.client import WillaiBot
from bot.cooldowns import PerUserCooldown
from bot.language import language_of
from bot.pictures import LateCard, attach_when_drawn
from bot.resolve import StaleChoice, resolve
from bot.views import STALE
from scoring.messages import N_
from willai.service import MAX_QUERY_CHARS, Answer

if TYPE_CHECKING:
    from bot.serving import Serving

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
        description=locale_str(
            N_("Will AI replace my job? The AI exposure score (0-100) of an occupation.")
        ),
    )
    @app_commands.rename(job=locale_str(N_("job")))
    @app_commands.describe(
        job=locale_str(N_("Your job title, e.g. nurse, accountant, Krankenpfleger"))
    )
    async def willai(
        self, interaction: discord.Interaction, job: app_commands.Range[str, 1, MAX_QUERY_CHARS]
    ) -> None:
        """Answer, offer a did-you-mean menu, or say (privately) that nothing matches.

        In a burst, acknowledge first and answer from the backlog's queue (bot/backlog.py).
        The score card, when it still has to be drawn, is attached once the answer is out and
        this interaction no longer counts as in flight.
        """
        late = await self.answer(interaction, job)
        if late is not None:
            await attach_when_drawn(interaction, late)

    async def answer(self, interaction: discord.Interaction, job: str) -> LateCard | None:
        """Send the reply, directly or through the backlog; the card still to attach, if any."""
        backlog = self.bot.backlog
        with backlog.entered() as position:
            serving = self.bot.serving
            language = await language_of(interaction)
            if backlog.busy(position):
                busy = serving.service.voice(language).say(BUSY)
                await interaction.response.send_message(busy, ephemeral=True)
                return None
            ephemeral = await self.bot.answers_ephemeral(interaction.guild_id)
            if not backlog.defer(position):
                reply = build_reply(serving, job, language)
                await interaction.response.send_message(
                    **reply.message, ephemeral=ephemeral or reply.private
                )
                return reply.late
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
            # In a burst the card is drawn in the queue, with its answer: it goes in the one
            # edit, and no drawing thread competes with the event loop for the GIL while
            # everyone behind still waits to be acknowledged (bot/pictures.py).
            reply = await backlog.run(lambda: build_reply(serving, job, language, draw=True))
            await deliver_deferred(interaction, reply, ephemeral=ephemeral)
            return reply.late

    @willai.autocomplete("job")
    async def job_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Occupations whose labels start with what is typed; the value names the occupation."""
        return suggest_choices(self.bot, current)


@dataclass(frozen=True, slots=True)
class Reply:
    """What /willai sends, whichever way it is delivered; ``private`` replies are ephemeral.

    ``late`` is the score card to attach once drawn, when the answer goes out without it.
    """

    message: dict[str, Any]
    private: bool = False
    late: LateCard | None = None


def build_reply(serving: Serving, job: str, language: str = "en", *, draw: bool = False) -> Reply:
    """The CPU side of an answer in ``language``: match, embed, buttons; the card with ``draw``.

    Without ``draw``, a card not drawn yet is left to :func:`attach_when_drawn`.
    """
    service = serving.service
    voice = service.voice(language)
    result = resolve(serving, job, language)
    if isinstance(result, StaleChoice):
        return Reply({"content": voice.say(STALE)}, private=True)
    if isinstance(result, Answer):
        message = views.answer_message(serving, result, draw=draw)
        sent: dict[str, Any] = {"embed": message.embed, "view": message.view}
        if message.picture is not None:
            sent["file"] = message.picture
        return Reply(sent, late=message.late)
    if result.ambiguous:
        shown = views.offered(serving, list(result.match.candidates))
        names = [service.occupation_name(c.uri, c.label, language) for c in shown]
        return Reply(
            {
                "embed": embeds.did_you_mean_embed(job, names, voice),
                "view": views.did_you_mean_view(serving, job, shown, language),
            }
        )
    return Reply({"content": embeds.no_match_text(job, result.match.hint, voice)}, private=True)


async def deliver_deferred(
    interaction: discord.Interaction, reply: Reply, *, ephemeral: bool
) -> None:
    """Replace the "thinking..." acknowledgement with the reply.

    A private reply to a public acknowledgement cannot become private by editing: the public
    placeholder goes and the reply follows privately.
    """
    if reply.private and not ephemeral:
        await interaction.delete_original_response()
        await interaction.followup.send(**reply.message, ephemeral=True)
        return
    message = dict(reply.message)
    picture = message.pop("file", None)
    if picture is not None:
        message["attachments"] = [picture]
    await interaction.edit_original_response(**message)


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
