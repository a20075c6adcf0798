"""A fake Discord (gateway websocket + REST) on a real local socket.

discord.py is pointed at it by :mod:`tests.fake_discord.patching`, so behaviour
tests exercise the real client library end to end: HTTP session, rate-limit code,
gateway parsing, the command tree and the view store all run unmodified. Only the
far side of the wire is fake, and it mimics the Discord behaviours our bot relies on
(interaction acknowledgement rules, deferred "thinking" messages, persistent
component messages that survive a bot restart).
"""

# ASYNC109: `wait_*` helpers take `timeout=` by design, matching InteractionRecord.
# ruff: noqa: ASYNC109

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import discord
from aiohttp import WSMsgType, web

from . import payloads as p
from .commands import command_problems
from .harness import run_bot
from .records import (
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    MODAL,
    UPDATE_MESSAGE,
    Changed,
    InteractionRecord,
    RequestRecord,
    UploadedFile,
)

log = logging.getLogger("tests.fake_discord")

API_PREFIX = "/api/v10"

# Gateway opcodes.
OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE_UPDATE = 3
OP_RESUME = 6
OP_REQUEST_GUILD_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

# Interaction types.
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
APPLICATION_COMMAND_AUTOCOMPLETE = 4

# Application command option types that are containers, not values.
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2

ClientT = TypeVar("ClientT", bound=discord.Client)
RECORD_KEY = web.RequestKey("fake_discord_record", RequestRecord)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class InteractionRejectedError(Exception):
    """Discord itself would never deliver this interaction (e.g. missing permissions)."""


class ComponentNotFoundError(LookupError):
    """The message has no component with that custom_id (a user could not click it)."""


class NoBotConnectedError(RuntimeError):
    """An event was dispatched while no bot had identified on the gateway."""


@dataclass
class FakeUser:
    """A Discord user the fake knows about; ``payload`` is the wire shape.

    ``locale`` is the language the user set in Discord, sent as ``locale`` with each of
    their interactions.
    """

    id: int
    username: str
    bot: bool = False
    locale: str = "en-US"

    @property
    def payload(self) -> dict[str, Any]:
        """User object as Discord sends it."""
        return p.user_payload(self.id, self.username, bot=self.bot)

    @property
    def mention(self) -> str:
        """``<@id>`` to build mention content in tests."""
        return f"<@{self.id}>"


@dataclass
class FakeGuild:
    """A guild the fake announces with GUILD_CREATE after READY."""

    id: int
    name: str
    owner_id: int
    #: The server's preferred locale, sent as ``guild_locale`` with its interactions.
    locale: str = "en-US"
    roles: list[dict[str, Any]] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)

    @property
    def default_channel_id(self) -> int:
        """The first text channel: where interactions happen unless told otherwise."""
        return int(self.channels[0]["id"])

    def channel(self, channel_id: int) -> dict[str, Any] | None:
        """Channel payload by id."""
        return next((c for c in self.channels if int(c["id"]) == channel_id), None)

    def member(self, user_id: int) -> dict[str, Any] | None:
        """Member payload (with ``user``) by user id."""
        return next((m for m in self.members if int(m["user"]["id"]) == user_id), None)

    def create_payload(self) -> dict[str, Any]:
        """The GUILD_CREATE ``d`` object."""
        return {
            "id": str(self.id),
            "name": self.name,
            "owner_id": str(self.owner_id),
            "unavailable": False,
            "large": False,
            "member_count": len(self.members),
            "joined_at": p.iso_now(),
            "roles": self.roles,
            "channels": self.channels,
            "members": self.members,
            "threads": [],
            "voice_states": [],
            "presences": [],
            "emojis": [],
            "stickers": [],
            "features": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "preferred_locale": self.locale,
            "premium_tier": 0,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "system_channel_flags": 0,
        }


@dataclass
class GatewaySession:
    """A gateway session, kept after disconnect so RESUME can find it."""

    id: str
    seq: int = 0
    user_token: str = ""
    #: ``(shard_id, shard_count)`` from IDENTIFY's ``shard``; None for an unsharded client.
    shard: tuple[int, int] | None = None


@dataclass(eq=False)
class GatewayConnection:
    """One websocket from one discord.py client."""

    ws: web.WebSocketResponse
    query: dict[str, str]
    session: GatewaySession | None = None
    identify: dict[str, Any] | None = None
    received: list[dict[str, Any]] = field(default_factory=list)

    @property
    def open(self) -> bool:
        """Whether frames can still be written."""
        return not self.ws.closed

    @property
    def shard(self) -> tuple[int, int] | None:
        """``(shard_id, shard_count)`` of the session on this socket (None: unsharded)."""
        return self.session.shard if self.session is not None else None


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends a guild's events to: ``(guild_id >> 22) % shard_count``."""
    return (guild_id >> 22) % shard_count


