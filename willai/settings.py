"""Typed settings, read once from the environment and `.env`.

One object, validated at start-up, so a typo in a key fails before the bot connects or an
import starts, with a single line that names the key.

Reading settings loads no database library: DATABASE_URL is checked by ``db.urls``, and the
engine is made by whoever opens the store. A one-shot answer from SQLite never needs SQLAlchemy.

The environment and `.env` are read here (python-dotenv parses the file) and validated by a
plain pydantic model, as pydantic-settings did before: variable names in any case, a variable
before a `.env` line before the default, lists given as "a,b c". pydantic-settings itself
cost `willai ask` about 70 ms of CPU on import (asyncio, its cloud secret sources, a scan of
installed packages for plugins), a tenth of the whole answer.

The model is built with pydantic's plugins off (``_without_pydantic_plugins``): looking for
them reads the metadata of every installed package, ~4 ms of each `willai ask`, for a model
validated once per process that no plugin has reason to watch. Typer builds its own models
the same way (``typer._adapters.disabled_pydantic_plugins``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from db.urls import CONNECT_TIMEOUT_SECONDS, StoreUnavailableError, driver_of
from languages.choice import SUPPORTED, supported

DEFAULT_DATABASE_URL = "sqlite:///./data/willai.sqlite"
OFFICIAL_ESCO_API_URL = "https://ec.europa.eu/esco/api"
#: What ``esco_api.RetryPolicy`` does unless told otherwise (6 attempts); kept as a number here
#: so reading settings does not import the web client (tests/willai/test_settings.py checks).
DEFAULT_ESCO_API_RETRIES = 5
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
#: The file of settings read from the working directory, under the environment's variables.
ENV_FILE = ".env"


class SettingsError(Exception):
    """A setting is missing or invalid; the message is one line that names it."""


def _split_list(value: object) -> object:
    """Accept "a,b c" from the environment as well as real lists."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    return value


@contextmanager
def _without_pydantic_plugins() -> Iterator[None]:
    """Build pydantic models inside without looking for plugins; the environment is restored.

    ``PYDANTIC_DISABLE_PLUGINS`` is pydantic's documented switch, read when a model is built;
    it is set only for the time of the build and then put back as the user had it (or unset).
    """
    previous = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["PYDANTIC_DISABLE_PLUGINS"]
        else:
            os.environ["PYDANTIC_DISABLE_PLUGINS"] = previous


