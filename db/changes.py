"""The store's change feed: several bot processes on one PostgreSQL see each other's writes.

A write that other processes cache (a new serving release, a guild's settings) announces
itself with ``pg_notify`` inside its own transaction, so the note leaves only if the write
commits. Bot processes LISTEN and react within a moment; a cheap periodic check (one small
query) covers a dropped connection, and SQLite, which has no notifications and serves one
process anyway.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from sqlalchemy import text
from sqlalchemy.engine import URL, Connection

log = logging.getLogger("willai.db.changes")

#: The PostgreSQL notification channel.
CHANNEL = "willai"
#: Payloads: a new release serves; a guild's settings changed ("guild:<id>").
RELEASE = "release"
GUILD_PREFIX = "guild:"
#: Yielded by notifications() each time it starts listening: anything announced while it was
#: not (before the first connection, or while reconnecting) was missed, so caches must go.
LISTENING = "willai:listening"
#: After a lost LISTEN connection, wait this long before trying again.
RECONNECT_SECONDS = 5.0


def announce(conn: Connection, payload: str) -> None:
    """Tell the other processes, when this transaction commits (no-op off PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
        )


def guild_payload(guild_id: int) -> str:
    """The payload announcing one guild's settings."""
    return f"{GUILD_PREFIX}{guild_id}"


def conninfo(url: URL) -> str:
    """A libpq connection string for psycopg, from the store's SQLAlchemy URL."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def notifications(url: URL) -> AsyncIterator[str]:
    """Payloads on the channel, for as long as the caller iterates; reconnects when dropped.

    Every (re)connection first yields LISTENING. Yields nothing on SQLite (the caller's
    periodic check is all there is).
    """
    if url.get_backend_name() != "postgresql":
        return
    import psycopg  # noqa: PLC0415 - only this listener needs it, not an import or a command

    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                conninfo(url), autocommit=True, connect_timeout=10
            ) as conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                yield LISTENING
                async for note in conn.notifies():
                    yield note.payload
        except (psycopg.Error, OSError) as exc:
            log.warning("store change feed lost (%s); retrying in %.0f s", exc, RECONNECT_SECONDS)
        await asyncio.sleep(RECONNECT_SECONDS)
