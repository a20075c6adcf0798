"""How /willai-admin says the data's state and a refresh's progress, in the admin's language."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.refresh import AS_GIVEN, IMPORT_FAILED, NOW_SERVING, ProgressStep, RefreshOutcome
from bot.status import PHASES, duration, outcome_line, outcome_text, phase_text, progress_text
from db.store import Store
from languages.voices import interface_voice
from tests.bundle_factory import write_bundle
from willai.importing import run_import
from willai.settings import load_settings

AT = datetime(2026, 3, 1, 14, 2, tzinfo=UTC)


def test_every_phase_an_import_reports_has_words(tmp_path: Path) -> None:
    """A phase added to the importer must be added to bot/status.py, or it shows in English."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    phases: set[str] = set()
    run_import(
        Store.from_url(url),
        load_settings(database_url=url, cache_dir=tmp_path / "cache"),
        [str(write_bundle(tmp_path / "bundle"))],
        progress=lambda phase, done, total: phases.add(phase),
    )
    assert phases
    assert {p for p in phases if not p.endswith(".csv")} <= set(PHASES)


def test_a_phase_is_said_in_the_voice() -> None:
    french = interface_voice("fr")
    assert phase_text("storing scores", french) == "enregistrement des scores"
    assert phase_text("en/occupations_en.csv", french) == "lecture du fichier en/occupations_en.csv"
    assert phase_text("ESCO API: skills", french) == "service web ESCO\u00a0: compétences"
    # a stage or phase nobody named yet is shown as the importer says it
    assert phase_text("ESCO API: levels", french) == "service web ESCO\u00a0: levels"
    assert phase_text("polishing", french) == "polishing"


def test_progress_shows_the_share_done_the_languages_way() -> None:
    step = ProgressStep("scoring occupations", 1, 4)
    assert progress_text(step) == "scoring occupations (25%)"
    assert progress_text(step, interface_voice("de")) == "Berufe werden bewertet (25\u00a0%)"
    assert progress_text(ProgressStep("committing"), interface_voice("es")) == (
        "confirmando los cambios"
    )


def test_an_outcome_is_said_with_the_languages_decimal_mark() -> None:
    done = RefreshOutcome(
        "admin", "imported", NOW_SERVING, AT, "v1.2.0", 4.25, {"version": "v1.2.0", "count": 3}
    )
    assert outcome_text(done) == "**Done**: ESCO v1.2.0 now serving, 3 occupations (4.2 s)"
    assert outcome_text(done, interface_voice("de")) == (
        "**Fertig**: ESCO v1.2.0 ist jetzt aktiv, 3 Berufe (4,2 s)"
    )


def test_the_importers_own_error_stays_as_it_is_inside_the_sentence() -> None:
    error = "no occupations_en.csv in /data/esco"
    failed = RefreshOutcome(
        "admin", "failed", IMPORT_FAILED, AT, seconds=0.5, values={"error": error}
    )
    assert failed.detail == f"{error}; the previous data keeps serving"  # the log's English
    assert outcome_text(failed, interface_voice("es")) == (
        f"**Error en la actualización**: {error}; los datos anteriores siguen en servicio (0,5 s)"
    )


def test_a_status_line_names_status_trigger_and_a_discord_timestamp() -> None:
    reason = {"reason": "ESCO v1.2.0 is the latest: no {version} here"}  # the policy's words
    checked = RefreshOutcome("scheduled", "up to date", AS_GIVEN, AT, values=reason)
    stamp = f"<t:{int(AT.timestamp())}:f>"
    assert outcome_line(checked) == (
        f"up to date (scheduled, {stamp}): ESCO v1.2.0 is the latest: no {{version}} here"
    )
    assert outcome_line(checked, interface_voice("fr")) == (
        f"à jour (planifiée, {stamp})\u00a0: ESCO v1.2.0 is the latest: no {{version}} here"
    )


def test_an_uptime_reads_in_the_languages_units() -> None:
    assert duration(2 * 86400 + 3 * 3600 + 4 * 60) == "2d 3h 4m"
    assert duration(3 * 3600 + 4 * 60 + 5, interface_voice("fr")) == "3 h 4 min"
    assert duration(65, interface_voice("de")) == "1 min 5 s"
    assert duration(86400, interface_voice("fr")) == "1 j 0 h 0 min"
