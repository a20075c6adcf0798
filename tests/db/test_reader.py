"""The stdlib reader of a SQLite store answers every question as the SQLAlchemy store does."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from db.engine import make_engine
from db.importer import import_bundle
from db.reader import SqliteReader
from db.releases import NoReleaseError
from db.sources import gather_bundle
from db.store import Store
from tests.bundle_factory import write_multilingual

FRENCH = {"nurse": ("infirmier/infirmière", "Les infirmiers soignent les patients.")}
LANGUAGES = ("en", "de", "fr", "es")


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small bundle with German names, French names and skills: every table has rows."""
    root = tmp_path_factory.mktemp("reader")
    sources = write_multilingual(root, {"fr": FRENCH})
    url = f"sqlite:///{root / 'store.sqlite'}"
    import_bundle(make_engine(url), gather_bundle([str(path) for path in sources], root))
    return url


@pytest.fixture(scope="module")
def both(store_url: str) -> tuple[Store, SqliteReader]:
    reader = SqliteReader.open(store_url)
    assert reader is not None
    return Store.from_url(store_url), reader


def test_the_release_is_the_same(both: tuple[Store, SqliteReader]) -> None:
    store, reader = both
    assert reader.release() == store.release()
    assert reader.require_release().imported_at.tzinfo is not None


def test_every_score_is_the_same(both: tuple[Store, SqliteReader]) -> None:
    store, reader = both
    details = list(reader.score_details())
    assert details == list(store.score_details())
    assert all(reader.score(uri) == store.score(uri) for uri, _ in details)
    assert reader.score("http://example.org/none") is None
    assert reader.occupation_count() == store.occupation_count()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_words_of_each_language_are_the_same(
    both: tuple[Store, SqliteReader], language: str
) -> None:
    store, reader = both
    assert reader.occupation_words(language) == store.occupation_words(language)
    assert reader.skill_labels(language) == store.skill_labels(language)


def test_the_matchers_inputs_are_the_same(both: tuple[Store, SqliteReader]) -> None:
    store, reader = both
    assert reader.match_inputs() == store.match_inputs()


def test_a_missing_file_is_left_to_the_store_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite"
    assert SqliteReader.open(f"sqlite:///{path}") is None
    assert not path.exists()


def test_a_file_without_the_tables_is_left_to_the_store(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    sqlite3.connect(path).close()
    assert SqliteReader.open(f"sqlite:///{path}") is None


def test_a_server_or_memory_store_is_left_to_the_store() -> None:
    assert SqliteReader.open("postgresql://db/willai") is None
    assert SqliteReader.open("sqlite://") is None


def test_an_empty_store_has_no_release(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    Store.from_url(url)  # creates the tables
    reader = SqliteReader.open(url)
    assert reader is not None
    assert reader.release() is None
    with pytest.raises(NoReleaseError):
        reader.require_release()


def test_the_reader_never_writes(store_url: str) -> None:
    reader = SqliteReader.open(store_url)
    assert reader is not None
    with pytest.raises(sqlite3.OperationalError):
        reader._conn.execute("DELETE FROM occupation_score")


def _copy(store_url: str, target: Path) -> Path:
    """A whole copy of the store in one file (nothing left in a write-ahead log)."""
    with sqlite3.connect(store_url.removeprefix("sqlite:///")) as source:
        copy = sqlite3.connect(target)
        source.backup(copy)
        copy.close()
    return target


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_file_this_process_may_not_write_is_read(tmp_path: Path, store_url: str) -> None:
    path = _copy(store_url, tmp_path / "read-only.sqlite")
    path.chmod(stat.S_IRUSR)
    reader = SqliteReader.open(f"sqlite:///{path}")
    assert reader is not None
    assert reader.release() == Store.from_url(store_url).release()


def test_a_url_asking_for_read_only_is_read(tmp_path: Path, store_url: str) -> None:
    url = f"sqlite:///{_copy(store_url, tmp_path / 'copy.sqlite')}?mode=ro"
    reader = SqliteReader.open(url)
    assert reader is not None
    assert reader.release() == Store.from_url(url).release()
