"""The Bot: configuration, start-up wiring, and the release it currently answers from.

Everything Discord-specific that is not a command lives here: intents (none privileged),
mentions (none allowed), the persistent dynamic buttons, the app-command error handler, dev
guild sync, and the swap of the in-memory AnswerService when the data is refreshed.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from datetime import UTC, datetime
from typing import Any

import discord
from discord.ext import commands

from bot import errors, views
from bot.backlog import Backlog
from bot.refresh import RefreshCoordinator
from bot.serving import Serving
from bot.translator import CommandTranslator
from db.changes import GUILD_PREFIX, LISTENING, RELEASE, notifications
from db.store import GuildSettings, Store
from willai.settings import Settings, SettingsError, get_settings

log = logging.getLogger("willai.bot")

#: The periodic check behind the store's change feed: one small query per process.
STORE_CHECK_SECONDS = 30.0
#: How long start-up waits for the change feed before it serves without it (PostgreSQL).
FEED_START_SECONDS = 10.0

EXTENSIONS = (
    "bot.cogs.ask",
    "bot.cogs.compare",
    "bot.cogs.about",
    "bot.cogs.admin",
    "bot.cogs.scheduler",
)
"""Every cog, loaded in setup_hook; tests check this list covers bot/cogs/."""


def settle_heap(*, keep_frozen: bool = False) -> None:
    """Keep the serving release out of the garbage collector's full passes.

    The match index and every score are millions of objects that live as long as the release;
    each full collection walked them all and paused the bot for up to ~170 ms. Frozen, they are
    skipped. Unfreezing and collecting once first lets what the previous release left behind go.

    ``keep_frozen`` is for a shard process forked after its launcher froze the heap
    (bot/processes.py): unfreezing there would make the collector write to every inherited
    object and copy pages the processes share (~30 MB each, measured). What it keeps instead
    is the previous release's few reference cycles (~160 objects with the full data); the
    rest of a release goes when its last reference does.
    """
    if not keep_frozen:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


# willai never joins voice: silence discord.py's start-up warnings about voice libraries.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


def intents() -> discord.Intents:
    """Slash commands need only guild events: nothing privileged, no message content."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    return wanted


