"""Bulk loading through the driver itself, inside the caller's transaction.

SQLAlchemy's executemany spends more time building parameter dicts than SQLite spends
storing them; loading a release is the one hot path where that matters, so rows go straight
to the driver: `executemany` with tuples on SQLite, `COPY … FROM STDIN` on PostgreSQL.
(A writer thread overlapping parsing and writing was measured and gained nothing: the
sqlite3 module holds the GIL while it binds each row.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Table

BATCH_ROWS = 20_000  # bounds the memory of rows parsed but not yet written


class BulkWriter:
    """One driver cursor on the caller's connection, for many bulk inserts in a row."""

    def __init__(self, conn: Connection) -> None:
        self._cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        self._copy = conn.dialect.name == "postgresql"

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert tuples (in `columns` order) into `table`; returns how many."""
        for name in columns:
            table.c[name]  # fail early, with SQLAlchemy's message, on a typo
        write = _copy if self._copy else _executemany
        iterator = iter(rows)
        count = 0
        while batch := list(islice(iterator, BATCH_ROWS)):
            write(self._cursor, table.name, columns, batch)
            count += len(batch)
        return count

    def close(self) -> None:
        self._cursor.close()

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert tuples (in `columns` order) into `table` with a one-off writer."""
    with BulkWriter(conn) as writer:
        return writer.insert(table, columns, rows)


def _executemany(
    cursor: Any, name: str, columns: Sequence[str], batch: list[Sequence[Any]]
) -> None:
    placeholders = ", ".join("?" for _ in columns)
    cursor.executemany(
        f'INSERT INTO "{name}" ({", ".join(columns)}) VALUES ({placeholders})', batch
    )


def _copy(cursor: Any, name: str, columns: Sequence[str], batch: list[Sequence[Any]]) -> None:
    with cursor.copy(f'COPY "{name}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in batch:
            copy.write_row(row)
