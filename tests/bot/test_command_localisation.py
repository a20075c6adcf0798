"""Slash commands localised through discord.py's Translator, as Discord receives them."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Iterator

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from discord.app_commands import Command, TranslationContextLocation

from bot import WillaiBot, create_bot
from bot.translator import CommandTranslator, valid_name
from languages.catalogue import translations
from tests.fake_discord import FakeDiscord
from tests.fake_discord.commands import command_problems
from willai.settings import Settings

#: A catalogue per language with good and bad entries: what a translator might write.
TEST_CATALOGUES = {
    "fr": {
        "job": "métier",
        "Your job title, e.g. nurse, accountant, Krankenpfleger": (
            "Votre métier, p. ex. infirmière, comptable, Krankenpfleger"
        ),
        "on: only the asker sees answers": "on : seule la personne qui demande voit la réponse",
        "willai": "ouiai",  # the product's name is never translated
        "willai-admin": "willai-gestion",  # nor the admin tools the replies name
        "language": "langue",
        "willai-compare": "willai-comparer",  # other commands' names are
        "job_a": "Métier A",  # a capital and a space: Discord refuses such a name
    },
    "de": {
        "job": "Beruf",  # German nouns have capitals; an option name may not
        "job_a": "beruf_a",
    },
    "es": {
        "job": "puesto",
        "First job title": "x" * 101,  # over Discord's 100 characters
    },
}


def compiled(messages: dict[str, str], language: str) -> gettext.NullTranslations:
    """``messages`` as a compiled gettext catalogue, the way `make catalogues` builds one."""
    catalog = Catalog(locale=language)
    for source, text in messages.items():
        catalog.add(source, text)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def catalogue_translator() -> CommandTranslator:
    loaded = {language: compiled(m, language) for language, m in TEST_CATALOGUES.items()}
    return CommandTranslator(lambda language: loaded[language])


def synced_with(bot: WillaiBot, translator: CommandTranslator) -> WillaiBot:
    """Sync the commands at start-up through ``translator`` instead of the shipped catalogues."""
    original = bot.setup_hook

    async def setup_hook() -> None:
        await original()
        await bot.tree.set_translator(translator)
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


def options(command: dict) -> Iterator[dict]:
    for option in command.get("options", []):
        yield option
        yield from options(option)


def option(synced: list[dict], command: str, name: str) -> dict:
    found = next(c for c in synced if c["name"] == command)
    return next(o for o in options(found) if o["name"] == name)


async def test_the_synced_payload_carries_the_catalogues_translations(
    fake_discord: FakeDiscord, make_settings: Callable[..., Settings]
):
    bot = synced_with(create_bot(make_settings()), catalogue_translator())
    async with fake_discord.run_bot(bot):
        synced = await fake_discord.wait_for_sync(None)
        # /willai is still /willai when a member who reads Discord in French invokes it
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"}, locale="fr")
        assert (await rec.wait_response())["data"]["embeds"]
    assert fake_discord.refused_syncs == []
    names = {c["name"]: c.get("name_localizations") or {} for c in synced}
    assert names["willai"] == {}
    assert names["willai-admin"] == {}
    assert names["willai-compare"] == {"fr": "willai-comparer"}
    admin = next(c for c in synced if c["name"] == "willai-admin")
    assert all(not sub.get("name_localizations") for sub in admin["options"])
    job = option(synced, "willai", "job")
    assert job["name_localizations"] == {"fr": "métier", "es-ES": "puesto", "es-419": "puesto"}
    fr = TEST_CATALOGUES["fr"]
    assert job["description_localizations"] == {"fr": fr[job["description"]]}
    job_a = option(synced, "willai-compare", "job_a")
    assert job_a["name_localizations"] == {"de": "beruf_a"}
    assert "description_localizations" not in job_a  # the Spanish one was too long
    mode = option(synced, "willai-admin", "mode")
    on = next(c for c in mode["choices"] if c["value"] == "on")
    assert on["name_localizations"] == {"fr": fr["on: only the asker sees answers"]}


async def test_the_shipped_catalogues_sync_and_localise_what_they_translate(
    fake_discord: FakeDiscord, make_bot: Callable[..., WillaiBot]
):
    async with fake_discord.run_bot(make_bot()):
        synced = await fake_discord.wait_for_sync(None)
    assert fake_discord.refused_syncs == []
    locales = {"de": "de", "fr": "fr", "es-ES": "es", "es-419": "es"}
    for command in synced:
        choices = [c for o in options(command) for c in o.get("choices", [])]
        for item in [command, *options(command), *choices]:
            for key, source in (
                ("name_localizations", "name"),
                ("description_localizations", "description"),
            ):
                for locale, text in (item.get(key) or {}).items():
                    assert text == translations(locales[locale]).gettext(item[source])


async def test_every_option_name_follows_discords_rules_in_every_catalogue(
    make_settings: Callable[..., Settings],
):
    bot = create_bot(make_settings(), serve=False)
    async with bot:
        for extension in ("bot.cogs.ask", "bot.cogs.compare", "bot.cogs.admin"):
            await bot.load_extension(extension)
        names = [
            parameter.locale_name.message
            for command in bot.tree.walk_commands()
            if isinstance(command, Command)
            for parameter in command.parameters
            if parameter.locale_name is not None
        ]
    assert {"job", "job_a", "job_b", "mode", "language", "source"} <= set(names)
    for message in names:
        assert valid_name(message), message
        for language in ("de", "fr", "es"):
            text = translations(language).gettext(message)
            assert text == message or valid_name(text), (language, message, text)


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("job", True),
        ("métier", True),
        ("job_a", True),
        ("stellen-titel", True),
        ("Beruf", False),
        ("Métier A", False),
        ("job title", False),
        ("x" * 33, False),
        ("", False),
        ("job!", False),
    ],
)
def test_valid_name(name: str, valid: bool):
    assert valid_name(name) is valid


def test_the_translator_refuses_what_discord_would():
    translator = catalogue_translator()
    where = TranslationContextLocation
    assert translator.localise("job", "fr", where.parameter_name) == "métier"
    assert translator.localise("job", "de", where.parameter_name) is None  # "Beruf"
    assert translator.localise("job_a", "fr", where.parameter_name) is None  # "Métier A"
    assert translator.localise("willai", "fr", where.command_name) is None
    assert translator.localise("willai-admin", "fr", where.command_name) is None
    assert translator.localise("willai-compare", "fr", where.command_name) == "willai-comparer"
    assert translator.localise("First job title", "es-419", where.parameter_description) is None
    assert translator.localise("job", "es-419", where.parameter_name) == "puesto"
    assert translator.localise("job", "pt-BR", where.parameter_name) is None
    assert translator.localise("job", "en-GB", where.parameter_name) is None
    assert translator.localise("not in it", "fr", where.parameter_description) is None


def test_the_fake_refuses_a_command_discord_would_refuse():
    good = {
        "name": "willai",
        "description": "Will AI replace my job?",
        "options": [
            {
                "type": 3,
                "name": "job",
                "description": "Your job title",
                "name_localizations": {"fr": "métier"},
                "choices": [{"name": "a", "value": "a", "name_localizations": {"de": "b"}}],
            }
        ],
    }
    assert command_problems(good) == []
    bad = {
        "name": "Willai",
        "description": "",
        "description_localizations": {"fr": "x" * 101, "xx": "y"},
        "options": [
            {
                "type": 3,
                "name": "job",
                "description": "d",
                "name_localizations": {"de": "Beruf", "fr": "mon métier"},
                "choices": [{"name": "a", "value": "a", "name_localizations": {"de": ""}}],
            }
        ],
    }
    problems = command_problems(bad)
    assert len(problems) == 7, problems
