"""One error handler for every app command and button: answer privately, log with context.

Users get a short ephemeral sentence (never a traceback); the log gets the command, the user,
the guild and the interaction id, so a report like "it said something went wrong at 14:02"
can be traced.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.language import error_voice
from bot.limits import CONTENT, clip
from scoring.messages import N_
from scoring.voice import ENGLISH, Voice

log = logging.getLogger("willai.bot.errors")

GENERIC = N_("Something went wrong on our side; it has been logged. Please try again.")
COOLDOWN = N_("Slow down a little: try again in {seconds} s.")
SERVER_ONLY = N_("This command only works in a server.")
NEEDS_MANAGE_SERVER = N_("You need the Manage Server permission for this.")
NOT_HERE = N_("You cannot use this command here.")


class RefusalError(Exception):
    """An expected refusal, said in the language of whoever it answers.

    ``message`` is an English catalogue id (marked with ``N_`` where it is raised) with
    ``{named}`` placeholders; the exception's own text, for the log, is the English one.
    """

    def __init__(self, message: str, /, **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.message, self.values = message, values

    def said(self, voice: Voice) -> str:
        """The refusal in ``voice``'s language."""
        return voice.say(self.message, **self.values)


class UserFacingError(RefusalError, app_commands.AppCommandError):
    """An expected refusal whose message is meant for the user as it is."""


class NotAllowedError(RefusalError, app_commands.CheckFailure):
    """The user may not run this command; the message says what is needed."""


def user_message(error: Exception, voice: Voice = ENGLISH) -> str | None:
    """The sentence to show for an expected error, in ``voice``'s language; None for a bug."""
    if isinstance(error, app_commands.CommandOnCooldown):
        return voice.say(COOLDOWN, seconds=f"{error.retry_after:.0f}")
    if isinstance(error, RefusalError):
        return error.said(voice)
    if isinstance(error, app_commands.NoPrivateMessage):
        return voice.say(SERVER_ONLY)
    if isinstance(error, app_commands.MissingPermissions):
        return voice.say(NEEDS_MANAGE_SERVER)
    if isinstance(error, app_commands.CheckFailure):
        return voice.say(NOT_HERE)
    return None


def _context(interaction: discord.Interaction) -> str:
    command = interaction.command.qualified_name if interaction.command else None
    data = interaction.data or {}
    what = command or data.get("custom_id") or data.get("name") or "?"
    return (
        f"{what!r} user={interaction.user.id} guild={interaction.guild_id} "
        f"interaction={interaction.id}"
    )


async def reply_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer privately whether or not the interaction was already acknowledged."""
    if interaction.type is discord.InteractionType.autocomplete:
        return
    text = clip(text, CONTENT)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:
        log.warning(
            "could not tell the user about an error (%s)", _context(interaction), exc_info=True
        )


async def report(interaction: discord.Interaction, error: Exception) -> None:
    """Log and answer one error; shared by the command tree and the buttons."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if interaction.type is discord.InteractionType.autocomplete:
        voice: Voice = ENGLISH  # nothing is shown: only the log reads it
    else:
        voice = await error_voice(interaction)
    message = user_message(original, voice)
    if message is None:
        log.error("error in %s", _context(interaction), exc_info=original)
        message = voice.say(GENERIC)
    else:
        log.info("refused %s: %s", _context(interaction), original)
    await reply_ephemeral(interaction, message)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    """The command tree's ``on_error``: every slash command failure ends here."""
    await report(interaction, error)
