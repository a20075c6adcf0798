"""What answers in other languages read from the store: names, descriptions, a server's choice.

An occupation's name and ESCO description in the asker's language come from the
occupations_XX.csv files imported beside the release; a server's answer language is stored
with its other settings, on both backends, and an older store gains the column it lacks.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from db.engine import make_engine
from db.importer import ImportReport, import_bundle
from db.sources import gather_bundle
from db.store import GuildSettings, Store
from tests.bundle_factory import OCC, write_bundle

FRENCH = {
    "nurse": ("infirmier spécialiste/infirmière spécialiste", "Les infirmiers soignent."),
    "roofer": ("couvreur/couvreuse", ""),
    "ghost": ("métier fantôme", "Absent de la version."),
}


def _write_french(root: Path, *, with_descriptions: bool = True) -> Path:
    directory = root / "fr"
    directory.mkdir(parents=True, exist_ok=True)
    columns = ["conceptUri", "preferredLabel", "altLabels"]
    if with_descriptions:
        columns.append("description")
    with (directory / "occupations_fr.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore")
        writer.writeheader()
        for suffix, (label, description) in FRENCH.items():
            writer.writerow(
                {"conceptUri": OCC + suffix, "preferredLabel": label, "description": description}
            )
    return directory


def _import(url: str, tmp_path: Path, *, with_descriptions: bool = True) -> ImportReport:
    sources = [write_bundle(tmp_path), _write_french(tmp_path, with_descriptions=with_descriptions)]
    return import_bundle(make_engine(url), gather_bundle([str(s) for s in sources], tmp_path))


def test_names_and_descriptions_in_a_language_are_read_back(
    database_url: str, tmp_path: Path
) -> None:
    _import(database_url, tmp_path)
    names, descriptions = Store.from_url(database_url).occupation_words("fr")
    assert names[OCC + "roofer"] == "couvreur/couvreuse"
    assert descriptions == {OCC + "nurse": "Les infirmiers soignent."}


def test_descriptions_are_counted_per_language(database_url: str, tmp_path: Path) -> None:
    assert _import(database_url, tmp_path).counts["descriptions"] == {"fr": 1}


def test_a_label_file_without_descriptions_adds_names_only(
    database_url: str, tmp_path: Path
) -> None:
    _import(database_url, tmp_path, with_descriptions=False)
    names, descriptions = Store.from_url(database_url).occupation_words("fr")
    assert OCC + "nurse" in names
    assert descriptions == {}


def test_the_release_s_own_language_reads_the_occupations(
    database_url: str, tmp_path: Path
) -> None:
    _import(database_url, tmp_path)
    names, descriptions = Store.from_url(database_url).occupation_words("en")
    assert names[OCC + "roofer"] == "roofer"
    assert descriptions[OCC + "roofer"].startswith("Roofers cover buildings")


def test_a_server_without_settings_answers_in_each_member_s_language(database_url: str) -> None:
    assert Store.from_url(database_url).guild_settings(7) == GuildSettings()


def test_setting_the_language_keeps_the_private_answers(database_url: str) -> None:
    store = Store.from_url(database_url)
    store.set_guild_ephemeral(7, True)
    store.set_guild_language(7, "fr")
    assert store.guild_settings(7) == GuildSettings(ephemeral=True, language="fr")


def test_setting_private_answers_keeps_the_language(database_url: str) -> None:
    store = Store.from_url(database_url)
    store.set_guild_language(7, "es")
    store.set_guild_ephemeral(7, False)
    assert store.guild_language(7) == "es"


def test_an_older_store_gains_the_language_column(database_url: str) -> None:
    """A store made before answers spoke other languages keeps its servers' settings."""
    old = create_engine(database_url)
    with old.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE guild_setting (guild_id BIGINT PRIMARY KEY, "
                "ephemeral BOOLEAN NOT NULL, updated_at TIMESTAMP NOT NULL)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO guild_setting (guild_id, ephemeral, updated_at) "
                "VALUES (7, TRUE, CURRENT_TIMESTAMP)"
            )
        )
    old.dispose()
    store = Store.from_url(database_url)
    assert "language" in {c["name"] for c in inspect(store.engine).get_columns("guild_setting")}
    assert store.guild_settings(7) == GuildSettings(ephemeral=True, language="")
