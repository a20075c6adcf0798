"""Calibration and sanity checks on the full ESCO release (skipped without ../shared/data)."""

from __future__ import annotations

import pytest

from scoring import Band, OccupationScore, score_release

pytestmark = pytest.mark.full_data

MEDICAL_RECORDS_MANAGER = (
    "http://data.europa.eu/esco/occupation/983c2816-a339-4817-97f4-151a9ff3e64d"
)
MORE_EXPOSED = ("data entry clerk", "bookkeeper", "call centre agent", "proofreader")
LESS_EXPOSED = (
    "nurse responsible for general care",
    "social worker",
    "roofer",
    "psychotherapist",
    "early years teacher",
)


@pytest.fixture(scope="module")
def scores(full_store) -> dict[str, OccupationScore]:
    occupations, skills = full_store.scoring_inputs()
    return score_release(occupations, skills)


@pytest.fixture(scope="module")
def by_label(scores) -> dict[str, OccupationScore]:
    return {s.label: s for s in scores.values()}


@pytest.fixture(scope="module")
def mrm(scores) -> OccupationScore:
    return scores[MEDICAL_RECORDS_MANAGER]


def test_calibration_occupation_is_the_medical_records_manager(mrm) -> None:
    assert (mrm.label, mrm.code) == ("medical records manager", "3252.2")


def test_calibration_overall(mrm) -> None:
    assert abs(mrm.overall - 57) <= 5


def test_calibration_task_automation(mrm) -> None:
    assert abs(mrm.task_automation - 70.75) <= 7.5


def test_calibration_ai_complementarity(mrm) -> None:
    assert abs(mrm.ai_complementarity - 62.51) <= 7.5


def test_calibration_band(mrm) -> None:
    assert mrm.band is Band.HIGH
    assert mrm.band.headline == "high risk, but not a replacement-level threat"


def _names(refs, *words: str) -> bool:
    text = " ".join(r.label for r in refs)
    return any(word in text for word in words)


def test_calibration_exposed_skills_name_data_processing_backups_or_transfer(mrm) -> None:
    assert _names(mrm.exposed_skills, "process data", "backup", "transfer")


def test_calibration_resilient_skills_name_teamwork_or_anatomy(mrm) -> None:
    assert _names(mrm.resilient_skills, "multidisciplinary", "multicultural", "anatomy")


def test_calibration_long_term_names_governance_risk_or_health_legislation(mrm) -> None:
    assert any(
        words in mrm.report.long_term
        for words in ("data governance", "risk management", "health legislation")
    )


def test_calibration_verdict_is_high_but_not_replacement_level(mrm) -> None:
    assert mrm.report.verdict.startswith("High risk, but not a replacement-level threat")


@pytest.mark.parametrize("exposed", MORE_EXPOSED)
@pytest.mark.parametrize("protected", LESS_EXPOSED)
def test_sanity_ordering(by_label, exposed: str, protected: str) -> None:
    assert by_label[exposed].overall_exact > by_label[protected].overall_exact


def test_task_automation_is_highest_for_clerical_machine_and_sorting_work(scores) -> None:
    top = sorted(scores.values(), key=lambda s: -s.task_automation)[:100]
    # ISCO 4 clerical support, 8 plant and machine operators, 9 elementary (sorting, packing),
    # 7 craft workers on production lines.
    assert sum(s.isco_group[0] in "4789" for s in top) >= 80


def test_ai_complementarity_is_high_for_doctors_judges_and_executives(by_label, scores) -> None:
    ranked = sorted(s.ai_complementarity for s in scores.values())
    top_15_percent = ranked[int(len(ranked) * 0.85)]
    for label in ("specialised doctor", "judge", "chief executive officer"):
        assert by_label[label].ai_complementarity >= top_15_percent


def test_ai_complementarity_is_low_for_simple_manual_work(by_label, scores) -> None:
    ranked = sorted(s.ai_complementarity for s in scores.values())
    tenth_from_bottom = ranked[int(len(ranked) * 0.1)]
    for label in ("hand packer", "domestic cleaner"):
        assert by_label[label].ai_complementarity <= tenth_from_bottom


def test_every_occupation_has_explanations(scores) -> None:
    for s in scores.values():
        if s.overall_exact == 0:
            continue
        assert s.exposed_skills or "No single task stands out" in s.report.near_term
        assert s.resilient_skills
        assert 3 <= len(s.takeaways) <= 4


def test_every_score_is_on_the_display_scale(scores) -> None:
    for s in scores.values():
        assert 0 <= s.overall <= 100
        for value in (s.skill_vulnerability, s.task_automation, s.ai_complementarity):
            assert 0.0 <= value <= 100.0
