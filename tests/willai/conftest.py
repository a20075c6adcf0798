"""Fixtures the `willai` tests share: the matcher's small index, a neutral locale, and a small
store that speaks German, French and Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.engine import make_engine
from db.importer import import_bundle
from db.sources import gather_bundle
from tests.bundle_factory import write_multilingual
from tests.matching.conftest import small_index, uri  # noqa: F401 - re-exported fixtures

#: The variables the terminal reads its answer language from.
LANGUAGE_VARIABLES = ("WILLAI_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")

#: occupations_fr.csv and occupations_es.csv of the small store: (name, description).
FRENCH = {
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
}
SPANISH = {
    "roofer": (
        "techador/techadora",
        "Los techadores cubren los edificios con tejados y los reparan.",
    ),
}


@pytest.fixture(autouse=True)
def _neutral_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answer in English unless a test says otherwise, whatever the developer's locale."""
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def multilingual_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small bundle with German, French and Spanish occupation names and French skills."""
    root = tmp_path_factory.mktemp("multilingual")
    sources = write_multilingual(root, {"fr": FRENCH, "es": SPANISH})
    url = f"sqlite:///{root / 'store.sqlite'}"
    import_bundle(make_engine(url), gather_bundle([str(path) for path in sources], root))
    return url


@pytest.fixture(scope="session")
def multilingual_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One CACHE_DIR for every test of the multilingual store: its index is laid out once."""
    return str(tmp_path_factory.mktemp("multilingual-cache"))


@pytest.fixture
def multilingual_env(multilingual_url: str, multilingual_cache: str) -> dict[str, str]:
    return {"DATABASE_URL": multilingual_url, "CACHE_DIR": multilingual_cache}


@pytest.fixture(scope="session")
def full_env(full_store_url: str, full_cache: Path) -> dict[str, str]:
    """The full store and its CACHE_DIR, laid out once per run (`full_cache`)."""
    return {"DATABASE_URL": full_store_url, "CACHE_DIR": str(full_cache)}
