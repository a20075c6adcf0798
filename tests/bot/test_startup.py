"""Start-up: login, the command payload Discord receives, extensions, sync, refusals."""

from __future__ import annotations

import pkgutil
import re
from collections.abc import Callable
from pathlib import Path

import discord
import pytest

import bot.cogs
from bot import ShardedWillaiBot, WillaiBot, create_bot, limits
from bot.client import EXTENSIONS
from bot.launcher import main, run_bot, sync_commands_async
from tests.fake_discord import FakeDiscord
from willai.importing import ImportFailedError
from willai.settings import Settings, SettingsError

NAME_RE = re.compile(r"^[-_a-z0-9]{1,32}$")


async def test_login_and_ready(fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]):
    async with fake_discord.run_bot(make_bot()) as bot:
        assert bot.is_ready()
        assert bot.user is not None
        assert bot.user.id == fake_discord.bot_user.id
        assert bot.serving.service.release.version == "v1.1.1"
    assert fake_discord.identify_count == 1


async def test_intents_are_minimal_and_mentions_off(make_bot: Callable[..., WillaiBot]):
    bot = make_bot()
    assert bot.intents.value == discord.Intents(guilds=True).value
    assert not (bot.intents.members)
    assert not (bot.intents.presences)
    assert not (bot.intents.message_content)
    assert bot.allowed_mentions is not None
    assert bot.allowed_mentions.to_dict()["parse"] == []


def _walk_options(options: list[dict]) -> list[dict]:
    out = []
    for option in options:
        out.append(option)
        out += _walk_options(option.get("options", []))
    return out


async def test_sync_payload_names_descriptions_and_sizes(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        await fake_discord.wait_for_sync(None)
    _, sent = fake_discord.sync_log[-1]
    names = {c["name"] for c in sent}
    assert names == {"willai", "willai-compare", "willai-about", "willai-admin"}
    for command in sent:
        assert NAME_RE.match(command["name"]), command["name"]
        assert 1 <= len(command["name"]) <= limits.COMMAND_NAME
        assert 1 <= len(command["description"]) <= limits.COMMAND_DESCRIPTION
        for option in _walk_options(command.get("options", [])):
            assert NAME_RE.match(option["name"]), option["name"]
            assert 1 <= len(option["description"]) <= limits.COMMAND_DESCRIPTION
            assert len(option.get("choices", [])) <= 25
            for choice in option.get("choices", []):
                assert len(choice["name"]) <= limits.CHOICE_NAME
    willai = next(c for c in sent if c["name"] == "willai")
    (job,) = willai["options"]
    assert job["type"] == 3
    assert job["autocomplete"] is True
    assert job["required"] is True
    assert job["max_length"] == 200
    compare = next(c for c in sent if c["name"] == "willai-compare")
    assert all(o["autocomplete"] for o in compare["options"])
    admin = next(c for c in sent if c["name"] == "willai-admin")
    assert int(admin["default_member_permissions"]) == discord.Permissions.manage_guild.flag
    assert admin["contexts"] == [0] or admin.get("dm_permission") is False
    assert {o["name"] for o in admin["options"]} == {"refresh", "status", "ephemeral", "language"}


def test_every_cog_module_is_an_extension():
    found = {f"bot.cogs.{m.name}" for m in pkgutil.iter_modules(bot.cogs.__path__)}
    assert found == set(EXTENSIONS)


async def test_loads_every_extension(make_settings: Callable[..., Settings]):
    client = create_bot(make_settings(), serve=False)
    async with client:
        for name in EXTENSIONS:
            await client.load_extension(name)
        assert set(client.extensions) == set(EXTENSIONS)
        assert {c.name for c in client.tree.get_commands()} == {
            "willai",
            "willai-compare",
            "willai-about",
            "willai-admin",
        }
        for name in EXTENSIONS:
            await client.reload_extension(name)


async def test_dev_guild_gets_an_instant_sync(
    fake_discord: FakeDiscord, make_settings: Callable[..., Settings]
):
    client = create_bot(make_settings(dev_guild_id=fake_discord.guild_id))
    async with fake_discord.run_bot(client):
        synced = await fake_discord.wait_for_sync(fake_discord.guild_id)
    assert {c["name"] for c in synced} >= {"willai", "willai-admin"}
    assert None not in fake_discord.synced_commands  # nothing global at start-up


async def test_sync_command_global_and_guild(
    fake_discord: FakeDiscord, make_settings: Callable[..., Settings]
):
    settings = make_settings(discord_token=fake_discord.token)
    synced = await sync_commands_async(settings, None)
    assert {c.name for c in synced} == {"willai", "willai-compare", "willai-about", "willai-admin"}
    synced = await sync_commands_async(settings, fake_discord.guild_id)
    assert len(synced) == 4
    assert [g for g, _ in fake_discord.sync_log] == [None, fake_discord.guild_id]


def test_sharded_bot_when_shard_settings_are_set(make_settings: Callable[..., Settings]):
    client = create_bot(make_settings(shard_count=2, shard_ids="0 1"))
    assert isinstance(client, ShardedWillaiBot)
    assert isinstance(client, WillaiBot)
    assert client.shard_count == 2
    assert client.shard_ids == [0, 1]
    assert type(create_bot(make_settings())) is WillaiBot


def test_shard_ids_without_count_is_refused(make_settings: Callable[..., Settings]):
    with pytest.raises(SettingsError, match="SHARD_COUNT"):
        create_bot(make_settings(shard_ids="0"))


def test_run_refuses_without_token(monkeypatch: pytest.MonkeyPatch, tiny_store_url: str):
    monkeypatch.setenv("DATABASE_URL", tiny_store_url)
    with pytest.raises(SettingsError, match="DISCORD_TOKEN"):
        run_bot()


def test_run_refuses_an_empty_store_without_source(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    monkeypatch.setenv("DISCORD_TOKEN", "x")
    with pytest.raises(ImportFailedError, match="ESCO_SOURCE"):
        run_bot()


def test_python_m_bot_prints_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tiny_store_url: str
):
    monkeypatch.setenv("DATABASE_URL", tiny_store_url)
    assert main() == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "DISCORD_TOKEN" in err
