"""Every answer's text on the full ESCO release: the text checks, and twelve reviewed answers.

The answers come from `willai data export-answers`, as a reader or a reviewer would get them.
Golden answers live in tests/scoring/golden/, one reviewed text file per occupation; after a
deliberate change, rewrite them with ``WILLAI_UPDATE_GOLDEN=1 make test``, read the diff, and
commit it with the change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from scoring.narrative import TAKEAWAY_CHARS
from tests.conftest import run_cli
from tests.scoring.answer_checks import answer_errors

pytestmark = pytest.mark.full_data

GOLDEN = Path(__file__).parent / "golden"
#: The issue's twelve, across the four bands, by the occupation each everyday title answers.
GOLDEN_OCCUPATIONS = {
    "medical-records-manager": "medical records manager",
    "plumber": "plumber",
    "data-entry-clerk": "data entry clerk",
    "software-developer": "software developer",
    "nurse": "nurse responsible for general care",
    "police-officer": "police officer",
    "dentist": "dental practitioner",
    "customer-service-representative": "customer service representative",
    "cleaner": "building cleaner",
    "translator": "translator",
    "teacher": "secondary school teacher",
    "bookkeeper": "bookkeeper",
}


@pytest.fixture(scope="module")
def answers(full_store_url: str, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    target = tmp_path_factory.mktemp("export") / "answers.jsonl"
    result = run_cli("data", "export-answers", str(target), env={"DATABASE_URL": full_store_url})
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def by_label(answers: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {a["occupation"]["label"]: a for a in answers}


def test_every_occupation_is_exported(answers: list[dict[str, Any]]) -> None:
    assert len(answers) == 3007


def test_no_answer_breaks_a_text_rule(answers: list[dict[str, Any]]) -> None:
    problems = {a["occupation"]["label"]: errors for a in answers if (errors := answer_errors(a))}
    assert problems == {}


def test_every_answer_has_three_or_four_takeaways(answers: list[dict[str, Any]]) -> None:
    assert all(3 <= len(a["report"]["takeaways"]) <= 4 for a in answers)


def test_every_takeaway_fits_a_phone_line(answers: list[dict[str, Any]]) -> None:
    longest = max(len(t) for a in answers for t in a["report"]["takeaways"])
    assert longest <= TAKEAWAY_CHARS


def golden_text(answer: dict[str, Any]) -> str:
    """The answer as a reviewer reads it: every text, in the report card's order."""
    report = answer["report"]
    score = answer["score"]
    lines = [
        f"# {answer['occupation']['label']} ({answer['occupation']['code']})",
        f"{score['overall']}/100, {score['band']}",
        report["verdict"],
        "",
        report["question"],
        report["summary"],
        "",
        "How AI is changing this role",
        f"Near term: {report['near_term']}",
        f"Stays human: {report['stays_human']}",
        f"Long term: {report['long_term']}",
        "",
        "Key takeaways",
        *(f"- {line}" for line in report["takeaways"]),
        "",
        "Where your skills could take you",
        *(f"- {line}" for line in report["moves"] or ["(none)"]),
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", sorted(GOLDEN_OCCUPATIONS))
def test_golden_answer(by_label: dict[str, dict[str, Any]], name: str) -> None:
    text = golden_text(by_label[GOLDEN_OCCUPATIONS[name]])
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("WILLAI_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


def test_golden_answers_cover_every_band(by_label: dict[str, dict[str, Any]]) -> None:
    bands = {by_label[label]["score"]["band"] for label in GOLDEN_OCCUPATIONS.values()}
    assert bands == {"low", "moderate", "high", "very high"}
