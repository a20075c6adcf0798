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
    return TreeEnsemble.from_parameters(
        BOOSTER_FEATURES,
        {
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


def test_booster_rows_hold_each_named_feature_in_the_order_the_model_names_them(data):
    ranking = rank(data, query_terms(QUERY), depth=30, trees=NO_BOOSTER)
    rows = booster_rows(ranking.scored, 0.5)
    assert len(rows) == min(BOOST_DEPTH, len(ranking.scored))
    for place, (row, scored) in enumerate(zip(rows, ranking.scored, strict=False)):
        named = dict(zip(BOOSTER_FEATURES, row, strict=True))
        assert named["base"] == scored.base
        assert named["label_cover"] == scored.features.label_cover
        assert named["names_cover"] == scored.features.names_cover
        assert named["specificity"] == 0.5
        assert named["linear_rank"] == place


def test_the_shipped_booster_changes_the_linear_log_odds():
    rows = [(0.0,) * len(BOOSTER_FEATURES), (1.0,) * len(BOOSTER_FEATURES)]
    assert len(set(booster().log_odds(rows).tolist())) == 2
