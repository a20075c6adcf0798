"""Match job titles as people type them to ESCO occupations."""

from matching.matcher import MatchIndex
from matching.results import Candidate, MatchResult, MatchStatus, Suggestion
from matching.types import LabelRecord, OccupationRecord

__all__ = [
    "Candidate",
    "LabelRecord",
    "MatchIndex",
    "MatchResult",
    "MatchStatus",
    "OccupationRecord",
    "Suggestion",
]
