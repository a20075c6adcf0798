"""One error handler for every app command and button: answer privately, log with context.

Users get a short ephemeral sentence (never a traceback); the log gets the command, the user,
the guild and the interaction id, so a report like "it said something went wrong at 14:02"
can be traced.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.limits import CONTENT, clip

log = logging.getLogger("willai.bot.errors")

GENERIC = "Something went wrong on our side; it has been logged. Please try again."


class UserFacingError(app_commands.AppCommandError):
    """An expected refusal whose message is meant for the user as it is."""


class NotAllowedError(app_commands.CheckFailure):
    """The user may not run this command; the message says what is needed."""


def user_message(error: Exception) -> str | None:
    """The sentence to show for an expected error, or None for a bug."""
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, NotAllowedError | UserFacingError):
        return str(error)
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.MissingPermissions):
        return "You need the Manage Server permission for this."
    if isinstance(error, app_commands.CheckFailure):
        return "You cannot use this command here."
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
    message = user_message(original)
    if message is None:
        log.error("error in %s", _context(interaction), exc_info=original)
        message = GENERIC
    else:
        log.info("refused %s: %s", _context(interaction), message)
    await reply_ephemeral(interaction, message)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    """The command tree's ``on_error``: every slash command failure ends here."""
    await report(interaction, error)
