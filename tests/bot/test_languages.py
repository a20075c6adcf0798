"""Answers in the asker's language, end to end on the fake Discord (issue 16).

The store speaks four languages (tests/bot/conftest.py): ESCO names and descriptions in French,
German and Spanish, skill labels in French. Fixed words are checked against what the shipped
catalogue says for their message id, so these tests hold today and check the wording once the
new messages are translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot import WillaiBot, embeds, errors, refresh, views
from bot.cogs.admin import LANGUAGE_SET
from bot.language import locale_tag
from languages import grammar
from languages.catalogue import translations
from languages.choice import NAMES as LANGUAGE_NAMES
from languages.voices import interface_voice
from scoring import FACTORS
from tests.bot.conftest import CLERK, NAMES, NURSE
from tests.bot.support import BlockingImport, must_not_import
from tests.fake_discord import ADMIN_PERMISSIONS, MESSAGE_FLAG_EPHEMERAL, FakeDiscord
from willai import texts
from willai.card import render_card

CHANNEL_MESSAGE = 4


def catalogue(language: str, message: str) -> str:
    """What the catalogue of ``language`` says for ``message``, typeset as that language is."""
    text = translations(language).gettext(message)
    return grammar.french_spacing(text) if language == "fr" else text


def labels(message: dict) -> list[str]:
    return [c["label"] for row in message["components"] for c in row["components"]]


async def set_server_language(fake: FakeDiscord, value: str, **context: object) -> str:
    rec = await fake.interact_command(
        "willai-admin language", {"language": value}, permissions=ADMIN_PERMISSIONS, **context
    )
    callback = await rec.wait_response()
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    return callback["data"]["content"]


async def ask_title(fake: FakeDiscord, job: str = "occ:nurse", **context: object) -> str:
    rec = await fake.interact_command("willai", {"job": job}, **context)
    return (await rec.wait_response())["data"]["embeds"][0]["title"]


@pytest.mark.parametrize(
    ("locale", "language"),
    [("fr", "fr"), ("de", "de"), ("es-ES", "es"), ("es-419", "es"), ("en-GB", "en")],
)
async def test_an_answer_comes_in_the_askers_discord_language(
    fake_discord: FakeDiscord,
    make_multilingual_bot: Callable[..., WillaiBot],
    locale: str,
    language: str,
):
    async with fake_discord.run_bot(make_multilingual_bot()) as bot:
        rec = await fake_discord.interact_command("willai", {"job": "occ:nurse"}, locale=locale)
        callback = await rec.wait_response()
        await rec.wait_edits()  # the score card, drawn after the answer went out
    service = bot.serving.service
    answer = service.answer_for(NURSE, language=language)
    assert answer is not None
    report = answer.words
    assert report.language == language
    (embed,) = callback["data"]["embeds"]
    assert embed["title"] == NAMES[language]["nurse"]  # ESCO's name in that language
    assert report.verdict in embed["description"]
    assert report.question in embed["description"]
    assert report.summary in embed["description"]
    assert catalogue(language, embeds.HOW_AI_CHANGES) in embed["description"]
    names = [field["name"] for field in embed["fields"]]
    assert names == [
        *report.headings,
        catalogue(language, embeds.KEY_TAKEAWAYS),
        catalogue(language, embeds.WHERE_SKILLS_TAKE_YOU),
    ]
    assert embed["footer"]["text"].startswith(
        texts.footer("ESCO v1.1.1", answer.score.model_version, answer.voice)
    )
    assert catalogue(language, texts.DISCLAIMER) in embed["footer"]["text"]
    # the buttons are labelled in the asker's language; their ids do not change with it
    shown = labels(callback["data"])
    assert shown[:3] == [catalogue(language, info.title) for info in FACTORS.values()]
    assert shown[3:] == [
        catalogue(language, embeds.RESILIENT_SKILLS),
        catalogue(language, embeds.WHERE_SKILLS_TAKE_YOU),
        catalogue(language, views.METHODOLOGY),
    ]
    if language != "en":  # the factor titles are translated in the shipped catalogues
        assert shown[0] != next(iter(FACTORS.values())).title
    ids = [c["custom_id"] for row in callback["data"]["components"] for c in row["components"]]
    assert ids[0] == "willai:factor:skill_vulnerability:nurse"
    # the score card picture is drawn in that language too
    ((picture,),) = rec.edit_files
    drawn = render_card(answer.score, "ESCO v1.1.1", voice=answer.voice, name=answer.title)
    assert picture.data == drawn
    if language != "en":
        assert picture.data != render_card(answer.score, "ESCO v1.1.1")


async def test_a_missing_label_shows_the_english_one_marked_and_says_why(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_multilingual_bot()):
        spanish = await fake_discord.interact_command(
            "willai", {"job": "occ:clerk"}, locale="es-ES"
        )
        (embed,) = (await spanish.wait_response())["data"]["embeds"]
        english = await fake_discord.interact_command("willai", {"job": "occ:clerk"})
        (complete,) = (await english.wait_response())["data"]["embeds"]
    assert embed["title"] == NAMES["es"]["clerk"]  # ESCO has no Spanish name for it
    assert embed["footer"]["text"].endswith(catalogue("es", texts.FALLBACK_NOTE))
    # the release's own language has every label: no mark, no note
    assert "(EN)" not in str(complete)
    assert complete["footer"]["text"] == texts.footer("ESCO v1.1.1", "1.2.0")


async def test_an_unsupported_locale_gets_the_server_default_then_english(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_multilingual_bot()) as bot:
        assert await ask_title(fake_discord, locale="pt-BR") == NAMES["en"]["nurse"]
        # Discord's own server locale is not a choice the admin made: still English
        assert (
            await ask_title(fake_discord, locale="pt-BR", guild_locale="fr") == "Specialist nurse"
        )

        reply = await set_server_language(fake_discord, "fr")  # by an en-US admin
        assert reply == catalogue("en", LANGUAGE_SET["fr"])
        assert bot.store.guild_language(fake_discord.guild_id) == "fr"
        assert await ask_title(fake_discord, locale="pt-BR") == NAMES["fr"]["nurse"]
        assert await ask_title(fake_discord, locale="ja") == NAMES["fr"]["nurse"]
        # members whose own language willai speaks keep it
        assert await ask_title(fake_discord, locale="de") == NAMES["de"]["nurse"]
        assert await ask_title(fake_discord, locale="en-US") == NAMES["en"]["nurse"]

    async with fake_discord.run_bot(make_multilingual_bot()) as bot:  # stored: survives restarts
        assert await ask_title(fake_discord, locale="pt-BR") == NAMES["fr"]["nurse"]
        await set_server_language(fake_discord, "en")  # English clears the default
        assert bot.store.guild_language(fake_discord.guild_id) == ""
        assert await ask_title(fake_discord, locale="pt-BR") == NAMES["en"]["nurse"]


@pytest.mark.parametrize(
    ("admin_locale", "choice", "reply_language"),
    [("de", "fr", "de"), ("pt-BR", "es", "es"), ("pt-BR", "en", "en"), ("es-419", "de", "es")],
)
async def test_the_language_setting_answers_in_the_admins_language(
    fake_discord: FakeDiscord,
    make_multilingual_bot: Callable[..., WillaiBot],
    admin_locale: str,
    choice: str,
    reply_language: str,
):
    async with fake_discord.run_bot(make_multilingual_bot()):
        reply = await set_server_language(fake_discord, choice, locale=admin_locale)
    assert reply == catalogue(reply_language, LANGUAGE_SET[choice])


async def test_the_language_choices_name_each_language_in_itself(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_multilingual_bot()):
        synced = await fake_discord.wait_for_sync(None)
    admin = next(c for c in synced if c["name"] == "willai-admin")
    language = next(o for o in admin["options"] if o["name"] == "language")
    (option,) = language["options"]
    assert [(c["name"], c["value"]) for c in option["choices"]] == list(
        zip(LANGUAGE_NAMES.values(), LANGUAGE_NAMES, strict=True)
    )
    assert all(
        "name_localizations" not in c or not c["name_localizations"] for c in option["choices"]
    )


async def test_members_need_manage_server_for_the_language_setting(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    fake_discord.enforce_permissions = False  # a server may override the default permissions
    async with fake_discord.run_bot(make_multilingual_bot()) as bot:
        rec = await fake_discord.interact_command(
            "willai-admin language", {"language": "fr"}, locale="de"
        )
        refused = await rec.wait_response()
    assert refused["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    assert refused["data"]["content"] == catalogue(
        "de", "You need the Manage Server permission to use /willai-admin."
    )
    assert bot.store.guild_language(fake_discord.guild_id) == ""


@pytest.mark.parametrize(
    "custom_id", ["willai:factor:task_automation:nurse", "willai:resilient:nurse"]
)
async def test_buttons_answer_in_the_language_of_whoever_clicks(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot], custom_id: str
):
    asker = fake_discord.add_user("françoise", locale="fr")
    clicker = fake_discord.add_user("dieter", locale="de")
    reader = fake_discord.add_user("pedro", locale="pt-BR")
    async with fake_discord.run_bot(make_multilingual_bot()) as bot:
        rec = await fake_discord.interact_command("willai", {"job": "occ:nurse"}, user=asker)
        message = await rec.wait_final()
        assert message["embeds"][0]["title"] == NAMES["fr"]["nurse"]
        german = await fake_discord.click(message, custom_id, user=clicker)
        (in_german,) = (await german.wait_response())["data"]["embeds"]
        french = await fake_discord.click(message, custom_id, user=asker)
        (in_french,) = (await french.wait_response())["data"]["embeds"]
        english = await fake_discord.click(message, custom_id, user=reader)
        (in_english,) = (await english.wait_response())["data"]["embeds"]
    service = bot.serving.service
    for embed, language in ((in_german, "de"), (in_french, "fr"), (in_english, "en")):
        voice = service.voice(language)
        assert embed["title"].endswith(NAMES[language]["nurse"])
        assert embed["footer"]["text"].startswith(texts.footer("ESCO v1.1.1", "1.2.0", voice))
    if custom_id.startswith("willai:factor"):
        info = FACTORS["task_automation"]
        assert in_german["title"].startswith(catalogue("de", info.title))
        assert in_german["description"] == catalogue("de", info.explanation)
        assert in_english["description"] == info.explanation
        assert in_german["description"] != info.explanation
    else:
        # skills are named with ESCO's label in the clicker's language, or marked English
        french_skills = bot.store.skill_labels("fr")
        resilient = in_french["fields"][0]["value"]
        assert f"• {french_skills['http://data.europa.eu/esco/skill/care']}" in resilient
        assert "• «\u00a0human anatomy\u00a0» (EN)" in resilient
        assert in_french["footer"]["text"].endswith(catalogue("fr", texts.FALLBACK_NOTE))
        assert "• „care for patients“ (EN)" in in_german["fields"][0]["value"]
        assert "• care for patients" in in_english["fields"][0]["value"]
        assert "(EN)" not in in_english["footer"]["text"]


async def test_the_methodology_button_speaks_the_clickers_language(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_multilingual_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        message = await rec.wait_final()
        click = await fake_discord.click(message, "willai:method", locale="es-419")
        (embed,) = (await click.wait_response())["data"]["embeds"]
    assert embed["title"] == catalogue("es", texts.METHOD_TITLE)
    assert embed["description"] == catalogue("es", texts.METHOD)
    assert [f["name"] for f in embed["fields"]] == [
        catalogue("es", info.title) for info in FACTORS.values()
    ]


async def test_did_you_mean_names_the_occupations_in_the_askers_language(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    asker = fake_discord.add_user("françoise", locale="fr")
    other = fake_discord.add_user("dieter", locale="de")
    async with fake_discord.run_bot(make_multilingual_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "clerk nurse"}, user=asker)
        message = await rec.wait_final()
        (embed,) = message["embeds"]
        (menu,) = [c for row in message["components"] for c in row["components"]]
        # someone else picks: privately, in their own language
        pick = await fake_discord.select(message, menu["custom_id"], ["clerk"], user=other)
        (theirs,) = (await pick.wait_response())["data"]["embeds"]
        # the asker picks: the menu becomes the answer, in the asker's language
        mine = await fake_discord.select(message, menu["custom_id"], ["nurse"], user=asker)
        answered = await mine.wait_final()
    assert embed["title"] == catalogue("fr", embeds.DID_YOU_MEAN)
    assert menu["placeholder"] == catalogue("fr", embeds.DID_YOU_MEAN)
    offered = {o["value"]: o["label"] for o in menu["options"]}
    assert offered == {"nurse": NAMES["fr"]["nurse"], "clerk": NAMES["fr"]["clerk"]}
    assert f"• {NAMES['fr']['clerk']}" in embed["description"]
    assert theirs["title"] == NAMES["de"]["clerk"]
    assert answered["embeds"][0]["title"] == NAMES["fr"]["nurse"]
    you_asked = interface_voice("fr").say("You asked: {query}", query="*clerk nurse*")
    assert answered["embeds"][0]["description"].startswith(you_asked)


async def test_a_title_typed_in_french_is_answered_in_french(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_multilingual_bot()):
        title = await ask_title(fake_discord, job="infirmière", locale="fr")
        english = await ask_title(fake_discord, job="infirmière", locale="en-US")
    assert title == NAMES["fr"]["nurse"]
    assert english == NAMES["en"]["nurse"]  # the language is the asker's, not the title's


async def test_refusals_and_errors_speak_the_askers_language(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    someone = fake_discord.add_user("someone")
    async with fake_discord.run_bot(make_multilingual_bot(ask_cooldown_seconds=60)) as bot:
        first = await fake_discord.interact_command("willai", {"job": "occ:roofer"}, user=someone)
        answer = await first.wait_final()
        no_match = await fake_discord.interact_command(
            "willai", {"job": "xyzzy qwertz"}, locale="de"
        )
        nothing = (await no_match.wait_response())["data"]["content"]
        again = await fake_discord.interact_command("willai", {"job": "occ:roofer"}, locale="de")
        slow = (await again.wait_response())["data"]["content"]
        stale = await fake_discord.interact_command(
            "willai-compare", {"job_a": "occ:gone", "job_b": "occ:roofer"}, locale="fr"
        )
        gone = (await stale.wait_response())["data"]["content"]
        rec = await fake_discord.interact_command("willai-about", {}, locale="es-ES")
        (about,) = (await rec.wait_response())["data"]["embeds"]
        forged = await fake_discord.click(
            answer, "willai:factor:bogus:roofer", force=True, locale="fr"
        )
        expired = (await forged.wait_response())["data"]["content"]
    hint = bot.serving.service.ask("xyzzy qwertz").match.hint
    german = interface_voice("de")
    assert nothing == embeds.no_match_text("xyzzy qwertz", hint, german)
    assert nothing.startswith(
        german.say("No ESCO occupation matches {query}.", query="*xyzzy qwertz*")
    )
    assert slow.startswith(catalogue("de", errors.COOLDOWN).split("{")[0])
    assert gone == interface_voice("fr").say(
        "{query}: that choice is not in the current data; type the title again.",
        query="*occ:gone*",
    )
    assert about["title"] == catalogue("es", "About willai")
    assert catalogue("es", texts.DISCLAIMER) in about["description"]
    assert about["footer"]["text"] == catalogue("es", texts.ESCO_ATTRIBUTION)
    assert expired == catalogue("fr", views.EXPIRED)


async def test_compare_speaks_the_askers_language(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_multilingual_bot()) as bot:
        rec = await fake_discord.interact_command(
            "willai-compare", {"job_a": "occ:clerk", "job_b": "occ:roofer"}, locale="fr"
        )
        (embed,) = (await rec.wait_response())["data"]["embeds"]
    voice = bot.serving.service.voice("fr")
    assert embed["title"] == voice.say(
        "{first} vs {second}", first=NAMES["fr"]["clerk"], second=NAMES["fr"]["roofer"]
    )
    left, right, verdict = embed["fields"]
    assert (left["name"], right["name"]) == (NAMES["fr"]["clerk"], NAMES["fr"]["roofer"])
    clerk = bot.serving.service.scores[CLERK]
    band = voice.say("Band: {band}", band=f"**{catalogue('fr', clerk.band.title)}**")
    assert band in left["value"]
    assert verdict["name"] == catalogue("fr", "In short")


def test_locale_tags_of_known_and_unknown_discord_locales():
    import discord

    assert locale_tag(discord.Locale.latin_american_spanish) == "es-419"
    assert locale_tag("xx-YY") == "xx-YY"
    assert locale_tag(None) == ""


#: The status fields, in the order the embed shows them (message ids).
STATUS_FIELDS = (
    "Release",
    "Counts",
    "Last import attempt",
    "Last refresh",
    "Scheduled check",
    "Gateway latency",
    "Uptime",
    "Guilds",
    "Shards",
)


def is_outcome(message: dict) -> bool:
    """The refresh's final edit, in any language: it opens with its bold heading."""
    return message["content"].startswith("**")


