"""Who speaks the answer: the language seam between the rules and the words.

``scoring.narrative`` decides *which* sentence an occupation gets from its numbers; a
:class:`Voice` decides how that sentence reads in one language. The rules pass English source
text (the catalogue's message ids) with named ``{placeholders}`` to :meth:`Voice.say`, and
skills, lists and names through the voice's own grammar, so no rule ever glues an article or
an inflection to a word it does not know.

English lives here because it needs no catalogue: the message ids are the English text. Other
languages load their catalogues outside this pure package (``languages/``) and hand scoring a
voice that reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from scoring.phrases import join_words, sentence, skill_phrase, title_case
from scoring.results import SkillRef


class Voice(Protocol):
    """One language's way of saying the answer."""

    @property
    def language(self) -> str:
        """ISO 639-1 code ("en", "fr", …)."""
        ...

    def say(self, message: str, /, **values: object) -> str:
        """``message`` (English, the catalogue id) in this language, placeholders filled."""
        ...

    def skill(self, ref: SkillRef) -> str:
        """A skill as it reads inside a sentence of this language."""
        ...

    def join(self, items: Sequence[str]) -> str:
        """Items as a list in running text: "a, b and c"."""
        ...

    def listable(self, refs: Sequence[SkillRef]) -> Sequence[SkillRef]:
        """The skills, from the first, that read well in one list of this language."""
        ...

    def occupation(self, uri: str, label: str) -> str:
        """An occupation's name as a heading in this language (``label`` is the release's own)."""
        ...

    def sentence(self, text: str) -> str:
        """Text as one tidy sentence: a capital first letter and one final stop."""
        ...


class EnglishVoice:
    """The release's own words: message ids as they are, skills as gerund phrases."""

    language = "en"

    def say(self, message: str, /, **values: object) -> str:
        """The English source text is the message; only placeholders are filled."""
        return message.format(**values) if values else message

    def skill(self, ref: SkillRef) -> str:
        """A gerund phrase ("processing data"): ESCO's base-form verbs read wrongly mid-sentence."""
        return skill_phrase(ref.label, knowledge=ref.knowledge)

    def join(self, items: Sequence[str]) -> str:
        """British style, no Oxford comma."""
        return join_words(items)

    def listable(self, refs: Sequence[SkillRef]) -> Sequence[SkillRef]:
        """All of them: gerunds and nouns read alike ("risk management and supervising staff")."""
        return refs

    def occupation(self, uri: str, label: str) -> str:
        """ESCO's lower-case label with a capital."""
        return title_case(" ".join(label.split()))

    def sentence(self, text: str) -> str:
        """See :func:`scoring.phrases.sentence`."""
        return sentence(text)


ENGLISH = EnglishVoice()
