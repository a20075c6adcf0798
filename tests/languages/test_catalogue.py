"""The catalogues are complete, compiled, and hold every message the code says."""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from languages.catalogue import DOMAIN, LOCALE_DIR
from matching.matcher import NO_MATCH_HINT
from tests.conftest import REPO
from willai.texts import MATCHER_HINT

LANGUAGES = ("de", "fr", "es")
SOURCES = ("scoring", "languages", "willai", "bot")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _po(language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as f:
        return read_po(f, locale=language)


def _ids(catalog: Catalog) -> set[str]:
    return {str(m.id) for m in catalog if m.id}


def _said_in_code() -> set[str]:
    keywords = {**DEFAULT_KEYWORDS, "say": None, "N_": None}
    found: set[str] = set()
    for source in SOURCES:
        for _, _, message, _, _ in extract_from_dir(
            Path(REPO, source), [("**.py", "python")], keywords=keywords
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_template_holds_every_message_the_code_says() -> None:
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as f:
        template = _ids(read_po(f))
    said = _said_in_code()
    assert said - template == set(), "run `make catalogues` and translate the new messages"
    assert template - said == set(), "run `make catalogues` to drop messages no longer said"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    untranslated = [str(m.id) for m in _po(language) if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_fills_the_placeholders_of_its_message(language: str) -> None:
    wrong = {}
    for message in _po(language):
        if not message.id or not message.string:
            continue
        wanted = set(_PLACEHOLDER.findall(str(message.id)))
        if "a_job" in wanted:  # the English name with its article; others use the bare name
            wanted = (wanted - {"a_job"}) | {"job"}
        got = set(_PLACEHOLDER.findall(str(message.string)))
        if got - (wanted | set(_PLACEHOLDER.findall(str(message.id)))) or wanted - got:
            wrong[str(message.id)] = sorted(got)
    assert wrong == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _po(language))
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as f:
        shipped = gettext.GNUTranslations(f)
    assert shipped._catalog == fresh._catalog, "run `make catalogues` to compile the .po files"


def test_the_matcher_s_hint_is_in_the_catalogue() -> None:
    """The pure matcher cannot mark its hint; willai/texts.py holds the marked copy."""
    assert MATCHER_HINT == NO_MATCH_HINT
