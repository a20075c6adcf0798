import pytest

from matching.confidence import FEATURE_NAMES, TreeModel, model, top_confidence
from matching.normalise import query_terms
from matching.rank import rank

# One stump on feature 0 (split at 0.5) and one leaf-only tree, with learning rate 0.5.
TINY = {
    "features": list(FEATURE_NAMES),
    "learning_rate": 0.5,
    "prior": -1.0,
    "trees": [
        {
            "feature": [0, -2, -2],
            "threshold": [0.5, -2.0, -2.0],
            "left": [1, -1, -1],
            "right": [2, -1, -1],
            "value": [0.0, -2.0, 4.0],
        },
        {"feature": [-2], "threshold": [-2.0], "left": [-1], "right": [-1], "value": [1.0]},
    ],
}


def features_with(first: float) -> tuple[float, ...]:
    return (first,) + (0.0,) * (len(FEATURE_NAMES) - 1)


def test_tree_model_takes_the_left_branch_at_the_threshold():
    trees = TreeModel.from_dict(TINY)
    assert trees.log_odds(features_with(0.5)) == pytest.approx(-1.0 - 1.0 + 0.5)


def test_tree_model_takes_the_right_branch_above_the_threshold():
    trees = TreeModel.from_dict(TINY)
    assert trees.log_odds(features_with(0.9)) == pytest.approx(-1.0 + 2.0 + 0.5)


def test_model_fitted_on_other_features_is_refused():
    with pytest.raises(ValueError, match="other features"):
        TreeModel.from_dict({**TINY, "features": ["something_else"]})


def test_shipped_model_loads_with_trees():
    assert len(model().trees) > 0


def test_confidence_is_a_probability(small_index):
    ranking = rank(small_index._data, query_terms("accountant"), depth=10)
    assert 0.0 < top_confidence(ranking) < 1.0


def test_clear_exact_title_is_more_confident_than_a_vague_one(small_index):
    data = small_index._data
    exact = rank(data, query_terms("accountant"), depth=10)
    vague = rank(data, query_terms("financial"), depth=10)
    assert top_confidence(exact) > top_confidence(vague)