async def test_the_status_speaks_the_admins_language(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()) as bot:
        rec = await fake_discord.interact_command(
            "willai-admin status", permissions=ADMIN_PERMISSIONS, locale="fr"
        )
        (at_start,) = (await rec.wait_response())["data"]["embeds"]
        await bot.refresher.scheduled_check()  # something for "Scheduled check" to say
        rec = await fake_discord.interact_command(
            "willai-admin status", permissions=ADMIN_PERMISSIONS, locale="fr"
        )
        callback = await rec.wait_response()
    before = {f["name"]: f["value"] for f in at_start["fields"]}
    assert before["Dernière actualisation"] == "aucune depuis le démarrage"
    assert before["Vérification planifiée"].startswith(
        "aucune pour l\u2019instant\nprochaine\u00a0: <t:"
    )
    assert callback["data"]["flags"] & MESSAGE_FLAG_EPHEMERAL
    (embed,) = callback["data"]["embeds"]
    assert embed["title"] == catalogue("fr", "willai status") == "État de willai"
    names = [catalogue("fr", name) for name in STATUS_FIELDS]
    assert [f["name"] for f in embed["fields"]] == names
    assert not set(names) & set(STATUS_FIELDS) - {"Shards"}  # every heading is translated
    fields = dict(zip(STATUS_FIELDS, (f["value"] for f in embed["fields"]), strict=True))
    release, imported = fields["Release"].split("\n")
    assert release == "ESCO v1.1.1 (modèle 1.2.0)"
    assert imported.startswith("importée <t:")  # Discord shows the time in the reader's language
    assert fields["Counts"].startswith("3 métiers · 7 compétences · ")
    assert fields["Last import attempt"].startswith("en service, <t:")
    check, upcoming = fields["Scheduled check"].split("\n")
    assert fields["Last refresh"] == check  # the scheduled check was the last refresh
    assert check.startswith("sans changement (planifiée, <t:")
    assert check.endswith("\u00a0: ESCO v1.1.1 est déjà en service\u00a0: rien à faire")
    assert upcoming.startswith("prochaine\u00a0: <t:")
    assert fields["Gateway latency"] == "n.d." or fields["Gateway latency"].endswith(" ms")
    assert fields["Uptime"].endswith(" s")
    assert fields["Shards"] == "1 sur 1"


