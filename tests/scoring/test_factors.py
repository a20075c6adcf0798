from dataclasses import replace

import pytest

from scoring.factors import (
    ESSENTIAL_WEIGHT,
    OPTIONAL_WEIGHT,
    SkillWeights,
    compute_factors,
    overall_from,
    prepare,
    task_skills,
    weighted_skills,
)
from scoring.skill_attributes import attributes_for_all
from tests.scoring.factories import (
    ANATOMY,
    CARE,
    CLERK,
    NEGOTIATE,
    PROCESS_DATA,
    RECORD,
    SKILLS,
    SUPERVISOR,
    TEAMS,
    occupation,
)

INPUTS = prepare(attributes_for_all(SKILLS))


def factors_of(occ):
    return compute_factors(weighted_skills(occ, SKILLS), SKILLS, INPUTS)


def test_essential_skills_weigh_more_than_optional_ones() -> None:
    essential_data = occupation("a", (PROCESS_DATA,), (NEGOTIATE,))
    optional_data = occupation("b", (NEGOTIATE,), (PROCESS_DATA,))
    assert (
        factors_of(essential_data).skill_vulnerability
        > factors_of(optional_data).skill_vulnerability
    )


def test_unknown_skill_uris_are_ignored() -> None:
    known = occupation("a", (PROCESS_DATA,))
    with_unknown = replace(known, essential=("s:missing", PROCESS_DATA.uri))
    assert factors_of(with_unknown) == factors_of(known)


def test_occupation_without_known_skills_scores_zero() -> None:
    assert factors_of(occupation("empty")).overall_exact == 0.0


def test_task_automation_uses_essential_skills_not_knowledge() -> None:
    occ = occupation("a", (RECORD, ANATOMY), (CARE,))
    tasks = task_skills(weighted_skills(occ, SKILLS), SKILLS)
    assert [w.uri for w in tasks] == [RECORD.uri]


def test_task_automation_falls_back_to_knowledge_when_no_skill_is_essential() -> None:
    occ = occupation("a", (ANATOMY,))
    assert [w.uri for w in task_skills(weighted_skills(occ, SKILLS), SKILLS)] == [ANATOMY.uri]


def test_factors_are_rounded_to_two_decimals() -> None:
    f = factors_of(occupation("a", (PROCESS_DATA, NEGOTIATE, ANATOMY)))
    for value in (f.skill_vulnerability, f.task_automation, f.ai_complementarity, f.overall_exact):
        assert value == round(value, 2)


def test_complementarity_lowers_the_overall_score() -> None:
    assert overall_from(60, 60, 90) < overall_from(60, 60, 50)


def test_routine_work_raises_the_overall_score() -> None:
    assert overall_from(60, 90, 60) > overall_from(60, 20, 60)


def test_vulnerability_raises_the_overall_score() -> None:
    assert overall_from(70, 50, 60) > overall_from(40, 50, 60)


@pytest.mark.parametrize(("v", "t", "c"), [(0, 0, 100), (100, 100, 0)])
def test_overall_is_clamped_to_the_display_scale(v: float, t: float, c: float) -> None:
    assert 0.0 <= overall_from(v, t, c) <= 100.0


def test_clerical_occupation_scores_above_care_occupation() -> None:
    clerk = factors_of(occupation("clerk", (PROCESS_DATA, RECORD)))
    carer = factors_of(occupation("carer", (CARE, NEGOTIATE)))
    assert clerk.overall_exact > carer.overall_exact
    assert clerk.task_automation > carer.task_automation
    assert clerk.ai_complementarity < carer.ai_complementarity


def test_occupations_listing_a_skill_the_same_way_share_its_record() -> None:
    """Shared records keep a release's scoring small for the garbage collector."""
    weights = SkillWeights(SKILLS)
    clerk, supervisor = ({w.uri: w for w in weights.of(o)} for o in (CLERK, SUPERVISOR))
    assert clerk[RECORD.uri] is supervisor[RECORD.uri]  # essential to both
    assert (clerk[TEAMS.uri].weight, supervisor[TEAMS.uri].weight) == (
        OPTIONAL_WEIGHT,
        ESSENTIAL_WEIGHT,
    )
