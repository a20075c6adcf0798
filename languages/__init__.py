"""The answer in the asker's language: catalogues, grammar at the seams, and the locale choice.

English is the source language (``scoring.voice``); German, French and Spanish read gettext
catalogues in ``languages/locale`` (docs/languages.md says how to add one).
"""

from languages.choice import SUPPORTED, choose, supported
from languages.voices import ReleaseWords, Voices

__all__ = ["SUPPORTED", "ReleaseWords", "Voices", "choose", "supported"]