class FakeDiscord:
    """In-process fake of the Discord API used by behaviour tests.

    Start it, point discord.py at :attr:`api_base`/:attr:`gateway_url` (the plugin's
    ``fake_discord`` fixture does both), run a bot with :func:`run_bot`, then drive it
    with :meth:`interact_command`, :meth:`click`, :meth:`select` and
    :meth:`autocomplete` and assert on the returned :class:`InteractionRecord`.
    """

    def __init__(
        self,
        *,
        token: str = "fake-token",
        bot_name: str = "willai",
        enforce_permissions: bool = True,
        require_synced_commands: bool = False,
        callback_deadline: float | None = 3.0,
        token_lifetime: float | None = 15 * 60.0,
        heartbeat_interval_ms: int = 41_250,
    ) -> None:
        self.snowflake = p.SnowflakeFactory()
        self.token = token
        #: Mirror Discord: refuse to deliver commands whose ``default_member_permissions``
        #: the invoking member lacks (raises :class:`InteractionRejectedError`).
        self.enforce_permissions = enforce_permissions
        #: Mirror Discord: only commands the bot has synced can be invoked.
        self.require_synced_commands = require_synced_commands
        #: Discord answers 404 "Unknown interaction" to callbacks later than 3 s.
        self.callback_deadline = callback_deadline
        #: An interaction's token opens its webhook (``@original``, follow-ups) for 15 min;
        #: later, Discord answers 401 "Invalid Webhook Token" (code 50027).
        self.token_lifetime = token_lifetime
        self.heartbeat_interval_ms = heartbeat_interval_ms

        self.application_id = self.snowflake()
        self.bot_user = FakeUser(self.application_id, bot_name, bot=True)
        self.owner = FakeUser(self.snowflake(), "owner")
        self.user = FakeUser(self.snowflake(), "tester")
        self.users: dict[int, FakeUser] = {u.id: u for u in (self.bot_user, self.owner, self.user)}
        self.guilds: dict[int, FakeGuild] = {}
        self.guild_id = self.configure_guild(name="Test Guild").id

        #: Every message the bot created, by id, in its current (edited) state.
        self.messages: dict[int, dict[str, Any]] = {}
        #: Messages created with POST /channels/{id}/messages, in order.
        self.channel_message_ids: list[int] = []
        #: ``{None: [...global...], guild_id: [...]}`` as last bulk-overwritten (with ids).
        self.synced_commands: dict[int | None, list[dict[str, Any]]] = {}
        #: Every bulk overwrite: (guild_id or None, payload exactly as sent).
        self.sync_log: list[tuple[int | None, list[dict[str, Any]]]] = []
        #: Bulk overwrites refused as Discord would (bad names, descriptions, localisations).
        self.refused_syncs: list[tuple[int | None, list[str]]] = []
        self.interactions: dict[int, InteractionRecord] = {}
        self._by_token: dict[str, InteractionRecord] = {}
        self.requests: list[RequestRecord] = []
        #: Requests that hit no fake route; the fixture fails the test if non-empty.
        self.unknown_requests: list[RequestRecord] = []
        #: Exceptions raised inside fake handlers (bugs in the fake or odd payloads).
        self.errors: list[str] = []
        #: When True the ``fake_discord`` fixture fails the test on unknown routes/errors.
        self.strict = True
        self.presence_updates: list[dict[str, Any]] = []
        self.identify_count = 0
        #: ``shards`` of GET /gateway/bot: what Discord recommends to a client without
        #: SHARD_COUNT.
        self.recommended_shards = 1
        self.resume_count = 0

        self.changed = Changed()
        self._sessions: dict[str, GatewaySession] = {}
        self._connections: list[GatewayConnection] = []
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind to a free port on 127.0.0.1 and start serving."""
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024**2)
        self._add_routes(app.router)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await self._site.start()
        server = self._site._server
        assert server is not None
        sockets = getattr(server, "sockets", None) or []
        self.port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Close gateway sockets and the HTTP server."""
        for conn in list(self._connections):
            with contextlib.suppress(Exception):
                await conn.ws.close(code=1000)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def run_bot(
        self, bot: ClientT, **kwargs: Any
    ) -> contextlib.AbstractAsyncContextManager[ClientT]:
        """:func:`run_bot` with this fake's token and guild-cache wait filled in."""
        kwargs.setdefault("token", self.token)
        return run_bot(bot, fake=self, **kwargs)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:port``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE``."""
        return f"{self.url}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (also the resume URL)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    # ------------------------------------------------------------------ configuration

    def add_user(self, username: str, *, bot: bool = False, locale: str = "en-US") -> FakeUser:
        """Create a user (not yet a member of any guild) who reads Discord in ``locale``."""
        user = FakeUser(self.snowflake(), username, bot=bot, locale=locale)
        self.users[user.id] = user
        return user

    def configure_guild(
        self,
        guild_id: int | None = None,
        *,
        name: str = "Test Guild",
        channel_names: Sequence[str] = ("general",),
        everyone_permissions: int = p.MEMBER_PERMISSIONS,
        members: Iterable[FakeUser] = (),
        locale: str = "en-US",
    ) -> FakeGuild:
        """Add (or replace) a guild announced on the next IDENTIFY.

        The bot, the owner and the default ``tester`` user are always members so
        discord.py builds ``Member`` objects for them.
        """
        gid = guild_id or self.snowflake()
        guild = FakeGuild(id=gid, name=name, owner_id=self.owner.id, locale=locale)
        guild.roles.append(p.role_payload(gid, "@everyone", permissions=everyone_permissions))
        for pos, cname in enumerate(channel_names):
            guild.channels.append(
                p.text_channel_payload(self.snowflake(), gid, cname, position=pos)
            )
        seen: set[int] = set()
        for user in (self.bot_user, self.owner, self.user, *members):
            if user.id not in seen:
                seen.add(user.id)
                self.users[user.id] = user
                guild.members.append(p.member_payload(user.payload))
        self.guilds[gid] = guild
        return guild

    def add_role(self, guild_id: int, name: str, *, permissions: int) -> int:
        """Add a role to a configured guild; returns its id."""
        guild = self.guilds[guild_id]
        role_id = self.snowflake()
        guild.roles.append(
            p.role_payload(role_id, name, permissions=permissions, position=len(guild.roles))
        )
        return role_id

    @property
    def guild(self) -> FakeGuild:
        """The default guild."""
        return self.guilds[self.guild_id]

    def configure_guild_on_shard(
        self, shard_id: int, shard_count: int, **options: Any
    ) -> FakeGuild:
        """:meth:`configure_guild` with an id whose events go to ``shard_id`` of ``shard_count``.

        Like Discord, a sharded client receives only its shards' guilds in READY and
        GUILD_CREATE, and each guild's interactions arrive on the socket of its shard.
        """
        base = self.snowflake() >> 22
        offset = (shard_id - base) % shard_count
        guild_id = (base + offset) << 22 | 1
        assert shard_of(guild_id, shard_count) == shard_id
        return self.configure_guild(guild_id, **options)

    @property
    def channel_id(self) -> int:
        """The default guild's first text channel."""
        return self.guild.default_channel_id

    # ------------------------------------------------------------------ HTTP plumbing

    def _add_routes(self, router: web.UrlDispatcher) -> None:
        a = API_PREFIX
        wh = a + "/webhooks/{app_id}/{token}"
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/gateway", self._gateway_ws),
            ("GET", a + "/gateway", self._get_gateway),
            ("GET", a + "/gateway/bot", self._get_gateway_bot),
            ("GET", a + "/users/@me", self._get_me),
            ("GET", a + "/users/{user_id}", self._get_user),
            ("GET", a + "/oauth2/applications/@me", self._get_application),
            ("GET", a + "/applications/@me", self._get_application),
            ("GET", a + "/applications/{app_id}/commands", self._get_commands),
            ("PUT", a + "/applications/{app_id}/commands", self._put_commands),
            ("GET", a + "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands),
            ("PUT", a + "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands),
            ("POST", a + "/interactions/{interaction_id}/{token}/callback", self._callback),
            ("GET", wh + "/messages/@original", self._get_original),
            ("PATCH", wh + "/messages/@original", self._edit_original),
            ("DELETE", wh + "/messages/@original", self._delete_original),
            ("POST", wh, self._post_followup),
            ("GET", wh + "/messages/{message_id}", self._get_webhook_message),
            ("PATCH", wh + "/messages/{message_id}", self._edit_webhook_message),
            ("DELETE", wh + "/messages/{message_id}", self._delete_webhook_message),
            ("POST", a + "/channels/{channel_id}/messages", self._post_channel_message),
            ("GET", a + "/channels/{channel_id}/messages/{message_id}", self._get_channel_message),
            (
                "PATCH",
                a + "/channels/{channel_id}/messages/{message_id}",
                self._edit_channel_message,
            ),
            (
                "DELETE",
                a + "/channels/{channel_id}/messages/{message_id}",
                self._delete_channel_message,
            ),
        ]
        for method, path, handler in routes:
            router.add_route(method, path, handler)
        router.add_route("*", "/{tail:.*}", self._unknown)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Record every request and turn fake-side crashes into visible errors.

        Crashes become 400 (not 500) because discord.py retries 5xx with multi-second
        sleeps, which would turn a fake bug into a slow, confusing test.
        """
        if request.path == "/gateway":
            return await handler(request)
        record = RequestRecord(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            body=None,
            files=[],
            at=time.perf_counter(),
        )
        request[RECORD_KEY] = record
        self.requests.append(record)
        try:
            response = await handler(request)
        except web.HTTPException:
            raise
        except Exception as exc:
            log.exception("fake_discord handler crashed on %s %s", request.method, request.path)
            self.errors.append(f"{request.method} {request.path}: {exc!r}")
            response = _error(400, 0, f"fake_discord internal error: {exc!r}")
        record.status = response.status
        return response

    async def _body(self, request: web.Request) -> tuple[Any, list[UploadedFile]]:
        """Parse JSON or multipart (``payload_json`` + ``files[n]``) bodies."""
        files: list[UploadedFile] = []
        body: Any = None
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not hasattr(part, "name"):
                    continue
                name = getattr(part, "name", None)
                raw = bytes(await part.read(decode=False))  # type: ignore[union-attr]
                if name == "payload_json":
                    body = json.loads(raw.decode())
                else:
                    files.append(
                        UploadedFile(
                            field=name or "",
                            filename=getattr(part, "filename", None),
                            content_type=part.headers.get("Content-Type"),
                            data=raw,
                        )
                    )
        elif request.can_read_body:
            text = await request.text()
            body = json.loads(text) if text else None
        record: RequestRecord | None = request.get(RECORD_KEY)
        if record is not None:
            record.body = body
            record.files = files
        return body, files

    async def _unknown(self, request: web.Request) -> web.Response:
        body, _ = await self._body(request)
        record: RequestRecord = request[RECORD_KEY]
        self.unknown_requests.append(record)
        log.warning(
            "fake_discord: unhandled route %s %s body=%r", request.method, request.path, body
        )
        return _error(404, 0, f"fake_discord has no route for {request.method} {request.path}")

    def describe_traffic(self) -> str:
        """Recent requests, appended to timeout messages to explain what happened."""
        recent = self.requests[-8:]
        lines = [f"  {r.method} {r.path} -> {r.status}" for r in recent]
        extra = ""
        if self.errors:
            extra = "\nfake errors:\n  " + "\n  ".join(self.errors)
        return "\nrecent requests:\n" + ("\n".join(lines) or "  (none)") + extra

    # ------------------------------------------------------------------ simple REST

    async def _get_gateway(self, request: web.Request) -> web.Response:
        return _json({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request) -> web.Response:
        return _json(
            {
                "url": self.gateway_url,
                "shards": self.recommended_shards,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 1000,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.token}"

    async def _get_me(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return _error(401, 0, "401: Unauthorized")
        return _json(self.bot_user.payload)

    async def _get_user(self, request: web.Request) -> web.Response:
        user = self.users.get(int(request.match_info["user_id"]))
        if user is None:
            return _error(404, 10013, "Unknown User")
        return _json(user.payload)

    def application_payload(self) -> dict[str, Any]:
        """What GET /oauth2/applications/@me returns (no interactions endpoint URL)."""
        return {
            "id": str(self.application_id),
            "name": self.bot_user.username,
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.owner.payload,
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
            "interactions_endpoint_url": None,
            "bot": self.bot_user.payload,
        }

    async def _get_application(self, request: web.Request) -> web.Response:
        return _json(self.application_payload())

    def _check_app(self, request: web.Request) -> web.Response | None:
        if int(request.match_info["app_id"]) != self.application_id:
            return _error(404, 10002, "Unknown Application")
        return None

    async def _get_commands(self, request: web.Request) -> web.Response:
        if (err := self._check_app(request)) is not None:
            return err
        gid = request.match_info.get("guild_id")
        return _json(self.synced_commands.get(int(gid) if gid else None, []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        if (err := self._check_app(request)) is not None:
            return err
        body, _ = await self._body(request)
        gid_raw = request.match_info.get("guild_id")
        gid = int(gid_raw) if gid_raw else None
        self.sync_log.append((gid, json.loads(json.dumps(body))))
        problems = [problem for cmd in body for problem in command_problems(cmd)]
        if problems:
            self.refused_syncs.append((gid, problems))
            return _error(400, 50035, "Invalid Form Body: " + "; ".join(problems))
        previous = {
            (c["name"], c.get("type", 1)): c["id"] for c in self.synced_commands.get(gid, [])
        }
        stored = []
        for cmd in body:
            out = json.loads(json.dumps(cmd))
            key = (out["name"], out.get("type", 1))
            out["id"] = previous.get(key) or str(self.snowflake())
            out["application_id"] = str(self.application_id)
            out["version"] = str(self.snowflake())
            out.setdefault("type", 1)
            out.setdefault("description", "")
            out.setdefault("default_member_permissions", None)
            if gid is not None:
                out["guild_id"] = str(gid)
            stored.append(out)
        self.synced_commands[gid] = stored
        self.changed.pulse()
        return _json(stored)

    async def wait_for_sync(self, guild_id: int | None = None, timeout: float = 5.0) -> list[dict]:
        """Wait until the bot bulk-overwrote commands for ``guild_id`` (None = global)."""
        await self.changed.wait_until(
            lambda: guild_id in self.synced_commands, timeout, f"command sync for {guild_id}"
        )
        return self.synced_commands[guild_id]

    # ------------------------------------------------------------------ messages

    def _new_message(
        self,
        body: Mapping[str, Any],
        files: list[UploadedFile],
        *,
        channel_id: int,
        guild_id: int | None,
        message_type: int = 0,
        webhook: bool = False,
        interaction: InteractionRecord | None = None,
        extra_flags: int = 0,
    ) -> dict[str, Any]:
        mid = self.snowflake()
        msg: dict[str, Any] = {
            "id": str(mid),
            "channel_id": str(channel_id),
            "author": self.bot_user.payload,
            "content": "",
            "timestamp": p.iso_now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "type": message_type,
            "flags": extra_flags,
        }
        if guild_id is not None:
            msg["guild_id"] = str(guild_id)
        if webhook:
            msg["webhook_id"] = str(self.application_id)
            msg["application_id"] = str(self.application_id)
        if interaction is not None:
            invoker = interaction.payload.get("member", {}).get("user") or interaction.payload.get(
                "user"
            )
            msg["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": invoker,
                "authorizing_integration_owners": interaction.payload.get(
                    "authorizing_integration_owners", {}
                ),
            }
        self._apply(msg, body, files, creating=True)
        self.messages[mid] = msg
        return msg

    def _apply(
        self,
        msg: dict[str, Any],
        body: Mapping[str, Any] | None,
        files: list[UploadedFile],
        *,
        creating: bool = False,
    ) -> None:
        """Merge a create/edit body into a stored message like Discord does."""
        body = body or {}
        if "content" in body:
            msg["content"] = body["content"] or ""
        if "embeds" in body:
            msg["embeds"] = body["embeds"] or []
        if "components" in body:
            msg["components"] = body["components"] or []
        if "poll" in body:
            msg["poll"] = body["poll"]
        if "tts" in body:
            msg["tts"] = bool(body["tts"])
        if "allowed_mentions" in body:
            # Not part of a real message (stripped when served); kept for ``mentions``.
            msg["_allowed_mentions"] = body["allowed_mentions"]
        if "flags" in body and body["flags"] is not None:
            keep = msg.get("flags", 0) & p.MESSAGE_FLAG_EPHEMERAL
            msg["flags"] = int(body["flags"]) | keep
        if not creating:
            msg["flags"] = msg.get("flags", 0) & ~p.MESSAGE_FLAG_LOADING
            msg["edited_timestamp"] = p.iso_now()
        if "attachments" in body or files:
            msg["attachments"] = self._attachments(msg, body.get("attachments"), files)
        if "content" in body:
            msg["mentions"] = self._mentioned_users(msg["content"], msg.get("_allowed_mentions"))

    def _attachments(
        self,
        msg: dict[str, Any],
        wanted: list[dict[str, Any]] | None,
        files: list[UploadedFile],
    ) -> list[dict[str, Any]]:
        by_field = {f.field: f for f in files}
        existing = {a["id"]: a for a in msg.get("attachments", [])}
        out: list[dict[str, Any]] = []
        if wanted is None:
            wanted = [{"id": i} for i in range(len(files))]
        for item in wanted:
            upload = by_field.get(f"files[{item['id']}]")
            if upload is not None:
                out.append(
                    p.attachment_payload(
                        self.snowflake(),
                        item.get("filename") or upload.filename or "file",
                        size=len(upload.data),
                        base_url=self.url,
                        content_type=upload.content_type,
                    )
                )
            elif str(item["id"]) in existing:
                out.append(existing[str(item["id"])])
        return out

    def _mentioned_users(
        self, content: str, allowed: dict[str, Any] | None
    ) -> list[dict[str, Any]]:
        """Users Discord would list (and ping): those in content *and* allowed."""
        found = []
        for user in self.users.values():
            if f"<@{user.id}>" not in content and f"<@!{user.id}>" not in content:
                continue
            if (
                allowed is None
                or "users" in allowed.get("parse", [])
                or str(user.id) in {str(u) for u in allowed.get("users", [])}
            ):
                found.append(user.payload)
        return found

    def _message_or_404(self, message_id: int) -> dict[str, Any] | web.Response:
        msg = self.messages.get(message_id)
        if msg is None or msg.get("_deleted"):
            return _error(404, 10008, "Unknown Message")
        return msg

    def channel_messages(self) -> list[dict[str, Any]]:
        """Messages the bot posted with POST /channels/{id}/messages, current state."""
        return [self.messages[i] for i in self.channel_message_ids]

    async def _post_channel_message(self, request: web.Request) -> web.Response:
        body, files = await self._body(request)
        cid = int(request.match_info["channel_id"])
        gid = next((g.id for g in self.guilds.values() if g.channel(cid)), None)
        msg_type = 19 if body and body.get("message_reference") else 0
        msg = self._new_message(body, files, channel_id=cid, guild_id=gid, message_type=msg_type)
        self.channel_message_ids.append(int(msg["id"]))
        self.changed.pulse()
        return _json(_public(msg))

    async def _get_channel_message(self, request: web.Request) -> web.Response:
        found = self._message_or_404(int(request.match_info["message_id"]))
        return found if isinstance(found, web.Response) else _json(_public(found))

    async def _edit_channel_message(self, request: web.Request) -> web.Response:
        body, files = await self._body(request)
        found = self._message_or_404(int(request.match_info["message_id"]))
        if isinstance(found, web.Response):
            return found
        self._apply(found, body, files)
        self.changed.pulse()
        return _json(_public(found))

    async def _delete_channel_message(self, request: web.Request) -> web.Response:
        found = self._message_or_404(int(request.match_info["message_id"]))
        if isinstance(found, web.Response):
            return found
        found["_deleted"] = True
        self.changed.pulse()
        return web.Response(status=204)

    # ------------------------------------------------------------------ interactions: REST side

    async def _callback(self, request: web.Request) -> web.Response:
        received = time.perf_counter()
        rec = self.interactions.get(int(request.match_info["interaction_id"]))
        body, files = await self._body(request)
        if rec is None or rec.token != request.match_info["token"]:
            return _error(404, 10062, "Unknown interaction")
        if rec.callback is not None:
            return _error(400, 40060, "Interaction has already been acknowledged.")
        if self.callback_deadline is not None and received - rec.dispatched_at > (
            self.callback_deadline
        ):
            rec.rejected = body
            self.changed.pulse()
            return _error(404, 10062, "Unknown interaction")
        ctype = int(body["type"])
        data = body.get("data") or {}
        channel_id = int(rec.payload["channel"]["id"])
        guild_id = _int_or_none(rec.payload.get("guild_id"))
        resource: dict[str, Any] = {"type": ctype}
        if ctype == CHANNEL_MESSAGE:
            msg = self._new_message(
                data,
                files,
                channel_id=channel_id,
                guild_id=guild_id,
                message_type=20 if rec.type == APPLICATION_COMMAND else 0,
                webhook=True,
                interaction=rec,
            )
            rec.original_message_id = int(msg["id"])
            resource["message"] = _public(msg)
        elif ctype == DEFERRED_CHANNEL_MESSAGE:
            flags = p.MESSAGE_FLAG_LOADING | (int(data.get("flags", 0)) & p.MESSAGE_FLAG_EPHEMERAL)
            msg = self._new_message(
                {},
                [],
                channel_id=channel_id,
                guild_id=guild_id,
                message_type=20 if rec.type == APPLICATION_COMMAND else 0,
                webhook=True,
                interaction=rec,
                extra_flags=flags,
            )
            rec.original_message_id = int(msg["id"])
            resource["message"] = _public(msg)
        elif ctype in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            if rec.type != MESSAGE_COMPONENT:
                return _error(400, 50035, "Invalid Form Body: update requires a component")
            mid = int(rec.payload["message"]["id"])
            rec.original_message_id = mid
            msg = self.messages.get(mid) or rec.payload["message"]
            self.messages.setdefault(mid, msg)
            if ctype == UPDATE_MESSAGE:
                self._apply(msg, data, files)
                resource["message"] = _public(msg)
        elif ctype not in (AUTOCOMPLETE_RESULT, MODAL):
            return _error(400, 50035, f"Invalid Form Body: unknown callback type {ctype}")
        rec.callback = body
        rec.callback_files = files
        rec.callback_at = received
        if rec.is_resolved():
            rec.final_at = received
        self.changed.pulse()
        if "with_response" not in request.query:
            return web.Response(status=204)
        message = self.messages.get(rec.original_message_id or 0)
        interaction_info: dict[str, Any] = {"id": str(rec.id), "type": rec.type}
        if message is not None and ctype in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            interaction_info.update(
                response_message_id=message["id"],
                response_message_loading=ctype == DEFERRED_CHANNEL_MESSAGE,
                response_message_ephemeral=bool(message["flags"] & p.MESSAGE_FLAG_EPHEMERAL),
            )
        elif message is not None and ctype == UPDATE_MESSAGE:
            interaction_info["response_message_id"] = message["id"]
        out: dict[str, Any] = {"interaction": interaction_info}
        if "message" in resource:
            out["resource"] = resource
        return _json(out)

    def _record_for_webhook(self, request: web.Request) -> InteractionRecord | web.Response:
        if int(request.match_info["app_id"]) != self.application_id:
            return _error(404, 10015, "Unknown Webhook")
        rec = self._by_token.get(request.match_info["token"])
        if rec is None:
            return _error(404, 10015, "Unknown Webhook")
        if self.token_lifetime is not None and (
            time.perf_counter() - rec.dispatched_at > self.token_lifetime
        ):
            return _error(401, 50027, "Invalid Webhook Token")
        if rec.callback is None:
            # Discord has no original message before the interaction is acknowledged.
            return _error(404, 10015, "Unknown Webhook")
        return rec

    def _original(
        self, request: web.Request
    ) -> tuple[InteractionRecord, dict[str, Any]] | web.Response:
        """The interaction a webhook request names, and its original response message."""
        rec = self._record_for_webhook(request)
        if isinstance(rec, web.Response):
            return rec
        if rec.original_message_id is None or rec.original_deleted:
            return _error(404, 10008, "Unknown Message")
        found = self._message_or_404(rec.original_message_id)
        if isinstance(found, web.Response):
            return found
        return rec, found

    async def _get_original(self, request: web.Request) -> web.Response:
        found = self._original(request)
        return found if isinstance(found, web.Response) else _json(_public(found[1]))

    async def _edit_original(self, request: web.Request) -> web.Response:
        body, files = await self._body(request)
        found = self._original(request)
        if isinstance(found, web.Response):
            return found
        rec, msg = found
        self._apply(msg, body, files)
        rec.edits.append(body or {})
        rec.edit_files.append(files)
        self._mark_final(rec)
        return _json(_public(msg))

    async def _delete_original(self, request: web.Request) -> web.Response:
        found = self._original(request)
        if isinstance(found, web.Response):
            return found
        rec, msg = found
        msg["_deleted"] = True
        rec.original_deleted = True
        self.changed.pulse()
        return web.Response(status=204)

    async def _post_followup(self, request: web.Request) -> web.Response:
        body, files = await self._body(request)
        rec = self._record_for_webhook(request)
        if isinstance(rec, web.Response):
            return rec
        rec.followups.append(body or {})
        original = self.messages.get(rec.original_message_id or 0)
        if (
            rec.callback_type == DEFERRED_CHANNEL_MESSAGE
            and original is not None
            and original["flags"] & p.MESSAGE_FLAG_LOADING
        ):
            # Discord: the first follow-up after a deferred "thinking" response
            # edits that original message instead of creating a new one.
            self._apply(original, body, files)
            msg = original
        else:
            flags = int((body or {}).get("flags") or 0)
            msg = self._new_message(
                body or {},
                files,
                channel_id=int(rec.payload["channel"]["id"]),
                guild_id=_int_or_none(rec.payload.get("guild_id")),
                message_type=19,
                webhook=True,
                interaction=rec,
                extra_flags=flags & p.MESSAGE_FLAG_EPHEMERAL,
            )
        rec.followup_message_ids.append(int(msg["id"]))
        self._mark_final(rec)
        if request.query.get("wait") in ("0", "false"):
            return web.Response(status=204)
        return _json(_public(msg))

    def _webhook_message(
        self, request: web.Request
    ) -> tuple[InteractionRecord, dict[str, Any]] | web.Response:
        rec = self._record_for_webhook(request)
        if isinstance(rec, web.Response):
            return rec
        mid = int(request.match_info["message_id"])
        if mid not in rec.followup_message_ids and mid != rec.original_message_id:
            return _error(404, 10008, "Unknown Message")
        found = self._message_or_404(mid)
        if isinstance(found, web.Response):
            return found
        return rec, found

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        found = self._webhook_message(request)
        return found if isinstance(found, web.Response) else _json(_public(found[1]))

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        body, files = await self._body(request)
        found = self._webhook_message(request)
        if isinstance(found, web.Response):
            return found
        rec, msg = found
        self._apply(msg, body, files)
        if int(msg["id"]) == rec.original_message_id:
            rec.edits.append(body or {})
            rec.edit_files.append(files)
        self._mark_final(rec)
        return _json(_public(msg))

    async def _delete_webhook_message(self, request: web.Request) -> web.Response:
        found = self._webhook_message(request)
        if isinstance(found, web.Response):
            return found
        found[1]["_deleted"] = True
        self.changed.pulse()
        return web.Response(status=204)

    def _mark_final(self, rec: InteractionRecord) -> None:
        if rec.final_at is None and rec.is_resolved():
            rec.final_at = time.perf_counter()
        self.changed.pulse()

    # ------------------------------------------------------------------ gateway

    async def _gateway_ws(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        conn = GatewayConnection(ws=ws, query=dict(request.query))
        self._connections.append(conn)
        try:
            await self._send(
                conn, {"op": OP_HELLO, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}
            )
            async for frame in ws:
                if frame.type == WSMsgType.TEXT:
                    await self._on_gateway_frame(conn, json.loads(frame.data))
                elif frame.type == WSMsgType.ERROR:
                    break
        except Exception as exc:
            log.exception("fake_discord gateway crashed")
            self.errors.append(f"gateway: {exc!r}")
        finally:
            self._connections.remove(conn)
            self.changed.pulse()
        return ws

    async def _send(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        await conn.ws.send_str(json.dumps(frame))

    async def _send_dispatch(self, conn: GatewayConnection, event: str, data: Any) -> None:
        assert conn.session is not None
        conn.session.seq += 1
        await self._send(conn, {"op": OP_DISPATCH, "t": event, "s": conn.session.seq, "d": data})

    async def _on_gateway_frame(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        conn.received.append(frame)
        op = frame.get("op")
        data = frame.get("d")
        if op == OP_HEARTBEAT:
            await self._send(conn, {"op": OP_HEARTBEAT_ACK})
        elif op == OP_IDENTIFY:
            await self._identify(conn, data)
        elif op == OP_RESUME:
            await self._resume(conn, data)
        elif op == OP_REQUEST_GUILD_MEMBERS:
            await self._member_chunk(conn, data)
        elif op == OP_PRESENCE_UPDATE:
            self.presence_updates.append(data)
        else:
            log.info("fake_discord: ignoring gateway op %s", op)

    async def _identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        if data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        self.identify_count += 1
        shard = data.get("shard")
        session = GatewaySession(
            id=secrets.token_hex(16),
            user_token=data["token"],
            shard=(int(shard[0]), int(shard[1])) if shard else None,
        )
        self._sessions[session.id] = session
        conn.session = session
        conn.identify = data
        guilds = [g for g in self.guilds.values() if self._on_shard(g.id, session.shard)]
        ready = {
            "v": 10,
            "user": self.bot_user.payload,
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if session.shard is not None:
            ready["shard"] = list(session.shard)
        await self._send_dispatch(conn, "READY", ready)
        for guild in guilds:
            await self._send_dispatch(conn, "GUILD_CREATE", guild.create_payload())
        self.changed.pulse()

    @staticmethod
    def _on_shard(guild_id: int | None, shard: tuple[int, int] | None) -> bool:
        """Whether a session on ``shard`` gets this guild's events (DMs: shard 0)."""
        if shard is None:
            return True
        shard_id, count = shard
        return (0 if guild_id is None else shard_of(guild_id, count)) == shard_id

    async def _resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        session = self._sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.token:
            await self._send(conn, {"op": OP_INVALID_SESSION, "d": False})
            return
        self.resume_count += 1
        conn.session = session
        await self._send_dispatch(conn, "RESUMED", {})
        self.changed.pulse()

    async def _member_chunk(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        gid = (
            int(data["guild_id"])
            if not isinstance(data["guild_id"], list)
            else int(data["guild_id"][0])
        )
        guild = self.guilds.get(gid)
        chunk = {
            "guild_id": str(gid),
            "members": guild.members if guild else [],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
            "nonce": data.get("nonce"),
        }
        await self._send_dispatch(conn, "GUILD_MEMBERS_CHUNK", chunk)

    @property
    def connected(self) -> bool:
        """Whether some bot has identified (or resumed) on an open gateway socket."""
        return self._active() is not None

    def _active(self, guild_id: int | None = None) -> GatewayConnection | None:
        """The newest live socket, or for sharded clients the one of ``guild_id``'s shard."""
        live = [c for c in self._connections if c.open and c.session is not None]
        if any(c.shard is not None for c in live):
            live = [c for c in live if self._on_shard(guild_id, c.shard)]
        return live[-1] if live else None

    @property
    def connected_shards(self) -> set[int]:
        """Shard ids with a live, identified (or resumed) socket."""
        return {
            c.shard[0]
            for c in self._connections
            if c.open and c.session is not None and c.shard is not None
        }

    async def wait_connected(self, timeout: float = 5.0) -> None:
        """Wait until a bot has identified on the gateway."""
        await self.changed.wait_until(lambda: self.connected, timeout, "a gateway IDENTIFY")

    async def wait_shards(self, shard_ids: Iterable[int], timeout: float = 5.0) -> None:
        """Wait until every shard in ``shard_ids`` has a live socket (from any process)."""
        wanted = set(shard_ids)
        await self.changed.wait_until(
            lambda: wanted <= self.connected_shards, timeout, f"shards {sorted(wanted)} connected"
        )

    async def dispatch(self, event: str, data: Any) -> None:
        """Send a DISPATCH (``op 0``) event to the most recently connected bot."""
        conn = self._active()
        if conn is None:
            raise NoBotConnectedError(f"no bot connected to receive {event}")
        await self._send_dispatch(conn, event, data)

    async def reconnect_request(self) -> None:
        """Send op 7 RECONNECT so the bot drops the socket and RESUMEs."""
        conn = self._active()
        if conn is None:
            raise NoBotConnectedError("no bot connected")
        await self._send(conn, {"op": 7, "d": None})

    # ------------------------------------------------------------------ interactions: gateway side

    def find_command(self, name: str, guild_id: int | None = None) -> dict[str, Any] | None:
        """The synced definition of a top-level command (guild first, then global)."""
        for scope in (guild_id, None) if guild_id is not None else (None,):
            for cmd in self.synced_commands.get(scope, []):
                if cmd["name"] == name and cmd.get("type", 1) == 1:
                    return cmd
        return None

    def _context(
        self,
        *,
        user: FakeUser | None,
        permissions: int | None,
        guild_id: int | None,
        channel_id: int | None,
        dm: bool,
        roles: Sequence[int] = (),
        locale: str | None = None,
        guild_locale: str | None = None,
    ) -> dict[str, Any]:
        """The who/where part common to every interaction payload.

        ``locale`` defaults to the user's, ``guild_locale`` to the guild's.
        """
        user = user or self.user
        self.users.setdefault(user.id, user)
        ctx: dict[str, Any] = {
            "application_id": str(self.application_id),
            "version": 1,
            "locale": locale or user.locale,
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "app_permissions": str(p.BOT_PERMISSIONS),
        }
        if dm:
            ctx["user"] = user.payload
            ctx["channel"] = p.dm_channel_payload(channel_id or self.snowflake(), user.payload)
            ctx["channel_id"] = ctx["channel"]["id"]
            ctx["context"] = 1
            ctx["authorizing_integration_owners"] = {"0": str(user.id)}
            return ctx
        gid = guild_id or self.guild_id
        guild = self.guilds[gid]
        cid = channel_id or guild.default_channel_id
        channel = guild.channel(cid) or p.text_channel_payload(cid, gid, "unknown")
        if permissions is None:
            permissions = p.ADMIN_PERMISSIONS if user.id == guild.owner_id else p.MEMBER_PERMISSIONS
        server_locale = guild_locale or guild.locale
        ctx.update(
            guild_id=str(gid),
            guild={"id": str(gid), "locale": server_locale, "features": []},
            guild_locale=server_locale,
            channel_id=str(cid),
            channel={**channel, "permissions": str(permissions)},
            member=p.member_payload(user.payload, roles=list(roles), permissions=permissions),
            context=0,
            authorizing_integration_owners={"0": str(gid)},
        )
        return ctx

    async def _dispatch_interaction(self, itype: int, payload: dict[str, Any]) -> InteractionRecord:
        iid = self.snowflake()
        token = secrets.token_urlsafe(32)
        payload = {**payload, "id": str(iid), "type": itype, "token": token}
        rec = InteractionRecord(fake=self, id=iid, token=token, type=itype, payload=payload)
        self.interactions[iid] = rec
        self._by_token[token] = rec
        conn = self._active(_int_or_none(payload.get("guild_id")))
        if conn is None:
            raise NoBotConnectedError("no bot connected to receive INTERACTION_CREATE")
        rec.dispatched_at = time.perf_counter()
        await self._send_dispatch(conn, "INTERACTION_CREATE", payload)
        return rec

    def _command_data(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[dict[str, Any]] | None,
        *,
        guild_id: int | None,
        focused: str | None,
        resolved: dict[str, Any] | None,
        member_permissions: int | None,
        dm: bool,
    ) -> dict[str, Any]:
        """Build ``data`` of a type 2/4 interaction, typed from the synced definition."""
        parts = name.split()
        definition = self.find_command(parts[0], None if dm else guild_id or self.guild_id)
        if definition is None and self.require_synced_commands:
            raise InteractionRejectedError(f"command {parts[0]!r} was never synced")
        if definition is not None and self.enforce_permissions:
            _check_permissions(definition, member_permissions, dm=dm)
        res: dict[str, Any] = {}
        leaf_defs: list[dict[str, Any]] = (definition or {}).get("options", [])
        path: list[tuple[str, int]] = []
        for i, sub in enumerate(parts[1:]):
            sub_def = next((o for o in leaf_defs if o["name"] == sub), None)
            if sub_def is not None:
                kind = int(sub_def["type"])
            else:
                kind = SUB_COMMAND_GROUP if i < len(parts) - 2 else SUB_COMMAND
            path.append((sub, kind))
            leaf_defs = (sub_def or {}).get("options", [])
        if options is None:
            built: list[dict[str, Any]] = []
        elif isinstance(options, Mapping):
            built = [
                self._option(
                    key,
                    value,
                    defs=leaf_defs,
                    resolved=res,
                    guild_id=guild_id,
                    focused=key == focused,
                )
                for key, value in options.items()
            ]
        else:
            built = [dict(o) for o in options]
        for sub, kind in reversed(path):
            built = [{"name": sub, "type": kind, "options": built}]
        data: dict[str, Any] = {
            "id": (definition or {}).get("id") or str(self.snowflake()),
            "name": parts[0],
            "type": 1,
            "options": built,
        }
        if definition is not None and definition.get("guild_id"):
            data["guild_id"] = definition["guild_id"]
        if resolved is not None:
            res = {**res, **resolved}
        if res:
            data["resolved"] = res
        return data

    def _option(
        self,
        name: str,
        value: Any,
        *,
        defs: list[dict[str, Any]],
        resolved: dict[str, Any],
        guild_id: int | None,
        focused: bool,
    ) -> dict[str, Any]:
        definition = next((o for o in defs if o["name"] == name), None)
        otype = int(definition["type"]) if definition else _infer_type(value)
        if isinstance(value, FakeUser):
            resolved.setdefault("users", {})[str(value.id)] = value.payload
            guild = self.guilds.get(guild_id or self.guild_id)
            if guild and guild.member(value.id):
                resolved.setdefault("members", {})[str(value.id)] = p.member_payload(
                    value.payload, include_user=False, permissions=p.MEMBER_PERMISSIONS
                )
            value = str(value.id)
        elif isinstance(value, dict) and "id" in value:
            bucket = {7: "channels", 8: "roles", 11: "attachments"}.get(otype, "users")
            resolved.setdefault(bucket, {})[str(value["id"])] = value
            value = str(value["id"])
        opt: dict[str, Any] = {"name": name, "type": otype, "value": value}
        if focused:
            opt["focused"] = True
        return opt

    async def interact_command(
        self,
        name: str,
        options: Mapping[str, Any] | Sequence[dict[str, Any]] | None = None,
        *,
        user: FakeUser | None = None,
        permissions: int | None = None,
        roles: Sequence[int] = (),
        guild_id: int | None = None,
        channel_id: int | None = None,
        dm: bool = False,
        resolved: dict[str, Any] | None = None,
        locale: str | None = None,
        guild_locale: str | None = None,
    ) -> InteractionRecord:
        """Invoke a slash command as a user would (INTERACTION_CREATE type 2).

        ``name`` may contain sub-commands (``"admin reload"``). ``options`` maps option
        names to values; types come from the synced command definition (or are
        inferred), and :class:`FakeUser` or ``{"id": ...}`` values are put into
        ``resolved``. ``permissions`` is the member's permission integer (default:
        an ordinary member; the guild owner gets admin). ``locale`` and ``guild_locale``
        override the user's and the guild's Discord languages for this one interaction.
        """
        ctx = self._context(
            user=user,
            permissions=permissions,
            guild_id=guild_id,
            channel_id=channel_id,
            dm=dm,
            roles=roles,
            locale=locale,
            guild_locale=guild_locale,
        )
        member_perms = None if dm else int(ctx["member"]["permissions"])
        data = self._command_data(
            name,
            options,
            guild_id=guild_id,
            focused=None,
            resolved=resolved,
            member_permissions=member_perms,
            dm=dm,
        )
        return await self._dispatch_interaction(APPLICATION_COMMAND, {**ctx, "data": data})

    async def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any],
        *,
        focused: str | None = None,
        user: FakeUser | None = None,
        permissions: int | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        dm: bool = False,
        locale: str | None = None,
        guild_locale: str | None = None,
    ) -> InteractionRecord:
        """Send an autocomplete request (type 4); ``focused`` defaults to the last option."""
        focused = focused or list(options)[-1]
        ctx = self._context(
            user=user,
            permissions=permissions,
            guild_id=guild_id,
            channel_id=channel_id,
            dm=dm,
            locale=locale,
            guild_locale=guild_locale,
        )
        member_perms = None if dm else int(ctx["member"]["permissions"])
        data = self._command_data(
            name,
            options,
            guild_id=guild_id,
            focused=focused,
            resolved=None,
            member_permissions=member_perms,
            dm=dm,
        )
        return await self._dispatch_interaction(
            APPLICATION_COMMAND_AUTOCOMPLETE, {**ctx, "data": data}
        )

    def resolve_message(self, message: MessageRef) -> dict[str, Any]:
        """Latest stored payload for a message given as dict, id or record."""
        if isinstance(message, InteractionRecord):
            msg = message.message
            if msg is None:
                raise LookupError(f"{message.describe()} has no response message")
            return msg
        if isinstance(message, Mapping):
            return self.messages.get(int(message["id"])) or dict(message)
        msg = self.messages.get(int(message))
        if msg is None:
            raise LookupError(f"unknown message {message}")
        return msg

    async def _component(
        self,
        message: MessageRef,
        custom_id: str,
        extra: dict[str, Any],
        *,
        user: FakeUser | None,
        permissions: int | None,
        force: bool,
        expected_types: tuple[int, ...],
        locale: str | None = None,
        guild_locale: str | None = None,
    ) -> InteractionRecord:
        msg = self.resolve_message(message)
        component = find_component(msg.get("components", []), custom_id)
        if component is None and force:
            # A forged click, as a modified client can send: any id, the expected type.
            component = {"type": expected_types[0], "custom_id": custom_id}
        if component is None:
            ids = sorted(all_custom_ids(msg.get("components", [])))
            raise ComponentNotFoundError(f"no component {custom_id!r} on message; has {ids}")
        if not force and component.get("disabled"):
            raise InteractionRejectedError(f"component {custom_id!r} is disabled")
        ctype = int(component["type"])
        if ctype not in expected_types and force:
            ctype = expected_types[0]
        if ctype not in expected_types:
            raise InteractionRejectedError(f"component {custom_id!r} has type {ctype}")
        guild_id = _int_or_none(msg.get("guild_id"))
        ctx = self._context(
            user=user,
            permissions=permissions,
            guild_id=guild_id,
            channel_id=int(msg["channel_id"]),
            dm=guild_id is None,
            locale=locale,
            guild_locale=guild_locale,
        )
        data = {"custom_id": custom_id, "component_type": ctype, **extra}
        return await self._dispatch_interaction(
            MESSAGE_COMPONENT, {**ctx, "data": data, "message": _public(msg)}
        )

    async def click(
        self,
        message: MessageRef,
        custom_id: str,
        *,
        user: FakeUser | None = None,
        permissions: int | None = None,
        force: bool = False,
        locale: str | None = None,
        guild_locale: str | None = None,
    ) -> InteractionRecord:
        """Click a button (component type 2) on a message the bot sent."""
        return await self._component(
            message,
            custom_id,
            {},
            user=user,
            permissions=permissions,
            force=force,
            expected_types=(2,),
            locale=locale,
            guild_locale=guild_locale,
        )

    async def select(
        self,
        message: MessageRef,
        custom_id: str,
        values: Sequence[str],
        *,
        user: FakeUser | None = None,
        permissions: int | None = None,
        resolved: dict[str, Any] | None = None,
        force: bool = False,
        locale: str | None = None,
        guild_locale: str | None = None,
    ) -> InteractionRecord:
        """Choose ``values`` in a select menu; string-select values must be offered options."""
        msg = self.resolve_message(message)
        component = find_component(msg.get("components", []), custom_id)
        if component is not None and int(component["type"]) == 3 and not force:
            offered = {o["value"] for o in component.get("options", [])}
            missing = [v for v in values if v not in offered]
            if missing:
                raise InteractionRejectedError(f"values {missing} not offered by {custom_id!r}")
        extra: dict[str, Any] = {"values": list(values)}
        if resolved:
            extra["resolved"] = resolved
        return await self._component(
            msg,
            custom_id,
            extra,
            user=user,
            permissions=permissions,
            force=force,
            expected_types=(3, 5, 6, 7, 8),
            locale=locale,
            guild_locale=guild_locale,
        )


