"""`willai data status --json`: the documented shape, with the password masked."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bundle_factory import write_bundle, write_german_labels
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
    }
    assert doc["counts"]["labels"] == {"de": 2, "en": 10}


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
