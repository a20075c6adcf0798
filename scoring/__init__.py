"""The AI disruption model: ESCO skills in, occupation scores out. Pure: no I/O, no discord.

The model itself (``score_release``) is loaded at first use: it needs numpy, and the answer's
words (``scoring.voice``, ``scoring.messages``) and ``MODEL_VERSION`` are read by commands
that must start without it (``willai --help``, ``willai ask``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scoring.bands import Band, band_for
from scoring.descriptions import FACTORS, FactorInfo
from scoring.results import FactorPercentiles, OccupationScore, SimilarOccupation, SkillRef
from scoring.types import Occupation, Skill
from scoring.version import MODEL_VERSION

if TYPE_CHECKING:
    from scoring.model import score_release

__all__ = [
    "FACTORS",
    "MODEL_VERSION",
    "Band",
    "FactorInfo",
    "FactorPercentiles",
    "Occupation",
    "OccupationScore",
    "SimilarOccupation",
    "Skill",
    "SkillRef",
    "band_for",
    "score_release",
]


def __getattr__(name: str) -> Any:
    if name == "score_release":
        from scoring import model  # noqa: PLC0415 - numpy only when the model is asked for

        return getattr(model, name)
    msg = f"module 'scoring' has no attribute {name!r}"
    raise AttributeError(msg)
