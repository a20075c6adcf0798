"""Skill labels in other languages: imported from skills_XX.csv, counted, read per language.

Answers in the asker's language name an occupation's skills with ESCO's label in that language,
and fall back to English where ESCO has none; these tests pin what the import keeps and skips
and what the store hands back, on both backends.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from db import schema
from db.engine import make_engine
from db.importer import ImportReport, import_bundle
from db.sources import gather_bundle
from db.store import Store
from tests.bundle_factory import SKILL, SKILLS, write_bundle, write_french_skill_labels
from tests.conftest import ESCO_V111, SKILL_LABELS


def _import(url: str, tmp_path: Path, *sources: Path, force: bool = False) -> ImportReport:
    bundle = gather_bundle([str(s) for s in sources], tmp_path)
    return import_bundle(make_engine(url), bundle, force=force)


@pytest.fixture
def french_report(database_url: str, tmp_path: Path) -> ImportReport:
    """The hand-written bundle imported with its French skill labels, quirks and all."""
    return _import(
        database_url, tmp_path, write_bundle(tmp_path), write_french_skill_labels(tmp_path)
    )


@pytest.fixture
def labelled_store(database_url: str, tmp_path: Path) -> Store:
    """The hand-written release with French skill labels beside it."""
    _import(database_url, tmp_path, write_bundle(tmp_path), write_french_skill_labels(tmp_path))
    return Store.from_url(database_url)


def test_a_labels_source_counts_the_skills_it_labels(french_report: ImportReport) -> None:
    """Status and the bot's fallback count need how many skills have a label per language."""
    report = french_report
    assert report.counts["skill_labels"]["fr"]["skills"] == 2


def test_an_alt_label_repeating_the_preferred_one_is_stored_once(
    french_report: ImportReport,
) -> None:
    """ESCO files repeat labels; storing a label twice would inflate counts and matches."""
    report = french_report
    assert report.counts["skill_labels"]["fr"]["labels"] == 3


def test_rows_of_skills_not_in_the_release_are_counted_and_skipped(
    french_report: ImportReport,
) -> None:
    """Label files of another ESCO version name skills this release lacks: a note, no error."""
    report = french_report
    assert "1 fr rows of skills not in the release skipped" in report.warnings


def test_rows_without_a_preferred_label_are_counted_and_skipped(
    french_report: ImportReport,
) -> None:
    """The web service writes a row for every skill, empty where ESCO has no label."""
    report = french_report
    assert "1 fr skill rows without a preferredLabel skipped" in report.warnings


def test_a_second_row_of_a_skill_is_counted_and_skipped(french_report: ImportReport) -> None:
    """One preferred label per skill and language, so the URI -> label mapping is unambiguous."""
    report = french_report
    assert "1 duplicate fr skill rows skipped" in report.warnings


def test_a_labels_source_given_first_does_not_name_the_release(
    database_url: str, tmp_path: Path
) -> None:
    """`v1.0.x-skill-labels` before `v1.1.1` must not record the release as ESCO v1.0."""
    report = _import(
        database_url, tmp_path, write_french_skill_labels(tmp_path), write_bundle(tmp_path)
    )
    assert report.version == "v1.1.1"


def test_adding_a_labels_source_imports_a_new_release(database_url: str, tmp_path: Path) -> None:
    """The same bundle plus skill labels is new data, not an "already serving" no-op."""
    bundle = write_bundle(tmp_path)
    _import(database_url, tmp_path, bundle)
    report = _import(database_url, tmp_path, bundle, write_french_skill_labels(tmp_path))
    assert report.status == "imported"


def test_skill_labels_map_each_labelled_skill_to_its_preferred_label(
    labelled_store: Store,
) -> None:
    """The read the bot will use: URI -> label, preferred labels only."""
    assert labelled_store.skill_labels("fr") == {
        SKILL + "process-data": "traiter des données",
        SKILL + "care": "soigner des patients",
    }


def test_skill_labels_in_the_release_language_are_the_skills_own(labelled_store: Store) -> None:
    """English reads like any other language, so callers need no special case for it."""
    english = {SKILL + suffix: label for suffix, _, _, label, _, _ in SKILLS}
    assert labelled_store.skill_labels("en") == english


def test_skill_labels_in_a_language_not_imported_are_empty(labelled_store: Store) -> None:
    """No labels is an empty mapping (every skill falls back), not an error."""
    assert labelled_store.skill_labels("de") == {}


def test_skill_labels_of_a_named_release(labelled_store: Store) -> None:
    """A caller holding a release (the answer service) reads that release's labels."""
    release = labelled_store.require_release()
    assert len(labelled_store.skill_labels("fr", release_id=release.id)) == 2


def test_status_counts_skill_labels_per_language(labelled_store: Store) -> None:
    """`data status --json` reports, per language, skills labelled and labels stored."""
    assert labelled_store.status()["counts"]["skill_labels"] == {"fr": {"skills": 2, "labels": 3}}


def test_status_of_a_release_without_skill_labels_reports_none(
    database_url: str, tmp_path: Path
) -> None:
    """A bundle with English alone has an empty count, not a missing key."""
    _import(database_url, tmp_path, write_bundle(tmp_path))
    assert Store.from_url(database_url).status()["counts"]["skill_labels"] == {}


def _as_the_previous_version_left_it(store: Store) -> None:
    """Drop what willai started recording with skill label counts from the release row.

    The skill_label table itself is unchanged since the first schema, so a store created by the
    previous version differs only in its release's counts_json.
    """
    table = schema.Release.__table__
    with store.engine.begin() as conn:
        rows = conn.execute(select(table.c.id, table.c.counts_json)).all()
        for release_id, counts_json in rows:
            counts = json.loads(counts_json)
            counts.pop("skill_labels", None)
            counts.pop("language", None)
            conn.execute(
                table.update()
                .where(table.c.id == release_id)
                .values(counts_json=json.dumps(counts))
            )


def test_status_of_a_release_imported_before_counts_reads_the_labels(
    labelled_store: Store,
) -> None:
    """A release the previous version imported still reports its skill labels in status."""
    _as_the_previous_version_left_it(labelled_store)
    assert labelled_store.status()["counts"]["skill_labels"] == {"fr": {"skills": 2, "labels": 3}}


def test_skill_labels_of_a_release_imported_before_counts_still_read(
    labelled_store: Store,
) -> None:
    """Without a recorded language, the release's own language is English, as it always was."""
    _as_the_previous_version_left_it(labelled_store)
    assert len(labelled_store.skill_labels("en")) == len(SKILLS)


@pytest.mark.full_data
def test_shared_french_and_spanish_labels_cover_the_v111_skills(tmp_path: Path) -> None:
    """The shared v1.0.x labels: 13,379 of v1.1.1's 13,896 skills, 106 rows skipped a language."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    report = _import(url, tmp_path, ESCO_V111, SKILL_LABELS)
    labelled = {lang: n["skills"] for lang, n in report.counts["skill_labels"].items()}
    skipped = [w for w in report.warnings if "rows of skills not in the release" in w]
    assert (labelled, skipped) == (
        {"es": 13_379, "fr": 13_379},
        [
            "106 es rows of skills not in the release skipped",
            "106 fr rows of skills not in the release skipped",
        ],
    )
