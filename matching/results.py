"""What the matcher hands back to the bot, the CLI and the scorer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SUGGESTION_NAME_MAX = 100
"""Discord rejects autocomplete choice names longer than this."""


class MatchStatus(StrEnum):
    """How sure the matcher is; the bot phrases its answer from this."""

    MATCH = "match"
    AMBIGUOUS = "ambiguous"
    NO_MATCH = "no_match"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked occupation; confidence is an estimated probability that it is the one meant."""

    uri: str
    label: str  # English preferred label, for display
    confidence: float
    matched_label: str  # the ESCO label (any kind, any language) that matched best


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One autocomplete choice: the URI is the choice value, so picking it skips matching."""

    uri: str
    name: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    """A ranked answer, plus the decision whether to commit to its first candidate."""

    query: str
    candidates: tuple[Candidate, ...]
    abstain: bool
    status: MatchStatus
    hint: str | None = None

    @property
    def best(self) -> Candidate | None:
        """The answer, or None when the matcher abstains and the user should pick."""
        if self.abstain or not self.candidates:
            return None
        return self.candidates[0]
