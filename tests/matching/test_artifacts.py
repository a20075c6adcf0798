"""Every shipped model file loads against the features the code computes, and nothing else does."""

import json
from importlib import resources

import pytest

from matching import artifacts
from matching.confidence import FEATURE_NAMES, MODEL_FILE
from matching.features import BOOSTER_FEATURES, LINEAR_FEATURES
from matching.prior import CHOICE_FEATURES, PRIOR_FILE
from matching.rank import BOOSTER_FILE, LINEAR_FILE

SHIPPED = {
    LINEAR_FILE: LINEAR_FEATURES,
    BOOSTER_FILE: BOOSTER_FEATURES,
    MODEL_FILE: FEATURE_NAMES,
    PRIOR_FILE: CHOICE_FEATURES,
}


def shipped_document(name: str) -> dict:
    return json.loads(resources.files("matching").joinpath(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SHIPPED)
def test_a_shipped_model_file_records_where_it_came_from(name):
    model = artifacts.packaged(name, SHIPPED[name])
    assert {"fitted", "dev_set_sha256", "split_seed", "willai"} <= set(model.provenance)


@pytest.mark.parametrize("name", SHIPPED)
def test_a_model_file_with_two_features_swapped_is_refused(name):
    document = shipped_document(name)
    features = document["features"]
    features[1], features[2] = features[2], features[1]
    expected = f"feature 1 is '{features[1]}' in the file but '{features[2]}' in the code"
    with pytest.raises(artifacts.ModelFileError, match=expected):
        artifacts.parse(name, document, SHIPPED[name])


def test_a_model_file_missing_a_feature_is_refused():
    document = shipped_document(LINEAR_FILE)
    document["features"].pop()
    with pytest.raises(artifacts.ModelFileError, match="has 14 features, the code computes 15"):
        artifacts.parse(LINEAR_FILE, document, LINEAR_FEATURES)


def test_a_model_file_of_another_format_is_refused():
    document = shipped_document(PRIOR_FILE)
    document["format"] = 0
    with pytest.raises(artifacts.ModelFileError, match="format 0"):
        artifacts.parse(PRIOR_FILE, document, CHOICE_FEATURES)


@pytest.mark.parametrize("name", SHIPPED)
def test_a_shipped_file_is_in_the_one_fixed_layout(name):
    text = resources.files("matching").joinpath(name).read_text(encoding="utf-8")
    assert artifacts.dumps(json.loads(text)) == text
