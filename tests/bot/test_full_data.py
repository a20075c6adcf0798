"""/willai on the full ESCO data (en, fr, de, es): real titles, real ambiguity."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot import WillaiBot, create_bot
from bot.serving import Serving
from scoring.phrases import title_case
from tests.bot.support import sync_commands_at_setup
from tests.fake_discord import FakeDiscord, all_custom_ids
from willai.settings import load_settings

pytestmark = pytest.mark.full_data


@pytest.fixture(scope="session")
def full_serving(full_store, full_cache) -> Serving:
    """Built once, from the index laid out once per run (`full_cache`)."""
    return Serving.load(full_store, full_cache)


@pytest.fixture
def full_bot(
    full_store_url: str, full_serving: Serving, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], WillaiBot]]:
    monkeypatch.setattr(Serving, "load", classmethod(lambda cls, store, cards=None: full_serving))

    def make() -> WillaiBot:
        settings = load_settings(database_url=full_store_url, ask_cooldown_seconds=0)
        return sync_commands_at_setup(create_bot(settings))

    return make


@pytest.mark.parametrize(
    ("job", "title"),
    [
        ("medical records manager", "Medical records manager"),
        ("software developer", "Software developer"),
        ("accountant", "Accountant"),
    ],
)
async def test_clear_titles_answer_directly(
    fake_discord: FakeDiscord, full_bot: Callable[[], WillaiBot], job: str, title: str
):
    async with fake_discord.run_bot(full_bot()):
        rec = await fake_discord.interact_command("willai", {"job": job})
        callback = await rec.wait_response()
    assert callback["type"] == 4
    (embed,) = callback["data"]["embeds"]
    assert embed["title"] == title
    assert "/100** `" in embed["description"]
    moves = next(f for f in embed["fields"] if f["name"] == "Where your skills could take you")
    assert 1 <= moves["value"].count("• ") <= 3
    assert "points lower; both involve" in moves["value"]


async def test_other_languages_show_what_was_typed(
    fake_discord: FakeDiscord, full_bot: Callable[[], WillaiBot]
):
    async with fake_discord.run_bot(full_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "Elektriker"})
        (embed,) = (await rec.wait_response())["data"]["embeds"]
    assert embed["description"].startswith("You asked: *Elektriker*")


async def test_teacher_offers_a_did_you_mean_menu_and_answers_the_choice(
    fake_discord: FakeDiscord, full_bot: Callable[[], WillaiBot]
):
    async with fake_discord.run_bot(full_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "teacher"})
        message = await rec.wait_final()
        (select,) = [c for row in message["components"] for c in row["components"]]
        assert 3 <= len(select["options"]) <= 5
        labels = {o["label"]: o["value"] for o in select["options"]}
        primary = "Primary school teacher"
        school = {primary, "Secondary school teacher"}
        assert next(iter(labels)) in school  # school teachers first (the commonness prior)
        assert primary in labels
        pick = await fake_discord.select(message, select["custom_id"], [labels[primary]])
        answered = await pick.wait_final()
    assert answered["embeds"][0]["title"] == primary
    assert answered["embeds"][0]["description"].startswith("You asked: *teacher*")


async def test_nurse_is_answered_with_the_general_nurse(
    fake_discord: FakeDiscord, full_bot: Callable[[], WillaiBot]
):
    async with fake_discord.run_bot(full_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "nurse"})
        (embed,) = (await rec.wait_response())["data"]["embeds"]
    assert embed["title"] == "Nurse responsible for general care"


async def test_autocomplete_on_full_data(
    fake_discord: FakeDiscord, full_bot: Callable[[], WillaiBot]
):
    async with fake_discord.run_bot(full_bot()) as bot:
        rec = await fake_discord.autocomplete("willai", {"job": "nur"}, focused="job")
        await rec.wait_response()
        assert 5 <= len(rec.choices) <= 25
        assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in rec.choices)
        picked = bot.serving.keys.from_choice(rec.choices[0]["value"])
        ask = await fake_discord.interact_command("willai", {"job": rec.choices[0]["value"]})
        (embed,) = (await ask.wait_response())["data"]["embeds"]
        picked_label = bot.serving.service.scores[picked].label
    assert embed["title"] == title_case(picked_label)


async def test_compare_on_full_data(fake_discord: FakeDiscord, full_bot: Callable[[], WillaiBot]):
    async with fake_discord.run_bot(full_bot()):
        rec = await fake_discord.interact_command(
            "willai-compare", {"job_a": "accountant", "job_b": "roofer"}
        )
        (embed,) = (await rec.wait_response())["data"]["embeds"]
    assert embed["title"] == "Accountant vs Roofer"


async def test_moves_behind_the_button_are_said_in_the_clickers_language(
    fake_discord: FakeDiscord, full_bot: Callable[[], WillaiBot]
):
    asker = fake_discord.add_user("françoise", locale="fr")
    clicker = fake_discord.add_user("dieter", locale="de")
    async with fake_discord.run_bot(full_bot()) as bot:
        rec = await fake_discord.interact_command(
            "willai", {"job": "medical records manager"}, user=asker
        )
        message = await rec.wait_final()
        paths = next(i for i in all_custom_ids(message["components"]) if ":paths:" in i)
        click = await fake_discord.click(message, paths, user=clicker)
        (embed,) = (await click.wait_response())["data"]["embeds"]
    service = bot.serving.service
    uri = service.ask("medical records manager").score.uri  # type: ignore[union-attr]
    french = service.voices.report(service.scores[uri], "fr").moves
    german = service.voices.report(service.scores[uri], "de").moves
    assert german
    assert german != french
    moves = message["embeds"][0]["fields"][-1]["value"]
    assert all(line in moves for line in french[:3])
    value = embed["fields"][0]["value"]
    assert all(line in value for line in german)
    assert embed["title"].endswith(service.occupation_name(uri, "", "de"))
