"""/willai-compare, /willai-about, and the shared error handler."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from bot import WillaiBot
from tests.fake_discord import MESSAGE_FLAG_EPHEMERAL, FakeDiscord
from willai import texts


async def test_compare_side_by_side(fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]):
    async with fake_discord.run_bot(make_bot()) as bot:
        scores = {s.label: s for s in bot.serving.service.scores.values()}
        rec = await fake_discord.interact_command(
            "willai-compare", {"job_a": "occ:clerk", "job_b": "occ:roofer"}
        )
        callback = await rec.wait_response()
    (embed,) = callback["data"]["embeds"]
    assert embed["title"] == "Data entry clerk vs Roofer"
    left, right, verdict = embed["fields"]
    assert left["name"] == "Data entry clerk"
    assert left["inline"]
    assert right["name"] == "Roofer"
    assert right["inline"]
    assert f"**{scores['data entry clerk'].overall}/100**" in left["value"]
    assert f"**{scores['roofer'].overall}/100**" in right["value"]
    assert verdict["name"] == "In short"
    assert texts.ESCO_ATTRIBUTION in embed["footer"]["text"]


async def test_compare_autocomplete_on_both_options(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        first = await fake_discord.autocomplete(
            "willai-compare", {"job_a": "roo", "job_b": ""}, focused="job_a"
        )
        await first.wait_response()
        second = await fake_discord.autocomplete(
            "willai-compare", {"job_a": "occ:roofer", "job_b": "data"}, focused="job_b"
        )
        await second.wait_response()
    assert first.choices == [{"name": "roofer", "value": "occ:roofer"}]
    assert second.choices[0]["value"] == "occ:clerk"


async def test_compare_explains_titles_that_need_a_choice(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command(
            "willai-compare", {"job_a": "clerk nurse", "job_b": "xyzzy qwertz"}
        )
        callback = await rec.wait_response()
    data = callback["data"]
    assert data["flags"] & MESSAGE_FLAG_EPHEMERAL
    first, second = data["content"].split("\n")
    assert first.startswith("*clerk nurse* fits several occupations")
    assert second.startswith("*xyzzy qwertz*: ")


async def test_about(fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai-about")
        callback = await rec.wait_response()
    (embed,) = callback["data"]["embeds"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert texts.ESCO_ATTRIBUTION in fields["Sources"]
    assert "ILO" in fields["Sources"]
    assert fields["Data"].startswith("ESCO v1.1.1, 3 occupations")
    assert "make run" in fields["Self-host"]
    assert texts.DISCLAIMER in embed["description"]


async def test_unexpected_error_answers_privately_and_logs_context(
    fake_discord: FakeDiscord,
    make_bot: Callable[..., WillaiBot],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    def boom(query: str, language: str = "en") -> None:
        raise RuntimeError("matcher exploded")

    async with fake_discord.run_bot(make_bot()) as bot:
        monkeypatch.setattr(bot.serving.service, "ask", boom)
        with caplog.at_level(logging.ERROR, logger="willai.bot.errors"):
            rec = await fake_discord.interact_command("willai", {"job": "nurse"})
            callback = await rec.wait_response()
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert callback["data"]["content"].startswith("Something went wrong")
    (record,) = [r for r in caplog.records if r.name == "willai.bot.errors"]
    assert f"interaction={rec.id}" in record.getMessage()
    assert "'willai'" in record.getMessage()
    assert record.exc_info is not None
    assert "matcher exploded" in str(record.exc_info[1])


async def test_button_errors_go_through_the_same_handler(
    fake_discord: FakeDiscord,
    make_bot: Callable[..., WillaiBot],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    import bot.embeds

    def boom(*args: object) -> None:
        raise RuntimeError("embed exploded")

    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        message = await rec.wait_final()
        monkeypatch.setattr(bot.embeds, "resilient_embed", boom)
        with caplog.at_level(logging.ERROR, logger="willai.bot.errors"):
            click = await fake_discord.click(message, "willai:resilient:roofer")
            callback = await click.wait_response()
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert callback["data"]["content"].startswith("Something went wrong")
    assert any("willai:resilient:roofer" in r.getMessage() for r in caplog.records)
