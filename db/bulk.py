"""Bulk loading through the driver itself, inside the caller's transaction.

SQLAlchemy's executemany spends more time building parameter dicts than SQLite spends
storing them; loading a release is the one hot path where that matters, so rows go straight
to the driver: `executemany` with tuples on SQLite, `COPY … FROM STDIN` on PostgreSQL.

The driver work runs on a writer thread: both drivers release the GIL while they store rows,
so parsing the next file (and scoring) overlaps with writing the previous one.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Sequence
from itertools import islice
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Table

BATCH_ROWS = 20_000
QUEUED_BATCHES = 8  # bounds the memory held by rows parsed but not yet written

_Job = tuple[str, Sequence[str], list[Sequence[Any]]]


class BulkWriter:
    """Writes row batches on a background thread, over the caller's own connection.

    Use as a context manager; leaving it waits for every batch and re-raises a driver error.
    Only the writer thread touches the connection while it is open.
    """

    def __init__(self, conn: Connection) -> None:
        self._cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        self._copy = conn.dialect.name == "postgresql"
        self._jobs: queue.Queue[_Job | None] = queue.Queue(maxsize=QUEUED_BATCHES)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="bulk-writer", daemon=True)
        self._thread.start()

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Queue tuples (in `columns` order) for `table`; returns how many."""
        for name in columns:
            table.c[name]
        iterator = iter(rows)
        count = 0
        while batch := list(islice(iterator, BATCH_ROWS)):
            self._raise_if_failed()
            self._jobs.put((table.name, columns, batch))
            count += len(batch)
        return count

    def close(self) -> None:
        """Wait until every queued batch is written, then surface any driver error."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()
            self._cursor.close()
        self._raise_if_failed()

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if error is None:
            self.close()
            return
        self._discard_pending()
        self._jobs.put(None)
        self._thread.join()
        self._cursor.close()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def _discard_pending(self) -> None:
        while True:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                return

    def _drain(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._error is not None:
                continue  # keep draining so the producer never blocks on a full queue
            name, columns, batch = job
            try:
                if self._copy:
                    _copy(self._cursor, name, columns, batch)
                else:
                    _executemany(self._cursor, name, columns, batch)
            except BaseException as exc:  # noqa: BLE001 - handed to the producer thread
                self._error = exc


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert tuples (in `columns` order) into `table` and wait until they are written."""
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
