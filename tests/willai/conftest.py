"""Fixtures the `willai` tests share: the matcher's small index, a neutral locale, and a small
store that speaks German, French and Spanish."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from db.engine import make_engine
from db.importer import import_bundle
from db.sources import gather_bundle
from tests.bundle_factory import (
    OCC,
    OCCUPATION_COLUMNS,
    write_bundle,
    write_french_skill_labels,
    write_german_labels,
)
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


def write_occupation_labels(root: Path, language: str, rows: dict[str, tuple[str, str]]) -> Path:
    """A labels-only source: ``language``/occupations_XX.csv with names and descriptions."""
    directory = root / language
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / f"occupations_{language}.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, OCCUPATION_COLUMNS, restval="")
        writer.writeheader()
        for suffix, (name, description) in rows.items():
            writer.writerow(
                {
                    "conceptType": "Occupation",
                    "conceptUri": OCC + suffix,
                    "preferredLabel": name,
                    "status": "released",
                    "description": description,
                }
            )
    return directory


@pytest.fixture(scope="session")
def multilingual_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small bundle with German, French and Spanish occupation names and French skills."""
    root = tmp_path_factory.mktemp("multilingual")
    sources = [
        write_bundle(root),
        write_german_labels(root),
        write_occupation_labels(root, "fr", FRENCH),
        write_occupation_labels(root, "es", SPANISH),
        write_french_skill_labels(root),
    ]
    url = f"sqlite:///{root / 'store.sqlite'}"
    import_bundle(make_engine(url), gather_bundle([str(path) for path in sources], root))
    return url


@pytest.fixture
def multilingual_env(multilingual_url: str) -> dict[str, str]:
    return {"DATABASE_URL": multilingual_url}
