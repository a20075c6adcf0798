"""`willai --help` and argument errors load none of the heavy libraries.

Each case runs in a fresh interpreter: in the test process these libraries are long loaded.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO
from willai.cli import EXPECTED_ERRORS

#: What a command may load when it runs, but `--help` and a typo must not.
HEAVY = ("numpy", "sqlmodel", "sqlalchemy", "aiohttp", "discord")

PROBE = f"""
import json, sys
from typer.testing import CliRunner
from willai.cli import app

result = CliRunner().invoke(app, sys.argv[1:])
loaded = [name for name in {HEAVY!r} if name in sys.modules]
print(json.dumps({{"exit": result.exit_code, "loaded": loaded, "output": result.output}}))
"""


def _probe(*args: str) -> dict[str, object]:
    """Invoke the app with ``args`` in a new interpreter; its exit status and what it loaded."""
    env = os.environ | {"PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--help"], 0),
        (["data", "--help"], 0),
        (["ask", "--help"], 0),
        (["ask"], 2),
        (["bogus"], 2),
        (["match", "--top", "none", "nurse"], 2),
    ],
)
def test_help_and_argument_errors_load_no_heavy_library(args: list[str], status: int) -> None:
    answer = _probe(*args)
    assert answer["exit"] == status, answer["output"]
    assert answer["loaded"] == []


@pytest.mark.parametrize(("module", "name"), EXPECTED_ERRORS)
def test_each_error_the_cli_reports_in_one_line_names_a_real_exception(
    module: str, name: str
) -> None:
    found = getattr(importlib.import_module(module), name)
    assert issubclass(found, Exception)
    assert found.__module__ == module


def test_an_answer_from_a_sqlite_store_loads_no_sqlalchemy(
    multilingual_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", multilingual_url)
    monkeypatch.setenv("CACHE_DIR", str(tmp_path / "cache"))
    answer = _probe("ask", "nurse")
    assert answer["exit"] == 0, answer["output"]
    assert "nurse" in str(answer["output"]).lower()
    assert answer["loaded"] == ["numpy"]  # the mapped index; no store library, no Discord


@pytest.mark.parametrize(
    ("args", "collecting"),
    [
        (["data", "--help"], True),  # a command that may run long gets the collector back
        (["bogus"], False),  # nothing runs: the process ends as it started
        (["ask", "--help"], False),  # a one-shot answer ends with it off
    ],
)
def test_the_entry_point_runs_only_a_one_shot_answer_without_the_collector(
    monkeypatch: pytest.MonkeyPatch, args: list[str], collecting: bool
) -> None:
    from willai.cli import main

    monkeypatch.setattr(sys, "argv", ["willai", *args])
    frozen_before = gc.get_freeze_count()
    try:
        with pytest.raises(SystemExit):
            main()
        assert gc.isenabled() is collecting
        # Whatever ran, the process sets its heap aside for the exit's collections.
        assert gc.get_freeze_count() > frozen_before
    finally:
        gc.unfreeze()
        gc.enable()
