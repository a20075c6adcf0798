import numpy as np
import pytest

from matching.prior import (
    choice_shares,
    narrower_counts,
    occupation_features,
)


def test_narrower_counts_follow_the_code_hierarchy():
    codes = ["2330.1", "2330.1.5", "2330.1.6", "2330.1.6.2", "2341.1", ""]
    assert narrower_counts(codes) == [3, 0, 1, 0, 0, 0]


def test_occupation_features_read_everyday_counts_by_uri():
    rows = occupation_features(["a", "b"], ["1.1", "1.1.2"], [0.0, 1.0], [0.5, 0.25], {"b": 3})
    assert rows.shape == (2, 4)
    assert rows[0].tolist() == [pytest.approx(np.log1p(1)), 0.0, 0.5, 0.0]
    assert rows[1].tolist() == [0.0, 1.0, 0.25, pytest.approx(np.log1p(3))]


def test_choice_shares_sum_to_one_and_follow_the_weights():
    rows = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    shares = choice_shares([2.0, 0.0], rows)
    assert shares.sum() == pytest.approx(1.0)
    assert shares.argmax() == 0
