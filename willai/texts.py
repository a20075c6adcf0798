"""Words every surface shows the same way: attribution and what the number means."""

from __future__ import annotations

ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
DISCLAIMER = "A measure of exposure, not a job-loss probability."
PRODUCT = "willai"


def footer(data_version: str, model_version: str) -> str:
    """The one line under every answer: source, versions, and what the score is not."""
    return f"{DISCLAIMER} {data_version}, model {model_version}. {ESCO_ATTRIBUTION}"


def score_bar(overall: int, width: int = 20) -> str:
    """A text bar for the score, readable in a terminal and in Discord alike."""
    filled = max(0, min(width, round(overall / 100 * width)))
    return "█" * filled + "░" * (width - filled)
