"""What a one-shot command reads from: the stdlib reader when the store is ready, else the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.reader import SqliteReader
from db.store import Store
from scoring import MODEL_VERSION
from tests.bundle_factory import write_bundle
from willai.runtime import close_reads, open_reads
from willai.settings import load_settings


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return write_bundle(tmp_path / "bundle")


def test_a_ready_sqlite_store_is_read_through_sqlite3(tmp_path: Path, bundle: Path) -> None:
    settings = load_settings(
        database_url=f"sqlite:///{tmp_path / 's.sqlite'}", esco_source=str(bundle)
    )
    imported = open_reads(settings)
    reads = open_reads(settings)
    assert isinstance(reads, SqliteReader)
    assert reads.release() == imported.release()


def test_an_empty_store_is_imported_first(tmp_path: Path, bundle: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 's.sqlite'}"
    reads = open_reads(load_settings(database_url=url, esco_source=str(bundle)))
    assert isinstance(reads, Store)
    assert reads.require_release().counts["occupations"] > 0


def test_a_release_scored_by_another_model_is_rescored_first(tmp_path: Path, bundle: Path) -> None:
    path = tmp_path / "s.sqlite"
    settings = load_settings(database_url=f"sqlite:///{path}", esco_source=str(bundle))
    open_reads(settings)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE release SET model_version = 'older'")
    reads = open_reads(settings)
    assert isinstance(reads, Store)
    assert reads.require_release().model_version == MODEL_VERSION
    assert isinstance(open_reads(settings), SqliteReader)  # ready again


def test_closing_the_reads_closes_the_sqlite_connection(tmp_path: Path, bundle: Path) -> None:
    settings = load_settings(
        database_url=f"sqlite:///{tmp_path / 's.sqlite'}", esco_source=str(bundle)
    )
    close_reads(open_reads(settings))  # the store, imported
    reads = open_reads(settings)
    close_reads(reads)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        reads.release()


def test_closing_a_store_lets_go_of_its_pooled_connections(tmp_path: Path, bundle: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 's.sqlite'}"
    store = open_reads(load_settings(database_url=url, esco_source=str(bundle)))
    assert isinstance(store, Store)
    assert store.engine.pool.checkedin() > 0
    close_reads(store)
    assert store.engine.pool.checkedin() == 0
    assert store.require_release()  # a disposed engine connects again when asked
