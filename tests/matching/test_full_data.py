"""Behaviour on the full shared ESCO bundle (en, fr, de, es), read through the product store."""

import pytest

from matching import MatchStatus
from tests.matching.everyday_titles import EVERYDAY_TITLES

pytestmark = pytest.mark.full_data


def test_everyday_titles_first_choice_rate(full_index):
    hits = [
        bool(r.candidates) and r.candidates[0].label in expected
        for title, expected in EVERYDAY_TITLES
        for r in [full_index.match(title)]
    ]
    assert len(EVERYDAY_TITLES) >= 60
    assert sum(hits) / len(hits) >= 0.9


@pytest.mark.parametrize("title", ["manager", "assistant", "Manager", "assistant (m/f/d)"])
def test_generic_titles_abstain_on_full_data(full_index, title):
    result = full_index.match(title)
    assert result.status is MatchStatus.AMBIGUOUS
    assert 3 <= len(result.candidates[:5]) <= 5


@pytest.mark.parametrize("title", ["asdfghjkl", "zzzz qqqq", "😀", "@everyone"])
def test_gibberish_is_no_match_on_full_data(full_index, title):
    assert full_index.match(title).status is MatchStatus.NO_MATCH


def test_index_covers_every_occupation(full_index):
    assert len(full_index) >= 3000


def test_suggest_nur_offers_nurses(full_index):
    names = [s.name for s in full_index.suggest("nur")]
    assert 0 < len(names) <= 25
    assert any("nurse" in n for n in names)
    assert all(len(n) <= 100 for n in names)
