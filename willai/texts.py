"""Words every surface shows the same way: attribution and what the number means."""

from __future__ import annotations

ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
DISCLAIMER = "A measure of exposure, not a job-loss probability."
PRODUCT = "willai"
#: When no occupation qualifies as a lower-risk move (scoring/moves.py says which do).
NO_MOVES = (
    "No occupation at least 5 points lower, at the same skill level or above, shares enough "
    "of this job's essential skills."
)
#: The terminal's no-match line, before the matcher's hint.
NO_MATCH = "No occupation matches that title."
METHOD_TITLE = "How the score is made"
METHOD = (
    "Each ESCO occupation lists the skills and knowledge it needs. The model rates every skill "
    "for what today's AI can do with it, then combines three factors into a 0-100 score: "
    "skill vulnerability and task automation push it up, AI complementarity pulls it down. "
    "Essential skills weigh more than optional ones.\n\n"
    "The bands were placed against the ILO's 2025 generative-AI exposure index, which is used "
    "to validate the model, not to compute it. The score measures exposure: how much of the "
    "work AI could touch. It is not a probability of losing the job."
)


def footer(data_version: str, model_version: str) -> str:
    """The one line under every answer: source, versions, and what the score is not."""
    return f"{DISCLAIMER} {data_version}, model {model_version}. {ESCO_ATTRIBUTION}"


def score_bar(overall: int, width: int = 20) -> str:
    """A text bar for the score, readable in a terminal and in Discord alike."""
    filled = max(0, min(width, round(overall / 100 * width)))
    return "█" * filled + "░" * (width - filled)


def readable(text: str) -> str:
    """Typed text as valid Unicode: bytes that were not UTF-8 become U+FFFD.

    Python hands undecodable command-line bytes over as lone surrogates; printed or written as
    JSON they would be invalid UTF-8, or a UnicodeEncodeError on a strict terminal.
    """
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
