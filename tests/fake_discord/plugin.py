"""Pytest fixtures for behaviour tests against the fake Discord.

Import the fixtures into a conftest (``from tests.fake_discord.plugin import
fake_discord, fake_discord_options``) or register the module with ``pytest_plugins``
in the rootdir conftest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from .patching import patch_discord
from .server import FakeDiscord


@pytest.fixture
def fake_discord_options() -> dict[str, Any]:
    """Keyword arguments for :class:`FakeDiscord`; override this fixture to customise."""
    return {}


@pytest_asyncio.fixture
async def fake_discord(fake_discord_options: dict[str, Any]) -> AsyncIterator[FakeDiscord]:
    """A started fake with discord.py pointed at it; restored and checked afterwards.

    The test fails at teardown if the bot hit a route the fake does not implement or
    a fake handler crashed, unless ``fake.strict`` was set to False: silently
    answering 404 would otherwise hide missing behaviour.
    """
    fake = FakeDiscord(**fake_discord_options)
    await fake.start()
    try:
        with patch_discord(fake.api_base, fake.gateway_url):
            yield fake
    finally:
        await fake.stop()
    problems = [f"unhandled route {r.method} {r.path}" for r in fake.unknown_requests]
    problems += [f"fake error: {e}" for e in fake.errors]
    if problems and fake.strict:
        pytest.fail("fake_discord saw problems:\n  " + "\n  ".join(problems))
