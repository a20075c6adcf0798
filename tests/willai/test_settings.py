"""Typed settings: fail fast with one line naming the key, never leak secrets."""

from __future__ import annotations

import os

import pytest

from esco_api import RetryPolicy
from willai.settings import SettingsError, from_environment, load_settings, mask_url


def test_defaults_use_a_local_sqlite_file() -> None:
    assert load_settings().database_url == "sqlite:///./data/willai.sqlite"


def test_invalid_log_level_names_the_key() -> None:
    with pytest.raises(SettingsError, match="LOG_LEVEL"):
        load_settings(log_level="LOUD")


def test_invalid_database_url_names_the_key() -> None:
    with pytest.raises(SettingsError, match="DATABASE_URL"):
        load_settings(database_url="not a url")


def test_bad_integer_names_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEV_GUILD_ID", "twelve")
    with pytest.raises(SettingsError, match="DEV_GUILD_ID"):
        load_settings()


def test_esco_api_retries_default_to_what_the_client_does_unless_told() -> None:
    assert load_settings().esco_api_retries == RetryPolicy().attempts - 1


def test_esco_api_retries_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCO_API_RETRIES", "0")
    assert load_settings().esco_api_retries == 0


@pytest.mark.parametrize("value", ["-1", "two", "1.5", ""])
def test_esco_api_retries_must_be_a_whole_number_of_at_least_zero(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("ESCO_API_RETRIES", value)
    with pytest.raises(SettingsError, match="ESCO_API_RETRIES"):
        load_settings()


def test_missing_token_is_one_clear_line() -> None:
    with pytest.raises(SettingsError, match="DISCORD_TOKEN is not set"):
        load_settings().require_token()


def test_token_never_appears_in_repr() -> None:
    settings = load_settings(discord_token="super-secret-token")
    assert "super-secret-token" not in repr(settings)
    assert "super-secret-token" not in str(settings)


def test_database_password_is_masked_in_repr() -> None:
    settings = load_settings(database_url="postgresql+psycopg://bot:hunter2@db/willai")
    assert "hunter2" not in repr(settings)
    assert settings.masked_database_url == "postgresql+psycopg://bot:***@db/willai"


def test_mask_url_leaves_passwordless_urls_alone() -> None:
    assert mask_url("sqlite:///./data/willai.sqlite") == "sqlite:///./data/willai.sqlite"


def test_lists_are_read_from_comma_separated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCO_LANGUAGES", "en, DE,fr")
    monkeypatch.setenv("OWNER_IDS", "1,2")
    settings = load_settings()
    assert (settings.esco_languages, settings.owner_ids) == (["en", "de", "fr"], [1, 2])


def test_dotenv_file_is_read(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("ESCO_SOURCE=esco-api:v1.2.0\n")
    monkeypatch.chdir(tmp_path)
    assert load_settings().esco_source == "esco-api:v1.2.0"


@pytest.mark.parametrize(
    ("value", "language"),
    [("fr", "fr"), ("DE", "de"), ("es_ES.UTF-8", "es"), ("en-GB", "en"), ("", None), (" ", None)],
)
def test_willai_lang_is_read_as_an_answer_language(value: str, language: str | None) -> None:
    assert load_settings(willai_lang=value).willai_lang == language


def test_willai_lang_is_unset_by_default() -> None:
    assert load_settings().willai_lang is None


@pytest.mark.parametrize("value", ["pt", "C", "klingon"])
def test_an_unsupported_willai_lang_names_the_key_and_the_choices(value: str) -> None:
    with pytest.raises(SettingsError, match=r"WILLAI_LANG: must be one of en, de, fr, es"):
        load_settings(willai_lang=value)


def test_willai_lang_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WILLAI_LANG", "fr_CA.UTF-8")
    assert load_settings().willai_lang == "fr"


def test_a_variable_wins_over_the_dotenv_line(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=DEBUG\nESCO_SOURCE=from-file\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_LEVEL", "warning")
    settings = load_settings()
    assert (settings.log_level, settings.esco_source) == ("WARNING", "from-file")


def test_what_the_caller_passes_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCO_SOURCE", "from-env")
    assert load_settings(esco_source="given").esco_source == "given"


def test_names_match_in_any_case_and_other_keys_are_ignored(tmp_path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text('export esco_source="quoted value"\nSOMETHING_ELSE=1\n')
    found = from_environment({"Log_Level": "debug", "HOME": "/root"}, env_file)
    assert found == {"esco_source": "quoted value", "log_level": "debug"}


def test_shard_processes_default_to_one() -> None:
    assert load_settings().shard_processes == 1


def test_shard_processes_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHARD_PROCESSES", "4")
    assert load_settings().shard_processes == 4


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5", ""])
def test_shard_processes_must_be_a_whole_number_of_at_least_one(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SHARD_PROCESSES", value)
    with pytest.raises(SettingsError, match="SHARD_PROCESSES"):
        load_settings()


@pytest.mark.parametrize("before", [None, "logfire"])
def test_the_model_is_built_without_plugins_and_the_environment_is_left_as_it_was(
    monkeypatch: pytest.MonkeyPatch, before: str | None
) -> None:
    from pydantic.plugin import _loader

    from willai.settings import Settings, _without_pydantic_plugins

    if before is None:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", before)
    with _without_pydantic_plugins():
        assert list(_loader.get_plugins()) == []
        Settings.model_rebuild(force=True)
    assert os.environ.get("PYDANTIC_DISABLE_PLUGINS") == before
    assert load_settings(log_level="debug").log_level == "DEBUG"
