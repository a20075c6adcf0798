"""Voices that read a catalogue, and the per-release registry the front ends ask for answers.

A stored score holds its report in the release's own language (English). Another language's
report is said again from the same facts, with the occupation's and the skills' ESCO labels in
that language, at the first ask, and kept: saying one report costs well under a millisecond.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from languages import grammar
from languages.catalogue import translations
from scoring import OccupationScore, SkillRef
from scoring.narrative import build_report, facts_of
from scoring.results import Report
from scoring.voice import ENGLISH, Voice

#: How a label ESCO does not have in the answer's language is shown: the English one, quoted
#: the language's way and marked, so a reader sees why it is not translated.
FALLBACK_MARK = "(EN)"
QUOTES = {
    "de": ("\u201e", "\u201c"),
    "fr": ("\u00ab\u00a0", "\u00a0\u00bb"),
    "es": ("\u00ab", "\u00bb"),
    "en": ("\u201c", "\u201d"),
}
#: Reports kept per language (an LRU): the few hundred occupations people ask about.
REPORTS_KEPT = 1024


@dataclass(frozen=True, slots=True)
class ReleaseWords:
    """One release's ESCO words in one language, read from the store once."""

    #: Skill URI -> preferred label.
    skills: Mapping[str, str] = field(default_factory=dict)
    #: Occupation URI -> preferred label (ESCO's "m/f" pair where it has one).
    occupations: Mapping[str, str] = field(default_factory=dict)
    #: Occupation URI -> ESCO's description.
    descriptions: Mapping[str, str] = field(default_factory=dict)


def fallback(language: str, english: str) -> str:
    """The English ``english`` quoted and marked for an answer in ``language``."""
    opening, closing = QUOTES.get(language, QUOTES["en"])
    return f"{opening}{' '.join(english.split())}{closing} {FALLBACK_MARK}"


class CatalogueVoice:
    """A language other than English: its catalogue, its grammar and one release's labels."""

    def __init__(self, language: str, words: ReleaseWords) -> None:
        self.language = language
        self.words = words
        self._gettext = translations(language).gettext
        self._templates: dict[str, str] = {}

    def template(self, message: str) -> str:
        """The catalogue's text for ``message``, typeset for the language (kept per message)."""
        text = self._templates.get(message)
        if text is None:
            text = self._gettext(message)
            if self.language == "fr":
                text = grammar.french_spacing(text)
            self._templates[message] = text
        return text

    def say(self, message: str, /, **values: object) -> str:
        """Translated, filled, and with the language's elisions at the seams."""
        text = self.template(message)
        return grammar.fill(self.language, text, values) if values else text

    def skill(self, ref: SkillRef) -> str:
        """ESCO's label in this language as it is (infinitive or noun), or the marked English."""
        label = self.words.skills.get(ref.uri)
        return label if label else fallback(self.language, ref.label)

    def join(self, items: Sequence[str]) -> str:
        return grammar.join(self.language, items)

    def listable(self, refs: Sequence[SkillRef]) -> Sequence[SkillRef]:
        """Only those of the first one's kind, knowledge or skill, if that leaves a list.

        ESCO's skills are verbs here ("superviser du personnel") and its knowledge nouns
        ("gestion des risques"): one list of both reads as two lists run together. A list cut
        to one item would say less than the mixed one, which is kept then.
        """
        if not refs:
            return refs
        same = [ref for ref in refs if ref.knowledge == refs[0].knowledge]
        return same if len(same) >= min(2, len(refs)) else refs

    def occupation(self, uri: str, label: str) -> str:
        """The name in this language, its "m/f" pair written once; else the marked English."""
        name = self.words.occupations.get(uri)
        if not name:
            return fallback(self.language, grammar.capitalised(" ".join(label.split())))
        return grammar.capitalised(grammar.paired_name(name))

    def sentence(self, text: str) -> str:
        return grammar.sentence(text)


@cache
def _plain_voice(language: str) -> CatalogueVoice:
    return CatalogueVoice(language, ReleaseWords())


def interface_voice(language: str) -> Voice:
    """A voice for the words around an answer (buttons, errors), without any release's labels."""
    return ENGLISH if language == "en" else _plain_voice(language)


class Voices:
    """Every answer language of one release, each loaded at its first use."""

    def __init__(self, load_words: Callable[[str], ReleaseWords]) -> None:
        self._load_words = load_words
        self._voices: dict[str, Voice] = {"en": ENGLISH}
        self._reports: dict[str, OrderedDict[str, Report]] = {}
        self._lock = threading.Lock()

    def voice(self, language: str) -> Voice:
        """The voice of ``language`` (a supported code), with this release's labels in it."""
        found = self._voices.get(language)
        if found is None:
            with self._lock:
                found = self._voices.get(language)
                if found is None:
                    found = CatalogueVoice(language, self._load_words(language))
                    self._voices[language] = found
        return found

    def name(self, score: OccupationScore, language: str) -> str:
        """The occupation's name as a heading in ``language``."""
        return self.voice(language).occupation(score.uri, score.label)

    def report(self, score: OccupationScore, language: str) -> Report:
        """The report card of ``score`` in ``language``: stored for English, else said anew."""
        if language == score.report.language:
            return score.report
        voice = self.voice(language)
        with self._lock:
            kept = self._reports.setdefault(language, OrderedDict())
            report = kept.get(score.uri)
            if report is not None:
                kept.move_to_end(score.uri)
                return report
        report = self._say(score, voice)
        with self._lock:
            kept[score.uri] = report
            if len(kept) > REPORTS_KEPT:
                kept.popitem(last=False)
        return report

    @staticmethod
    def _say(score: OccupationScore, voice: Voice) -> Report:
        words = voice.words if isinstance(voice, CatalogueVoice) else ReleaseWords()
        description = words.descriptions.get(score.uri, "")
        report = build_report(facts_of(score, score.label, description), voice)
        if not description:
            english = score.report.summary
            report = dataclasses.replace(report, summary=f"{english} {FALLBACK_MARK}")
        return report
