"""The answer to "will AI replace my job?", independent of where it is shown.

The CLI and the Discord bot both ask this service; it keeps the match index and every score
of the serving release in memory, so an answer costs a match and a dict lookup.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from db.store import ReleaseInfo, Store
from matching import MatchIndex, MatchResult, Suggestion
from matching.normalise import MAX_QUERY_CHARS
from scoring import MODEL_VERSION, OccupationScore
from willai.texts import readable


@dataclass(frozen=True, slots=True)
class Answer:
    """A scored occupation for what someone typed."""

    query: str
    score: OccupationScore
    confidence: float | None  # None when the occupation was picked, not matched
    release: ReleaseInfo

    @property
    def data_version(self) -> str:
        return f"ESCO {self.release.version}"

    def to_dict(self) -> dict[str, Any]:
        """The `willai ask --json` document."""
        score = self.score
        detail = score.to_dict()
        return {
            "query": self.query,
            "occupation": {
                "uri": score.uri,
                "label": score.label,
                "code": score.code,
                "isco_group": score.isco_group,
            },
            "confidence": self.confidence,
            "score": {
                "overall": score.overall,
                "band": score.band.label,
                "skill_vulnerability": score.skill_vulnerability,
                "task_automation": score.task_automation,
                "ai_complementarity": score.ai_complementarity,
            },
            "report": detail["report"],
            "takeaways": list(score.takeaways),
            "exposed_skills": detail["exposed_skills"],
            "resilient_skills": detail["resilient_skills"],
            "grow_skills": detail["grow_skills"],
            "similar_safer": detail["similar_safer"],
            "percentiles": detail.get("percentiles"),
            "data_version": self.data_version,
            "model_version": MODEL_VERSION,
        }


@dataclass(frozen=True, slots=True)
class Unresolved:
    """No single answer: a did-you-mean list (ambiguous) or nothing plausible (no match)."""

    query: str
    match: MatchResult

    @property
    def ambiguous(self) -> bool:
        return bool(self.match.candidates) and self.match.status != "no_match"


def build_match_index(store: Store) -> MatchIndex:
    """The title matcher over every label of the serving release, in every language."""
    occupations, labels = store.match_inputs()
    return MatchIndex.build(occupations, labels)


class StoredScores(Mapping[str, OccupationScore]):
    """Scores read from the store on demand: a one-shot command needs one, not 3,000."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getitem__(self, uri: str) -> OccupationScore:
        score = self._store.score(uri)
        if score is None:
            raise KeyError(uri)
        return score

    def __iter__(self) -> Iterator[str]:
        return (summary.uri for summary in self._store.score_summaries())

    def __len__(self) -> int:
        return self._store.occupation_count()


class AnswerService:
    """Everything needed to answer, loaded once per release."""

    def __init__(
        self,
        store: Store,
        index: MatchIndex,
        scores: Mapping[str, OccupationScore],
        release: ReleaseInfo,
    ) -> None:
        self.store, self.index, self.scores, self.release = store, index, scores, release

    @classmethod
    def load(cls, store: Store, *, preload_scores: bool = True) -> AnswerService:
        """Build the index; keep every score in memory unless the caller answers only once.

        The index is built first: the scores then settle into the memory its build freed,
        which keeps the bot ~40 MB smaller than the other way round.
        """
        release = store.require_release()
        index = build_match_index(store)
        scores = store.all_scores() if preload_scores else StoredScores(store)
        return cls(store, index, scores, release)

    def ask(self, query: str) -> Answer | Unresolved:
        """Match a typed title and answer, or say why not."""
        query = readable(query)
        text = query[:MAX_QUERY_CHARS]
        result = self.index.match(text, top=10)
        best = result.best
        if result.abstain or best is None or best.uri not in self.scores:
            return Unresolved(query, result)
        return Answer(query, self.scores[best.uri], best.confidence, self.release)

    def answer_for(self, uri: str, query: str | None = None) -> Answer | None:
        """Answer for an occupation chosen from autocomplete or a did-you-mean menu."""
        score = self.scores.get(uri)
        if score is None:
            return None
        return Answer(query or score.label, score, None, self.release)

    def suggest(self, prefix: str, limit: int = 25) -> list[Suggestion]:
        return self.index.suggest(prefix[:MAX_QUERY_CHARS], limit=limit)
