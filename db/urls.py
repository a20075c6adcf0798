"""DATABASE_URL checked and read without SQLAlchemy.

Settings validate the URL, and a one-shot answer from a SQLite store finds its file, before
anything decides whether SQLAlchemy is needed at all: importing it (and SQLModel with the
tables) costs about half a second, more than the rest of `willai ask`. The rules follow
SQLAlchemy's own URL grammar, so ``db.engine.parse_database_url`` and this module accept and
refuse the same strings (tests/db/test_urls.py holds them to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote


class StoreUnavailableError(Exception):
    """The database cannot be opened; the message is one line for the operator."""


#: How long opening a connection may take before the store counts as unreachable.
CONNECT_TIMEOUT_SECONDS = 10
#: The schemes DATABASE_URL may use, and the driver each one means.
SCHEMES = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}
SUPPORTED = "sqlite:///PATH, postgresql://USER@HOST/DB (also postgres:// and postgresql+psycopg://)"

#: SQLAlchemy's ``make_url`` pattern, reduced to what is read here: the scheme, and for SQLite
#: the database path and the query string.
_URL = re.compile(r"(?P<name>[\w+]+)://(?P<rest>[^?]*)(?:\?(?P<query>.*))?\Z", re.DOTALL)


def driver_of(database_url: str) -> str:
    """The driver DATABASE_URL means ("sqlite" or "postgresql+psycopg"), or one clear error."""
    found = _URL.match(database_url)
    if found is None:
        raise StoreUnavailableError(
            "DATABASE_URL is not a database URL: "
            "Could not parse SQLAlchemy URL from given URL string"
        )
    driver = SCHEMES.get(found["name"])
    if driver is None:
        raise StoreUnavailableError(
            f"DATABASE_URL uses {found['name']!r}, which willai does not support; use {SUPPORTED}"
        )
    return driver


@dataclass(frozen=True, slots=True)
class SqliteFile:
    """Where a SQLite DATABASE_URL points, and whether it asks to be read only."""

    path: Path
    read_only: bool


def sqlite_file(database_url: str) -> SqliteFile | None:
    """The file of a SQLite DATABASE_URL; None for another backend or an in-memory store.

    ``sqlite:///rel/path`` and ``sqlite:////abs/path`` as SQLAlchemy reads them; a URL with
    a host part, or an SQLite URI filename (``file:...``), is left to SQLAlchemy (None).
    """
    if driver_of(database_url) != "sqlite":
        return None
    found = _URL.match(database_url)
    assert found is not None  # driver_of matched it
    rest = found["rest"]
    if not rest.startswith("/"):
        return None  # "sqlite://" (memory) or a host part SQLite would not use
    database = unquote(rest[1:])
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    query = dict(parse_qsl(found["query"] or ""))
    return SqliteFile(Path(database), read_only=query.get("mode") == "ro")
