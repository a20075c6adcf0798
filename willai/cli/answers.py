"""The answer as a JSON document (`willai ask --json`, `willai data export-answers`).

It is :meth:`willai.service.Answer.to_dict` with every key kept, plus what a reader of another
language needs to check the answer without ESCO at hand: each listed skill's name as the answer
shows it (ESCO's label in that language, or the English one marked) and whether it is such a
fallback, and each lower-risk move's name in that language.
"""

from __future__ import annotations

from typing import Any

from languages.voices import CatalogueVoice, fallback
from scoring.voice import Voice
from willai.service import Answer

#: The lists of skills in the document, each item a skill's ``to_dict`` form.
SKILL_LISTS = ("exposed_skills", "resilient_skills", "grow_skills")


def skill_name(voice: Voice, uri: str, label: str) -> tuple[str, bool]:
    """A skill as a list shows it in ``voice``'s language, and whether ESCO lacks it there.

    The English label is the release's own and needs no lookup; another language shows ESCO's
    label in it, or the English one quoted and marked "(EN)".
    """
    if not isinstance(voice, CatalogueVoice):
        return label, False
    own = voice.words.skills.get(uri)
    if own:
        return own, False
    return fallback(voice.language, label), True


def answer_document(answer: Answer) -> dict[str, Any]:
    """The answer's JSON document, in the answer's language."""
    doc = answer.to_dict()
    voice = answer.voice
    for key in SKILL_LISTS:
        for item in doc[key]:
            item["name"], item["fallback"] = skill_name(voice, item["uri"], item["label"])
    for move in doc["similar_safer"]:
        move["name"] = voice.occupation(move["uri"], move["label"])
    return doc