MessageRef = Mapping[str, Any] | int | str | InteractionRecord


def find_component(components: Any, custom_id: str) -> dict[str, Any] | None:
    """Depth-first search through action rows / containers / sections."""
    if isinstance(components, list):
        for item in components:
            found = find_component(item, custom_id)
            if found is not None:
                return found
    elif isinstance(components, dict):
        if components.get("custom_id") == custom_id and components.get("type") != 1:
            return components
        for key in ("components", "accessory"):
            if key in components:
                found = find_component(components[key], custom_id)
                if found is not None:
                    return found
    return None


def all_custom_ids(components: Any) -> set[str]:
    """Every custom_id on a message, for helpful error messages."""
    out: set[str] = set()
    if isinstance(components, list):
        for item in components:
            out |= all_custom_ids(item)
    elif isinstance(components, dict):
        if "custom_id" in components:
            out.add(components["custom_id"])
        for key in ("components", "accessory"):
            if key in components:
                out |= all_custom_ids(components[key])
    return out


def _check_permissions(definition: dict[str, Any], perms: int | None, *, dm: bool) -> None:
    """Discord hides commands whose default_member_permissions the member lacks."""
    if dm:
        contexts = definition.get("contexts")
        if definition.get("dm_permission") is False or (contexts is not None and 1 not in contexts):
            raise InteractionRejectedError(f"{definition['name']!r} is not usable in DMs")
        return
    required = definition.get("default_member_permissions")
    if required is None or perms is None:
        return
    need = int(required)
    if perms & p.ADMINISTRATOR:
        return
    if need == 0 or perms & need != need:
        raise InteractionRejectedError(
            f"member permissions {perms} lack default_member_permissions {need} "
            f"for {definition['name']!r}"
        )


def _infer_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    if isinstance(value, FakeUser):
        return 6
    return 3


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _public(msg: dict[str, Any]) -> dict[str, Any]:
    """Strip fake-internal bookkeeping keys (``_deleted``...) before sending."""
    return {k: v for k, v in msg.items() if not k.startswith("_")}


def _json(data: Any, status: int = 200) -> web.Response:
    """JSON response with a bare ``application/json`` content type.

    discord.py's ``json_or_text`` compares the header to exactly ``application/json``;
    aiohttp's ``json_response`` adds ``; charset=utf-8`` and the library would then
    hand handlers a *string* instead of a dict.
    """
    return web.Response(
        body=json.dumps(data).encode(), status=status, content_type="application/json"
    )


def _error(status: int, code: int, message: str) -> web.Response:
    return _json({"code": code, "message": message}, status=status)
