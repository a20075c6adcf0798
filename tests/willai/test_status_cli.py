"""`willai data status --json`: the documented shape, with the password masked."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bundle_factory import write_bundle, write_french_skill_labels, write_german_labels
from tests.conftest import Cli


def test_status_json_shape(cli: Cli, tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}"}
    cli(
        "data",
        "import",
        str(write_bundle(tmp_path)),
        str(write_german_labels(tmp_path)),
        env=env,
        cwd=tmp_path,
    )
    doc = json.loads(cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)
    assert set(doc["release"]) >= {"version", "source", "imported_at"}
    assert doc["release"]["version"] == "v1.1.1"
    assert doc["counts"] | {"labels": None} == {
        "occupations": 3,
        "skills": 7,
        "relations": 10,
        "scores": 3,
        "labels": None,
        "skill_labels": {},
    }
    assert doc["counts"]["labels"] == {"de": 2, "en": 10}


def test_status_json_counts_skill_labels_per_language(cli: Cli, tmp_path: Path) -> None:
    """Operators check which languages can name skills, and how many, before relying on them."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}"}
    sources = [str(write_bundle(tmp_path)), str(write_french_skill_labels(tmp_path))]
    cli("data", "import", *sources, env=env, cwd=tmp_path)
    doc = json.loads(cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)
    assert doc["counts"]["skill_labels"] == {"fr": {"skills": 2, "labels": 3}}


def test_plain_status_shows_skill_labels_with_their_share(cli: Cli, tmp_path: Path) -> None:
    """One line says how much of the release each language labels (2 of 7 skills here)."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}"}
    sources = [str(write_bundle(tmp_path)), str(write_french_skill_labels(tmp_path))]
    cli("data", "import", *sources, env=env, cwd=tmp_path)
    lines = cli("data", "status", env=env, cwd=tmp_path).stdout.splitlines()
    assert [line.split() for line in lines if "skill labels" in line] == [
        ["skill", "labels", "fr", "2", "(29%)"]
    ]


def test_import_summary_names_the_skill_labels(cli: Cli, tmp_path: Path) -> None:
    """The import's own summary line reports the skill labels it loaded."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}"}
    sources = [str(write_bundle(tmp_path)), str(write_french_skill_labels(tmp_path))]
    result = cli("data", "import", *sources, env=env, cwd=tmp_path)
    assert "skill labels fr 2 (29%)" in " ".join(result.stdout.split())


def test_status_on_an_empty_store_says_so(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "data",
        "status",
        "--json",
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}"},
        cwd=tmp_path,
    )
    assert json.loads(result.stdout)["release"] is None


def test_status_masks_the_database_password(cli: Cli, tmp_path: Path) -> None:
    url = "postgresql+psycopg://willai:hunter2@127.0.0.1:1/none"
    result = cli("data", "status", env={"DATABASE_URL": url}, cwd=tmp_path)
    assert "hunter2" not in result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
