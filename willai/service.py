"""The answer to "will AI replace my job?", independent of where it is shown.

The CLI and the Discord bot both ask this service; it maps the match index and every score
of the serving release from this host's cache (`willai.caches`), so an answer costs a match
and a lookup, and starting to answer costs milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.releases import ReleaseInfo, ReleaseReads
from languages import ReleaseWords, Voices
from matching import MatchIndex, MatchResult, Suggestion
from matching.normalise import MAX_QUERY_CHARS
from scoring import MODEL_VERSION, OccupationScore
from scoring.results import Report
from scoring.voice import ENGLISH, Voice
from willai import caches
from willai.texts import readable


@dataclass(frozen=True, slots=True)
class Answer:
    """A scored occupation for what someone typed, in the language it is answered in."""

    query: str
    score: OccupationScore
    confidence: float | None  # None when the occupation was picked, not matched
    release: ReleaseInfo
    #: The occupation's name as a heading, and its report card, in ``voice``'s language.
    name: str = ""
    report: Report | None = None
    voice: Voice = ENGLISH

    @property
    def language(self) -> str:
        return self.voice.language

    @property
    def words(self) -> Report:
        """The report in the answer's language (the stored English one unless said anew)."""
        return self.report if self.report is not None else self.score.report

    @property
    def title(self) -> str:
        """The occupation's name as a heading in the answer's language."""
        return self.name or ENGLISH.occupation(self.score.uri, self.score.label)

    @property
    def data_version(self) -> str:
        return f"ESCO {self.release.version}"

    def to_dict(self) -> dict[str, Any]:
        """The `willai ask --json` document."""
        score = self.score
        detail = score.to_dict()
        report = self.words
        return {
            "query": self.query,
            "language": self.language,
            "occupation": {
                "uri": score.uri,
                "label": score.label,
                "name": self.title,
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
            "report": report.to_dict(),
            "takeaways": list(report.takeaways),
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


def build_match_index(store: ReleaseReads, cache_dir: Path | None = None) -> MatchIndex:
    """The title matcher over every label of the serving release, in every language.

    Mapped from CACHE_DIR (or `cache_dir`) when this release's index is there; built, and
    cached for the next process, when it is not (`willai.caches`).
    """
    return caches.match_index(store, cache_dir)


def release_voices(store: ReleaseReads, release: ReleaseInfo) -> Voices:
    """Every answer language of ``release``, each read from the store at its first answer."""

    def load(language: str) -> ReleaseWords:
        names, descriptions = store.occupation_words(language, release_id=release.id)
        skills = store.skill_labels(language, release_id=release.id)
        return ReleaseWords(skills=skills, occupations=names, descriptions=descriptions)

    return Voices(load)


class StoredScores(Mapping[str, OccupationScore]):
    """Scores read from the store on demand: a one-shot command needs one, not 3,000."""

    # Iterating and counting are for completeness; a one-shot answer only looks one up.

    def __init__(self, store: ReleaseReads) -> None:
        self._store = store

    def __getitem__(self, uri: str) -> OccupationScore:
        score = self._store.score(uri)
        if score is None:
            raise KeyError(uri)
        return score

    def __iter__(self) -> Iterator[str]:
        return (uri for uri, _ in self._store.score_details())

    def __len__(self) -> int:
        return self._store.occupation_count()


class AnswerService:
    """Everything needed to answer, loaded once per release."""

    def __init__(
        self,
        store: ReleaseReads,
        index: MatchIndex,
        scores: Mapping[str, OccupationScore],
        release: ReleaseInfo,
        voices: Voices | None = None,
    ) -> None:
        self.store, self.index, self.scores, self.release = store, index, scores, release
        self.voices = voices or release_voices(store, release)

    @classmethod
    def load(
        cls, store: ReleaseReads, *, preload_scores: bool = True, cache_dir: Path | None = None
    ) -> AnswerService:
        """Map the index and, unless the caller answers only once, every score.

        Both come from CACHE_DIR (or `cache_dir`), built there first when missing: a process
        serving many answers shares their pages with the others on its host. A one-shot
        command reads its one score from the store instead.
        """
        release = store.require_release()
        index = build_match_index(store, cache_dir)
        scores = caches.scores(store, release, cache_dir) if preload_scores else StoredScores(store)
        return cls(store, index, scores, release)

    def voice(self, language: str = "en") -> Voice:
        """The voice of ``language`` with this release's ESCO labels in it."""
        return self.voices.voice(language)

    def ask(self, query: str, language: str = "en") -> Answer | Unresolved:
        """Match a typed title and answer in ``language``, or say why not."""
        query = readable(query)
        text = query[:MAX_QUERY_CHARS]
        result = self.index.match(text, top=10)
        best = result.best
        if result.abstain or best is None or best.uri not in self.scores:
            return Unresolved(query, result)
        return self._answer(query, self.scores[best.uri], best.confidence, language)

    def answer_for(self, uri: str, query: str | None = None, language: str = "en") -> Answer | None:
        """Answer for an occupation chosen from autocomplete or a did-you-mean menu."""
        score = self.scores.get(uri)
        if score is None:
            return None
        return self._answer(query or score.label, score, None, language)

    def _answer(
        self, query: str, score: OccupationScore, confidence: float | None, language: str
    ) -> Answer:
        voice = self.voices.voice(language)
        return Answer(
            query,
            score,
            confidence,
            self.release,
            name=voice.occupation(score.uri, score.label),
            report=self.voices.report(score, language),
            voice=voice,
        )

    def occupation_name(self, uri: str, label: str, language: str = "en") -> str:
        """An occupation's name as a heading in ``language`` (did-you-mean lists, menus)."""
        return self.voices.voice(language).occupation(uri, label)

    def suggest(self, prefix: str, limit: int = 25) -> list[Suggestion]:
        return self.index.suggest(prefix[:MAX_QUERY_CHARS], limit=limit)
