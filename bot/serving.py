"""The release the bot answers from, and what a component needs to reach it.

Its own module so that the buttons and menus (bot/views.py) and the commands can name it
without importing the Bot class, which itself registers those buttons: depending on
:class:`ServesRelease` instead keeps bot/client.py and bot/views.py free of an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.keys import OccupationKeys
from bot.pictures import ScoreCards
from db.store import Store
from willai.service import AnswerService


@dataclass(frozen=True, slots=True)
class Serving:
    """One release as the bot answers from it; replaced as a whole, never mutated."""

    service: AnswerService
    keys: OccupationKeys
    #: Score card pictures of this release, drawn on first ask (bot/pictures.py).
    cards: ScoreCards

    @classmethod
    def load(cls, store: Store, cache_dir: Path | None = None) -> Serving:
        """Map the matcher index and the scores (CPU-bound: call it off the event loop).

        ``cache_dir`` is CACHE_DIR: the index and scores this host's processes share, and the
        ``cards`` folder of its rendered score cards.
        """
        service = AnswerService.load(store, cache_dir=cache_dir)
        cards = None if cache_dir is None else cache_dir / "cards"
        return cls(service, OccupationKeys(service.scores), ScoreCards(directory=cards))


class ServesRelease(Protocol):
    """All a persistent component asks of the client a click arrives on.

    A click is answered from whichever release is serving at that moment, so components read
    it through the client every time rather than keeping one.
    """

    @property
    def serving(self) -> Serving:
        """The release answers come from now."""
        ...
