import pytest

from matching import index as index_module
from matching.index import build_index
from matching.normalise import query_terms
from matching.rank import rank
from tests.matching.conftest import small_inputs

QUERIES = [
    "sales manager",
    "assistant manager",
    "shop assistant",
    "office manager assistant",
    "senior sales",
    "manager",
    "teaching dental assistant",
]


def ranked(data, query: str) -> list[tuple[int, float]]:
    return [(s.occ, s.score) for s in rank(data, query_terms(query), depth=10).scored]


@pytest.mark.parametrize("query", QUERIES)
def test_skipping_labels_that_cannot_score_keeps_the_ranking(query, monkeypatch):
    full = build_index(*small_inputs())
    monkeypatch.setattr(index_module, "LONG_POSTINGS", 1)  # every word gets pruned postings
    pruned = build_index(*small_inputs())
    assert pruned.postings_by_weight
    assert ranked(pruned, query) == ranked(full, query)
