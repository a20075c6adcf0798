"""Bursts: acknowledge first when many /willai are in flight, answer in order, turn away beyond."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot import WillaiBot
from bot.backlog import BUSY, Backlog
from bot.pictures import PICTURE_NAME
from tests.fake_discord import MESSAGE_FLAG_EPHEMERAL, FakeDiscord

DEFERRED = 5


async def test_a_deferred_answer_replaces_the_acknowledgement_with_the_card(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot(defer_backlog=0)):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        message = await rec.wait_final()
    assert rec.callback_type == DEFERRED
    # in a burst the card is drawn in the queue with its answer: one edit carries both
    (edit,) = rec.edits
    assert [f.filename for f in rec.edit_files[0]] == [PICTURE_NAME]
    (embed,) = message["embeds"]
    assert embed["title"] == "Roofer"
    assert embed["image"]["url"] == f"attachment://{PICTURE_NAME}"
    assert [a["filename"] for a in message["attachments"]] == [PICTURE_NAME]
    assert message["components"]
    assert edit["components"]


async def test_a_deferred_no_match_stays_private(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot(defer_backlog=0)):
        rec = await fake_discord.interact_command("willai", {"job": "qwxz zzvq"})
        await rec.wait_final()
        await asyncio.sleep(0.1)
    assert rec.original_deleted
    (followup,) = rec.followups
    assert followup["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert "No ESCO occupation matches" in followup["content"]


async def test_a_burst_is_acknowledged_and_answered_in_full(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    jobs = ["occ:roofer", "occ:clerk", "data entry clerk", "qwxz zzvq", "nurse"] * 40
    async with fake_discord.run_bot(make_bot(defer_backlog=10)):
        users = [fake_discord.add_user(f"u{i}") for i in range(len(jobs))]
        records = await asyncio.gather(
            *(
                fake_discord.interact_command("willai", {"job": job}, user=user)
                for job, user in zip(jobs, users, strict=True)
            )
        )
        await asyncio.gather(*(rec.wait_final(timeout=30) for rec in records))
    types = [rec.callback_type for rec in records]
    assert types.count(DEFERRED) > 0  # the tail of the burst acknowledged first
    assert all(rec.final_at is not None for rec in records)


async def test_beyond_the_busy_line_a_newcomer_is_told_to_retry_privately(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot(busy_backlog=1)):
        users = [fake_discord.add_user(f"u{i}") for i in range(3)]
        records = await asyncio.gather(
            *(fake_discord.interact_command("willai", {"job": "occ:roofer"}, user=u) for u in users)
        )
        callbacks = await asyncio.gather(*(rec.wait_response() for rec in records))
    busy = [c for c in callbacks if c["data"].get("content") == BUSY]
    assert busy
    assert all(c["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL for c in busy)


async def test_queued_jobs_run_in_arrival_order() -> None:
    backlog = Backlog(defer_after=0, busy_after=100)
    order: list[int] = []
    await asyncio.gather(*(backlog.run(lambda i=i: order.append(i)) for i in range(20)))
    await backlog.close()
    assert order == list(range(20))


async def test_a_failing_job_raises_in_its_own_caller_only() -> None:
    backlog = Backlog(defer_after=0, busy_after=100)

    def boom() -> None:
        raise ValueError("boom")

    results = await asyncio.gather(
        backlog.run(boom), backlog.run(lambda: 7), return_exceptions=True
    )
    await backlog.close()
    assert isinstance(results[0], ValueError)
    assert results[1] == 7


def test_positions_decide_direct_deferred_and_busy() -> None:
    backlog = Backlog(defer_after=2, busy_after=4)
    assert [(backlog.defer(p), backlog.busy(p)) for p in (1, 2, 3, 4, 5)] == [
        (False, False),
        (False, False),
        (True, False),
        (True, False),
        (True, True),
    ]
