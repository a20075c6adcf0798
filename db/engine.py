"""Engines for the two supported backends, set up the same way everywhere.

Every way a store can fail to open (a URL of another database, a folder that cannot be
created, a server that never answers, a read-only file) ends as one StoreUnavailableError
line, within CONNECT_TIMEOUT_SECONDS; none is a traceback or a hang.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import SQLModel, create_engine

from db import schema  # noqa: F401  (registers the tables on SQLModel.metadata)
from db.urls import (
    CONNECT_TIMEOUT_SECONDS,
    SCHEMES,
    SUPPORTED,
    StoreUnavailableError,
    driver_of,
)

__all__ = [
    "CONNECT_TIMEOUT_SECONDS",
    "SCHEMES",
    "SUPPORTED",
    "StoreUnavailableError",
    "make_engine",
    "masked",
    "parse_database_url",
]

#: A single statement may take this long on PostgreSQL (imports lift it for their own work).
STATEMENT_TIMEOUT_MS = 60_000


def parse_database_url(database_url: str) -> URL:
    """DATABASE_URL parsed, with the PostgreSQL aliases mapped to psycopg 3.

    Anything else (mysql://, a driver we do not ship) is refused with the list of what works,
    before SQLAlchemy would fail on a missing module.
    """
    driver = driver_of(database_url)  # the same refusals as the settings, without SQLAlchemy
    try:
        url = make_url(database_url)
    except ArgumentError as exc:
        raise StoreUnavailableError(f"DATABASE_URL is not a database URL: {exc}") from None
    return url.set(drivername=driver)


def masked(database_url: str) -> str:
    """DATABASE_URL with its password hidden, as every message and status shows it."""
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def _read_only(path: Path) -> bool:
    """A store file we may read but not write: served as it is, never imported into."""
    return path.exists() and not os.access(path, os.W_OK)


def _sqlite_read_only_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    """WAL lets answers keep reading the serving release while an import writes beside it."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    # 8 MiB. An import writes ~90 MB, so most dirty pages go to the WAL before the commit
    # instead of at it: the same writes, earlier. Measured on the full data: 128 MiB (which
    # never spills) and 32 MiB took the same time; 32 MiB peaked at 243-249 MB RSS where 128
    # MiB did at 297 MB, and 8 MiB (with the relations' skill URIs shared, db/importer.py) at
    # 208-210 MB, again in the same time. The import runs beside its index worker
    # (willai/index_worker.py), so its peak adds to the worker's on the host.
    cursor.execute("PRAGMA cache_size=-8192")
    cursor.close()


def make_engine(database_url: str, *, connect_timeout: float = CONNECT_TIMEOUT_SECONDS) -> Engine:
    """Open (and on SQLite create) the store, with its tables in place.

    A SQLite file this process may not write is opened read-only (:func:`is_read_only`): it
    still serves answers, and imports refuse it up front.
    """
    url = parse_database_url(database_url)
    read_only = False
    try:
        if url.get_backend_name() == "sqlite":
            engine, read_only = _sqlite_engine(url)
        else:
            engine = _postgres_engine(url, connect_timeout)
        if not read_only:
            SQLModel.metadata.create_all(engine)
            add_missing_columns(engine)
        else:
            with engine.connect():
                pass
    except StoreUnavailableError:
        raise
    except Exception as exc:  # noqa: BLE001 - any driver or OS error becomes one clear line
        shown = url.render_as_string(hide_password=True)
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise StoreUnavailableError(f"cannot open the store at {shown}: {reason}") from None
    return engine


#: Columns added to a table after its first release: (table, column, SQL type and default).
#: ``create_all`` makes missing tables but never alters one, so a store made by an older
#: willai gets these here, once, when it is opened for writing.
ADDED_COLUMNS = (("guild_setting", "language", "VARCHAR(8) NOT NULL DEFAULT ''"),)


def add_missing_columns(engine: Engine) -> None:
    """Bring a store made by an older version up to the columns this version reads."""
    existing = inspect(engine)
    missing = [
        (table, column, ddl)
        for table, column, ddl in ADDED_COLUMNS
        if column not in {c["name"] for c in existing.get_columns(table)}
    ]
    if not missing:
        return
    for table, column, ddl in missing:
        try:
            with engine.begin() as conn:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))
        except DBAPIError:
            # Another process opening the same store added it first; anything else is real.
            if column not in {c["name"] for c in inspect(engine).get_columns(table)}:
                raise


def _postgres_engine(url: URL, connect_timeout: float) -> Engine:
    """Psycopg 3 with a connect timeout and a statement timeout.

    The timeout joins any ``options`` the URL already carries (a search_path, say) rather than
    replacing them.
    """
    given = url.query.get("options")
    options = " ".join(
        part
        for part in (
            given if isinstance(given, str) else " ".join(given or ()),
            f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        )
        if part
    )
    return create_engine(
        url.difference_update_query(["options"]),
        pool_pre_ping=True,
        connect_args={"connect_timeout": max(1, round(connect_timeout)), "options": options},
    )


def is_read_only(engine: Engine) -> bool:
    """Whether the store was opened read-only (see :func:`_sqlite_engine`)."""
    return engine.url.get_backend_name() == "sqlite" and engine.url.query.get("mode") == "ro"


def _sqlite_engine(url: URL) -> tuple[Engine, bool]:
    """A SQLite engine: WAL and a writer's pragmas, or read-only.

    Read-only when DATABASE_URL asks for it (``sqlite:///path?mode=ro``) or when this process
    may not write the file: opened ``immutable``, as nothing can change it under us.
    """
    path = Path(url.database) if url.database and url.database != ":memory:" else None
    if path is not None and (url.query.get("mode") == "ro" or _read_only(path)):
        ro = URL.create(
            "sqlite",
            database=f"file:{path.resolve()}",
            query={"mode": "ro", "immutable": "1", "uri": "true"},
        )
        engine = create_engine(ro, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_read_only_pragmas)
        return engine, True
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url.set(query={}), connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine, False
