"""Risk bands: how the bot words an overall score.

Thresholds sit where ILO's 2025 exposure gradients fall on our scale (see docs/methodology.md):
"not exposed" occupations average about 22, "minimal" about 32, gradients 1-2 about 41-46,
gradient 3 about 54 and gradient 4 about 62. "Very high" is kept for the top of the scale, where
nearly every essential skill is routine information work: the replacement-level threat.
"""

from __future__ import annotations

from enum import Enum

from scoring.messages import N_

#: Lowest overall score (inclusive) of each band above "low".
MODERATE_FROM = 25
HIGH_FROM = 45
VERY_HIGH_FROM = 70


class Band(Enum):
    """A risk band with the words and colour the bot shows for it."""

    LOW = (
        "low",
        N_("low risk: AI is likelier to change the tools than the job"),
        0x2ECC71,
        N_("low risk"),
    )
    MODERATE = (
        "moderate",
        N_("moderate risk: some tasks are exposed to automation"),
        0xF1C40F,
        N_("moderate risk"),
    )
    HIGH = (
        "high",
        N_("high risk, but not a replacement-level threat"),
        0xE67E22,
        N_("high risk"),
    )
    VERY_HIGH = (
        "very high",
        N_("very high risk: a replacement-level threat"),
        0xE74C3C,
        N_("very high risk"),
    )

    def __init__(self, label: str, headline: str, colour: int, title: str) -> None:
        self.label = label
        self.headline = headline
        self.colour = colour
        #: How the band is named on its own ("high risk"); ``label`` is its stored key.
        self.title = title

    @classmethod
    def from_label(cls, label: str) -> Band:
        """The band whose label is ``label`` (used when reading stored scores back)."""
        for band in cls:
            if band.label == label:
                return band
        msg = f"unknown band label: {label!r}"
        raise ValueError(msg)


def band_for(overall: float) -> Band:
    """The band of an overall score (0-100).

    low < 25 <= moderate < 45 <= high < 70 <= very high. Works on the integer shown to users
    or on the exact float; the integer is what decides, so display and band always agree.
    """
    shown = round(overall)
    if shown >= VERY_HIGH_FROM:
        return Band.VERY_HIGH
    if shown >= HIGH_FROM:
        return Band.HIGH
    if shown >= MODERATE_FROM:
        return Band.MODERATE
    return Band.LOW
