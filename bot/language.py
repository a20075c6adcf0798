"""Which language the bot answers an interaction in, and the voice that says it.

The member's own Discord language comes first: it is what they read Discord in. When willai
does not speak it (Portuguese, Japanese, …), the server's default that an admin set with
``/willai-admin language`` applies, and English last. Discord's own ``guild_locale`` is not
used: it is the language a Community server shows in Server Discovery, set once and rarely the
language its members share, and an explicit admin choice is easy to make.

Every interaction is decided on its own, so a button answers in the language of whoever clicks
it, not of whoever asked.
"""

from __future__ import annotations

import logging
from typing import Protocol, cast

import discord

from languages.choice import supported
from languages.voices import interface_voice
from scoring.voice import Voice

log = logging.getLogger("willai.bot.language")


class KnowsGuildLanguage(Protocol):
    """What a component or handler asks of the client a click arrives on."""

    async def guild_language(self, guild_id: int | None) -> str:
        """The server's default answer language ("" when an admin chose none)."""
        ...


def locale_tag(locale: object) -> str:
    """Discord's tag ("pt-BR") of an interaction locale, known to discord.py or not."""
    return str(getattr(locale, "value", locale) or "")


async def language_of(interaction: discord.Interaction) -> str:
    """The member's Discord language if willai speaks it, else the server's default, else en."""
    own = supported(locale_tag(interaction.locale))
    if own is not None:
        return own
    client = cast("KnowsGuildLanguage", interaction.client)
    return supported(await client.guild_language(interaction.guild_id)) or "en"


async def voice_of(interaction: discord.Interaction) -> Voice:
    """The voice for words around an answer (buttons, refusals) in the interaction's language."""
    return interface_voice(await language_of(interaction))


async def error_voice(interaction: discord.Interaction) -> Voice:
    """:func:`voice_of`, or the member's own language alone when the server's cannot be read.

    An error reply must still go out when the store, where the server's default lives, is the
    thing that failed.
    """
    try:
        return await voice_of(interaction)
    except Exception:  # any failure here must not hide the original error
        log.warning("could not read the server's language for an error reply", exc_info=True)
        return interface_voice(supported(locale_tag(interaction.locale)) or "en")
