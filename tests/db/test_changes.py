"""The store's change feed: what other processes' writes look like to a listener."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from db.changes import LISTENING, announce, guild_payload, notifications


async def first_payloads(url: str, count: int, *, then_announce: str = "") -> list[str]:
    """The feed's first ``count`` payloads; ``then_announce`` is sent once it listens."""
    feed = notifications(make_url(url))
    received: list[str] = []
    try:
        async with asyncio.timeout(20):
            async for payload in feed:
                received.append(payload)
                if payload == LISTENING and then_announce:
                    await asyncio.to_thread(send, url, then_announce)
                if len(received) == count:
                    break
    finally:
        await feed.aclose()
    return received


def send(url: str, payload: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            announce(conn, payload)
    finally:
        engine.dispose()


async def test_the_feed_says_when_it_listens_then_passes_announcements(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    payload = guild_payload(42)
    assert await first_payloads(database_url, 2, then_announce=payload) == [LISTENING, payload]


async def test_the_feed_is_empty_on_sqlite(sqlite_url: str) -> None:
    assert await first_payloads(sqlite_url, 1) == []
