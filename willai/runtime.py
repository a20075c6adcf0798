"""Wiring shared by the CLI and the bot: the store, a first import, the match index.

Nothing heavy is imported at the top: a one-shot answer from a SQLite store reads through
``db.reader`` and never loads SQLAlchemy (:func:`open_reads`); whatever writes, imports or
serves a PostgreSQL store opens :class:`db.store.Store`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from willai.settings import Settings, get_settings

if TYPE_CHECKING:
    from db.releases import ReleaseReads
    from db.store import Store
    from matching import MatchIndex

log = logging.getLogger(__name__)


def open_store(settings: Settings | None = None) -> Store:
    """The store named by DATABASE_URL, created on first use."""
    from db.store import Store  # noqa: PLC0415 - SQLAlchemy only for what needs the store

    settings = settings or get_settings()
    return Store.from_url(settings.database_url, connect_timeout=settings.database_connect_timeout)


@contextmanager
def opened_store(settings: Settings | None = None) -> Iterator[Store]:
    """The store for one command, its connections closed when the command is done.

    Closed here, not by the interpreter's teardown, which collects no cyclic garbage
    (``willai.cli.main`` freezes the heap first), and a connection must not depend on it.
    """
    store = open_store(settings)
    try:
        yield store
    finally:
        store.engine.dispose()


def ensure_release(store: Store, settings: Settings, *, interactive: bool | None = None) -> None:
    """On an empty store, import ESCO_SOURCE first; bring old scores up to the current model.

    Without a usable source the refusal says how to import, so a first run never dies with a
    bare "no data".
    """
    from willai.importing import ImportFailedError, run_import  # noqa: PLC0415 - first run only
    from willai.progress import import_progress  # noqa: PLC0415

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


def open_reads(settings: Settings) -> ReleaseReads:
    """What a one-shot command reads its answer from, with a serving release in it.

    A SQLite store whose serving release is scored by this model is read through the stdlib
    ``sqlite3`` module (``db.reader``). Anything else (PostgreSQL, a missing or empty file, a
    release to rescore) opens the store and sets it up first, as :func:`ensure_release` does.
    """
    from db.reader import SqliteReader  # noqa: PLC0415 - light: sqlite3 alone

    reader = SqliteReader.open(settings.database_url)
    if reader is not None:
        release = reader.release()
        if release is not None and release.model_version == _model_version():
            return reader
        reader.close()
    store = open_store(settings)
    ensure_release(store, settings)
    return store


def close_reads(reads: ReleaseReads) -> None:
    """Close the connections of what :func:`open_reads` returned, once the answer is out.

    Not left to the interpreter's teardown: a one-shot command ends without collecting its
    cyclic garbage (``willai.cli.main``), and a connection must not depend on it. SQLite's
    last reader cleans up the write-ahead log's side files as it closes; PostgreSQL is told
    goodbye instead of finding the socket gone.
    """
    from db.reader import SqliteReader  # noqa: PLC0415 - loaded by `open_reads` already

    if isinstance(reads, SqliteReader):
        reads.close()
        return
    from db.store import Store  # noqa: PLC0415 - anything else came from `open_store`

    if isinstance(reads, Store):
        reads.engine.dispose()


def _model_version() -> str:
    """The scoring model's version (loads the model's module, as the store would)."""
    from scoring import MODEL_VERSION  # noqa: PLC0415

    return MODEL_VERSION


def load_match_index(settings: Settings | None = None, store: Store | None = None) -> MatchIndex:
    """The title matcher over every label of the serving release."""
    from willai.service import build_match_index  # noqa: PLC0415 - `data import` needs none

    settings = settings or get_settings()
    if store is None:
        from db.reader import SqliteReader  # noqa: PLC0415

        reads: ReleaseReads = SqliteReader.open(settings.database_url) or open_store(settings)
        try:
            return build_match_index(reads, settings.cache_dir)
        finally:
            close_reads(reads)
    return build_match_index(store, settings.cache_dir)
