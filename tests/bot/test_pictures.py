"""The score card follows the answer: text first, the picture attached once drawn off the loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import pytest

from bot import WillaiBot
from bot.pictures import PICTURE_NAME
from tests.fake_discord import FakeDiscord, InteractionRecord
from willai import card

CHANNEL_MESSAGE = 4
IMAGE = f"attachment://{PICTURE_NAME}"


def has_picture(message: dict) -> bool:
    return bool(message["attachments"])


async def logged(caplog: pytest.LogCaptureFixture, text: str) -> logging.LogRecord:
    """The bot's log record containing ``text``, once it is written (the card is drawn and
    attached after the handler answered, so the test waits for the log, not for a time)."""
    while True:
        for record in caplog.records:
            if record.name == "willai.bot.pictures" and text in record.getMessage():
                return record
        await asyncio.sleep(0.01)


def assert_text_answer(rec: InteractionRecord, title: str) -> None:
    """The answer sent first: the whole embed and its buttons, no picture yet."""
    assert rec.callback_type == CHANNEL_MESSAGE
    (embed,) = rec.callback_data["embeds"]
    assert embed["title"] == title
    assert "image" not in embed  # no image pointing at an attachment that is not there
    assert rec.callback_data["components"]
    assert rec.callback_files == []


async def test_the_answer_goes_out_first_and_the_card_is_attached_after(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        await rec.wait_response()
        (edit,) = await rec.wait_edits()
        message = await rec.wait_final(predicate=has_picture)
    assert_text_answer(rec, "Roofer")
    # the edit of the original response adds the picture and points the image at it
    assert [a["filename"] for a in edit["attachments"]] == [PICTURE_NAME]
    assert edit["embeds"][0]["image"]["url"] == IMAGE
    assert "components" not in edit  # the buttons stay as sent
    ((upload,),) = rec.edit_files
    assert upload.filename == PICTURE_NAME
    assert upload.data.startswith(b"\x89PNG")
    # what the user sees in the end: the same answer, with the picture
    assert [a["filename"] for a in message["attachments"]] == [PICTURE_NAME]
    (embed,) = message["embeds"]
    assert embed["title"] == "Roofer"
    assert embed["image"]["url"] == IMAGE
    assert message["components"] == rec.callback_data["components"]


async def test_a_card_drawn_before_goes_with_the_first_reply(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        first = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        await first.wait_final(predicate=has_picture)
        again = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        callback = await again.wait_response()
    (upload,) = again.callback_files
    assert upload.data == first.edit_files[0][0].data
    assert callback["data"]["embeds"][0]["image"]["url"] == IMAGE
    assert again.edits == []


async def test_a_card_on_disk_from_an_earlier_process_goes_with_the_first_reply(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        first = await fake_discord.interact_command("willai", {"job": "occ:nurse"})
        await first.wait_final(predicate=has_picture)
    async with fake_discord.run_bot(make_bot()):  # a new process: nothing in memory
        again = await fake_discord.interact_command("willai", {"job": "occ:nurse"})
        await again.wait_response()
    (upload,) = again.callback_files
    assert upload.data == first.edit_files[0][0].data
    assert again.edits == []


async def test_a_card_that_cannot_be_drawn_leaves_the_text_answer(
    fake_discord: FakeDiscord,
    make_bot: Callable[..., WillaiBot],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    def broken(*args: object, **kwargs: object) -> bytes:
        raise OSError("font file gone")

    monkeypatch.setattr(card, "render_card", broken)
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        await rec.wait_response()
        record = await asyncio.wait_for(logged(caplog, "not drawn"), timeout=10)
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None  # the log has the traceback; the user does not
    assert_text_answer(rec, "Roofer")
    assert rec.edits == []
    assert rec.followups == []  # no "something went wrong" either: the answer is complete
    message = rec.message
    assert message is not None
    assert message["embeds"][0]["title"] == "Roofer"
    assert message["attachments"] == []


async def test_an_expired_interaction_keeps_its_text_answer(
    fake_discord: FakeDiscord,
    make_bot: Callable[..., WillaiBot],
    caplog: pytest.LogCaptureFixture,
):
    async with fake_discord.run_bot(make_bot()):
        fake_discord.token_lifetime = 0.0  # the token is gone by the time the card is drawn
        rec = await fake_discord.interact_command("willai", {"job": "occ:clerk"})
        await rec.wait_response()
        record = await asyncio.wait_for(logged(caplog, "not attached"), timeout=10)
    assert record.levelno == logging.ERROR
    assert "Invalid Webhook Token" in record.getMessage()
    refused = [r for r in fake_discord.requests if r.method == "PATCH"]
    assert [r.status for r in refused] == [401]
    assert_text_answer(rec, "Data entry clerk")
    assert rec.followups == []
    message = rec.message
    assert message is not None
    assert message["attachments"] == []


async def test_picking_from_did_you_mean_attaches_the_card_after(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "clerk nurse"})
        menu = await rec.wait_final()
        pick = await fake_discord.select(menu, "willai:pick:clerk nurse", ["clerk"])
        message = await pick.wait_final(predicate=has_picture)
    answered = pick.callback_data  # the menu turned into the answer, without the picture
    assert answered["embeds"][0]["title"] == "Data entry clerk"
    assert "image" not in answered["embeds"][0]
    assert answered["attachments"] == []
    assert pick.callback_files == []
    assert message["id"] == menu["id"]  # the menu became the answer, then got its picture
    assert message["embeds"][0]["image"]["url"] == IMAGE
    assert [a["filename"] for a in message["attachments"]] == [PICTURE_NAME]
