"""`willai setup` and `willai invite` against the fake Discord: token, .env, invite, sync."""

from __future__ import annotations

import asyncio
import stat
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from typer.testing import CliRunner, Result

from bot.setup import FEATURE_PERMISSIONS, INVITE_SCOPES, invite_permissions
from tests.fake_discord import FakeDiscord
from willai.cli import app
from willai.settings import get_settings


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty checkout-like folder: .env.example, no .env, no token in the environment."""
    (tmp_path / ".env.example").write_text("DISCORD_TOKEN=\nLOG_LEVEL=INFO\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for key in ("DISCORD_TOKEN", "DEV_GUILD_ID", "DATABASE_URL"):
        monkeypatch.delenv(key, raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


async def invoke(*args: str, stdin: str = "") -> Result:
    """Run the CLI in a thread: it starts its own event loop, the fake serves on this one."""
    get_settings.cache_clear()
    return await asyncio.to_thread(CliRunner().invoke, app, list(args), input=stdin)


def invite_in(output: str) -> dict[str, list[str]]:
    line = next(x for x in output.splitlines() if "oauth2/authorize" in x)
    return parse_qs(urlparse(line.strip()).query)


async def test_a_good_token_is_saved_with_mode_600(fake_discord: FakeDiscord, workdir: Path):
    result = await invoke("setup", "--no-sync", stdin=f"{fake_discord.token}\n")
    assert result.exit_code == 0, result.output
    env = workdir / ".env"
    assert f"DISCORD_TOKEN={fake_discord.token}" in env.read_text(encoding="utf-8")
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert "LOG_LEVEL=INFO" in env.read_text(encoding="utf-8")  # the example's other keys


async def test_the_invite_names_the_application_scopes_and_documented_permissions(
    fake_discord: FakeDiscord, workdir: Path
):
    result = await invoke("setup", "--no-sync", stdin=f"{fake_discord.token}\n")
    query = invite_in(result.output)
    assert query["client_id"] == [str(fake_discord.application_id)]
    assert query["scope"] == [" ".join(INVITE_SCOPES)]
    assert query["permissions"] == [str(invite_permissions().value)]


def test_the_documented_permission_set_is_empty() -> None:
    assert invite_permissions().value == 0
    assert all(p.value == 0 for p in FEATURE_PERMISSIONS.values())


async def test_a_bad_token_is_one_line_and_exit_1(fake_discord: FakeDiscord, workdir: Path):
    result = await invoke("setup", "--no-sync", stdin="not-the-token\n")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "401" in lines[0]
    assert not (workdir / ".env").exists()


async def test_a_second_run_does_not_ask_again(fake_discord: FakeDiscord, workdir: Path):
    await invoke("setup", "--no-sync", stdin=f"{fake_discord.token}\n")
    result = await invoke("setup", "--no-sync")  # no input at all
    assert result.exit_code == 0, result.output
    assert "Bot token" not in result.output


async def test_setup_syncs_to_a_guild_and_remembers_it(fake_discord: FakeDiscord, workdir: Path):
    guild = fake_discord.guild_id
    result = await invoke("setup", stdin=f"{fake_discord.token}\n{guild}\n")
    assert result.exit_code == 0, result.output
    assert "synced" in result.output
    assert fake_discord.synced_commands.get(guild)
    assert f"DEV_GUILD_ID={guild}" in (workdir / ".env").read_text(encoding="utf-8")


async def test_invite_prints_the_url_alone(fake_discord: FakeDiscord, workdir: Path):
    await invoke("setup", "--no-sync", stdin=f"{fake_discord.token}\n")
    result = await invoke("invite")
    assert result.exit_code == 0, result.output
    assert result.output.strip().startswith("https://discord.com/oauth2/authorize?")
    assert len(result.output.strip().splitlines()) == 1


def test_make_creates_env_readable_by_its_owner_only(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    for name in ("Makefile", ".env.example"):
        (tmp_path / name).write_bytes((repo / name).read_bytes())
    subprocess.run(["make", "--silent", ".env"], cwd=tmp_path, check=True, capture_output=True)
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600
