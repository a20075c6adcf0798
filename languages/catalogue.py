"""The gettext catalogues: translators edit ``locale/XX/LC_MESSAGES/willai.po``.

The compiled ``.mo`` files sit beside them and ship in the package (``make catalogues``
extracts, updates and compiles with Babel; a test fails when a ``.mo`` is older than its
``.po`` or a message of the source is missing from the template). Reading them needs only the
standard library's gettext, so Babel is a tool of the translators, not of the bot.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

DOMAIN = "willai"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language``; English, the source, has none and says its ids."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
