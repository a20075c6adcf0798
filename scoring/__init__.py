"""The AI disruption model: ESCO skills in, occupation scores out. Pure: no I/O, no discord."""

from scoring.bands import Band, band_for
from scoring.descriptions import FACTORS, FactorInfo
from scoring.model import MODEL_VERSION, score_release
from scoring.results import FactorPercentiles, OccupationScore, SimilarOccupation, SkillRef
from scoring.types import Occupation, Skill

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
