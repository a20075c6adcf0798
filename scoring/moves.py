"""Where your skills could take you: lower-risk occupations that are real moves.

A move has to be worth making and possible to make. Worth making: it scores clearly lower, not
one point (a clinical coder at 57 is no escape from 58). Possible: it shares a real part of the
job's essential skills, weighted by how specific each shared skill is, so seven generic health
skills do not make a dental technician out of a medical records manager. And not a step down:
it sits at the same or a higher ISCO skill level.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from scoring.phrases import skill_phrase
from scoring.results import SimilarOccupation, SkillRef
from scoring.similar import Neighbour

#: How many moves an answer offers.
MOVES_SHOWN = 5
#: A move must score at least this many points lower.
MIN_GAP = 5
#: Share of the job's essential skills (each weighted by its specificity) a move must share.
MIN_SHARED_WEIGHT = 0.2


@dataclass(frozen=True, slots=True)
class MoveContext:
    """What every occupation's moves are judged by, gathered once per release."""

    overall: Mapping[str, int]
    levels: Mapping[str, int]
    essential: Mapping[str, frozenset[str]]
    specificity: Mapping[str, float]
    occupation_labels: Mapping[str, str]
    #: Each skill by URI, as a move names it.
    skill_ref: Callable[[str], SkillRef]

    def weight(self, skills: frozenset[str]) -> float:
        """Sum of the skills' specificities: how much of a job they say."""
        return sum(self.specificity.get(uri, 1.0) for uri in skills)

    def moves(self, uri: str, close: Sequence[Neighbour]) -> tuple[SimilarOccupation, ...]:
        """The lower-risk moves among ``close`` (most similar first), at most MOVES_SHOWN."""
        own = self.essential.get(uri, frozenset())
        own_weight = self.weight(own)
        own_score = self.overall[uri]
        level = self.levels.get(uri, 0)
        out: list[SimilarOccupation] = []
        for n in close:
            other = self.overall.get(n.uri)
            if other is None or other > own_score - MIN_GAP or self.levels.get(n.uri, 0) < level:
                continue
            shared = own & self.essential.get(n.uri, frozenset())
            if not own_weight or self.weight(shared) < MIN_SHARED_WEIGHT * own_weight:
                continue
            example = max(sorted(shared), key=lambda s: self.specificity.get(s, 1.0), default=None)
            bridge = self.skill_ref(example) if example else None
            out.append(
                SimilarOccupation(
                    n.uri,
                    self.occupation_labels[n.uri],
                    other,
                    len(shared),
                    skill_phrase(bridge.label, knowledge=bridge.knowledge) if bridge else "",
                    bridge,
                )
            )
            if len(out) == MOVES_SHOWN:
                break
        return tuple(out)
