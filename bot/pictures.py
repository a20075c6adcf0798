"""The score card picture of an answer: attached at once when drawn before, else after the text.

Drawing a card is ~12 ms of Pillow (a little more in French, whose words are longer), held
under the GIL, and every handler shares one event loop: drawn before the reply, a first card
made the answer wait for it, and every interaction behind it too. So the answer's text goes
out first; a card not drawn yet is drawn on one worker thread and then added to the original
response (an edit with the attachment, the embed's image pointing at it). A card this host
drew before (in memory, or in its folder) costs nothing and goes with the first reply.

The picture is a bonus on a complete answer: when drawing fails or the interaction can no
longer be edited (expired, deleted), the text answer stands and the log says why; the user
never sees an error for it.
"""

from __future__ import annotations

import asyncio
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import discord

from willai.card import CardCache
from willai.service import Answer

log = logging.getLogger("willai.bot.pictures")

#: File name of the score card attachment, which the embed shows as its image.
PICTURE_NAME = "willai-score.png"

#: Cards are drawn here, one at a time in arrival order. One thread, not asyncio's default
#: pool: Pillow keeps the GIL while it draws text, so each drawing thread competes with the
#: event loop; one leaves the loop a core, and a burst's cards simply queue.
_DRAWER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="willai-card")


class ScoreCards(CardCache):
    """The host's card cache, which can also say whether a card is drawn already."""

    def drawn(self, answer: Answer) -> bytes | None:
        """The answer's card when drawn before (memory, or the folder); None, never drawing."""
        return self.cached(answer.score, answer.data_version, answer.language)

    def draw(self, answer: Answer) -> bytes:
        """The answer's card, drawn unless cached (blocking: call it off the event loop)."""
        return self.get_or_render(
            answer.score, answer.data_version, voice=answer.voice, name=answer.title
        )


def as_file(png: bytes) -> discord.File:
    """The card as the attachment the embed's image names."""
    return discord.File(io.BytesIO(png), filename=PICTURE_NAME)


def showing_picture(embed: discord.Embed) -> discord.Embed:
    """A copy of ``embed`` whose image is the card attachment."""
    return embed.copy().set_image(url=f"attachment://{PICTURE_NAME}")


@dataclass(frozen=True, slots=True)
class LateCard:
    """A card the answer went out without: what to draw, and the embed that will show it."""

    cards: ScoreCards
    answer: Answer
    #: The answer's embed, its image pointing at the attachment.
    embed: discord.Embed


async def attach_when_drawn(interaction: discord.Interaction, late: LateCard) -> None:
    """Draw the card off the event loop, then add it to the interaction's original response.

    Never raises: a card that cannot be drawn or attached is logged, and the answer already
    sent stays as it is.
    """
    uri = late.answer.score.uri
    try:
        png = await asyncio.get_running_loop().run_in_executor(
            _DRAWER, late.cards.draw, late.answer
        )
    except Exception:
        log.exception(
            "score card of %s (%s) not drawn; interaction %s keeps its text answer",
            uri,
            late.answer.language,
            interaction.id,
        )
        return
    if interaction.is_expired():
        log.error("score card of %s not attached: interaction %s expired", uri, interaction.id)
        return
    try:
        await interaction.edit_original_response(embed=late.embed, attachments=[as_file(png)])
    except Exception as exc:  # noqa: BLE001 - expired, deleted or unreachable: text stands
        log.error(  # noqa: TRY400 - the reason is enough; Discord's error is not a bug here
            "score card of %s not attached to interaction %s: %s", uri, interaction.id, exc
        )
