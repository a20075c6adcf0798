"""Bot fixtures: a store holding the tiny bundle, and bots built over it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot import WillaiBot, create_bot
from db.store import Store
from tests.bot.support import sync_commands_at_setup
from tests.bundle_factory import OCC, write_bundle
from willai.importing import run_import
from willai.settings import Settings, load_settings

CLERK = OCC + "clerk"
NURSE = OCC + "nurse"
ROOFER = OCC + "roofer"


@pytest.fixture
def bundle_path(tmp_path: Path) -> Path:
    return write_bundle(tmp_path / "bundle")


@pytest.fixture
def tiny_store_url(tmp_path: Path, bundle_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'bot.sqlite'}"
    run_import(Store.from_url(url), load_settings(database_url=url), [str(bundle_path)])
    return url


@pytest.fixture
def make_settings(
    tiny_store_url: str, bundle_path: Path, tmp_path: Path
) -> Callable[..., Settings]:
    tiny_cache_dir = tmp_path / "cache"

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "database_url": tiny_store_url,
            "esco_source": str(bundle_path),
            "ask_cooldown_seconds": 0,
            "refresh_cooldown_seconds": 0,
            "cache_dir": tiny_cache_dir,
        }
        values.update(overrides)
        return load_settings(**values)

    return make


@pytest.fixture
def make_bot(make_settings: Callable[..., Settings]) -> Callable[..., WillaiBot]:
    """A fresh bot on the tiny store; commands are synced globally at start-up for the fake."""

    def make(**overrides: Any) -> WillaiBot:
        return sync_commands_at_setup(create_bot(make_settings(**overrides)))

    return make
