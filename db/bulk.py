"""Bulk loading through the driver itself, inside the caller's transaction.

SQLAlchemy's executemany spends more time building parameter dicts than SQLite spends
storing them; loading a release is the one hot path where that matters, so rows go straight
to the driver: `executemany` with tuples on SQLite, `COPY … FROM STDIN` on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table

BATCH_ROWS = 20_000


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert tuples (in `columns` order) into `table`; returns how many."""
    for name in columns:
        table.c[name]
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if conn.dialect.name == "postgresql":
            return _copy(cursor, table.name, columns, rows)
        return _executemany(cursor, table.name, columns, rows)
    finally:
        cursor.close()


def _executemany(
    cursor: Any, name: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    placeholders = ", ".join("?" for _ in columns)
    statement = f'INSERT INTO "{name}" ({", ".join(columns)}) VALUES ({placeholders})'
    iterator = iter(rows)
    count = 0
    while batch := list(islice(iterator, BATCH_ROWS)):
        cursor.executemany(statement, batch)
        count += len(batch)
    return count


def _copy(cursor: Any, name: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with cursor.copy(f'COPY "{name}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
