"""The catalogue marker: English text that is translated where it is said, not where it is set.

Band headlines, factor titles and section headings are defined once, in English, as constants;
``N_`` marks them for extraction into the translation catalogues (``make catalogues``), and a
:class:`scoring.voice.Voice` says them in the asker's language when an answer is built.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name for "mark, don't translate"
    """``message`` unchanged: the mark is for the extractor."""
    return message
