"""`willai match`: the matcher from the command line, on the small hand-written index."""

import json

import pytest
import typer
from typer.testing import CliRunner

from willai import runtime
from willai.cli import match as match_cli


@pytest.fixture
def app(monkeypatch, small_index):
    monkeypatch.setattr(runtime, "load_match_index", lambda settings=None: small_index)
    application = typer.Typer()
    match_cli.register(application)

    @application.callback()
    def _root() -> None:
        """Keep `match` a named sub-command, as in the real app."""

    return application


def run(app, *args):
    return CliRunner().invoke(app, ["match", *args])


def test_single_title_json(app, uri):
    result = run(app, "accountant", "--json", "--top", "3")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["query"] == "accountant"
    assert payload["candidates"][0]["uri"] == uri("acc")
    assert payload["abstain"] is False


def test_single_title_human(app):
    result = run(app, "plumber")
    assert result.exit_code == 0
    assert "plumber" in result.stdout


def test_batch_keeps_input_order(app, tmp_path, uri):
    path = tmp_path / "titles.txt"
    path.write_text("plumber\n\naccountant\n", encoding="utf-8")
    result = run(app, "--batch", str(path), "--json")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["plumber", "", "accountant"]
    assert lines[0]["candidates"][0]["uri"] == uri("plumb")
    assert lines[1]["abstain"] is True
    assert set(lines[2]) >= {"query", "candidates", "abstain"}


@pytest.mark.parametrize("args", [[""], ["   "], ["x" * 300], []])
def test_bad_input_is_one_line_and_nonzero(app, args):
    result = run(app, *args)
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_missing_batch_file(app, tmp_path):
    result = run(app, "--batch", str(tmp_path / "nope.txt"))
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_no_match_exits_nonzero(app):
    result = run(app, "qwxzvbnmk")
    assert result.exit_code == 1
    assert "no match" in result.stdout
