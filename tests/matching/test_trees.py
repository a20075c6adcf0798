import logging
from dataclasses import replace

import numpy as np
import pytest

from matching import stored
from matching import trees as trees_module
from matching.artifacts import ModelFileError
from matching.features import BOOSTER_FEATURES
from matching.trees import SHIPPED, TreeEnsemble, map_packaged
from tests.matching.test_stored import is_mapped

FEATURES = ("a", "b")
# A stump on feature 0 (split at 0.5), a two-level tree on features 1 then 0, and a leaf-only
# tree; learning rate 0.5 applies to every leaf.
DOCUMENT = {
    "features": list(FEATURES),
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
        {
            "feature": [1, 0, -2, -2, -2],
            "threshold": [0.25, 0.75, -2.0, -2.0, -2.0],
            "left": [1, 2, -1, -1, -1],
            "right": [4, 3, -1, -1, -1],
            "value": [0.0, 0.0, 1.0, 3.0, -6.0],
        },
        {"feature": [-2], "threshold": [-2.0], "left": [-1], "right": [-1], "value": [1.0]},
    ],
}


def walk(document: dict, row: tuple[float, ...]) -> float:
    """The plain per-node walk the vectorised evaluation must agree with."""
    total = document["prior"]
    for tree in document["trees"]:
        node = 0
        while tree["left"][node] != -1:
            goes_left = row[tree["feature"][node]] <= tree["threshold"][node]
            node = tree["left"][node] if goes_left else tree["right"][node]
        total += document["learning_rate"] * tree["value"][node]
    return total


@pytest.fixture
def trees() -> TreeEnsemble:
    return TreeEnsemble.from_parameters(FEATURES, DOCUMENT)


def test_a_value_at_the_threshold_takes_the_left_branch(trees):
    assert trees.log_odds([(0.5, 0.25)])[0] == pytest.approx(-1.0 + 0.5 * (-2.0 + 1.0 + 1.0))


def test_values_above_the_thresholds_take_the_right_branches(trees):
    assert trees.log_odds([(0.9, 0.9)])[0] == pytest.approx(-1.0 + 0.5 * (4.0 - 6.0 + 1.0))


def test_many_rows_agree_with_a_node_by_node_walk(trees):
    rows = np.random.default_rng(7).uniform(0.0, 1.0, size=(200, 2))
    expected = [walk(DOCUMENT, tuple(row)) for row in rows]
    assert trees.log_odds(rows) == pytest.approx(expected)


def test_depth_is_the_longest_path(trees):
    assert trees.depth == 2


def test_no_rows_give_no_log_odds(trees):
    assert trees.log_odds(np.zeros((0, 2))).shape == (0,)


def test_a_constant_ensemble_gives_its_log_odds_to_every_row():
    constant = TreeEnsemble.constant(0.25, FEATURES)
    assert constant.log_odds([(0.0, 0.0), (1.0, 1.0)]).tolist() == [0.25, 0.25]


def test_a_tree_whose_node_lists_differ_in_length_is_refused():
    broken = {**DOCUMENT, "trees": [{**DOCUMENT["trees"][0], "value": [0.0, -2.0]}]}
    with pytest.raises(ValueError, match="differ in length"):
        TreeEnsemble.from_parameters(FEATURES, broken)


def test_the_packaged_models_are_laid_out_as_a_node_by_node_reading_would():
    from matching import artifacts, confidence, rank

    for name, features in (
        (rank.BOOSTER_FILE, rank.BOOSTER_FEATURES),
        (confidence.MODEL_FILE, confidence.FEATURE_NAMES),
    ):
        document = dict(artifacts.packaged(name, features).parameters)
        trees = TreeEnsemble.from_parameters(features, document)
        rows = np.random.default_rng(11).uniform(-1.0, 2.0, size=(50, len(features)))
        expected = [walk(document, tuple(row)) for row in rows]
        assert trees.log_odds(rows) == pytest.approx(expected)


def test_an_ensemble_laid_out_as_arrays_reads_back_the_same(trees):
    again = TreeEnsemble.from_arrays(trees.to_arrays("m:"), "m:")
    rows = np.random.default_rng(5).uniform(0.0, 1.0, size=(100, 2))
    assert (again.features, again.prior, again.depth) == (trees.features, trees.prior, 2)
    assert again.log_odds(rows).tolist() == trees.log_odds(rows).tolist()


def test_the_shipped_list_names_the_models_the_matcher_reads():
    from matching import confidence, rank

    assert dict(SHIPPED) == {
        rank.BOOSTER_FILE: rank.BOOSTER_FEATURES,
        confidence.MODEL_FILE: confidence.FEATURE_NAMES,
    }


@pytest.fixture
def unmapped(monkeypatch):
    """`TreeEnsemble.packaged` as a process starts: nothing mapped (restored afterwards)."""
    monkeypatch.setattr(trees_module, "_MAPPED", {})


def test_mapped_models_come_from_the_cache_and_score_as_their_files_do(tmp_path, unmapped):
    rows = np.random.default_rng(3).uniform(-1.0, 2.0, size=(40, len(BOOSTER_FEATURES)))
    parsed = TreeEnsemble.packaged("rerank_model.json", BOOSTER_FEATURES)
    map_packaged(tmp_path)  # lays them out
    map_packaged(tmp_path)  # maps them
    mapped = TreeEnsemble.packaged("rerank_model.json", BOOSTER_FEATURES)
    assert is_mapped(mapped.threshold)
    assert mapped.log_odds(rows).tolist() == parsed.log_odds(rows).tolist()
    assert len(list(tmp_path.iterdir())) == 2  # one folder and its lock file


def test_a_mapped_model_asked_for_with_other_features_is_read_from_its_file(tmp_path, unmapped):
    map_packaged(tmp_path)
    with pytest.raises(ModelFileError, match="other features"):
        TreeEnsemble.packaged("rerank_model.json", ("a", "b"))


def test_a_cache_laid_out_with_other_features_is_not_used(tmp_path, unmapped, caplog):
    models = {"rerank_model.json": BOOSTER_FEATURES}
    identity = {"kind": "trees", "models": "rerank_model.json", "matcher": stored.matcher_version()}
    shipped = TreeEnsemble.packaged("rerank_model.json", BOOSTER_FEATURES)
    renamed = replace(shipped, features=("renamed", *BOOSTER_FEATURES[1:]))
    stored.save(
        tmp_path / stored.folder_name(identity), identity, renamed.to_arrays("rerank_model.json:")
    )
    with caplog.at_level(logging.INFO, logger="matching.stored"):
        map_packaged(tmp_path, models)
    assert "laid out with other features" in caplog.text
    found = TreeEnsemble.packaged("rerank_model.json", BOOSTER_FEATURES)
    assert found.features == BOOSTER_FEATURES
    assert found.threshold.tolist() == shipped.threshold.tolist()


def test_without_a_cache_the_models_are_read_from_their_files(unmapped):
    map_packaged(None)
    assert TreeEnsemble.packaged("confidence_model.json", SHIPPED["confidence_model.json"])
