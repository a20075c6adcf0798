import math

from matching.confidence import (
    FEATURE_NAMES,
    MIN_MARGIN,
    MIN_QUERY_COVER,
    MIN_SPECIFICITY_SHARE,
    NO_MATCH_SCORE,
    Decision,
    answer_confidence,
    decide,
    may_answer,
    plausible,
    top_confidence,
)
from matching.normalise import query_terms
from matching.rank import Ranking, Scored, rank
from matching.results import MatchStatus
from matching.trees import TreeEnsemble


def test_confidence_is_a_probability(small_index):
    ranking = rank(small_index._data, query_terms("accountant"), depth=10)
    assert 0.0 < top_confidence(ranking) < 1.0


def test_clear_exact_title_is_more_confident_than_a_vague_one(small_index):
    data = small_index._data
    exact = rank(data, query_terms("accountant"), depth=10)
    vague = rank(data, query_terms("financial"), depth=10)
    assert top_confidence(exact) > top_confidence(vague)


# The answer/abstain rules at their thresholds, on rankings written by hand.
MAX_IDF = 8.0


def candidate(occ: int, score: float, *, base: float = 0.9, cover: float = 1.0) -> Scored:
    return Scored(occ, score, label_id=occ, query_cover=cover, base=base)


def ranking_of(
    *scored: Scored, specificity: float = MAX_IDF, other_job: str | None = None
) -> Ranking:
    return Ranking(list(scored), specificity, MAX_IDF, other_job)


def clear(**changes: float) -> Ranking:
    """Two candidates with a lead of 1.0 and a fully explained, specific query."""
    first = {"score": 2.0, "cover": 1.0, **changes}
    return ranking_of(candidate(0, first["score"], cover=first["cover"]), candidate(1, 1.0))


def pinned(confidence: float) -> TreeEnsemble:
    """A confidence model that gives every ranking `confidence`."""
    return TreeEnsemble.constant(math.log(confidence / (1.0 - confidence)), FEATURE_NAMES)


def test_a_lead_of_exactly_the_minimum_margin_may_answer():
    assert may_answer(clear(score=1.0 + MIN_MARGIN + 1e-12))


def test_a_lead_below_the_minimum_margin_asks():
    assert not may_answer(clear(score=1.0 + MIN_MARGIN * 0.9))


def test_a_query_cover_at_the_minimum_asks():
    assert not may_answer(clear(cover=MIN_QUERY_COVER))


def test_a_query_cover_just_above_the_minimum_may_answer():
    assert may_answer(clear(cover=MIN_QUERY_COVER + 0.01))


def test_a_query_as_specific_as_the_minimum_may_answer():
    ranking = ranking_of(
        candidate(0, 2.0), candidate(1, 1.0), specificity=MIN_SPECIFICITY_SHARE * MAX_IDF
    )
    assert may_answer(ranking)


def test_a_query_less_specific_than_the_minimum_asks():
    ranking = ranking_of(
        candidate(0, 2.0), candidate(1, 1.0), specificity=MIN_SPECIFICITY_SHARE * MAX_IDF * 0.99
    )
    assert not may_answer(ranking)


def test_a_title_naming_a_second_job_asks():
    ranking = ranking_of(candidate(0, 2.0), candidate(1, 1.0), other_job="teacher")
    assert not may_answer(ranking)


def test_a_best_overlap_at_the_no_match_score_is_plausible():
    assert plausible(ranking_of(candidate(0, 1.0, base=NO_MATCH_SCORE)))


def test_a_best_overlap_below_the_no_match_score_is_no_match():
    ranking = ranking_of(candidate(0, 1.0, base=NO_MATCH_SCORE - 0.01))
    assert decide(ranking, pinned(0.99)).status is MatchStatus.NO_MATCH


def test_an_empty_ranking_is_no_match():
    assert decide(ranking_of(), pinned(0.99)) == Decision((), MatchStatus.NO_MATCH)


def test_confidence_at_the_answer_threshold_answers():
    decision = decide(clear(), pinned(answer_confidence() + 1e-9))
    assert decision.status is MatchStatus.MATCH


def test_confidence_below_the_answer_threshold_asks():
    decision = decide(clear(), pinned(answer_confidence() - 0.005))
    assert decision.status is MatchStatus.AMBIGUOUS


def test_a_confident_ranking_that_breaks_a_rule_asks():
    decision = decide(clear(cover=MIN_QUERY_COVER), pinned(0.99))
    assert decision.status is MatchStatus.AMBIGUOUS


def test_later_candidates_are_never_more_confident_than_the_first():
    decision = decide(ranking_of(candidate(0, 2.0), candidate(1, 1.999)), pinned(0.3))
    first, second = decision.confidences
    assert first == 0.3
    assert second <= first
