"""Which language answers: the first supported one among what the user and server ask for."""

from __future__ import annotations

import re

#: Answer languages, English first: the source language, and the last resort.
SUPPORTED = ("en", "de", "fr", "es")
#: Their names, each in its own language (for menus and status lines).
NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_.@]|$)")


def supported(tag: str | None) -> str | None:
    """The answer language for a locale tag, or None.

    Takes what the places people set a language give: Discord's "fr", "es-ES" and "pt-BR",
    POSIX "de_DE.UTF-8", or a plain "FR". "C" and "POSIX" name no language.
    """
    if not tag:
        return None
    match = _TAG.match(tag.strip())
    if match is None:
        return None
    language = match.group(1).lower()
    return language if language in SUPPORTED else None


def choose(*preferences: str | None) -> str:
    """The first preference willai speaks, else English."""
    for tag in preferences:
        language = supported(tag)
        if language is not None:
            return language
    return "en"
