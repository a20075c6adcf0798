"""The learned re-ranker (booster) on top of the linear ranking, on the small hand-made index."""

import pytest

from matching.index import build_index
from matching.normalise import query_terms
from matching.rank import (
    BOOST_DEPTH,
    BOOSTER_FEATURES,
    NO_BOOSTER,
    booster,
    booster_rows,
    rank,
)
from matching.trees import TreeEnsemble
from tests.matching.conftest import small_inputs

QUERY = "assistant manager"  # several candidates of close scores


@pytest.fixture(scope="module")
def data():
    return build_index(*small_inputs())


def demoting_the_first() -> TreeEnsemble:
    """A stump on the linear rank: the first linear candidate loses 100 log-odds."""
    place = BOOSTER_FEATURES.index("linear_rank")
    return TreeEnsemble.from_dict(
        {
            "features": list(BOOSTER_FEATURES),
            "learning_rate": 1.0,
            "prior": 0.0,
            "trees": [
                {
                    "feature": [place, -2, -2],
                    "threshold": [0.5, -2.0, -2.0],
                    "left": [1, -1, -1],
                    "right": [2, -1, -1],
                    "value": [0.0, -100.0, 0.0],
                }
            ],
        },
        BOOSTER_FEATURES,
    )


def test_without_a_booster_the_ranking_is_the_linear_one(data):
    scored = rank(data, query_terms(QUERY), depth=10, trees=NO_BOOSTER).scored
    assert [s.score for s in scored] == sorted((s.score for s in scored), reverse=True)
    assert {s.learned for s in scored} == {0.0}


def test_booster_log_odds_reorder_the_candidates(data):
    linear = rank(data, query_terms(QUERY), depth=10, trees=NO_BOOSTER).scored
    boosted = rank(data, query_terms(QUERY), depth=10, trees=demoting_the_first()).scored
    assert len(linear) >= 2
    assert boosted[0].occ == linear[1].occ
    assert boosted[-1].occ == linear[0].occ


def test_booster_rows_have_one_value_per_feature_for_the_first_candidates(data):
    ranking = rank(data, query_terms(QUERY), depth=30, trees=NO_BOOSTER)
    rows = booster_rows(ranking.scored, 0.5)
    assert len(rows) == min(BOOST_DEPTH, len(ranking.scored))
    assert {len(row) for row in rows} == {len(BOOSTER_FEATURES)}
    assert [row[-1] for row in rows] == list(range(len(rows)))


def test_shipped_booster_reads_the_features_rank_gives():
    shipped = booster()
    assert shipped.features == BOOSTER_FEATURES
    assert len(shipped.roots) > 0
