"""Wiring shared by the CLI and the bot: the store, a first import, the match index."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from db.store import Store
from willai.importing import ImportFailedError, run_import
from willai.progress import import_progress
from willai.settings import Settings, get_settings

if TYPE_CHECKING:
    from matching import MatchIndex

log = logging.getLogger(__name__)


def open_store(settings: Settings | None = None) -> Store:
    """The store named by DATABASE_URL, created on first use."""
    settings = settings or get_settings()
    return Store.from_url(settings.database_url, connect_timeout=settings.database_connect_timeout)


def ensure_release(store: Store, settings: Settings, *, interactive: bool | None = None) -> None:
    """On an empty store, import ESCO_SOURCE first; bring old scores up to the current model.

    Without a usable source the refusal says how to import, so a first run never dies with a
    bare "no data".
    """
    if store.release() is None:
        if not settings.esco_source:
            raise ImportFailedError(
                "the store is empty and ESCO_SOURCE is not set: set ESCO_SOURCE in .env to an "
                "ESCO CSV bundle (directory, .zip or URL) or `esco-api`, or run "
                "`willai data import SOURCE`"
            )
        log.info("empty store: importing ESCO from %s", settings.esco_source)
        with import_progress(interactive=interactive) as progress:
            report = run_import(store, settings, [], progress=progress)
        log.info(
            "imported ESCO %s: %s occupations in %.1f s",
            report.version,
            report.counts.get("occupations"),
            report.seconds,
        )
    elif store.rescore_if_stale():
        log.info("scores recomputed for the current scoring model")


def load_match_index(settings: Settings | None = None, store: Store | None = None) -> MatchIndex:
    """Build the title matcher over every label of the serving release."""
    from willai.service import build_match_index  # noqa: PLC0415 - `data import` needs none

    return build_match_index(store or open_store(settings))
