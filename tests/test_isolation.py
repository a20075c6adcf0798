"""The suite keeps out of the checkout: no fixture or test resolves a relative path in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def folder_of_a_module_fixture() -> Path:
    """Where a fixture wider than one test runs: before any test has moved to its own folder."""
    return Path.cwd()


def test_a_module_fixture_starts_outside_the_checkout(folder_of_a_module_fixture: Path) -> None:
    assert not folder_of_a_module_fixture.resolve().is_relative_to(REPO.resolve())


def test_a_test_runs_in_its_own_folder(tmp_path: Path) -> None:
    assert Path.cwd().resolve() == tmp_path.resolve()
