"""The bridge between the store's rows and the pure scoring model."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import scoring
from scoring.types import Occupation, Skill

#: ``progress(done, in all)``: how a long step reports how far it got.
Counted = Callable[[int, int], None]
#: Score rows written between two progress reports.
PROGRESS_EVERY = 250

SCORE_COLUMNS = (
    "release_id",
    "occupation_uri",
    "model_version",
    "overall",
    "band",
    "skill_vulnerability",
    "task_automation",
    "ai_complementarity",
    "detail_json",
)


@dataclass(frozen=True, slots=True)
class ScoreRows:
    """A release as plain dicts, whether just parsed from a bundle or read from the store."""

    occupations: Mapping[str, Mapping[str, str]]  # uri -> label, code, isco_group, description
    skills: Mapping[str, Mapping[str, str]]  # uri -> label, description, skill_type, reuse_level
    skill_codes: Mapping[str, tuple[str, ...]]
    collections: Mapping[str, set[str]]
    relations: Mapping[str, tuple[list[str], list[str]]]  # occupation -> (essential, optional)

    def scoring_inputs(self) -> tuple[list[Occupation], dict[str, Skill]]:
        """The model's own records, sorted: scores never depend on file or row order."""
        skills = {
            uri: Skill(
                uri=uri,
                label=s["label"],
                description=s["description"],
                skill_type=s["skill_type"],
                reuse_level=s["reuse_level"],
                groups=self.skill_codes.get(uri, ()),
                collections=frozenset(self.collections.get(uri, ())),
            )
            for uri, s in self.skills.items()
        }
        occupations = [
            Occupation(
                uri=uri,
                label=o["label"],
                code=o["code"],
                isco_group=o["isco_group"],
                description=o["description"],
                essential=tuple(sorted(self.relations.get(uri, ([], []))[0])),
                optional=tuple(sorted(self.relations.get(uri, ([], []))[1])),
            )
            for uri, o in sorted(self.occupations.items())
        ]
        return occupations, skills


@dataclass(frozen=True, slots=True)
class ScoredRelease:
    """Scores ready to be written beside the release they belong to."""

    scores: Mapping[str, scoring.OccupationScore]

    @property
    def count(self) -> int:
        return len(self.scores)

    def rows(self, release_id: int, progress: Counted | None = None) -> Iterator[tuple[Any, ...]]:
        """Rows in SCORE_COLUMNS order; ``progress(rows done, rows in all)`` hears of them."""
        total = len(self.scores)
        for done, (uri, score) in enumerate(self.scores.items()):
            if progress and not done % PROGRESS_EVERY:
                progress(done, total)
            yield (
                release_id,
                uri,
                scoring.MODEL_VERSION,
                score.overall,
                score.band.label,
                score.skill_vulnerability,
                score.task_automation,
                score.ai_complementarity,
                json.dumps(score.to_dict(), separators=(",", ":")),
            )


def compute_scores(rows: ScoreRows, progress: Counted | None = None) -> ScoredRelease:
    """Score every occupation of a release with the current model.

    ``progress(occupations done, occupations in all)`` hears how scoring goes.
    """
    occupations, skills = rows.scoring_inputs()
    return ScoredRelease(scoring.score_release(occupations, skills, progress=progress))
