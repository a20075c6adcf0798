"""/willai against the fake Discord, on the tiny three-occupation store."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot import WillaiBot
from bot.pictures import PICTURE_NAME
from scoring.phrases import title_case
from tests.bot.conftest import CLERK, NURSE, ROOFER
from tests.fake_discord import (
    ADMIN_PERMISSIONS,
    MESSAGE_FLAG_EPHEMERAL,
    FakeDiscord,
    all_custom_ids,
)
from willai import texts

CHANNEL_MESSAGE, UPDATE_MESSAGE, AUTOCOMPLETE = 4, 7, 8


def custom_ids(message: dict) -> list[str]:
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


@pytest.mark.parametrize(
    ("job", "label"),
    [
        ("occ:roofer", "roofer"),
        ("occ:clerk", "data entry clerk"),
        (f"uri:{NURSE}", "specialist nurse"),
    ],
)
async def test_answer_embed_for_picked_occupations(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot], job: str, label: str
):
    async with fake_discord.run_bot(make_bot()) as bot:
        rec = await fake_discord.interact_command("willai", {"job": job})
        callback = await rec.wait_response()
        assert callback["type"] == CHANNEL_MESSAGE
        data = callback["data"]
        assert not data.get("flags", 0) & MESSAGE_FLAG_EPHEMERAL  # public by default
        (embed,) = data["embeds"]
        score = next(s for s in bot.serving.service.scores.values() if s.label == label)
        assert embed["title"] == title_case(label)
        assert f"**{score.overall}/100** `{texts.score_bar(score.overall)}`" in embed["description"]
        assert embed["color"] == score.band.colour
        assert "You asked" not in embed["description"]  # picked, not typed differently
        names = [f["name"] for f in embed["fields"]]
        assert names == [
            "Near term",
            "Stays human",
            "Long term",
            "Key takeaways",
            "Where your skills could take you",
        ]
        assert score.report.verdict in embed["description"]
        assert score.report.question in embed["description"]
        footer = embed["footer"]["text"]
        assert texts.ESCO_ATTRIBUTION in footer
        assert "ESCO v1.1.1" in footer
        assert "a measure of exposure, not a job-loss probability" in footer.lower()


async def test_answer_carries_the_score_card_picture(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        message = await rec.wait_final(predicate=lambda m: bool(m["attachments"]))
    (attachment,) = message["attachments"]
    assert attachment["filename"] == PICTURE_NAME
    assert attachment["size"] > 1000
    (embed,) = message["embeds"]
    assert embed["image"]["url"] == f"attachment://{PICTURE_NAME}"
    (upload,) = [f for r in fake_discord.requests for f in r.files]
    assert upload.data.startswith(b"\x89PNG")


async def test_answer_has_the_follow_up_buttons(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        message = await rec.wait_final()
    assert custom_ids(message) == [
        "willai:factor:skill_vulnerability:roofer",
        "willai:factor:task_automation:roofer",
        "willai:factor:ai_complementarity:roofer",
        "willai:resilient:roofer",
        "willai:paths:roofer",
        "willai:method",
    ]
    labels = [c["label"] for row in message["components"] for c in row["components"]]
    assert all(len(label) <= 80 for label in labels)
    assert "Where your skills could take you" in labels


async def test_typed_title_shows_what_was_asked_and_did_you_mean(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "clerk nurse"})
        message = await rec.wait_final()
        (embed,) = message["embeds"]
        assert embed["title"] == "Did you mean…"
        (select,) = [c for row in message["components"] for c in row["components"]]
        assert select["custom_id"] == "willai:pick:clerk nurse"
        values = [o["value"] for o in select["options"]]
        assert set(values) == {"nurse", "clerk"}
        assert all(len(o["label"]) <= 100 for o in select["options"])

        pick = await fake_discord.select(message, select["custom_id"], ["clerk"])
        assert (await pick.wait_response())["type"] == UPDATE_MESSAGE
        answered = await pick.wait_final()
    (embed,) = answered["embeds"]
    assert embed["title"] == "Data entry clerk"
    assert embed["description"].startswith("You asked: *clerk nurse*")
    assert "willai:resilient:clerk" in custom_ids(answered)


async def test_someone_else_picking_gets_a_private_answer(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    other = fake_discord.add_user("bystander")
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "clerk nurse"})
        message = await rec.wait_final()
        pick = await fake_discord.select(message, "willai:pick:clerk nurse", ["nurse"], user=other)
        callback = await pick.wait_response()
    assert callback["type"] == CHANNEL_MESSAGE
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert callback["data"]["embeds"][0]["title"] == "Specialist nurse"
    assert fake_discord.messages[int(message["id"])]["embeds"][0]["title"] == "Did you mean…"


async def test_no_match_is_private_with_the_matchers_hint(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()) as bot:
        hint = bot.serving.service.ask("xyzzy qwertz").match.hint
        rec = await fake_discord.interact_command("willai", {"job": "xyzzy qwertz"})
        callback = await rec.wait_response()
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    content = callback["data"]["content"]
    assert content.startswith("No ESCO occupation matches *xyzzy qwertz*.")
    assert hint
    assert hint in content


async def test_stale_choice_value_is_explained(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:gone-away"})
        callback = await rec.wait_response()
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert "not in the current data" in callback["data"]["content"]


async def test_autocomplete_suggests_occupations_with_compact_values(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.autocomplete("willai", {"job": "roo"}, focused="job")
        callback = await rec.wait_response()
        assert callback["type"] == AUTOCOMPLETE
        assert rec.choices == [{"name": "roofer", "value": "occ:roofer"}]
        empty = await fake_discord.autocomplete("willai", {"job": ""}, focused="job")
        await empty.wait_response()
        assert empty.choices == []
        # picking the choice answers for that occupation without matching again
        ask = await fake_discord.interact_command("willai", {"job": rec.choices[0]["value"]})
        assert (await ask.wait_final())["embeds"][0]["title"] == "Roofer"


async def test_autocomplete_choices_stay_within_limits(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.autocomplete("willai", {"job": "n"}, focused="job")
        await rec.wait_response()
    assert 1 <= len(rec.choices) <= 25
    for choice in rec.choices:
        assert len(choice["name"]) <= 100
        assert len(choice["value"]) <= 100
        assert choice["value"].startswith("occ:")


@pytest.mark.parametrize(
    ("custom_id", "title"),
    [
        ("willai:factor:skill_vulnerability:clerk", "Skill vulnerability: Data entry clerk"),
        ("willai:factor:task_automation:clerk", "Task automation: Data entry clerk"),
        ("willai:factor:ai_complementarity:clerk", "AI complementarity: Data entry clerk"),
        ("willai:resilient:clerk", "Resilient skills: Data entry clerk"),
        ("willai:paths:clerk", "Where your skills could take you: Data entry clerk"),
        ("willai:method", "How the score is made"),
    ],
)
async def test_each_follow_up_button_answers_privately(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot], custom_id: str, title: str
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:clerk"})
        message = await rec.wait_final()
        click = await fake_discord.click(message, custom_id)
        callback = await click.wait_response()
    assert callback["type"] == CHANNEL_MESSAGE
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    (embed,) = callback["data"]["embeds"]
    assert embed["title"] == title


async def test_factor_button_shows_value_percentile_and_drivers(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()) as bot:
        score = bot.serving.service.scores[CLERK]
        rec = await fake_discord.interact_command("willai", {"job": "occ:clerk"})
        message = await rec.wait_final()
        click = await fake_discord.click(message, "willai:factor:task_automation:clerk")
        (embed,) = (await click.wait_response())["data"]["embeds"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["This occupation"] == f"**{round(score.task_automation)}**/100"
    assert f"{round(score.percentiles.task_automation)}%" in fields["Among all occupations"]
    for skill in score.factor_drivers.get("task_automation", ())[:3]:
        assert skill.label in fields["Skills that drive it"]
    assert embed["description"].startswith("The share of the job")


async def test_buttons_still_work_after_a_restart(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:nurse"})
        message = await rec.wait_final()
    assert not fake_discord.connected
    async with fake_discord.run_bot(make_bot()):
        click = await fake_discord.click(message, "willai:paths:nurse")
        callback = await click.wait_response()
        pick_rec = await fake_discord.interact_command("willai", {"job": "clerk nurse"})
        menu = await pick_rec.wait_final()
    assert callback["data"]["embeds"][0]["title"].endswith("Specialist nurse")
    assert fake_discord.identify_count == 2
    # and a did-you-mean menu sent before a restart still answers after it
    async with fake_discord.run_bot(make_bot()):
        pick = await fake_discord.select(menu, "willai:pick:clerk nurse", ["nurse"])
        answered = await pick.wait_final()
    assert answered["embeds"][0]["title"] == "Specialist nurse"


async def test_everyone_in_the_job_text_pings_nobody(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "@everyone roofer **x**"})
        callback = await rec.wait_response()
        nothing = await fake_discord.interact_command("willai", {"job": "@everyone <@&1>"})
        refusal = await nothing.wait_response()
    data = callback["data"]
    assert data["allowed_mentions"]["parse"] == []
    text = data["embeds"][0]["description"]
    assert "@everyone" not in text
    assert "@\u200beveryone" in text
    assert "\\*\\*x\\*\\*" in text
    assert refusal["data"]["allowed_mentions"]["parse"] == []
    assert "@everyone" not in refusal["data"]["content"]
    message = rec.message
    assert message is not None
    assert message["mentions"] == []
    assert not message["mention_everyone"]


async def test_per_server_ephemeral_setting(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        toggle = await fake_discord.interact_command(
            "willai-admin ephemeral", {"mode": "on"}, permissions=ADMIN_PERMISSIONS
        )
        assert "private" in (await toggle.wait_final())["content"]
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        assert (await rec.wait_response())["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    async with fake_discord.run_bot(make_bot()):  # stored, so it survives a restart
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        assert (await rec.wait_response())["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
        toggle = await fake_discord.interact_command(
            "willai-admin ephemeral", {"mode": "off"}, permissions=ADMIN_PERMISSIONS
        )
        await toggle.wait_final()
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        assert not (await rec.wait_response())["data"].get("flags", 0) & MESSAGE_FLAG_EPHEMERAL


async def test_per_user_cooldown(fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]):
    other = fake_discord.add_user("someone else")
    async with fake_discord.run_bot(make_bot(ask_cooldown_seconds=60)):
        first = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        assert (await first.wait_response())["data"]["embeds"]
        second = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        refused = await second.wait_response()
        third = await fake_discord.interact_command("willai", {"job": "occ:roofer"}, user=other)
        allowed = await third.wait_response()
    assert refused["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert refused["data"]["content"].startswith("Slow down")
    assert allowed["data"]["embeds"]


async def test_components_are_namespaced(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        message = await rec.wait_final()
    ids = all_custom_ids(message["components"])
    assert ids
    assert all(i.startswith("willai:") and len(i) <= 100 for i in ids)
    assert ROOFER.endswith("/" + custom_ids(message)[0].rsplit(":", 1)[1])
