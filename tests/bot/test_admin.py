"""/willai-admin: permission checks, refresh (busy, cooldown, failure), status."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import WillaiBot
from tests.bot.support import BlockingImport, must_not_import
from tests.bundle_factory import write_bundle
from tests.fake_discord import (
    ADMIN_PERMISSIONS,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    MESSAGE_FLAG_EPHEMERAL,
    FakeDiscord,
    InteractionRejectedError,
)


def is_final(message: dict) -> bool:
    return not message["content"].startswith("Refreshing")


@pytest.fixture
def new_bundle(tmp_path: Path) -> Path:
    """The tiny bundle in ESCO's v1.2 layout: different files, so a real new release."""
    return write_bundle(tmp_path / "newer", layout="v1.2", version="v1.2.0")


async def test_admin_commands_are_hidden_from_members(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        await fake_discord.wait_for_sync(None)
        with pytest.raises(InteractionRejectedError):
            await fake_discord.interact_command(
                "willai-admin refresh", permissions=MEMBER_PERMISSIONS
            )


@pytest.mark.parametrize("fake_discord_options", [{"enforce_permissions": False}])
async def test_refresh_refused_without_manage_server_even_if_discord_delivers_it(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()) as bot:
        bot.refresher.import_fn = must_not_import
        rec = await fake_discord.interact_command(
            "willai-admin refresh", permissions=MEMBER_PERMISSIONS
        )
        callback = await rec.wait_response()
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert "Manage Server" in callback["data"]["content"]


async def test_refresh_accepted_with_manage_server(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()) as bot:
        before = bot.serving
        rec = await fake_discord.interact_command(
            "willai-admin refresh", permissions=MANAGE_GUILD | MEMBER_PERMISSIONS
        )
        first = await rec.wait_response()
        final = await rec.wait_final(predicate=is_final)
    assert first["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert first["data"]["content"].startswith("Refreshing ESCO from")
    assert final["content"].startswith("**Nothing to do**: ESCO v1.1.1 is already serving")
    assert bot.serving is before  # unchanged data: no rebuild


async def test_owner_refresh_from_a_source_switches_the_release(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot], new_bundle: Path
):
    async with fake_discord.run_bot(make_bot()) as bot:
        rec = await fake_discord.interact_command(
            "willai-admin refresh", {"source": str(new_bundle)}, user=fake_discord.owner
        )
        final = await rec.wait_final(predicate=is_final)
        assert final["content"].startswith("**Done**: ESCO v1.2.0 now serving, 3 occupations")
        assert bot.serving.service.release.version == "v1.2.0"
        ask = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        footer = (await ask.wait_response())["data"]["embeds"][0]["footer"]["text"]
    assert "ESCO v1.2.0" in footer


async def test_source_is_for_bot_owners_only(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot], new_bundle: Path
):
    async with fake_discord.run_bot(make_bot()) as bot:
        bot.refresher.import_fn = must_not_import
        rec = await fake_discord.interact_command(
            "willai-admin refresh", {"source": str(new_bundle)}, permissions=ADMIN_PERMISSIONS
        )
        callback = await rec.wait_response()
    assert "Only the bot's owners" in callback["data"]["content"]


async def test_owner_ids_allow_list(fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]):
    async with fake_discord.run_bot(make_bot(owner_ids=str(fake_discord.owner.id))) as bot:
        bot.refresher.import_fn = must_not_import
        rec = await fake_discord.interact_command(
            "willai-admin status", permissions=ADMIN_PERMISSIONS
        )
        refused = await rec.wait_response()
        rec = await fake_discord.interact_command("willai-admin status", user=fake_discord.owner)
        allowed = await rec.wait_response()
    assert "OWNER_IDS" in refused["data"]["content"]
    assert allowed["data"]["embeds"][0]["title"] == "willai status"


