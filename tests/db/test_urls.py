"""DATABASE_URL read without SQLAlchemy agrees with SQLAlchemy's own reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from db.engine import parse_database_url
from db.urls import StoreUnavailableError, driver_of, sqlite_file

URLS = [
    "sqlite:///./data/willai.sqlite",
    "sqlite:////tmp/a%20b.sqlite?mode=ro",
    "sqlite+pysqlite:///store.db",
    "sqlite://",
    "sqlite:///:memory:",
    "sqlite:///file:store.db?uri=true",
    "postgresql://bot:p%40ss@db:5432/willai?options=-csearch_path%3Dx",
    "postgres://db/willai",
    "postgresql+psycopg://db/willai",
    "mysql://db/willai",
    "not a url",
    "",
]


def _refusal(call, url: str) -> str | None:
    try:
        call(url)
    except StoreUnavailableError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("url", URLS)
def test_the_settings_refuse_what_the_engine_refuses_in_the_same_words(url: str) -> None:
    assert _refusal(driver_of, url) == _refusal(parse_database_url, url)


@pytest.mark.parametrize("url", [u for u in URLS if _refusal(parse_database_url, u) is None])
def test_the_driver_is_the_one_the_engine_uses(url: str) -> None:
    assert driver_of(url) == parse_database_url(url).drivername


@pytest.mark.parametrize(
    "url", [u for u in URLS if u.startswith("sqlite") and make_url(u).database not in (None, "")]
)
def test_a_sqlite_file_is_where_sqlalchemy_would_open_it(url: str) -> None:
    found, database = sqlite_file(url), make_url(url).database
    if database == ":memory:" or database.startswith("file:"):
        assert found is None  # left to SQLAlchemy
    else:
        assert found is not None
        assert found.path == Path(database)
        assert found.read_only == (make_url(url).query.get("mode") == "ro")


def test_an_in_memory_or_server_store_has_no_file() -> None:
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("postgresql://db/willai") is None
