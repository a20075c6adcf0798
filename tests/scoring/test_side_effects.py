"""Scoring is pure: it leaves the process as it found it, while it runs as well as after.

The bot scores a refreshed release on a worker thread while its event loop keeps answering,
so anything process-wide that scoring switched, even for a moment, the whole bot would feel.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping

import pytest

from scoring import score_release
from scoring.types import Skill
from tests.scoring.factories import OCCUPATIONS, SKILLS


class WatchedSkills(Mapping[str, Skill]):
    """The skills, noting at every lookup whether the garbage collector is on.

    A lookup happens throughout scoring, so what it notes is what any other thread of the
    process would have seen at that moment.
    """

    def __init__(self, skills: Mapping[str, Skill]) -> None:
        self._skills = skills
        self.collector_states: set[bool] = set()

    def __getitem__(self, uri: str) -> Skill:
        self.collector_states.add(gc.isenabled())
        return self._skills[uri]

    def __iter__(self) -> Iterator[str]:
        return iter(self._skills)

    def __len__(self) -> int:
        return len(self._skills)


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Whatever a test does to the collector, the rest of the suite finds it as it was."""
    was_enabled = gc.isenabled()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


@pytest.mark.parametrize("enabled", [True, False], ids=["collector on", "collector off"])
@pytest.mark.usefixtures("collector_restored")
def test_scoring_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()
    skills = WatchedSkills(SKILLS)
    score_release(OCCUPATIONS, skills)
    assert (skills.collector_states, gc.isenabled()) == ({enabled}, enabled)