async def test_second_refresh_while_one_runs_is_refused(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    blocking = BlockingImport()
    async with fake_discord.run_bot(make_bot()) as bot:
        bot.refresher.import_fn = blocking
        first = await fake_discord.interact_command(
            "willai-admin refresh", permissions=ADMIN_PERMISSIONS
        )
        await first.wait_response()
        second = await fake_discord.interact_command(
            "willai-admin refresh", permissions=ADMIN_PERMISSIONS
        )
        refused = await second.wait_response()
        # answers keep coming while the import runs
        ask = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        assert (await ask.wait_response())["data"]["embeds"][0]["title"] == "Roofer"
        blocking.go.set()
        final = await first.wait_final(predicate=is_final)
    assert refused["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert "already running" in refused["data"]["content"]
    assert final["content"].startswith("**Nothing to do**")


async def test_refresh_cooldown(fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]):
    async with fake_discord.run_bot(make_bot(refresh_cooldown_seconds=600)):
        first = await fake_discord.interact_command(
            "willai-admin refresh", permissions=ADMIN_PERMISSIONS
        )
        await first.wait_final(predicate=is_final)
        second = await fake_discord.interact_command(
            "willai-admin refresh", permissions=ADMIN_PERMISSIONS
        )
        refused = await second.wait_response()
    content = refused["data"]["content"]
    assert "too recent" in content
    waited = re.search(r"try again in (\d+) s", content)
    assert waited is not None
    assert 0 < int(waited[1]) <= 600  # the cooldown's rest, however long the refresh took


async def test_failed_refresh_says_why_and_keeps_the_old_data(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot], tmp_path: Path
):
    missing = tmp_path / "no-such-bundle"
    async with fake_discord.run_bot(make_bot()) as bot:
        before = bot.serving
        rec = await fake_discord.interact_command(
            "willai-admin refresh", {"source": str(missing)}, user=fake_discord.owner
        )
        final = await rec.wait_final(predicate=is_final)
        assert bot.serving is before
        ask = await fake_discord.interact_command("willai", {"job": "occ:nurse"})
        answer = await ask.wait_response()
        status = await fake_discord.interact_command(
            "willai-admin status", permissions=ADMIN_PERMISSIONS
        )
        embed = (await status.wait_response())["data"]["embeds"][0]
    assert final["content"].startswith("**Refresh failed**")
    assert "the previous data keeps serving" in final["content"]
    assert answer["data"]["embeds"][0]["title"] == "Specialist nurse"
    assert bot.store.release().version == "v1.1.1"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Last refresh"].startswith("failed (admin")


async def test_refresh_progress_edits_the_reply(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    held = BlockingImport("reading occupations")
    async with fake_discord.run_bot(make_bot()) as bot:
        bot.refresher.import_fn = held
        bot.refresher.progress_interval = 0.0
        rec = await fake_discord.interact_command(
            "willai-admin refresh", permissions=ADMIN_PERMISSIONS
        )
        edits = await rec.wait_edits(1)
        held.go.set()
        final = await rec.wait_final(predicate=is_final)
    assert edits[0]["content"].endswith("reading occupations (25%)")
    assert final["content"].startswith("**Nothing to do**")


async def test_status_reports_release_counts_and_bot_state(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command(
            "willai-admin status", permissions=ADMIN_PERMISSIONS
        )
        callback = await rec.wait_response()
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    fields = {f["name"]: f["value"] for f in callback["data"]["embeds"][0]["fields"]}
    assert fields["Release"].startswith("ESCO v1.1.1")
    assert fields["Counts"].startswith("3 occupations · 7 skills")
    assert fields["Last import attempt"].startswith("serving")
    assert fields["Last refresh"] == "none since start"
    assert fields["Guilds"] == "1"
    assert fields["Gateway latency"] == "n/a" or fields["Gateway latency"].endswith(" ms")
    assert fields["Uptime"].endswith("s")
    assert fields["Scheduled check"].startswith("none yet\nnext: <t:")