async def test_a_refresh_reports_in_the_language_of_the_admin_who_started_it(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    held = BlockingImport("scoring occupations")
    spanish = fake_discord.add_user("inés", locale="es-ES")
    async with fake_discord.run_bot(make_bot()) as bot:
        bot.refresher.import_fn = held
        bot.refresher.progress_interval = 0.0
        rec = await fake_discord.interact_command(
            "willai-admin refresh", permissions=ADMIN_PERMISSIONS, locale="de"
        )
        first = await rec.wait_response()
        edits = await rec.wait_edits(1)
        # another admin, who reads Discord in Spanish, is refused in Spanish meanwhile
        second = await fake_discord.interact_command(
            "willai-admin refresh", permissions=ADMIN_PERMISSIONS, user=spanish
        )
        refused = (await second.wait_response())["data"]["content"]
        held.go.set()
        final = await rec.wait_final(predicate=is_outcome)
    head = first["data"]["content"]
    assert head.startswith("ESCO wird aus `")
    assert head.endswith(
        "bis die neuen Daten bereit sind, nutzen die Antworten weiter ESCO v1.1.1."
    )
    assert edits[0]["content"] == f"{head}\nBerufe werden bewertet (25\u00a0%)"
    assert refused == catalogue("es", refresh.BUSY)
    assert refused.startswith("Ahora no: ya hay una actualización en curso")
    assert re.fullmatch(
        r"\*\*Nichts zu tun\*\*: ESCO v1\.1\.1 ist bereits aktiv: nichts zu tun \(\d+,\d s\)",
        final["content"],
    )


async def test_a_refresh_cooldown_is_refused_in_the_admins_language(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    # the store was imported a moment ago: that counts, whoever imported it
    async with fake_discord.run_bot(make_bot(refresh_cooldown_seconds=600)) as bot:
        bot.refresher.import_fn = must_not_import
        rec = await fake_discord.interact_command(
            "willai-admin refresh", permissions=ADMIN_PERMISSIONS, locale="fr"
        )
        refused = (await rec.wait_response())["data"]["content"]
    waited = re.fullmatch(
        "Pas maintenant\u00a0: la dernière actualisation est trop récente\u202f; "
        r"réessayez dans (\d+) s\.",
        refused,
    )
    assert waited is not None
    assert 0 < int(waited[1]) <= 600


async def test_a_german_admin_is_told_the_new_default_in_german(
    fake_discord: FakeDiscord, make_multilingual_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_multilingual_bot()) as bot:
        reply = await set_server_language(fake_discord, "es", locale="de")
    assert reply == catalogue("de", LANGUAGE_SET["es"])
    assert reply.startswith("Mitglieder, deren Discord-Sprache willai nicht spricht")
    assert "auf Spanisch" in reply
    assert bot.store.guild_language(fake_discord.guild_id) == "es"
