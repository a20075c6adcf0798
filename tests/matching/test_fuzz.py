"""Arbitrary Unicode through the matcher: nothing raises, and the ranking keeps its promises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import MatchIndex, MatchStatus

SEEDS = ["accountant", "sales manager", "nurse?", "I'm a plumber", "waiter"]
"""Titles of the small index, and of its sentence rules, to put odd characters around."""
TEXT = st.text(max_size=300) | st.tuples(st.sampled_from(SEEDS), st.text(max_size=20)).map("".join)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(text=TEXT)
def test_the_matcher_never_raises_and_ranks_at_most_what_was_asked(
    small_index: MatchIndex, text: str
) -> None:
    result = small_index.match(text, top=5)
    assert len(result.candidates) <= 5
    assert all(0.0 <= c.confidence <= 1.0 for c in result.candidates)


@FUZZ
@given(text=TEXT)
def test_confidences_never_rise_down_the_list(small_index: MatchIndex, text: str) -> None:
    confidences = [c.confidence for c in small_index.match(text).candidates]
    assert confidences == sorted(confidences, reverse=True)


@FUZZ
@given(text=TEXT)
def test_an_answer_always_names_its_occupation(small_index: MatchIndex, text: str) -> None:
    result = small_index.match(text)
    if result.status is MatchStatus.MATCH:
        assert result.best is not None
        assert result.best.label
