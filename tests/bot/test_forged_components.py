"""Every click gets an answer: forged, stale or malformed custom_ids included."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from bot import WillaiBot, views
from tests.fake_discord import MESSAGE_FLAG_EPHEMERAL, FakeDiscord

FORGED_BUTTONS = [
    "willai:",
    "willai:bogus",
    "willai:method:x",
    "willai:factor:SKILL:clerk",
    "willai:factor:task_automation:clerk:extra",
    "willai:resilient:clerk\nextra",
    "willai:paths:../../etc",
    "willai:pick:nurse",  # a select's id, sent as a button
    "not-ours-at-all",
    "willai:factor:task_automation:nosuchkey",  # fits, but no such button on the message
]


async def _answer(fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot], click) -> dict:
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:clerk"})
        message = await rec.wait_final()
        record = await click(message)
        return await record.wait_response()


@pytest.mark.parametrize("custom_id", FORGED_BUTTONS)
async def test_a_forged_button_gets_a_private_expired_reply(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot], custom_id: str
):
    callback = await _answer(
        fake_discord, make_bot, lambda m: fake_discord.click(m, custom_id, force=True)
    )
    assert callback["data"]["content"] == views.EXPIRED
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL


async def test_a_button_id_sent_as_a_select_gets_the_expired_reply(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    callback = await _answer(
        fake_discord,
        make_bot,
        lambda m: fake_discord.select(m, "willai:method", ["x"], force=True),
    )
    assert callback["data"]["content"] == views.EXPIRED


async def test_a_claimed_click_that_never_answers_gets_the_expired_reply(
    fake_discord: FakeDiscord,
    make_bot: Callable[..., WillaiBot],
    monkeypatch: pytest.MonkeyPatch,
):
    async def stuck(self: views.FactorButton, interaction: object) -> None:
        await asyncio.sleep(10)

    monkeypatch.setattr(views, "WATCHDOG_SECONDS", 0.2)
    monkeypatch.setattr(views.FactorButton, "respond", stuck)
    callback = await _answer(
        fake_discord,
        make_bot,
        lambda m: fake_discord.click(m, "willai:factor:task_automation:clerk"),
    )
    assert callback["data"]["content"] == views.EXPIRED


async def test_a_real_button_is_answered_by_its_item_not_the_fallback(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    callback = await _answer(
        fake_discord,
        make_bot,
        lambda m: fake_discord.click(m, "willai:factor:task_automation:clerk"),
    )
    (embed,) = callback["data"]["embeds"]
    assert embed["title"] == "Task automation: Data entry clerk"
