"""The inputs of the title matcher: every label of every occupation, as the store holds them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LabelKind = Literal["preferred", "alt", "hidden"]


@dataclass(frozen=True, slots=True)
class OccupationRecord:
    """What the matcher knows of an occupation besides its labels."""

    uri: str
    label: str  # English preferred label, used for display
    code: str
    isco_group: str
    description: str


@dataclass(frozen=True, slots=True)
class LabelRecord:
    """One label of one occupation in one language."""

    occupation_uri: str
    label: str
    kind: LabelKind
    language: str  # ISO 639-1, e.g. "en", "de"
