"""Discord's checks on a bulk overwrite of application commands, as the fake applies them.

Discord refuses the whole list (400, code 50035 "Invalid Form Body") when one name, one
description or one localisation breaks its rules, so a bad translation would take every
command down at the next sync. The fake refuses it the same way, so tests see it.
(https://discord.com/developers/docs/interactions/application-commands#application-command-object)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import discord

#: Names: letters and digits of any script, "-", "_" and "'", at most 32 characters.
_NAME = re.compile(r"^[-_'\w]{1,32}$")
LOCALES = frozenset(locale.value for locale in discord.Locale)
CHAT_INPUT = 1
DESCRIPTION_LIMIT = 100
CHOICE_NAME_LIMIT = 100
OPTIONS_LIMIT = 25


def name_problem(name: object, *, lowercase: bool) -> str | None:
    """Why Discord refuses ``name`` as a command or option name, or None."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        return f"{name!r} is not a valid name"
    if lowercase and name != name.lower():
        return f"{name!r} is not lowercase"
    return None


def _text_problem(text: object, limit: int) -> str | None:
    if not isinstance(text, str) or not 1 <= len(text) <= limit:
        return f"{text!r} is not 1-{limit} characters"
    return None


def _localised(
    where: str, values: Mapping[str, Any] | None, check: Any, **kwargs: Any
) -> Iterator[str]:
    for locale, value in (values or {}).items():
        if locale not in LOCALES:
            yield f"{where}: {locale!r} is not a Discord locale"
        elif (problem := check(value, **kwargs)) is not None:
            yield f"{where}[{locale}]: {problem}"


def _option_problems(where: str, option: Mapping[str, Any]) -> Iterator[str]:
    here = f"{where}.{option.get('name')}"
    if (problem := name_problem(option.get("name"), lowercase=True)) is not None:
        yield f"{here}: {problem}"
    yield from _localised(
        f"{here}.name_localizations",
        option.get("name_localizations"),
        name_problem,
        lowercase=True,
    )
    if (problem := _text_problem(option.get("description"), DESCRIPTION_LIMIT)) is not None:
        yield f"{here}.description: {problem}"
    yield from _localised(
        f"{here}.description_localizations",
        option.get("description_localizations"),
        _text_problem,
        limit=DESCRIPTION_LIMIT,
    )
    for choice in option.get("choices") or []:
        if (problem := _text_problem(choice.get("name"), CHOICE_NAME_LIMIT)) is not None:
            yield f"{here}.choices: {problem}"
        yield from _localised(
            f"{here}.choices.{choice.get('name')}",
            choice.get("name_localizations"),
            _text_problem,
            limit=CHOICE_NAME_LIMIT,
        )
    children = option.get("options") or []
    if len(children) > OPTIONS_LIMIT:
        yield f"{here}: more than {OPTIONS_LIMIT} options"
    for child in children:
        yield from _option_problems(here, child)


def command_problems(command: Mapping[str, Any]) -> list[str]:
    """Every rule ``command`` (one item of a bulk overwrite) breaks; empty when Discord takes it."""
    chat_input = int(command.get("type", CHAT_INPUT)) == CHAT_INPUT
    found = []
    here = str(command.get("name"))
    if (problem := name_problem(command.get("name"), lowercase=chat_input)) is not None:
        found.append(f"{here}: {problem}")
    found += _localised(
        f"{here}.name_localizations",
        command.get("name_localizations"),
        name_problem,
        lowercase=chat_input,
    )
    if chat_input:
        description = command.get("description")
        if (problem := _text_problem(description, DESCRIPTION_LIMIT)) is not None:
            found.append(f"{here}.description: {problem}")
        found += _localised(
            f"{here}.description_localizations",
            command.get("description_localizations"),
            _text_problem,
            limit=DESCRIPTION_LIMIT,
        )
    options = command.get("options") or []
    if len(options) > OPTIONS_LIMIT:
        found.append(f"{here}: more than {OPTIONS_LIMIT} options")
    for option in options:
        found += _option_problems(here, option)
    return found
