import json

import pytest

from scoring import (
    FACTORS,
    MODEL_VERSION,
    Band,
    OccupationScore,
    score_release,
)
from tests.scoring.factories import (
    ANATOMY,
    CARER,
    CLERK,
    OCCUPATIONS,
    PROCESS_DATA,
    RISK,
    SKILLS,
    SUPERVISOR,
    TEAMS,
    occupation,
)


@pytest.fixture(scope="module")
def scores() -> dict[str, OccupationScore]:
    return score_release(OCCUPATIONS, SKILLS)


def test_every_occupation_is_scored_by_uri(scores) -> None:
    assert set(scores) == {o.uri for o in OCCUPATIONS}


def test_overall_is_the_rounded_exact_score(scores) -> None:
    for s in scores.values():
        assert s.overall == round(s.overall_exact)
        assert isinstance(s.overall, int)


def test_band_matches_the_overall_score(scores) -> None:
    for s in scores.values():
        assert isinstance(s.band, Band)
        assert s.band.label in {"low", "moderate", "high", "very high"}


def test_percentiles_lie_between_0_and_100(scores) -> None:
    for s in scores.values():
        for factor in (*FACTORS, "overall"):
            assert 0.0 <= s.percentiles.get(factor) <= 100.0


def test_highest_overall_has_the_highest_percentile(scores) -> None:
    top = max(scores.values(), key=lambda s: s.overall_exact)
    assert top.percentiles.overall == max(s.percentiles.overall for s in scores.values())


def test_exposed_skills_name_the_routine_data_skill(scores) -> None:
    assert scores[CLERK.uri].exposed_skills[0].uri == PROCESS_DATA.uri


def test_resilient_skills_name_teamwork(scores) -> None:
    assert TEAMS.uri in {r.uri for r in scores[CARER.uri].resilient_skills}


def test_exposed_skills_exclude_knowledge(scores) -> None:
    for s in scores.values():
        assert all(SKILLS[r.uri].skill_type != "knowledge" for r in s.exposed_skills)


def test_grow_skills_come_from_optional_or_neighbour_skills(scores) -> None:
    s = scores[SUPERVISOR.uri]
    assert s.grow_skills
    own_essential = set(SUPERVISOR.essential)
    assert all(r.uri not in own_essential for r in s.grow_skills)


def test_grow_skills_rank_risk_management_above_anatomy(scores) -> None:
    grow = [r.uri for r in scores[SUPERVISOR.uri].grow_skills]
    assert grow.index(RISK.uri) < grow.index(ANATOMY.uri)


def test_similar_safer_occupations_score_lower(scores) -> None:
    for s in scores.values():
        for move in s.similar_safer:
            assert move.overall < s.overall
            assert move.shared_skills >= 2


def test_factor_drivers_cover_every_factor(scores) -> None:
    for s in scores.values():
        assert set(s.factor_drivers) == set(FACTORS)


def test_takeaways_are_three_or_four_sentences_naming_real_skills(scores) -> None:
    s = scores[CLERK.uri]
    assert 3 <= len(s.takeaways) <= 4
    text = " ".join(s.takeaways)
    assert "process data" in text
    assert CLERK.label in text


def test_round_trip_through_json_is_exact(scores) -> None:
    for s in scores.values():
        assert OccupationScore.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_scores_carry_the_model_version(scores) -> None:
    assert all(s.model_version == MODEL_VERSION for s in scores.values())


def test_factor_metadata_has_title_and_explanation() -> None:
    assert set(FACTORS) == {"skill_vulnerability", "task_automation", "ai_complementarity"}
    for name, info in FACTORS.items():
        assert info.name == name
        assert info.title
        assert len(info.explanation) > 80


def test_occupation_without_skills_still_gets_a_score() -> None:
    lonely = occupation("lonely")
    result = score_release((lonely,), SKILLS)[lonely.uri]
    assert result.overall == 0
    assert result.exposed_skills == ()


def test_scoring_is_deterministic() -> None:
    assert score_release(OCCUPATIONS, SKILLS) == score_release(OCCUPATIONS, SKILLS)