class WillaiMixin:
    """The willai behaviour, shared by the plain and the auto-sharded Bot classes."""

    settings: Settings
    store: Store
    refresher: RefreshCoordinator
    backlog: Backlog
    _serving: Serving | None

    def __init__(
        self,
        settings: Settings,
        *,
        serve: bool = True,
        serving: Serving | None = None,
        store: Store | None = None,
        **options: Any,
    ) -> None:
        options.setdefault("command_prefix", commands.when_mentioned)
        options.setdefault("intents", intents())
        options.setdefault("allowed_mentions", discord.AllowedMentions.none())
        options.setdefault("help_command", None)
        if settings.owner_ids:
            options.setdefault("owner_ids", set(settings.owner_ids))
        super().__init__(**options)  # type: ignore[call-arg]
        self.settings = settings
        self.serve = serve
        if store is None:
            store = Store.from_url(
                settings.database_url, connect_timeout=settings.database_connect_timeout
            )
        self.store = store
        self.refresher = RefreshCoordinator(self.store, settings, self)
        self.started_at = datetime.now(UTC)
        #: A release loaded before this process started (bot/processes.py), served as is.
        self._serving = serving
        self._preloaded = serving is not None
        self._guild_settings: dict[int, GuildSettings] = {}
        self._settings_epoch = 0
        self._listening = asyncio.Event()
        self.backlog = Backlog(settings.defer_backlog, settings.busy_backlog)
        self._reloading = asyncio.Lock()
        self._watcher: asyncio.Task[None] | None = None

    # --- start-up --------------------------------------------------------------------------

    async def setup_hook(self) -> None:
        """Load the release, the cogs and the persistent buttons before the gateway connects.

        Loading here (not in on_ready) means the first interaction after a restart, including
        a click on an old message's button, already finds everything in place. A release
        handed in preloaded (a shard process forked by bot/processes.py) is served without
        loading it again; only a newer one in the store, if any, is loaded (catch_up).
        """
        bot: commands.Bot = self  # type: ignore[assignment]
        bot.tree.error(errors.on_app_command_error)
        await bot.tree.set_translator(CommandTranslator())
        if self.serve:
            if self._preloaded:
                self._log_serving(self.serving)
            else:
                await self.reload_service()
            self._watcher = asyncio.create_task(self.watch_store(), name="willai-store-watch")
            await self._wait_for_feed()
            if self._preloaded:
                # The release was loaded before this process started, possibly long before (a
                # restarted shard process): one small query says whether it is still current.
                await self.catch_up()
        for extension in EXTENSIONS:
            await bot.load_extension(extension)
        bot.add_dynamic_items(*views.DYNAMIC_ITEMS)
        guild_id = self.settings.dev_guild_id
        if self.serve and guild_id:
            guild = discord.Object(guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
            log.info("synced %d commands to dev guild %s", len(synced), guild_id)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Clicks none of our components answers still get a private "menu has expired"."""
        await views.answer_unclaimed(interaction)

    async def on_ready(self) -> None:
        """Log who we are: the first thing to check when the bot seems silent."""
        bot: commands.Bot = self  # type: ignore[assignment]
        log.info(
            "logged in as %s (%s) in %d guilds",
            bot.user,
            getattr(bot.user, "id", "?"),
            len(bot.guilds),
        )

    # --- the serving release ---------------------------------------------------------------

    @property
    def serving(self) -> Serving:
        """The release answers come from; raises if setup_hook did not load one."""
        if self._serving is None:
            raise RuntimeError("the bot has no release loaded (was setup_hook run?)")
        return self._serving

    async def reload_service(self) -> None:
        """Build the new release's AnswerService off the loop, then switch in one step."""
        async with self._reloading:
            serving = await asyncio.to_thread(Serving.load, self.store, self.settings.cache_dir)
            self._serving = serving
            settle_heap(keep_frozen=self._preloaded)
            self._log_serving(serving)

    @staticmethod
    def _log_serving(serving: Serving) -> None:
        release = serving.service.release
        log.info("serving ESCO %s: %d occupations", release.version, len(serving.keys))

    # --- other processes on the same store ------------------------------------------------

    async def catch_up(self) -> None:
        """Serve the store's release if another process imported a different one since."""
        release = await asyncio.to_thread(self.store.release)
        serving = self._serving
        if release is None or serving is None or release.id == serving.service.release.id:
            return
        if self._reloading.locked():
            return  # a reload is under way and will pick the newest release
        log.info("another process imported ESCO %s: switching", release.version)
        await self.reload_service()

    async def watch_store(self) -> None:
        """Follow the store's change feed, and check it every STORE_CHECK_SECONDS anyway.

        Several processes (shards) share one PostgreSQL: an import or a guild setting made by
        any of them, or by the CLI, reaches the others in a moment through LISTEN/NOTIFY. The
        periodic check (one small query) covers a lost connection, and SQLite.
        """
        follower = asyncio.create_task(self._follow_feed(), name="willai-store-feed")
        try:
            while True:
                await asyncio.sleep(STORE_CHECK_SECONDS)
                self._forget_guild_settings()
                await self.catch_up()
        finally:
            follower.cancel()

    async def _wait_for_feed(self) -> None:
        """On PostgreSQL, go on only once the change feed listens (or FEED_START_SECONDS pass).

        A write another process makes before this one listens would otherwise wait for the
        periodic check: a setting changed right after start-up took up to 30 s to show.
        """
        if self.store.engine.url.get_backend_name() != "postgresql":
            return
        try:
            await asyncio.wait_for(self._listening.wait(), FEED_START_SECONDS)
        except TimeoutError:
            log.warning("store change feed not listening after %.0f s", FEED_START_SECONDS)

    async def _follow_feed(self) -> None:
        async for payload in notifications(self.store.engine.url):
            if payload == LISTENING:
                # Whatever was announced while nobody listened is lost: forget and re-read.
                self._forget_guild_settings()
                self._listening.set()
                await self.catch_up()
            elif payload == RELEASE:
                await self.catch_up()
            elif payload.startswith(GUILD_PREFIX) and payload[len(GUILD_PREFIX) :].isdigit():
                self._forget_guild_settings(int(payload[len(GUILD_PREFIX) :]))

    # --- per-server preferences -----------------------------------------------------------

    async def guild_settings(self, guild_id: int) -> GuildSettings:
        """A guild's stored preferences (private answers, default language).

        Cached per process; a miss reads the store off the event loop, so a slow store never
        stalls other answers. Changes from other processes clear the cache (watch_store). A
        read that a change overtook is used once but not kept: it may hold the old values.
        """
        cached = self._guild_settings.get(guild_id)
        if cached is None:
            epoch = self._settings_epoch
            cached = await asyncio.to_thread(self.store.guild_settings, guild_id)
            if epoch == self._settings_epoch:
                self._guild_settings[guild_id] = cached
        return cached

    def _forget_guild_settings(self, guild_id: int | None = None) -> None:
        """Drop one guild's cached settings (every guild's for None); reads in flight too."""
        self._settings_epoch += 1
        if guild_id is None:
            self._guild_settings.clear()
        else:
            self._guild_settings.pop(guild_id, None)

    async def answers_ephemeral(self, guild_id: int | None) -> bool:
        """Whether answers in this guild are private (never in direct messages)."""
        return guild_id is not None and (await self.guild_settings(guild_id)).ephemeral

    async def guild_language(self, guild_id: int | None) -> str:
        """The answer language an admin set for this guild ("" for none, and in DMs)."""
        return "" if guild_id is None else (await self.guild_settings(guild_id)).language

    async def set_answers_ephemeral(self, guild_id: int, ephemeral: bool) -> None:
        """Store a guild's preference (off the loop); the next read takes it from the store."""
        await asyncio.to_thread(self.store.set_guild_ephemeral, guild_id, ephemeral)
        self._forget_guild_settings(guild_id)

    async def set_guild_language(self, guild_id: int, language: str) -> None:
        """Store a guild's default language ("" for none) off the loop, like the above."""
        await asyncio.to_thread(self.store.set_guild_language, guild_id, language)
        self._forget_guild_settings(guild_id)

    async def close(self) -> None:
        """Close Discord first, then the backlog's worker and the database pool."""
        await super().close()  # type: ignore[misc]
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
        await self.backlog.close()
        self.store.engine.dispose()


class WillaiBot(WillaiMixin, commands.Bot):
    """The bot for one process holding every shard Discord assigns (the usual case)."""


class ShardedWillaiBot(WillaiBot, commands.AutoShardedBot):
    """The bot when SHARD_COUNT/SHARD_IDS are set: several shards in one process.

    It subclasses WillaiBot (AutoShardedClient comes before Client in the MRO), so cogs are
    typed against WillaiBot once.
    """


def create_bot(
    settings: Settings | None = None,
    *,
    serve: bool = True,
    serving: Serving | None = None,
    store: Store | None = None,
) -> WillaiBot:
    """The fully configured bot, not yet connected.

    Settings come from the environment when omitted. With ``serve=False`` (used by
    ``willai sync``) the commands are defined but no release is loaded. ``serving`` is a
    release already loaded (from ``store``, which the bot then uses too): a shard process
    forked after its launcher loaded the release serves it without loading it again.
    """
    settings = settings or get_settings()
    if settings.shard_ids and settings.shard_count is None:
        raise SettingsError("SHARD_IDS needs SHARD_COUNT: set the total number of shards too")
    if settings.shard_count is not None:
        options: dict[str, Any] = {"shard_count": settings.shard_count}
        if settings.shard_ids:
            options["shard_ids"] = list(settings.shard_ids)
        return ShardedWillaiBot(settings, serve=serve, serving=serving, store=store, **options)
    return WillaiBot(settings, serve=serve, serving=serving, store=store)
