import json
import os
import subprocess
import sys

import pytest

from scoring import (
    FACTORS,
    MODEL_VERSION,
    OccupationScore,
    band_for,
    score_release,
)
from scoring.moves import MIN_GAP
from tests.conftest import REPO
from tests.scoring.factories import (
    ARCHIVE,
    CARER,
    CLERK,
    OCCUPATIONS,
    PROCESS_DATA,
    RECORD,
    SKILLS,
    SUPERVISE,
    TEAMS,
    occupation,
    skill,
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
    shown = {s.label: s.band for s in scores.values()}
    assert shown == {s.label: band_for(s.overall) for s in scores.values()}


def test_percentiles_lie_between_0_and_100(scores) -> None:
    for s in scores.values():
        for factor in (*FACTORS, "overall"):
            assert 0.0 <= s.percentiles.get(factor) <= 100.0


def test_highest_overall_has_the_highest_percentile(scores) -> None:
    top = max(scores.values(), key=lambda s: s.overall_exact)
    assert top.percentiles.overall == max(s.percentiles.overall for s in scores.values())


def test_exposed_skills_name_the_routine_data_skill(scores) -> None:
    assert PROCESS_DATA.uri in {r.uri for r in scores[CLERK.uri].exposed_skills}


def test_specific_skills_come_before_equally_exposed_generic_ones() -> None:
    generic = skill("file documents", "S2.3", "S2.3.0", label="file documents")
    specific = skill("file claims", "S2.3", "S2.3.0", label="file claims")
    others = tuple(occupation(f"other {i}", (generic,)) for i in range(20))
    clerk = occupation("claims clerk", (generic, specific))
    skills = {generic.uri: generic, specific.uri: specific}
    result = score_release((clerk, *others), skills)[clerk.uri]
    assert [r.uri for r in result.exposed_skills] == [specific.uri, generic.uri]


def test_a_niche_optional_skill_is_never_headlined() -> None:
    niche = skill("ride horses", "S6.1", "S6.1.1")
    core = skill("patrol areas", "S3.1", "S3.1.1")
    officer = occupation("police officer", (core,), (niche,))
    others = tuple(occupation(f"guard {i}", (core,)) for i in range(20))
    skills = {niche.uri: niche, core.uri: core}
    result = score_release((officer, *others), skills)[officer.uri]
    shown = {r.uri for r in (*result.exposed_skills, *result.resilient_skills)}
    assert niche.uri not in shown


def test_scores_naming_a_skill_the_same_way_share_one_record(scores) -> None:
    """Shared records keep a release's scoring small for the garbage collector."""
    named = [r for s in scores.values() for r in s.exposed_skills if r.uri == PROCESS_DATA.uri]
    assert len(named) == 3  # the clerk, the supervisor and the assistant
    assert all(r is named[0] for r in named)


def test_resilient_skills_name_teamwork(scores) -> None:
    assert TEAMS.uri in {r.uri for r in scores[CARER.uri].resilient_skills}


def test_exposed_skills_exclude_knowledge(scores) -> None:
    for s in scores.values():
        assert all(SKILLS[r.uri].skill_type != "knowledge" for r in s.exposed_skills)


def _grow_of_first(*occupations) -> set[str]:
    return {r.uri for r in score_release(occupations, SKILLS)[occupations[0].uri].grow_skills}


def test_a_skill_two_neighbours_need_is_a_grow_skill() -> None:
    me = occupation("me", (PROCESS_DATA, RECORD))
    b = occupation("b", (PROCESS_DATA, RECORD, SUPERVISE))
    c = occupation("c", (PROCESS_DATA, RECORD, SUPERVISE))
    assert SUPERVISE.uri in _grow_of_first(me, b, c)


def test_one_neighbours_speciality_is_not_a_grow_skill() -> None:
    me = occupation("me", (PROCESS_DATA, RECORD))
    b = occupation("b", (PROCESS_DATA, RECORD, SUPERVISE))
    c = occupation("c", (PROCESS_DATA, RECORD, ARCHIVE))
    assert SUPERVISE.uri not in _grow_of_first(me, b, c)


def test_neighbours_at_a_lower_skill_level_do_not_set_the_direction() -> None:
    me = occupation("me", (PROCESS_DATA, RECORD), isco="2411")
    b = occupation("b", (PROCESS_DATA, RECORD, SUPERVISE), isco="4311")
    c = occupation("c", (PROCESS_DATA, RECORD, SUPERVISE), isco="4312")
    assert SUPERVISE.uri not in _grow_of_first(me, b, c)


def test_grow_skills_never_repeat_a_resilient_skill(scores) -> None:
    for s in scores.values():
        assert not {r.uri for r in s.grow_skills} & {r.uri for r in s.resilient_skills}


def test_resilient_skills_never_repeat_an_exposed_skill(scores) -> None:
    for s in scores.values():
        assert not {r.uri for r in s.exposed_skills} & {r.uri for r in s.resilient_skills}


def test_moves_score_at_least_the_gap_lower(scores) -> None:
    for s in scores.values():
        for move in s.similar_safer:
            assert move.overall <= s.overall - MIN_GAP
            assert move.shared_skills >= 2


def test_factor_drivers_cover_every_factor(scores) -> None:
    for s in scores.values():
        assert set(s.factor_drivers) == set(FACTORS)


def test_takeaways_are_three_or_four_sentences_naming_real_skills(scores) -> None:
    s = scores[CLERK.uri]
    assert 3 <= len(s.takeaways) <= 4
    assert "processing data" in " ".join(s.takeaways)


def test_report_asks_what_the_occupation_does(scores) -> None:
    assert scores[CLERK.uri].report.question == "What does a records clerk do?"


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


#: Prints the tiny release's scores as JSON, in a process of its own.
_PRINT_SCORES = """
import json
from scoring import score_release
from tests.scoring.factories import OCCUPATIONS, SKILLS
scores = score_release(OCCUPATIONS, SKILLS)
print(json.dumps({uri: scores[uri].to_dict() for uri in sorted(scores)}))
"""


def test_scores_are_the_same_in_every_process() -> None:
    """Two calls in one process share a hash seed: only separate processes show set order."""
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _PRINT_SCORES],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1, "the scores differ between processes"
    assert set(json.loads(outputs.pop())) == {o.uri for o in OCCUPATIONS}
