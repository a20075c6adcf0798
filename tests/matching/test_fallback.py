import pytest
from rapidfuzz import fuzz

from matching.fallback import FALLBACK_CUTOFF, close_labels
from matching.index import build_index
from matching.normalise import query_terms
from tests.matching.conftest import small_inputs


@pytest.fixture(scope="module")
def data():
    return build_index(*small_inputs())


@pytest.mark.parametrize("query", ["softwaredeveloper", "salesmanager", "sales manger x"])
def test_the_character_bound_keeps_every_label_the_fallback_scorer_would(data, query):
    terms = query_terms(query)
    by_brute_force = {
        data.lab_occ[data.fallback_ids[pos]]
        for pos, text in enumerate(data.fallback_texts)
        if fuzz.ratio(terms.text, text) >= FALLBACK_CUTOFF
    }
    found = {data.lab_occ[i] for _, i in close_labels(data, terms.text, len(data.lab_occ))}
    assert by_brute_force
    assert found == by_brute_force


def test_closest_labels_come_first(data):
    found = close_labels(data, "softwaredeveloper", 10)
    ratios = [ratio for ratio, _ in found]
    assert ratios == sorted(ratios, reverse=True)
    assert data.lab_text[found[0][1]] == "software developer"
