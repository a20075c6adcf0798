"""Slash commands in the member's Discord language: descriptions, options and choices.

discord.py asks a :class:`~discord.app_commands.Translator` for every ``locale_str`` of the
command tree and every Discord locale when the commands are synced; this one answers from the
same gettext catalogues as the answers (``languages/locale``), so a translator edits one file
per language. The English strings are marked with ``N_`` for ``make catalogues``.

``/willai`` is the product's name and keeps it in every language. ``/willai-admin`` and its
subcommands keep theirs too: they are operators' tools, and the bot's replies and docs name
them (``/willai-admin language``). The other commands' names (``/willai-compare``,
``/willai-about``) are localised like their options, from the same catalogue.
"""

from __future__ import annotations

import gettext
import logging
import re
from collections.abc import Callable

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot import limits
from languages.catalogue import translations
from languages.choice import supported

log = logging.getLogger("willai.bot.translator")

#: Discord's rule for command and option names (lowercase where the script has case); the
#: apostrophe Discord now also allows is left out, so older clients never see one.
_NAME = re.compile(r"^[-_\w]{1,32}$")
#: Where a string is a name, which must follow :data:`_NAME`, not free text.
NAME_LOCATIONS = frozenset({Where.parameter_name, Where.command_name})
#: Never translated (see the module docstring): the product's name and the admin tools.
KEPT_NAMES = frozenset({"willai", "willai-admin"})
#: Free text and its limit.
TEXT_LIMITS = {
    Where.command_description: limits.COMMAND_DESCRIPTION,
    Where.group_description: limits.COMMAND_DESCRIPTION,
    Where.parameter_description: limits.COMMAND_DESCRIPTION,
    Where.choice_name: limits.CHOICE_NAME,
}


def _in_admin_group(command: object) -> bool:
    """Whether ``command`` is a subcommand of a group (``/willai-admin language``)."""
    return isinstance(command, app_commands.Command) and command.parent is not None


def valid_name(name: str) -> bool:
    """Whether Discord accepts ``name`` as a command or option name."""
    return bool(_NAME.fullmatch(name)) and name == name.lower()


class CommandTranslator(app_commands.Translator):
    """German, French and Spanish (es-ES and es-419) from the catalogues; others as English."""

    def __init__(
        self, catalogues: Callable[[str], gettext.NullTranslations] = translations
    ) -> None:
        super().__init__()
        self._catalogues = catalogues

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        """The catalogue's text, or None: Discord then shows the English one."""
        if context.location is Where.command_name and _in_admin_group(context.data):
            return None
        return self.localise(string.message, locale.value, context.location)

    def localise(self, message: str, locale: str, where: Where) -> str | None:
        """The translation of ``message`` for Discord locale ``locale`` at ``where``, if any.

        None when the language is English or not one willai speaks, the place is a command
        name, the catalogue has no translation, or the translation breaks Discord's rules (a
        name with a space or a capital, text over the limit): one bad entry must not make
        Discord refuse the whole command list.
        """
        language = supported(locale)
        if language is None or language == "en" or where is Where.group_name:
            return None
        if where is Where.command_name and message in KEPT_NAMES:
            return None
        text = self._catalogues(language).gettext(message)
        if text == message or not text.strip():
            return None
        if where in NAME_LOCATIONS:
            if not valid_name(text):
                log.warning("ignored %s name %r for %r: Discord refuses it", locale, text, message)
                return None
            return text
        limit = TEXT_LIMITS.get(where)
        if limit is not None and len(text) > limit:
            log.warning("ignored %s text for %r: over %d characters", locale, message, limit)
            return None
        return text
