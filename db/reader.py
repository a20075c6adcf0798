"""What a one-shot answer reads from a SQLite store, through the stdlib ``sqlite3`` module.

`willai ask` reads a handful of rows: the serving release, one score, and the names of the
answer's language. Through :class:`db.store.Store` that costs importing SQLAlchemy, SQLModel
and the table models (about half a second, more than the whole answer otherwise); through
``sqlite3`` it costs nothing. The reader answers the same questions as the store, with the
same results (tests/db/test_reader.py compares the two on one file), and only reads: it never
creates a file or a table, so a store that is missing, empty or from an older willai is left
to :class:`db.store.Store`, which sets it up. PostgreSQL always goes through the store.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote

from db.releases import NoReleaseError, ReleaseInfo, own_language, release_info
from db.urls import sqlite_file

if TYPE_CHECKING:
    from matching.types import LabelRecord, OccupationRecord
    from scoring import OccupationScore

#: Waits this long for an import's write lock, as the store's own connections do.
BUSY_TIMEOUT_MS = 30_000


#: Tables an answer reads; a file without them has not been set up by willai yet.
REQUIRED_TABLES = frozenset(
    {
        "release",
        "occupation",
        "occupation_label",
        "occupation_description",
        "skill",
        "skill_label",
        "occupation_score",
    }
)


class SqliteReader:
    """The serving release of one SQLite file, read through one read-only connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        connection.row_factory = sqlite3.Row
        self._conn = connection

    @classmethod
    def open(cls, database_url: str) -> SqliteReader | None:
        """A reader of DATABASE_URL's file, or None when the store must be set up first.

        None for another backend, an in-memory store, a file that does not exist yet, or one
        without willai's tables: the caller opens a :class:`db.store.Store` instead, which
        creates, migrates or imports what is missing.
        """
        where = sqlite_file(database_url)
        if where is None or not where.path.is_file():
            return None
        path = where.path.resolve()
        # Like the store: a file this process may not write is opened immutable, as nothing
        # can change it under us; otherwise read-write without creating, and queries only.
        immutable = where.read_only or not os.access(path, os.W_OK)
        mode = "ro&immutable=1" if immutable else "rw"
        try:
            connection = sqlite3.connect(
                f"file:{quote(str(path))}?mode={mode}", uri=True, check_same_thread=False
            )
            connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA query_only=ON")
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.Error:
            return None  # the store says what is wrong, in its own words
        if REQUIRED_TABLES - tables:
            connection.close()
            return None
        return cls(connection)

    def close(self) -> None:
        self._conn.close()

    def _rows(self, sql: str, *params: object) -> list[sqlite3.Row]:
        return self._conn.execute(sql, params).fetchall()

    # --- the release -------------------------------------------------------------------------

    def release(self) -> ReleaseInfo | None:
        rows = self._rows("SELECT * FROM release WHERE status = 'serving'")
        return release_info(rows[0]) if rows else None

    def require_release(self) -> ReleaseInfo:
        release = self.release()
        if release is None:
            raise NoReleaseError
        return release

    def _release_id(self, release_id: int | None) -> int:
        return self.require_release().id if release_id is None else release_id

    def _own_language(self, release_id: int) -> str:
        rows = self._rows("SELECT counts_json FROM release WHERE id = ?", release_id)
        return own_language(rows[0][0] if rows else None)

    # --- an answer ---------------------------------------------------------------------------

    def score(self, occupation_uri: str) -> OccupationScore | None:
        from scoring import OccupationScore  # noqa: PLC0415 - only an answer decodes one

        rows = self._rows(
            "SELECT detail_json FROM occupation_score WHERE release_id = ? AND occupation_uri = ?",
            self.require_release().id,
            occupation_uri,
        )
        return OccupationScore.from_dict(json.loads(rows[0][0])) if rows else None

    def score_details(self) -> Iterator[tuple[str, str]]:
        """(occupation URI, stored score document), by URI, as ``Store.score_details``."""
        rows = self._rows(
            "SELECT occupation_uri, detail_json FROM occupation_score WHERE release_id = ? "
            "ORDER BY occupation_uri",
            self.require_release().id,
        )
        return ((row[0], row[1]) for row in rows)

    def occupation_count(self) -> int:
        rows = self._rows(
            "SELECT count(*) FROM occupation WHERE release_id = ?", self.require_release().id
        )
        return int(rows[0][0])

    def skill_labels(self, language: str, *, release_id: int | None = None) -> dict[str, str]:
        """Skill URI -> preferred label in ``language`` (see ``Store.skill_labels``)."""
        release_id = self._release_id(release_id)
        if language == self._own_language(release_id):
            rows = self._rows(
                "SELECT uri, preferred_label FROM skill WHERE release_id = ?", release_id
            )
        else:
            rows = self._rows(
                "SELECT skill_uri, label FROM skill_label WHERE release_id = ? AND language = ? "
                "AND kind = 'preferred'",
                release_id,
                language,
            )
        return {row[0]: row[1] for row in rows}

    def occupation_words(
        self, language: str, *, release_id: int | None = None
    ) -> tuple[dict[str, str], dict[str, str]]:
        """URI -> preferred label and URI -> description in ``language``, as the store's."""
        release_id = self._release_id(release_id)
        if language == self._own_language(release_id):
            rows = self._rows(
                "SELECT uri, preferred_label, description FROM occupation WHERE release_id = ?",
                release_id,
            )
            return {r[0]: r[1] for r in rows}, {r[0]: r[2] for r in rows if r[2]}
        names = self._rows(
            "SELECT occupation_uri, label FROM occupation_label WHERE release_id = ? "
            "AND language = ? AND kind = 'preferred'",
            release_id,
            language,
        )
        descriptions = self._rows(
            "SELECT occupation_uri, description FROM occupation_description "
            "WHERE release_id = ? AND language = ?",
            release_id,
            language,
        )
        return {r[0]: r[1] for r in names}, {r[0]: r[1] for r in descriptions}

    # --- the matcher's inputs (only when its cache must be built) ----------------------------

    def match_inputs(self) -> tuple[list[OccupationRecord], list[LabelRecord]]:
        from matching.types import LabelRecord, OccupationRecord  # noqa: PLC0415 - rarely

        release_id = self.require_release().id
        occupations = [
            OccupationRecord(r[0], r[1], r[2], r[3], r[4])
            for r in self._rows(
                "SELECT uri, preferred_label, code, isco_group, description FROM occupation "
                "WHERE release_id = ? ORDER BY uri",
                release_id,
            )
        ]
        labels = [
            LabelRecord(r[0], r[1], r[2], r[3])
            for r in self._rows(
                "SELECT occupation_uri, label, kind, language FROM occupation_label "
                "WHERE release_id = ? ORDER BY id",
                release_id,
            )
        ]
        return occupations, labels
