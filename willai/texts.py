"""Words every surface shows the same way: attribution and what the number means."""

from __future__ import annotations

from scoring.messages import N_
from scoring.voice import ENGLISH, Voice

ESCO_ATTRIBUTION = N_("This service uses the ESCO classification of the European Commission.")
DISCLAIMER = N_("A measure of exposure, not a job-loss probability.")
PRODUCT = "willai"
#: Languages that write a decimal comma (36,26), and the comma itself.
DECIMAL_COMMA_LANGUAGES = frozenset({"de", "fr", "es"})
DECIMAL_COMMA = ","
#: When no occupation qualifies as a lower-risk move (scoring/moves.py says which do).
NO_MOVES = N_(
    "No occupation at least 5 points lower, at the same skill level or above, shares enough "
    "of this job's essential skills."
)
#: The terminal's no-match line, before the matcher's hint.
NO_MATCH = N_("No occupation matches that title.")
#: The matcher's hint when nothing matches: ``matching.matcher.NO_MATCH_HINT``, marked here for
#: the catalogues because the pure matcher imports nothing of ours (a test keeps them equal).
MATCHER_HINT = N_(
    "Try the plain job name without company, place or contract details, e.g. "
    '"nurse", "software developer" or "Elektriker".'
)
#: Under an answer that shows an English label where ESCO has none in the asker's language.
FALLBACK_NOTE = N_(
    "(EN): ESCO has no label in this language for these yet, so the English one is shown."
)
METHOD_TITLE = N_("How the score is made")
METHOD = N_(
    "Each ESCO occupation lists the skills and knowledge it needs. The model rates every skill "
    "for what today's AI can do with it, then combines three factors into a 0-100 score: "
    "skill vulnerability and task automation push it up, AI complementarity pulls it down. "
    "Essential skills weigh more than optional ones.\n\n"
    "The bands were placed against the ILO's 2025 generative-AI exposure index, which is used "
    "to validate the model, not to compute it. The score measures exposure: how much of the "
    "work AI could touch. It is not a probability of losing the job."
)


def footer(data_version: str, model_version: str, voice: Voice = ENGLISH) -> str:
    """The one line under every answer: source, versions, and what the score is not."""
    return voice.say(
        "{disclaimer} {data_version}, model {model_version}. {attribution}",
        disclaimer=voice.say(DISCLAIMER),
        data_version=data_version,
        model_version=model_version,
        attribution=voice.say(ESCO_ATTRIBUTION),
    )


def percent(value: float, voice: Voice = ENGLISH) -> str:
    """A whole percentage the language's way: "85%" in English, "85 %" in French.

    Messages take the percentage whole ("higher than {percent} of them"), so no message id
    holds a "%" that gettext tools would read as a printf conversion.
    """
    return voice.say("{value}%", value=round(value))


def decimal(value: float, digits: int, voice: Voice = ENGLISH) -> str:
    """A number with ``digits`` decimals, its mark the language's: "36.26", or "36,26" in French."""
    text = f"{value:.{digits}f}"
    return text.replace(".", DECIMAL_COMMA) if voice.language in DECIMAL_COMMA_LANGUAGES else text


def has_fallback(*texts: str) -> bool:
    """Whether any of ``texts`` shows an English label marked as a fallback."""
    return any("(EN)" in text for text in texts)


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
