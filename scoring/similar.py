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


def neighbours(
    sets: Mapping[str, frozenset[str]], limit: int = 15
) -> dict[str, tuple[Neighbour, ...]]:
    """Each occupation's closest occupations, most similar first (ties broken by URI).

    Works on integer ids and skips skills held by one occupation only (they cannot be shared):
    the whole release must score in well under two seconds.
    """
    uris = sorted(sets)
    index = {uri: i for i, uri in enumerate(uris)}
    holders: dict[str, list[int]] = defaultdict(list)
    for uri in uris:
        for skill in sets[uri]:
            holders[skill].append(index[uri])
    shared_lists = {skill: ids for skill, ids in holders.items() if len(ids) > 1}
    inv_root = [1.0 / math.sqrt(len(sets[uri]) or 1) for uri in uris]
    out: dict[str, tuple[Neighbour, ...]] = {}
    for i, uri in enumerate(uris):
        counts: Counter[int] = Counter()
        for skill in sets[uri]:
            ids = shared_lists.get(skill)
            if ids is not None:
                counts.update(ids)
        counts.pop(i, None)
        own = inv_root[i]
        ranked = heapq.nlargest(
            limit,
            (
                (shared * own * inv_root[j], shared, -j)
                for j, shared in counts.items()
                if shared >= MIN_SHARED
            ),
        )
        out[uri] = tuple(Neighbour(uris[-j], shared, sim) for sim, shared, j in ranked)
    return out
