"""Engines for the two supported backends, set up the same way everywhere."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import SQLModel, create_engine

from db import schema  # noqa: F401  (registers the tables on SQLModel.metadata)


class StoreUnavailableError(Exception):
    """The database cannot be opened; the message is one line for the operator."""


def _sqlite_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    """WAL lets answers keep reading the serving release while an import writes beside it."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-131072")  # 128 MiB: an import never spills mid-way
    cursor.close()


def make_engine(database_url: str) -> Engine:
    """Open (and on SQLite create) the store, with its tables in place."""
    try:
        url = make_url(database_url)
    except ArgumentError as exc:
        raise StoreUnavailableError(f"DATABASE_URL is not a database URL: {exc}") from None
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        SQLModel.metadata.create_all(engine)
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear line
        masked = url.render_as_string(hide_password=True)
        reason = str(exc).splitlines()[0]
        raise StoreUnavailableError(f"cannot open the store at {masked}: {reason}") from None
    return engine
