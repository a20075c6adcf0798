"""The scheduled refresh, driven by calling its coroutine directly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from discord.ext import commands

from bot import WillaiBot
from bot.refresh import EditThrottle
from esco_api import EscoApiError
from tests.bundle_factory import write_bundle
from tests.fake_discord import ADMIN_PERMISSIONS, FakeDiscord
from willai.importing import run_import


class RecordingImport:
    """Records the sources asked for and imports a local bundle instead of the web service."""

    def __init__(self, bundle: Path) -> None:
        self.bundle = bundle
        self.calls: list[list[str]] = []

    def __call__(self, store: Any, settings: Any, sources: list[str], **kwargs: Any) -> Any:
        self.calls.append(list(sources))
        return run_import(store, settings, [str(self.bundle)], **kwargs)


def latest(version: str) -> Callable[[str], Any]:
    async def fake_latest(base_url: str) -> str:
        assert base_url == "http://esco.test/api"
        return version

    return fake_latest


@pytest.fixture
def api_bot(make_bot: Callable[..., WillaiBot]) -> WillaiBot:
    return make_bot(esco_source="esco-api", esco_api_url="http://esco.test/api")


async def test_newer_api_version_is_imported_and_switched(api_bot: WillaiBot, tmp_path: Path):
    recorder = RecordingImport(write_bundle(tmp_path / "api", layout="v1.2", version="v1.2.0"))
    async with api_bot:
        await api_bot.reload_service()
        api_bot.refresher.import_fn = recorder
        api_bot.refresher.latest_version_fn = latest("v1.2.0")
        outcome = await api_bot.refresher.scheduled_check()
        assert recorder.calls == [["esco-api:v1.2.0"]]
        assert outcome.status == "imported"
        assert api_bot.serving.service.release.version == "v1.2.0"
        assert api_bot.refresher.last_check is outcome


async def test_same_api_version_is_up_to_date(api_bot: WillaiBot, tmp_path: Path):
    recorder = RecordingImport(tmp_path)
    async with api_bot:
        await api_bot.reload_service()
        before = api_bot.serving
        api_bot.refresher.import_fn = recorder
        api_bot.refresher.latest_version_fn = latest("v1.1.1")
        outcome = await api_bot.refresher.scheduled_check()
    assert outcome.status == "up to date"
    assert recorder.calls == []
    assert api_bot.serving is before


async def test_api_trouble_is_recorded_and_keeps_the_data(api_bot: WillaiBot):
    async def broken(base_url: str) -> str:
        raise EscoApiError("ESCO web service unreachable")

    async with api_bot:
        await api_bot.reload_service()
        api_bot.refresher.latest_version_fn = broken
        outcome = await api_bot.refresher.scheduled_check()
        assert api_bot.serving.service.release.version == "v1.1.1"
    assert outcome.status == "failed"
    assert "unreachable" in outcome.detail


async def test_other_sources_are_reimported_and_unchanged_is_a_no_op(
    make_bot: Callable[..., WillaiBot],
):
    client = make_bot()
    async with client:
        await client.reload_service()
        before = client.serving
        outcome = await client.refresher.scheduled_check()
    assert outcome.status == "unchanged"
    assert client.serving is before


async def test_changed_bundle_source_is_imported(
    make_bot: Callable[..., WillaiBot], tmp_path: Path
):
    newer = write_bundle(tmp_path / "newer", layout="v1.2", version="v1.2.0")
    client = make_bot(esco_source=str(newer))
    async with client:
        await client.reload_service()
        outcome = await client.refresher.scheduled_check()
        assert outcome.status == "imported"
        assert client.serving.service.release.version == "v1.2.0"


async def test_scheduled_check_shows_in_status(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()) as client:
        await client.refresher.scheduled_check()
        rec = await fake_discord.interact_command(
            "willai-admin status", permissions=ADMIN_PERMISSIONS
        )
        embed = (await rec.wait_response())["data"]["embeds"][0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Scheduled check"].startswith("unchanged (scheduled, ")


async def test_loop_runs_on_the_interval_and_zero_disables_it(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot(refresh_interval_days=7)) as client:
        cog = client.get_cog("SchedulerCog")
        assert type(cog).__name__ == "SchedulerCog"  # extensions are loaded as new modules
        assert isinstance(cog, commands.Cog)
        assert cog.check.is_running()
        assert cog.check.hours == 7 * 24
        assert cog.next_check() is not None
    async with fake_discord.run_bot(make_bot(refresh_interval_days=0)) as client:
        cog = client.get_cog("SchedulerCog")
        assert type(cog).__name__ == "SchedulerCog"  # extensions are loaded as new modules
        assert isinstance(cog, commands.Cog)
        assert not cog.check.is_running()
        assert cog.next_check() is None


def test_edit_throttle_spaces_edits():
    now = [100.0]
    throttle = EditThrottle(1.5, clock=lambda: now[0])
    assert not throttle.ready()
    assert throttle.wait_time() == 1.5
    now[0] = 101.0
    assert throttle.wait_time() == pytest.approx(0.5)
    now[0] = 101.5
    assert throttle.ready()
    throttle.mark()
    now[0] = 102.9
    assert not throttle.ready()
    now[0] = 103.0
    assert throttle.ready()
