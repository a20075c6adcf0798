"""Builders for the JSON shapes Discord sends, trimmed to what discord.py 2.7 reads.

The fake has to hand discord.py payloads it accepts without ``KeyError``s, so every
builder here fills the keys the library indexes directly (``data['...']``) and leaves
optional ones out. Keeping them in one module means a discord.py upgrade that starts
requiring a new key is fixed in one place.
"""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (https://discord.com/developers/docs/topics/permissions).
ADD_REACTIONS = 1 << 6
ADMINISTRATOR = 1 << 3
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_EXTERNAL_EMOJIS = 1 << 18
MANAGE_GUILD = 1 << 5
USE_APPLICATION_COMMANDS = 1 << 31

#: What an ordinary member of a test guild can do (no admin/manage bits), so that
#: ``default_permissions`` and ``has_permissions`` checks fail for "normal" users.
MEMBER_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_EXTERNAL_EMOJIS
    | USE_APPLICATION_COMMANDS
)
#: A guild administrator: Discord treats ADMINISTRATOR as "all permissions".
ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | ADMINISTRATOR | MANAGE_GUILD | MANAGE_MESSAGES
#: What the bot is granted in channels (sent as ``app_permissions``).
BOT_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_MESSAGES

MESSAGE_FLAG_EPHEMERAL = 1 << 6
MESSAGE_FLAG_LOADING = 1 << 7


class SnowflakeFactory:
    """Monotonic, time-based snowflakes so ``created_at`` and ordering look real."""

    def __init__(self) -> None:
        self._last = 0
        self._counter = itertools.count()

    def __call__(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (next(self._counter) & 0xFFF)
        if value <= self._last:
            value = self._last + 1
        self._last = value
        return value


def iso_now() -> str:
    """Discord timestamps are ISO 8601 with an offset; discord.py parses them."""
    return datetime.now(UTC).isoformat()


def user_payload(
    user_id: int,
    username: str,
    *,
    bot: bool = False,
    global_name: str | None = None,
) -> dict[str, Any]:
    """A user object; ``ClientUser`` additionally reads ``verified``/``mfa_enabled``."""
    data: dict[str, Any] = {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": global_name,
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "bot": bot,
    }
    if bot:
        data.update(verified=True, mfa_enabled=False, email=None, locale="en-US")
    return data


def member_payload(
    user: dict[str, Any],
    *,
    roles: list[int] | None = None,
    permissions: int | None = None,
    nick: str | None = None,
    include_user: bool = True,
) -> dict[str, Any]:
    """A guild member; ``permissions`` is only present on interaction members."""
    data: dict[str, Any] = {
        "roles": [str(r) for r in roles or []],
        "joined_at": iso_now(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": nick,
        "avatar": None,
        "communication_disabled_until": None,
    }
    if include_user:
        data["user"] = user
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def role_payload(role_id: int, name: str, *, permissions: int, position: int = 0) -> dict[str, Any]:
    """A role; the ``@everyone`` role shares its id with the guild."""
    return {
        "id": str(role_id),
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def text_channel_payload(
    channel_id: int, guild_id: int, name: str, *, position: int = 0
) -> dict[str, Any]:
    """A guild text channel (type 0)."""
    return {
        "id": str(channel_id),
        "guild_id": str(guild_id),
        "type": 0,
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "flags": 0,
    }


def dm_channel_payload(channel_id: int, recipient: dict[str, Any]) -> dict[str, Any]:
    """A DM channel (type 1) as it appears in a DM interaction."""
    return {"id": str(channel_id), "type": 1, "recipients": [recipient], "flags": 0}


def attachment_payload(
    attachment_id: int, filename: str, *, size: int, base_url: str, content_type: str | None
) -> dict[str, Any]:
    """An uploaded file as Discord echoes it back on the message."""
    url = f"{base_url}/attachments/{attachment_id}/{filename}"
    data: dict[str, Any] = {
        "id": str(attachment_id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
    }
    if content_type:
        data["content_type"] = content_type
    return data
