"""From what was typed (or picked in autocomplete) to an answer: shared by /willai and compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from willai.service import Answer, Unresolved

if TYPE_CHECKING:
    from bot.serving import Serving


class StaleChoice:
    """An autocomplete value naming an occupation the serving release no longer has."""

    def __init__(self, value: str) -> None:
        self.value = value


def resolve(serving: Serving, text: str, language: str = "en") -> Answer | Unresolved | StaleChoice:
    """A picked autocomplete choice skips matching; typed text goes to the matcher.

    An answer comes in ``language``.
    """
    uri = serving.keys.from_choice(text)
    if uri is not None:
        answer = serving.service.answer_for(uri, language=language)
        return answer if answer is not None else StaleChoice(text)
    if text.strip().startswith(("occ:", "uri:")) and " " not in text.strip():
        return StaleChoice(text)
    return serving.service.ask(text, language)
