"""`willai ask`: the product's answer in a terminal, and clear refusals.

Run in process (the `cli` fixture); only the strict-encoding case needs a real process.
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from db.engine import make_engine
from db.importer import import_bundle
from db.sources import gather_bundle
from tests.bundle_factory import write_bundle
from tests.conftest import Cli, run_cli

ANSWER_KEYS = {
    "query",
    "occupation",
    "score",
    "report",
    "takeaways",
    "exposed_skills",
    "resilient_skills",
    "grow_skills",
    "similar_safer",
    "data_version",
    "model_version",
}


@pytest.fixture(scope="module")
def small_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A store holding the small bundle, imported once for the module by the importer itself."""
    root = tmp_path_factory.mktemp("ask")
    url = f"sqlite:///{root / 's.sqlite'}"
    import_bundle(make_engine(url), gather_bundle([str(write_bundle(root))], root))
    return {"DATABASE_URL": url, "CACHE_DIR": str(root / "cache")}  # the index laid out once


def test_json_answer_has_the_documented_shape(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "data entry clerk", "--json", env=small_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) >= ANSWER_KEYS
    assert set(doc["score"]) == {
        "overall",
        "band",
        "skill_vulnerability",
        "task_automation",
        "ai_complementarity",
    }
    assert doc["occupation"]["label"] == "data entry clerk"


def test_an_answer_in_this_process_leaves_the_collector_as_it_found_it(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    assert gc.isenabled()
    result = cli("ask", "roofer", env=small_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert gc.isenabled()  # paused while it answered (core.OneShotCommand), then back


def test_card_credits_esco_and_says_what_the_score_is(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "roofer", env=small_env, cwd=tmp_path)
    flat = " ".join(result.stdout.replace("│", " ").split())  # the card's borders wrap lines
    assert "This service uses the ESCO classification of the European Commission." in flat
    assert "not a job-loss probability" in flat


@pytest.mark.parametrize("title", ["", "   "])
def test_empty_title_is_refused(
    cli: Cli, small_env: dict[str, str], tmp_path: Path, title: str
) -> None:
    result = cli("ask", title, env=small_env, cwd=tmp_path)
    assert result.returncode != 0
    assert "give a job title" in result.stderr
    assert "Traceback" not in result.stderr


def test_gibberish_gets_a_clear_no_match(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "qwxzv plokijuh", env=small_env, cwd=tmp_path)
    assert result.returncode != 0
    assert "No occupation matches" in result.stderr


def test_absurd_title_is_answered_cleanly(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "x" * 5000, env=small_env, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_empty_store_without_source_says_how_to_import(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "ask", "nurse", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'e.sqlite'}"}, cwd=tmp_path
    )
    assert result.returncode != 0
    assert "willai data import" in result.stderr


def test_first_ask_imports_esco_source(cli: Cli, tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'e.sqlite'}",
        "ESCO_SOURCE": str(write_bundle(tmp_path)),
    }
    result = cli("ask", "roofer", "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["occupation"]["label"] == "roofer"


@pytest.mark.full_data
def test_medical_records_manager_matches_the_published_example(
    cli: Cli, full_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli(
        "ask",
        "medical records manager",
        "--json",
        env=full_env,
        cwd=tmp_path,
    )
    doc = json.loads(result.stdout)
    assert doc["occupation"]["code"] == "3252.2"
    assert abs(doc["score"]["overall"] - 57) <= 5
    assert doc["score"]["band"] == "high"


def test_export_scores_writes_one_row_per_occupation(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "scores.csv"
    result = cli("data", "export-scores", str(target), env=small_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = target.read_text().splitlines()
    assert lines[0] == (
        "uri,code,isco_group,label,overall,band,skill_vulnerability,"
        "task_automation,ai_complementarity"
    )
    assert len(lines) == 4


def test_export_to_a_missing_folder_is_refused(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli(
        "data", "export-scores", str(tmp_path / "no" / "x.csv"), env=small_env, cwd=tmp_path
    )
    assert result.returncode != 0
    assert "cannot write" in result.stderr


def test_export_answers_writes_one_answer_document_per_occupation(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "answers.jsonl"
    result = cli("data", "export-answers", str(target), env=small_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 3
    assert all(set(doc) >= ANSWER_KEYS for doc in docs)
    assert {"verdict", "question", "summary", "near_term", "takeaways", "moves"} <= set(
        docs[0]["report"]
    )


def test_export_answers_to_a_missing_folder_leaves_nothing_behind(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "no" / "answers.jsonl"
    result = cli("data", "export-answers", str(target), env=small_env, cwd=tmp_path)
    assert result.returncode == 1
    assert "cannot write" in result.stderr
    assert not target.parent.exists()


def test_card_option_writes_the_score_card_picture(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "roofer.png"
    result = cli("ask", "roofer", "--card", str(target), env=small_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"\x89PNG")


def test_terminal_card_shows_the_report_in_order(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "roofer", env=small_env, cwd=tmp_path)
    flat = " ".join(result.stdout.replace("│", " ").split())
    headings = ["What does a roofer do?", "How AI is changing this role", "Key takeaways"]
    positions = [flat.index(h) for h in headings]
    assert positions == sorted(positions)


def test_status_shows_the_import_notes_json_has(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    notes = json.loads(cli("data", "status", "--json", env=small_env).stdout)["warnings"]
    shown = cli("data", "status", env=small_env, cwd=tmp_path).stdout
    assert notes
    assert all(note in shown for note in notes)


def test_rich_markup_in_a_title_is_shown_as_typed(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    result = cli("ask", "roofer [/] [bold]x[/bold]", env=small_env, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert "roofer [/] [bold]x[/bold]" in result.stdout + result.stderr


def test_rich_markup_in_a_title_round_trips_in_json(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    title = "[link=http://example.com]roofer[/link]"
    result = cli("ask", title, "--json", env=small_env, cwd=tmp_path)
    assert json.loads(result.stdout)["query"] == title


def test_invalid_utf8_in_a_title_becomes_replacement_characters(
    cli: Cli, small_env: dict[str, str], tmp_path: Path
) -> None:
    title = os.fsdecode(b"roof\xff\xfeer")  # the bytes a broken terminal might send
    result = cli("ask", title, "--json", env=small_env, cwd=tmp_path)  # strict UTF-8 decode
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["query"] == "roof\ufffd\ufffder"


def test_invalid_utf8_under_a_strict_terminal_encoding_is_no_traceback(
    small_env: dict[str, str], tmp_path: Path
) -> None:
    title = os.fsdecode(b"qq\xffzz")
    env = small_env | {"PYTHONIOENCODING": "utf-8:strict"}
    result = run_cli("ask", title, env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "No occupation matches" in result.stderr
