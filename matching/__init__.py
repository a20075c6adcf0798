"""Match job titles as people type them to ESCO occupations.

The names below load on first use: `willai data import` lays out the index (`matching.build`,
`matching.stored`) without loading the ranker and its fuzzy-matching library.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
_HOMES = {
    "Candidate": "matching.results",
    "LabelRecord": "matching.types",
    "MatchIndex": "matching.matcher",
    "MatchResult": "matching.results",
    "MatchStatus": "matching.results",
    "OccupationRecord": "matching.types",
    "Suggestion": "matching.results",
}


def __getattr__(name: str) -> Any:
    """Load the module a public name lives in, the first time the name is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'matching' has no attribute {name!r}")
    return getattr(import_module(home), name)
