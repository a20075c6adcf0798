"""A local fake of the Discord API for driving the real discord.py client in tests."""

from .harness import run_bot
from .patching import patch_discord
from .payloads import (
    ADMIN_PERMISSIONS,
    ADMINISTRATOR,
    BOT_PERMISSIONS,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    MESSAGE_FLAG_EPHEMERAL,
    MESSAGE_FLAG_LOADING,
)
from .records import InteractionRecord, RequestRecord, UploadedFile
from .server import (
    ComponentNotFoundError,
    FakeDiscord,
    FakeGuild,
    FakeUser,
    InteractionRejectedError,
    NoBotConnectedError,
    all_custom_ids,
    find_component,
    shard_of,
)

__all__ = [
    "ADMINISTRATOR",
    "ADMIN_PERMISSIONS",
    "BOT_PERMISSIONS",
    "MANAGE_GUILD",
    "MEMBER_PERMISSIONS",
    "MESSAGE_FLAG_EPHEMERAL",
    "MESSAGE_FLAG_LOADING",
    "ComponentNotFoundError",
    "FakeDiscord",
    "FakeGuild",
    "FakeUser",
    "InteractionRecord",
    "InteractionRejectedError",
    "NoBotConnectedError",
    "RequestRecord",
    "UploadedFile",
    "all_custom_ids",
    "find_component",
    "patch_discord",
    "run_bot",
    "shard_of",
]
