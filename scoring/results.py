"""The model's output records, with a JSON round trip for the store.

``from_dict(to_dict(x)) == x`` holds exactly: floats are stored as they are, tuples come back
as tuples, and the band is stored by its label.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scoring.bands import Band


@dataclass(frozen=True, slots=True)
class SkillRef:
    """A skill named in an explanation, with the value that put it there (0-1)."""

    uri: str
    label: str
    value: float
    essential: bool = True
    #: Knowledge reads as a noun ("anatomy"); a skill as an activity ("processing data").
    knowledge: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {
            "uri": self.uri,
            "label": self.label,
            "value": self.value,
            "essential": self.essential,
            "knowledge": self.knowledge,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SkillRef:
        """Inverse of :meth:`to_dict`."""
        return cls(
            str(d["uri"]),
            str(d["label"]),
            float(d["value"]),
            bool(d["essential"]),
            bool(d["knowledge"]),
        )


@dataclass(frozen=True, slots=True)
class SimilarOccupation:
    """A related occupation: where the worker's skills could take them."""

    uri: str
    label: str
    overall: int
    shared_skills: int
    #: The most specific essential skill both jobs need, as the English answer words it.
    shared_example: str = ""
    #: That skill itself, so other languages can name it in their own words.
    bridge: SkillRef | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {
            "uri": self.uri,
            "label": self.label,
            "overall": self.overall,
            "shared_skills": self.shared_skills,
            "shared_example": self.shared_example,
            "bridge": None if self.bridge is None else self.bridge.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SimilarOccupation:
        """Inverse of :meth:`to_dict` (scores stored before model 1.2.0 have no bridge)."""
        bridge = d.get("bridge")
        return cls(
            str(d["uri"]),
            str(d["label"]),
            int(d["overall"]),
            int(d["shared_skills"]),
            str(d["shared_example"]),
            None if bridge is None else SkillRef.from_dict(bridge),
        )


@dataclass(frozen=True, slots=True)
class FactorPercentiles:
    """Where the occupation stands among all occupations, per factor (0-100)."""

    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float
    overall: float

    def to_dict(self) -> dict[str, float]:
        """JSON-safe form."""
        return {
            "skill_vulnerability": self.skill_vulnerability,
            "task_automation": self.task_automation,
            "ai_complementarity": self.ai_complementarity,
            "overall": self.overall,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> FactorPercentiles:
        """Inverse of :meth:`to_dict`."""
        return cls(
            float(d["skill_vulnerability"]),
            float(d["task_automation"]),
            float(d["ai_complementarity"]),
            float(d["overall"]),
        )

    def get(self, factor: str) -> float:
        """Percentile of one factor by name (the keys of ``scoring.FACTORS``, or "overall")."""
        return float(getattr(self, factor))


#: The report's section headings as English says them (scores stored before model 1.2.0).
ENGLISH_HEADINGS = ("Near term", "Stays human", "Long term")


@dataclass(frozen=True, slots=True)
class Report:
    """The answer's words, in the report card's order; every line built by a stated rule.

    Built once per release beside the numbers (see ``scoring.narrative``), so every surface
    (Discord, terminal, export) shows the same text.
    """

    verdict: str
    question: str
    summary: str
    near_term: str
    stays_human: str
    long_term: str
    takeaways: tuple[str, ...]
    moves: tuple[str, ...]
    #: The headings of :meth:`sections`, in the report's language.
    headings: tuple[str, ...] = ENGLISH_HEADINGS
    #: ISO 639-1 code of the language the report is written in.
    language: str = "en"

    def sections(self) -> tuple[tuple[str, str], ...]:
        """The "How AI is changing this role" parts, headed, in reading order."""
        return tuple(
            zip(self.headings, (self.near_term, self.stays_human, self.long_term), strict=True)
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {
            "verdict": self.verdict,
            "question": self.question,
            "summary": self.summary,
            "near_term": self.near_term,
            "stays_human": self.stays_human,
            "long_term": self.long_term,
            "takeaways": list(self.takeaways),
            "moves": list(self.moves),
            "headings": list(self.headings),
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Report:
        """Inverse of :meth:`to_dict`."""
        return cls(
            verdict=str(d["verdict"]),
            question=str(d["question"]),
            summary=str(d["summary"]),
            near_term=str(d["near_term"]),
            stays_human=str(d["stays_human"]),
            long_term=str(d["long_term"]),
            takeaways=tuple(str(t) for t in d["takeaways"]),
            moves=tuple(str(m) for m in d["moves"]),
            headings=tuple(str(h) for h in d.get("headings", ENGLISH_HEADINGS)),
            language=str(d.get("language", "en")),
        )


def _refs(items: Any) -> tuple[SkillRef, ...]:
    return tuple(SkillRef.from_dict(item) for item in items)


@dataclass(frozen=True, slots=True)
class OccupationScore:
    """Everything the bot shows about one occupation."""

    uri: str
    label: str
    code: str
    isco_group: str
    overall: int
    overall_exact: float
    band: Band
    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float
    percentiles: FactorPercentiles
    exposed_skills: tuple[SkillRef, ...]
    resilient_skills: tuple[SkillRef, ...]
    grow_skills: tuple[SkillRef, ...]
    factor_drivers: dict[str, tuple[SkillRef, ...]]
    report: Report
    similar_safer: tuple[SimilarOccupation, ...]
    model_version: str
    #: Share of the essential tasks (by weight) that are hands-on: the report's wording
    #: depends on it, so a report can be said again in another language.
    manual_share: float = 0.0

    @property
    def takeaways(self) -> tuple[str, ...]:
        """The report's key takeaways (the short list every surface shows)."""
        return self.report.takeaways

    def factor(self, name: str) -> float:
        """A factor's value by name (the keys of ``scoring.FACTORS``)."""
        return float(getattr(self, name))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (plain dicts, lists, strings and numbers)."""
        return {
            "uri": self.uri,
            "label": self.label,
            "code": self.code,
            "isco_group": self.isco_group,
            "overall": self.overall,
            "overall_exact": self.overall_exact,
            "band": self.band.label,
            "skill_vulnerability": self.skill_vulnerability,
            "task_automation": self.task_automation,
            "ai_complementarity": self.ai_complementarity,
            "percentiles": self.percentiles.to_dict(),
            "exposed_skills": [s.to_dict() for s in self.exposed_skills],
            "resilient_skills": [s.to_dict() for s in self.resilient_skills],
            "grow_skills": [s.to_dict() for s in self.grow_skills],
            "factor_drivers": {
                name: [s.to_dict() for s in refs] for name, refs in self.factor_drivers.items()
            },
            "report": self.report.to_dict(),
            "similar_safer": [s.to_dict() for s in self.similar_safer],
            "model_version": self.model_version,
            "manual_share": self.manual_share,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> OccupationScore:
        """Inverse of :meth:`to_dict`."""
        return cls(
            uri=str(d["uri"]),
            label=str(d["label"]),
            code=str(d["code"]),
            isco_group=str(d["isco_group"]),
            overall=int(d["overall"]),
            overall_exact=float(d["overall_exact"]),
            band=Band.from_label(str(d["band"])),
            skill_vulnerability=float(d["skill_vulnerability"]),
            task_automation=float(d["task_automation"]),
            ai_complementarity=float(d["ai_complementarity"]),
            percentiles=FactorPercentiles.from_dict(d["percentiles"]),
            exposed_skills=_refs(d["exposed_skills"]),
            resilient_skills=_refs(d["resilient_skills"]),
            grow_skills=_refs(d["grow_skills"]),
            factor_drivers={name: _refs(refs) for name, refs in d["factor_drivers"].items()},
            report=Report.from_dict(d["report"]),
            similar_safer=tuple(SimilarOccupation.from_dict(s) for s in d["similar_safer"]),
            model_version=str(d["model_version"]),
            manual_share=float(d.get("manual_share", 0.0)),
        )
