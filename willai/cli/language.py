"""Which language the terminal answers in: `--lang`, else WILLAI_LANG, else the POSIX locale.

The locale is read the way POSIX programs read it for their messages: the first of LC_ALL,
LC_MESSAGES and LANG that is set names it ("fr_FR.UTF-8" is French). A locale willai does not
speak, or "C"/"POSIX", means English, as it does for any program without a catalogue in that
language. WILLAI_LANG overrides the locale for willai alone (a setting, so `.env` may hold it).

Nothing here loads more than the standard library until a command runs, so `willai ask --help`
stays as quick as before (tests/willai/test_cli_startup.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from willai.settings import Settings

#: Where the POSIX locale of messages is read from, strongest first.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
#: The help text of every `--lang` option.
LANG_HELP = (
    "Answer language: en, de, fr or es (default: WILLAI_LANG, else the locale in "
    "LC_ALL/LC_MESSAGES/LANG, else English)."
)


def posix_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The locale the environment names for messages, or None when none is set."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            return value
    return None


def option_language(value: str | None) -> str | None:
    """The code `--lang` names, None when it was not given; an unknown one ends the command.

    Accepts what a locale would say too ("fr_FR", "de-AT"). The refusal is one line on
    standard error, exit status 2 like any other bad option, before anything is loaded.
    """
    if value is None:
        return None
    from languages.choice import SUPPORTED, supported

    language = supported(value)
    if language is None:
        line = Text("error:", style="red")
        line.append(
            f" willai does not answer in {value.strip()[:20]!r}: "
            f"--lang takes one of {', '.join(SUPPORTED)}"
        )
        Console(stderr=True, highlight=False, soft_wrap=True).print(line)
        raise typer.Exit(2)
    return language


def terminal_language(option: str | None, settings: Settings) -> str:
    """The answer language: `--lang` (already checked), WILLAI_LANG, the locale, or English."""
    from languages.choice import choose

    if option is not None:
        return option
    return settings.willai_lang or choose(posix_locale())
