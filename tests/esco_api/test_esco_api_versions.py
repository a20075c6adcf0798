"""Discovering the newest version by probing ``selectedVersion``."""

from __future__ import annotations

import pytest

from esco_api import EscoApiError, RetryPolicy, latest_version
from tests.fakes.fake_esco_api import FakeEscoApi

FAST = RetryPolicy(attempts=4, timeout=2.0, backoff_base=0.01, backoff_max=0.05)


async def test_latest_version_finds_newer_releases() -> None:
    async with FakeEscoApi(versions=["v1.1.1", "v1.2.0", "v1.2.1", "v1.3.0"]) as fake:
        assert await latest_version(fake.base_url, retry=FAST) == "v1.3.0"


async def test_latest_version_falls_back_to_the_newest_known_one() -> None:
    async with FakeEscoApi(versions=["v1.0.9", "v1.1.1"]) as fake:
        assert await latest_version(fake.base_url, retry=FAST) == "v1.1.1"


async def test_service_accepting_any_version_is_reported() -> None:
    async with FakeEscoApi(versions=["v0.0.0", "v1.2.0"]) as fake:
        with pytest.raises(EscoApiError, match="cannot be discovered"):
            await latest_version(fake.base_url, retry=FAST)
