"""Self-tests: a tiny real ``commands.Bot`` talking to the fake over real sockets."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fake_discord import (
    ADMIN_PERMISSIONS,
    MEMBER_PERMISSIONS,
    MESSAGE_FLAG_EPHEMERAL,
    ComponentNotFoundError,
    FakeDiscord,
    InteractionRejectedError,
)

JOBS = ["nurse", "software developer", "translator", "truck driver"]


class ScoreView(discord.ui.View):
    """Persistent view: timeout=None and fixed custom_ids survive restarts."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Why?", custom_id="score:why", style=discord.ButtonStyle.primary)
    async def why(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        button.disabled = True
        await interaction.response.edit_message(content="because tasks", view=self)

    @discord.ui.select(
        custom_id="score:pick",
        options=[discord.SelectOption(label=j, value=j) for j in JOBS],
    )
    async def pick(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.edit_message(content=f"picked {select.values[0]}", view=None)


def make_bot() -> commands.Bot:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

    @bot.tree.command(name="willai", description="Score a job")
    @app_commands.describe(job="Job title")
    async def willai(interaction: discord.Interaction, job: str, detail: bool = False) -> None:
        embed = discord.Embed(title=job.title(), description="exposure")
        embed.add_field(name="score", value="42")
        await interaction.response.send_message(
            f"<@{interaction.user.id}> here you go" if detail else None,
            embed=embed,
            view=ScoreView(),
            allowed_mentions=discord.AllowedMentions(users=False, everyone=False, roles=False),
        )

    @willai.autocomplete("job")
    async def job_auto(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=j, value=j) for j in JOBS if current in j][:25]

    @bot.tree.command(name="slow", description="Deferred answer")
    async def slow(interaction: discord.Interaction, ephemeral: bool = False) -> None:
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
        await interaction.edit_original_response(content="done thinking")

    @bot.tree.command(name="followup", description="Defer then follow up twice")
    async def followup(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.followup.send("first")
        await interaction.followup.send("second", file=discord.File(_bytes(b"abc"), "a.txt"))

    @bot.tree.command(name="reload", description="Admin only")
    @app_commands.default_permissions(manage_guild=True)
    async def reload(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            f"perms ok={interaction.permissions.manage_guild}", ephemeral=True
        )

    async def setup_hook() -> None:
        bot.add_view(ScoreView())
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


def _bytes(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


async def test_login_ready_and_guild_cache(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()) as bot:
        assert bot.is_ready()
        assert bot.user is not None
        assert bot.user.id == fake_discord.bot_user.id
        assert bot.application_id == fake_discord.application_id
        guild = bot.get_guild(fake_discord.guild_id)
        assert guild is not None
        assert guild.get_channel(fake_discord.channel_id) is not None
        assert guild.me is not None
    assert fake_discord.identify_count == 1


async def test_command_sync_payload_recorded(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        synced = await fake_discord.wait_for_sync(None)
    names = {c["name"] for c in synced}
    assert names == {"willai", "slow", "followup", "reload"}
    guild_id, sent = fake_discord.sync_log[-1]
    assert guild_id is None
    willai = next(c for c in sent if c["name"] == "willai")
    job = next(o for o in willai["options"] if o["name"] == "job")
    assert job["type"] == 3
    assert job["autocomplete"] is True
    reload_cmd = next(c for c in sent if c["name"] == "reload")
    # discord.py sends this as an int (Discord documents a string; both are accepted).
    assert int(reload_cmd["default_member_permissions"]) == discord.Permissions.manage_guild.flag
    assert all("id" in c for c in synced)


async def test_slash_command_embed_and_allowed_mentions(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "nurse", "detail": True})
        callback = await rec.wait_response(timeout=5)
        assert callback["type"] == 4
        data = callback["data"]
        assert data["embeds"][0]["title"] == "Nurse"
        assert data["embeds"][0]["fields"] == [{"name": "score", "value": "42", "inline": True}]
        # AllowedMentions(users=False, everyone=False, roles=False) serialises like this:
        assert data["allowed_mentions"] == {"parse": [], "replied_user": True}
        assert data["content"] == f"<@{fake_discord.user.id}> here you go"
        final = await rec.wait_final()
        assert final["embeds"][0]["title"] == "Nurse"
        assert final["mentions"] == []  # mentioned in content but not allowed to ping
        assert {c["custom_id"] for row in final["components"] for c in row["components"]} == {
            "score:why",
            "score:pick",
        }
        assert rec.latency is not None
        assert 0 <= rec.latency < 2


async def test_deferred_then_edit_original(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("slow", {"ephemeral": True})
        callback = await rec.wait_response()
        assert callback == {"type": 5, "data": {"flags": MESSAGE_FLAG_EPHEMERAL}}
        final = await rec.wait_final()
        assert final["content"] == "done thinking"
        assert final["flags"] & MESSAGE_FLAG_EPHEMERAL
        assert [e["content"] for e in rec.edits] == ["done thinking"]


async def test_followups_first_replaces_thinking(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("followup")
        messages = await rec.wait_followups(2)
        assert [m["content"] for m in messages] == ["first", "second"]
        assert messages[0]["id"] == rec.message["id"]  # type: ignore[index]
        assert messages[1]["attachments"][0]["filename"] == "a.txt"
        assert fake_discord.requests[-1].files[0].data == b"abc"


async def test_button_click_updates_message(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "nurse"})
        message = await rec.wait_final()
        click = await fake_discord.click(message, "score:why")
        callback = await click.wait_response()
        assert callback["type"] == 7
        updated = await click.wait_final()
        assert updated["id"] == message["id"]
        assert updated["content"] == "because tasks"
        with pytest.raises(InteractionRejectedError):
            await fake_discord.click(message, "score:why")  # now disabled
        with pytest.raises(ComponentNotFoundError):
            await fake_discord.click(message, "nope")


async def test_select_menu(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "nurse"})
        await rec.wait_final()
        sel = await fake_discord.select(rec, "score:pick", ["translator"])
        updated = await sel.wait_final()
        assert updated["content"] == "picked translator"
        assert updated["components"] == []


async def test_autocomplete_choices(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.autocomplete("willai", {"job": "dr"}, focused="job")
        callback = await rec.wait_response()
        assert callback["type"] == 8
        assert rec.choices == [{"name": "truck driver", "value": "truck driver"}]


async def test_default_permissions_enforced_and_visible(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        await fake_discord.wait_for_sync(None)
        with pytest.raises(InteractionRejectedError):
            await fake_discord.interact_command("reload", permissions=MEMBER_PERMISSIONS)
        rec = await fake_discord.interact_command("reload", permissions=ADMIN_PERMISSIONS)
        final = await rec.wait_final()
        assert final["content"] == "perms ok=True"
        assert final["flags"] & MESSAGE_FLAG_EPHEMERAL


async def test_persistent_view_survives_restart(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "nurse"})
        message = await rec.wait_final()
    assert not fake_discord.connected
    async with fake_discord.run_bot(make_bot()):
        click = await fake_discord.click(message, "score:why")
        updated = await click.wait_final()
        assert updated["content"] == "because tasks"
    assert fake_discord.identify_count == 2


async def test_second_acknowledgement_is_rejected_like_discord(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "nurse"})
        await rec.wait_response()
        url = f"{fake_discord.api_base}/interactions/{rec.id}/{rec.token}/callback"
        async with aiohttp.ClientSession() as session, session.post(url, json={"type": 6}) as resp:
            assert resp.status == 400
            assert (await resp.json())["code"] == 40060


@pytest.mark.parametrize("fake_discord_options", [{"callback_deadline": 0.0}])
async def test_late_callback_is_unknown_interaction(fake_discord: FakeDiscord) -> None:
    bot = make_bot()
    failures: asyncio.Queue[discord.HTTPException] = asyncio.Queue()

    @bot.tree.error
    async def on_error(interaction: discord.Interaction, error: Exception) -> None:
        original = getattr(error, "original", error)
        assert isinstance(original, discord.HTTPException)
        await failures.put(original)

    async with fake_discord.run_bot(bot):
        rec = await fake_discord.interact_command("willai", {"job": "nurse"})
        error = await asyncio.wait_for(failures.get(), 5)
        assert isinstance(error, discord.NotFound)
        assert error.code == 10062
        assert rec.callback is None
        assert rec.rejected is not None


async def test_subcommands_typed_options_user_resolved_and_channel_send(
    fake_discord: FakeDiscord,
) -> None:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
    admin = app_commands.Group(name="admin", description="admin tools")
    other = fake_discord.add_user("someone")

    @admin.command(name="boost", description="boost a user")
    async def boost(interaction: discord.Interaction, who: discord.Member, amount: int) -> None:
        assert interaction.channel is not None
        await interaction.channel.send(
            f"boosting {who.name}", file=discord.File(_bytes(b"x"), "x.txt")
        )
        await interaction.response.send_message(f"{who.id}:{amount * 2}:{type(who).__name__}")

    bot.tree.add_command(admin)

    async def setup_hook() -> None:
        bot.tree.copy_global_to(guild=discord.Object(fake_discord.guild_id))
        await bot.tree.sync(guild=discord.Object(fake_discord.guild_id))

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    fake_discord.configure_guild(fake_discord.guild_id, members=[other])

    async with fake_discord.run_bot(bot):
        synced = fake_discord.synced_commands[fake_discord.guild_id]
        assert synced[0]["name"] == "admin"
        rec = await fake_discord.interact_command("admin boost", {"who": other, "amount": 21})
        final = await rec.wait_final()
        assert final["content"] == f"{other.id}:42:Member"
        opts = rec.payload["data"]["options"]
        assert opts[0]["type"] == 1
        assert {o["name"]: o["type"] for o in opts[0]["options"]} == {"who": 6, "amount": 4}
        (sent,) = fake_discord.channel_messages()
        assert sent["content"] == f"boosting {other.username}"
        assert sent["attachments"][0]["filename"] == "x.txt"


async def test_unknown_routes_are_recorded(fake_discord: FakeDiscord) -> None:
    fake_discord.strict = False
    async with fake_discord.run_bot(make_bot()) as bot:
        with pytest.raises(discord.NotFound):
            await bot.fetch_guild(fake_discord.guild_id)
    assert [r.path for r in fake_discord.unknown_requests] == [
        f"/api/v10/guilds/{fake_discord.guild_id}"
    ]


class SlowButtonView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Refresh", custom_id="slow:refresh")
    async def refresh(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.defer()  # type 6: deferred update of the clicked message
        await interaction.edit_original_response(content="refreshed", view=None)


async def test_deferred_component_update_and_dm(fake_discord: FakeDiscord) -> None:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

    @bot.tree.command(name="panel", description="panel")
    async def panel(interaction: discord.Interaction) -> None:
        where = "dm" if interaction.guild is None else "guild"
        await interaction.response.send_message(where, view=SlowButtonView())

    async with fake_discord.run_bot(bot):
        rec = await fake_discord.interact_command("panel", dm=True)
        message = await rec.wait_final()
        assert message["content"] == "dm"
        click = await fake_discord.click(message, "slow:refresh")
        assert (await click.wait_response())["type"] == 6
        updated = await click.wait_final()
        assert updated["id"] == message["id"]
        assert updated["content"] == "refreshed"
        assert updated["components"] == []
        assert click.edits[0]["components"] == []


async def test_gateway_reconnect_resumes_session(fake_discord: FakeDiscord) -> None:
    async with fake_discord.run_bot(make_bot()):
        await fake_discord.reconnect_request()
        await fake_discord.changed.wait_until(
            lambda: fake_discord.resume_count == 1 and fake_discord.connected, 5, "RESUME"
        )
        rec = await fake_discord.interact_command("willai", {"job": "nurse"})
        assert (await rec.wait_response())["type"] == 4
    assert fake_discord.identify_count == 1
