"""An import reports every step as it goes: no silent stretch after the last file is read."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import pytest

from db.engine import make_engine
from db.importer import import_bundle
from db.sources import gather_bundle
from tests.bundle_factory import write_bundle
from willai.cli.core import frozen_heap
from willai.progress import import_progress

AFTER_THE_FILES = ["scoring occupations", "storing scores", "committing", "removing older releases"]


def _import_hearing(url: str, source: Path, *, force: bool = False) -> list[tuple[str, int, int]]:
    heard: list[tuple[str, int, int]] = []
    bundle = gather_bundle([str(source)], source.parent)
    import_bundle(
        make_engine(url),
        bundle,
        force=force,
        progress=lambda phase, done, total: heard.append((phase, done, total)),
    )
    return heard


def _steps(heard: list[tuple[str, int, int]]) -> list[str]:
    return list(dict.fromkeys(phase for phase, _, _ in heard))


def test_every_step_after_the_files_is_reported_in_order(database_url: str, tmp_path: Path) -> None:
    heard = _import_hearing(database_url, write_bundle(tmp_path))
    steps = _steps(heard)
    assert steps[-len(AFTER_THE_FILES) :] == AFTER_THE_FILES
    assert all(step.endswith(".csv") for step in steps[: -len(AFTER_THE_FILES)])


def test_scoring_and_storing_count_up_to_every_occupation(
    database_url: str, tmp_path: Path
) -> None:
    heard = _import_hearing(database_url, write_bundle(tmp_path))
    scoring = [(done, total) for phase, done, total in heard if phase == "scoring occupations"]
    assert scoring[0] == (0, 3)
    assert scoring[-1] == (3, 3)
    assert [(d, t) for p, d, t in heard if p == "storing scores"] == [(0, 3)]


def test_a_reimport_reports_the_same_steps(database_url: str, tmp_path: Path) -> None:
    source = write_bundle(tmp_path)
    first = _steps(_import_hearing(database_url, source))
    again = _steps(_import_hearing(database_url, source, force=True))
    assert again == first


def test_steps_of_unknown_length_log_their_name_alone(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, "willai.import"), import_progress(interactive=False) as show:
        show("scoring occupations", 1500, 3000)
        show("committing", 0, 0)
    assert [r.getMessage() for r in caplog.records] == [
        "import: scoring occupations (50%)",
        "import: committing",
    ]


def test_a_frozen_heap_is_thawed_when_the_command_ends() -> None:
    gc.unfreeze()  # as a process starts, whatever the tests before left frozen
    with frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_what_was_frozen_before_the_command_stays_frozen() -> None:
    gc.freeze()
    try:
        with frozen_heap():
            pass
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