class Settings(BaseModel):
    """Everything the operator can set. Unknown `.env` keys are ignored, not fatal.

    Built once, below, when this module is imported (``defer_build``: not as the class
    statement runs), so the build can be made without pydantic's plugins.
    """

    model_config = ConfigDict(extra="ignore", frozen=True, validate_default=True, defer_build=True)

    database_url: str = Field(
        DEFAULT_DATABASE_URL, description="SQLAlchemy URL of the store (SQLite or PostgreSQL)."
    )
    esco_source: str | None = Field(
        None, description="What `willai data import` loads when given no source."
    )
    esco_languages: list[str] = Field(
        default_factory=lambda: ["en"], description="Label languages fetched from the ESCO API."
    )
    esco_api_url: str = Field(OFFICIAL_ESCO_API_URL, description="Base URL of the ESCO API.")
    esco_api_retries: int = Field(
        DEFAULT_ESCO_API_RETRIES,
        ge=0,
        description="Retries of a failed ESCO API request, with back-off (0: fail at once).",
    )
    cache_dir: Path = Field(Path("./data/cache"), description="Downloads and API responses.")
    discord_token: SecretStr | None = Field(None, description="Bot token; only `run` needs it.")
    log_level: str = Field("INFO", description="Python logging level.")
    log_discord_payloads: bool = Field(
        False, description="Let DEBUG logs show Discord payloads and URLs (they hold tokens)."
    )
    dev_guild_id: int | None = Field(None, description="Guild that gets instant command sync.")
    owner_ids: list[int] = Field(
        default_factory=list, description="If set, only these users may run admin commands."
    )
    shard_count: int | None = Field(None, ge=1, description="Total shards (AutoShardedBot).")
    shard_ids: list[int] = Field(
        default_factory=list, description="Shards this process runs (default: all)."
    )
    shard_processes: int = Field(
        1,
        ge=1,
        description=(
            "Bot processes forked on this host after loading the release once, each running "
            "a share of the shards (1: one process, as without it)."
        ),
    )
    refresh_interval_days: float = Field(
        30.0, ge=0, description="How often the bot looks for a newer ESCO version (0 = never)."
    )
    refresh_cooldown_seconds: float = Field(
        300.0, ge=0, description="Minimum gap between two admin refreshes."
    )
    ask_cooldown_seconds: float = Field(3.0, ge=0, description="Per-user cooldown on /willai.")
    defer_backlog: int = Field(
        10, ge=0, description="/willai in flight beyond which new ones acknowledge first."
    )
    busy_backlog: int = Field(
        3000, ge=1, description="/willai in flight beyond which new ones are told to retry."
    )
    database_connect_timeout: float = Field(
        CONNECT_TIMEOUT_SECONDS, gt=0, description="Seconds to open a store connection."
    )
    willai_lang: str | None = Field(
        None,
        description="Language of the terminal's answers (en, de, fr, es); default: the locale.",
    )

    _split = field_validator("esco_languages", "owner_ids", "shard_ids", mode="before")(_split_list)

    @field_validator("database_url")
    @classmethod
    def _valid_url(cls, value: str) -> str:
        try:
            driver_of(value)
        except StoreUnavailableError as exc:
            raise ValueError(str(exc).removeprefix("DATABASE_URL ")) from None
        return value

    @field_validator("log_level")
    @classmethod
    def _valid_level(cls, value: str) -> str:
        level = value.upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("esco_languages")
    @classmethod
    def _valid_languages(cls, value: list[str]) -> list[str]:
        languages = [code.lower() for code in value]
        if not languages or any(len(code) != 2 or not code.isalpha() for code in languages):
            raise ValueError("must be two-letter language codes, e.g. en,de,fr")
        return languages

    @field_validator("willai_lang")
    @classmethod
    def _valid_answer_language(cls, value: str | None) -> str | None:
        """A language willai answers in, as its code; empty means "not set" (the locale)."""
        if value is None or not value.strip():
            return None
        language = supported(value)
        if language is None:
            raise ValueError(f"must be one of {', '.join(SUPPORTED)}")
        return language

    @property
    def masked_database_url(self) -> str:
        """The URL as it may be shown or logged: the password never leaves the process."""
        return mask_url(self.database_url)

    @property
    def has_token(self) -> bool:
        """Whether a bot token is set: without one, `willai run` serves the terminal."""
        return self.discord_token is not None and bool(
            self.discord_token.get_secret_value().strip()
        )

    def require_token(self) -> str:
        """The Discord token, or a SettingsError naming the key: only the bot needs it."""
        if self.discord_token is None or not self.has_token:
            raise SettingsError(
                "DISCORD_TOKEN is not set: put the bot token in .env (see .env.example)"
            )
        return self.discord_token.get_secret_value().strip()

    def __repr_args__(self) -> list[tuple[str | None, object]]:
        """Mask the database password in reprs; SecretStr already hides the token."""
        return [
            (name, self.masked_database_url if name == "database_url" else value)
            for name, value in super().__repr_args__()
        ]


with _without_pydantic_plugins():
    Settings.model_rebuild(force=True)


def mask_url(url: str) -> str:
    """Hide the password part of a database URL (rendered by SQLAlchemy, loaded for it)."""
    from db.engine import masked  # noqa: PLC0415 - only what shows the URL pays for SQLAlchemy

    return masked(url)


def from_environment(
    environ: Mapping[str, str] | None = None, env_file: Path | None = None
) -> dict[str, str]:
    """Each setting the environment gives, by field name: a variable, else a `.env` line.

    Names match whatever their case (DATABASE_URL, database_url); keys of no setting are
    ignored, so one `.env` may serve other programs too.
    """
    environ = os.environ if environ is None else environ
    env_file = Path(ENV_FILE) if env_file is None else env_file
    fields = Settings.model_fields
    found: dict[str, str] = {}
    if env_file.is_file():
        from dotenv import dotenv_values  # noqa: PLC0415 - only a `.env` there needs the parser

        for key, value in dotenv_values(env_file, encoding="utf-8").items():
            if value is not None and key.lower() in fields:
                found[key.lower()] = value
    for key, value in environ.items():
        if key.lower() in fields:
            found[key.lower()] = value
    return found


def load_settings(**overrides: object) -> Settings:
    """Read and validate settings, turning pydantic's report into one line per problem.

    ``overrides`` (by field name) win over the environment, which wins over `.env`.
    """
    try:
        return Settings(**(from_environment() | overrides))  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = str(error["loc"][0]).upper() if error["loc"] else "settings"
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{key}: {message}")
        raise SettingsError("invalid setting " + "; ".join(problems)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
