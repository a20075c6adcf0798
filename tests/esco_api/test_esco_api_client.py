"""Retry, backoff, permanent errors, unreachable service and the response cache."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from esco_api import EscoApiError, RetryPolicy
from esco_api.cache import ResponseCache
from esco_api.client import EscoClient, parse_retry_after
from tests.fakes.fake_esco_api import FakeEscoApi

FAST = RetryPolicy(attempts=4, timeout=2.0, backoff_base=0.01, backoff_max=0.05)

SEARCH = ("/search", [("language", "en")])


def corrupt_all(root: Path) -> None:
    for entry in root.rglob("*.json"):
        entry.write_text("{truncated")


def client(base_url: str, **kwargs: object) -> EscoClient:
    return EscoClient(base_url, version="v1.1.1", retry=kwargs.pop("retry", FAST), **kwargs)


async def test_5xx_is_retried_until_success(empty_fake: FakeEscoApi) -> None:
    empty_fake.inject("status", times=2, status=503)
    async with client(empty_fake.base_url) as c:
        body = await c.get_json(*SEARCH)
    assert body["total"] == 0
    assert c.stats.retries == 2


async def test_429_waits_for_retry_after(empty_fake: FakeEscoApi) -> None:
    empty_fake.inject("retry_after", times=1, retry_after="1")
    started = time.monotonic()
    async with client(empty_fake.base_url) as c:
        await c.get_json(*SEARCH)
    assert time.monotonic() - started >= 0.9  # the backoff alone would be ~0.01 s
    assert c.stats.retries == 1


async def test_timeout_is_retried(empty_fake: FakeEscoApi) -> None:
    empty_fake.inject("delay", times=1, delay=1.0)
    policy = RetryPolicy(attempts=3, timeout=0.3, backoff_base=0.01, backoff_max=0.05)
    async with client(empty_fake.base_url, retry=policy) as c:
        body = await c.get_json(*SEARCH)
    assert body["total"] == 0
    assert c.stats.retries == 1


async def test_malformed_json_is_retried(empty_fake: FakeEscoApi) -> None:
    empty_fake.inject("malformed", times=1)
    async with client(empty_fake.base_url) as c:
        body = await c.get_json(*SEARCH)
    assert body["total"] == 0


async def test_persistent_malformed_json_is_reported(empty_fake: FakeEscoApi) -> None:
    empty_fake.inject("malformed", times=100)
    async with client(empty_fake.base_url) as c:
        with pytest.raises(EscoApiError, match="malformed JSON after 4 attempts"):
            await c.get_json(*SEARCH)


async def test_persistent_5xx_is_reported_with_status(empty_fake: FakeEscoApi) -> None:
    empty_fake.inject("status", times=100, status=500)
    async with client(empty_fake.base_url) as c:
        with pytest.raises(EscoApiError, match="HTTP 500") as info:
            await c.get_json(*SEARCH)
    assert info.value.status == 500
    assert len(empty_fake.requests) == FAST.attempts


async def test_other_4xx_is_permanent(empty_fake: FakeEscoApi) -> None:
    async with client(empty_fake.base_url) as c:
        with pytest.raises(EscoApiError, match="Illegal/Unknown type") as info:
            await c.get_json("/resource/taxonom", [("uri", "x")])
    assert info.value.status == 400
    assert len(empty_fake.requests) == 1


async def test_unreachable_service_gives_one_line_error() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/esco/api"
    async with client(base) as c:
        with pytest.raises(EscoApiError) as info:
            await c.get_json(*SEARCH)
    message = str(info.value)
    assert message.startswith(f"ESCO web service unreachable at {base}: ")
    assert "\n" not in message


async def test_cached_response_needs_no_request(empty_fake: FakeEscoApi, tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    async with client(empty_fake.base_url, cache=cache) as c:
        first = await c.get_json(*SEARCH)
    async with client(empty_fake.base_url, cache=cache) as c:
        second = await c.get_json(*SEARCH)
    assert first == second
    assert len(empty_fake.requests) == 1
    assert c.stats.cache_hits == 1


async def test_corrupt_cache_entry_is_refetched(empty_fake: FakeEscoApi, tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    async with client(empty_fake.base_url, cache=cache) as c:
        await c.get_json(*SEARCH)
    corrupt_all(tmp_path)
    async with client(empty_fake.base_url, cache=cache) as c:
        body = await c.get_json(*SEARCH)
    assert body["total"] == 0
    assert len(empty_fake.requests) == 2


def test_retry_after_accepts_http_dates() -> None:
    from datetime import UTC, datetime

    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Wed, 01 Jan 2025 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("soon") is None
