"""Occupation neighbours by shared essential skills.

Two jobs are close when a worker in one already has much of what the other requires. Raw
shared counts favour occupations with long skill lists, so neighbours are ranked by the cosine
of the essential-skill sets (shared / sqrt(n_a * n_b)); the shared count is what the bot shows.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from scoring.types import Occupation, Skill

#: A pair must share at least this many essential skills to count as a move.
MIN_SHARED = 2

#: ISCO-08's four skill levels by major group (ILO, ISCO-08 vol. 1, table 1): managers and
#: professionals 4 (managers span 3-4; the upper bound keeps "manager to clerk" from passing
#: as a move), technicians 3, clerical to operator groups 2, elementary occupations 1.
SKILL_LEVEL_BY_MAJOR_GROUP = {
    "1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1,
}  # fmt: skip
#: Armed forces split by sub-major group: officers 4, non-commissioned officers 2, others 1.
SKILL_LEVEL_ARMED_FORCES = {"01": 4, "02": 2, "03": 1}
#: A group code we cannot read sits in the middle, so it neither blocks nor opens moves.
UNKNOWN_SKILL_LEVEL = 2


def skill_level(isco_group: str) -> int:
    """ISCO-08 skill level (1-4) of an occupation's unit group, e.g. "3252" -> 3.

    Moves and growth paths must not step down in skill level: a registered nurse is not
    helped by "nurse assistant", however many skills they share.
    """
    if isco_group.startswith("0"):
        return SKILL_LEVEL_ARMED_FORCES.get(isco_group[:2], UNKNOWN_SKILL_LEVEL)
    return SKILL_LEVEL_BY_MAJOR_GROUP.get(isco_group[:1], UNKNOWN_SKILL_LEVEL)


class Neighbour(NamedTuple):
    """Another occupation and how much of its essential skill set overlaps.

    A named tuple rather than a dataclass: a release builds tens of thousands of them.
    """

    uri: str
    shared: int
    similarity: float


def essential_sets(
    occupations: Sequence[Occupation], skills: Mapping[str, Skill]
) -> dict[str, frozenset[str]]:
    """Known essential skills per occupation (unknown URIs ignored, as everywhere)."""
    return {o.uri: frozenset(u for u in o.essential if u in skills) for o in occupations}


class Neighbourhood:
    """Finds one occupation's closest occupations on demand.

    The rule for one occupation. A whole release finds every occupation's neighbours at once
    over its relation arrays (``scoring.arrays.neighbours``), with the same order and ties.
    """

    def __init__(self, sets: Mapping[str, frozenset[str]]) -> None:
        self._sets = sets
        self._uris = tuple(sorted(sets))
        self._index = {uri: i for i, uri in enumerate(self._uris)}
        holders: dict[str, list[int]] = defaultdict(list)
        for i, uri in enumerate(self._uris):
            for skill in sets[uri]:
                holders[skill].append(i)
        # Skills held by one occupation only cannot be shared: skipped up front.
        self._shared = {skill: ids for skill, ids in holders.items() if len(ids) > 1}
        self._inv_root = [1.0 / math.sqrt(len(sets[uri]) or 1) for uri in self._uris]

    @property
    def uris(self) -> tuple[str, ...]:
        """Every occupation the neighbourhood knows, sorted."""
        return self._uris

    def of(self, uri: str, limit: int = 15) -> tuple[Neighbour, ...]:
        """``uri``'s closest occupations, most similar first (ties broken by URI).

        An occupation the neighbourhood was not built with has none.
        """
        i = self._index.get(uri)
        if i is None:
            return ()
        counts: Counter[int] = Counter()
        for skill in self._sets[uri]:
            ids = self._shared.get(skill)
            if ids is not None:
                counts.update(ids)
        counts.pop(i, None)
        own = self._inv_root[i]
        inv_root = self._inv_root
        ranked = heapq.nlargest(
            limit,
            (
                (shared * own * inv_root[j], shared, -j)
                for j, shared in counts.items()
                if shared >= MIN_SHARED
            ),
        )
        uris = self._uris
        return tuple(Neighbour(uris[-j], shared, sim) for sim, shared, j in ranked)


def neighbours(
    sets: Mapping[str, frozenset[str]], limit: int = 15
) -> dict[str, tuple[Neighbour, ...]]:
    """Each occupation's closest occupations, most similar first (ties broken by URI).

    Works on integer ids and skips skills held by one occupation only (they cannot be shared).
    """
    hood = Neighbourhood(sets)
    return {uri: hood.of(uri, limit) for uri in hood.uris}
