from matching.confidence import FEATURE_NAMES, model, top_confidence
from matching.normalise import query_terms
from matching.rank import rank


def test_shipped_model_loads_with_trees():
    assert len(model().roots) > 0


def test_shipped_model_reads_the_features_the_matcher_gives():
    assert model().features == FEATURE_NAMES


def test_confidence_is_a_probability(small_index):
    ranking = rank(small_index._data, query_terms("accountant"), depth=10)
    assert 0.0 < top_confidence(ranking) < 1.0


def test_clear_exact_title_is_more_confident_than_a_vague_one(small_index):
    data = small_index._data
    exact = rank(data, query_terms("accountant"), depth=10)
    vague = rank(data, query_terms("financial"), depth=10)
    assert top_confidence(exact) > top_confidence(vague)
