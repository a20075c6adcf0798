"""An import killed with SIGKILL at any moment leaves the previous release serving.

The killed import is a real process; the imports and status checks around it run in process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bundle_factory import write_bundle
from tests.conftest import FULL_SOURCES, REPO, Cli


def _start_full_import(database_url: str, cwd: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"ESCO_SOURCE", "DATABASE_URL"}}
    env |= {"DATABASE_URL": database_url, "PYTHONPATH": str(REPO), "LOG_LEVEL": "INFO"}
    return subprocess.Popen(
        [sys.executable, "-m", "willai", "data", "import", *map(str, FULL_SOURCES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=cwd,
    )


@pytest.mark.full_data
@pytest.mark.parametrize("phase", ["occupationSkillRelations", "scoring occupations"])
def test_sigkill_mid_import_keeps_old_release(
    cli: Cli, database_url: str, tmp_path: Path, phase: str
) -> None:
    env = {"DATABASE_URL": database_url}
    assert cli("data", "import", str(write_bundle(tmp_path)), env=env, cwd=tmp_path).returncode == 0
    before = json.loads(cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)

    process = _start_full_import(database_url, tmp_path)
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if phase in line:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "".join(seen)

    after = json.loads(cli("data", "status", "--json", env=env, cwd=tmp_path).stdout)
    assert after["release"] == before["release"]
    assert after["counts"] == before["counts"]


@pytest.mark.full_data
def test_import_after_a_kill_succeeds(cli: Cli, database_url: str, tmp_path: Path) -> None:
    process = _start_full_import(database_url, tmp_path)
    assert process.stdout is not None
    for line in process.stdout:
        if "occupations_en.csv" in line:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    result = cli(
        "data", "import", *map(str, FULL_SOURCES), env={"DATABASE_URL": database_url}, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "3,007 occupations" in result.stdout
