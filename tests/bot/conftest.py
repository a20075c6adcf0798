"""Bot fixtures: a store holding the tiny bundle, and bots built over it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot import WillaiBot, create_bot
from db.store import Store
from tests.bot.support import sync_commands_at_setup
from tests.bundle_factory import (
    OCC,
    write_bundle,
    write_french_skill_labels,
    write_occupation_words,
)
from willai.importing import run_import
from willai.settings import Settings, load_settings

CLERK = OCC + "clerk"
NURSE = OCC + "nurse"
ROOFER = OCC + "roofer"

#: occupations_XX.csv of the tiny bundle in other languages: suffix -> (name, description).
#: Spanish lacks the clerk, so a Spanish answer about it falls back to the English name.
ESCO_WORDS = {
    "fr": {
        "clerk": (
            "employé de saisie/employée de saisie",
            "Les employés de saisie saisissent, mettent à jour et sauvegardent des dossiers.",
        ),
        "nurse": (
            "infirmier spécialisé/infirmière spécialisée",
            "Les infirmiers spécialisés soignent les patients et conseillent les familles.",
        ),
        "roofer": (
            "couvreur/couvreuse",
            "Les couvreurs recouvrent les bâtiments de toitures et les réparent.",
        ),
    },
    "de": {
        "clerk": (
            "Datenerfasser/Datenerfasserin",
            "Datenerfasser geben Datensätze ein, pflegen sie und sichern sie.",
        ),
        "nurse": (
            "Fachkrankenpfleger/Fachkrankenpflegerin",
            "Fachkrankenpfleger versorgen Patienten und beraten Angehörige.",
        ),
        "roofer": (
            "Dachdecker/Dachdeckerin",
            "Dachdecker decken Gebäude mit Dächern und reparieren sie.",
        ),
    },
    "es": {
        "nurse": (
            "enfermero especialista/enfermera especialista",
            "Los enfermeros especialistas atienden a los pacientes y asesoran a las familias.",
        ),
        "roofer": (
            "techador/techadora",
            "Los techadores cubren los edificios con tejados y los reparan.",
        ),
    },
}
#: How each answer shows those names: the "m/f" pair written once, capitalised.
NAMES = {
    "en": {"clerk": "Data entry clerk", "nurse": "Specialist nurse", "roofer": "Roofer"},
    "fr": {
        "clerk": "Employé/employée de saisie",
        "nurse": "Infirmier spécialisé/infirmière spécialisée",
        "roofer": "Couvreur/couvreuse",
    },
    "de": {
        "clerk": "Datenerfasser/Datenerfasserin",
        "nurse": "Fachkrankenpfleger/Fachkrankenpflegerin",
        "roofer": "Dachdecker/Dachdeckerin",
    },
    "es": {
        "clerk": "\u00abData entry clerk\u00bb (EN)",
        "nurse": "Enfermero/enfermera especialista",
        "roofer": "Techador/techadora",
    },
}


@pytest.fixture
def bundle_path(tmp_path: Path) -> Path:
    return write_bundle(tmp_path / "bundle")


@pytest.fixture
def tiny_store_url(tmp_path: Path, bundle_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'bot.sqlite'}"
    run_import(Store.from_url(url), load_settings(database_url=url), [str(bundle_path)])
    return url


@pytest.fixture
def make_settings(
    tiny_store_url: str, bundle_path: Path, tmp_path: Path
) -> Callable[..., Settings]:
    tiny_cache_dir = tmp_path / "cache"

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "database_url": tiny_store_url,
            "esco_source": str(bundle_path),
            "ask_cooldown_seconds": 0,
            "refresh_cooldown_seconds": 0,
            "cache_dir": tiny_cache_dir,
        }
        values.update(overrides)
        return load_settings(**values)

    return make


@pytest.fixture
def make_bot(make_settings: Callable[..., Settings]) -> Callable[..., WillaiBot]:
    """A fresh bot on the tiny store; commands are synced globally at start-up for the fake."""

    def make(**overrides: Any) -> WillaiBot:
        return sync_commands_at_setup(create_bot(make_settings(**overrides)))

    return make


@pytest.fixture
def multilingual_store_url(database_url: str, tmp_path: Path, bundle_path: Path) -> str:
    """The tiny bundle with French, German and Spanish names and descriptions, and French
    skill labels, on SQLite and (when configured) PostgreSQL."""
    labels = tmp_path / "labels"
    sources = [
        bundle_path,
        *(write_occupation_words(labels, lang, rows) for lang, rows in ESCO_WORDS.items()),
        write_french_skill_labels(labels),
    ]
    run_import(
        Store.from_url(database_url),
        load_settings(database_url=database_url),
        [str(source) for source in sources],
    )
    return database_url


@pytest.fixture
def make_multilingual_bot(
    multilingual_store_url: str, make_settings: Callable[..., Settings]
) -> Callable[..., WillaiBot]:
    """Like ``make_bot``, over the store that speaks four languages."""

    def make(**overrides: Any) -> WillaiBot:
        settings = make_settings(database_url=multilingual_store_url, **overrides)
        return sync_commands_at_setup(create_bot(settings))

    return make
