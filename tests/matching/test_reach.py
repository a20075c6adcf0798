import pytest

from matching.index import build_index
from matching.reach import reach
from tests.matching.conftest import small_inputs


@pytest.fixture
def data():
    return build_index(*small_inputs())


def test_a_word_resolves_to_itself_and_its_same_stem_relatives(data):
    found = reach(data, "office")
    assert found is not None
    assert [word for word, _ in found.variants] == ["office", "officer"]


def test_a_token_reached_again_comes_from_the_cache(data):
    first = reach(data, "manager")
    assert reach(data, "manager") is first


def test_an_unknown_token_is_remembered_as_unknown(data):
    assert reach(data, "zzqxv") is None
    assert "zzqxv" in data.reach_cache


def test_the_cache_stays_within_its_bound(data, monkeypatch):
    monkeypatch.setattr("matching.reach.REACH_CACHE", 2)
    for token in ("nurse", "manager", "sales", "office"):
        reach(data, token)
    assert len(data.reach_cache) <= 2
