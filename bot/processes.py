"""Several shard processes on one host, forked after the release is loaded once (SHARD_PROCESSES).

Separate bot processes on one host share only the mapped match index and scores (~20 MB);
each holds its own ~90-100 MB heap, ~70 MB of it the libraries it imports, so two cost
1.6-1.7x one (docs/benchmarks.md, issue 14). Here one launcher process imports what the bot
needs, loads the serving release, freezes its heap out of the garbage collector's reach and
only then forks the shard processes: they share all of that copy-on-write, and each adds only
what its own Discord connection and answers make.

* **Shards.** The shards to run (SHARD_IDS, else 0 .. SHARD_COUNT-1) are dealt round robin:
  process i of N runs shards i, i+N, i+2N, ... in an ``AutoShardedBot`` of its own.
* **A child** serves the preloaded release without loading it again and follows later ones
  like any bot process (catch_up, watch_store in bot/client.py).
* **IDENTIFY.** Discord lets a bot start one gateway session every 5 s (more only for very
  large bots); each child asks the launcher before every IDENTIFY, and the launcher grants
  one per IDENTIFY_SECONDS to all its children, in the order they asked.
* **Supervision.** SIGTERM and SIGINT are passed on to the children, which close their
  connections and exit; the launcher waits for them (SIGKILL after STOP_SECONDS). A child
  that dies otherwise is restarted after 1, 2, 4 ... up to RESTART_MAX_SECONDS (back to 1 s
  once a child has run for STABLE_SECONDS). A child that fails MAX_START_FAILURES times in a
  row before becoming ready stops them all, and the launcher exits with one line saying why.
  A child whose launcher is gone (even after kill -9) sees its pipe close and stops.
* **Logs.** Logging is set up once, before the fork; each line starts with ``[launcher]`` or
  ``[process i: shards ...]``.

Needs ``os.fork`` (Linux, macOS); elsewhere SHARD_PROCESSES above 1 is refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from types import FrameType

import discord

from bot.client import EXTENSIONS, create_bot, settle_heap
from bot.serving import Serving
from db.store import Store
from db.urls import StoreUnavailableError
from willai.errors import DiscordUnavailableError
from willai.memory import return_freed_memory
from willai.runtime import ensure_release, open_store
from willai.service import Answer
from willai.settings import Settings, SettingsError

log = logging.getLogger("willai.bot.processes")

#: Discord's spacing of IDENTIFYs for a bot without a larger ``max_concurrency``.
IDENTIFY_SECONDS = 5.0
#: First restart delay of a child that died; doubled at each death in a row.
RESTART_SECONDS = 1.0
RESTART_MAX_SECONDS = 60.0
#: A child ready for this long has its restart delay reset to RESTART_SECONDS.
STABLE_SECONDS = 60.0
#: Deaths in a row before ready after which the launcher gives up.
MAX_START_FAILURES = 3
#: How long stopping children get to close their connections before SIGKILL.
STOP_SECONDS = 15.0
#: The launcher's longest sleep between two looks at its children.
POLL_SECONDS = 0.2
#: A title answered, and its score card drawn, in the launcher before the fork: what a first
#: answer loads lazily (the booster's trees, the English voice, Pillow's plugins, the fonts)
#: is then loaded once and shared.
WARM_UP_TITLE = "nurse"
SHARED_IMPORTS = ("numpy.ma",)
"""Modules the answers import on first use, imported before the fork so each child does not.

numpy 2.4's plain ``np.unique`` imports ``numpy.ma`` on its first call: a child that made that
call itself kept its own copy, ~2 MB each (`benchmarks/bot_memory.py`: 1.63x -> 1.57x)."""


class ShardProcessesError(DiscordUnavailableError):
    """The shard processes kept failing at start; the message is one line naming the reason.

    A DiscordUnavailableError because once the launcher has loaded the release, what a child
    does alone is to log in and connect to Discord; it is also what every entry point already
    reports as one line.
    """


def shard_plan(settings: Settings) -> list[tuple[int, ...]]:
    """The shards of each process: process i of N runs shards i, i+N, ... of those to run.

    Refuses (SettingsError, one line) a plan without SHARD_COUNT, or with fewer shards than
    processes, or a platform without ``os.fork``.
    """
    count = settings.shard_processes
    if settings.shard_count is None:
        raise SettingsError(
            f"SHARD_PROCESSES={count} needs SHARD_COUNT: set the total number of shards "
            f"(at least {count}), which the processes split between them"
        )
    shards = list(settings.shard_ids) or list(range(settings.shard_count))
    if len(shards) < count:
        which = "SHARD_IDS" if settings.shard_ids else "SHARD_COUNT"
        raise SettingsError(
            f"SHARD_PROCESSES={count} is more than the {len(shards)} shards to run ({which}): "
            "each process needs at least one shard"
        )
    if not hasattr(os, "fork"):
        raise SettingsError(
            f"SHARD_PROCESSES={count} needs os.fork, which {sys.platform} lacks: set "
            "SHARD_PROCESSES=1 and start one process per set of SHARD_IDS instead"
        )
    return [tuple(shards[i::count]) for i in range(count)]


#: What turns Discord's refusals into one line (bot.launcher.discord_errors_as_one_line).
OneLine = Callable[[], AbstractContextManager[None]]


def run_shard_processes(
    settings: Settings, token: str, plan: list[tuple[int, ...]], one_line: OneLine
) -> None:
    """Load the release once, fork one process per entry of ``plan``, supervise them.

    Logging is set up already (bot.launcher); ``one_line`` wraps each child's connection to
    Discord. Returns once they stopped as asked (SIGTERM, SIGINT); raises ShardProcessesError
    when they keep failing at start.
    """
    tag_log_lines("launcher")
    for module in (*EXTENSIONS, *SHARED_IMPORTS):  # imported once, here; the children share
        importlib.import_module(module)
    store = open_store(settings)
    ensure_release(store, settings, interactive=False)
    serving = Serving.load(store, settings.cache_dir)
    _warm_up(serving)
    store.engine.dispose()  # no connection crosses the fork; each child opens its own
    _require_one_thread()
    settle_heap()
    return_freed_memory()  # the load's free pages go back: no child starts with them resident
    release = serving.service.release
    log.info(
        "serving ESCO %s from %d shard processes: %s",
        release.version,
        len(plan),
        "; ".join(f"{i}: shards {_ids(shards)}" for i, shards in enumerate(plan)),
    )
    launcher = Launcher(settings, token, plan, one_line, serving, store)
    # The children inherit this frame: only the launcher may hold the release, so that a child
    # that moves on to a newer release lets this one go.
    del serving, store, release
    launcher.run()


def _warm_up(serving: Serving) -> None:
    """Answer WARM_UP_TITLE and draw its card, so the children share what that loads.

    The matcher's tables made on first use are made here too (`MatchIndex.warm_up`).
    """
    serving.service.index.warm_up()
    answer = serving.service.ask(WARM_UP_TITLE)
    if isinstance(answer, Answer):
        try:
            serving.cards.draw(answer)
        except Exception as exc:  # noqa: BLE001 - only a head start; each child draws its own
            log.warning("score card not drawn before the fork: %s", exc)


def _require_one_thread() -> None:
    """A fork copies only the thread that calls it: a lock another thread held stays held."""
    others = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
    if others:
        raise ShardProcessesError(
            f"cannot fork the shard processes while threads run ({', '.join(others)})"
        )


def _ids(shards: tuple[int, ...]) -> str:
    return ",".join(map(str, shards))


# --- log lines that say which process wrote them ---------------------------------------------


class TaggedFormatter(logging.Formatter):
    """Another formatter's lines, each prefixed with ``[tag]``."""

    def __init__(self, inner: logging.Formatter, tag: str) -> None:
        super().__init__()
        self.inner, self.tag = inner, tag

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"[{self.tag}] "
        return "\n".join(prefix + line for line in self.inner.format(record).splitlines())


def tag_log_lines(tag: str) -> None:
    """Prefix every line the root logger's handlers write with ``[tag]`` (replacing a tag)."""
    for handler in logging.getLogger().handlers:
        current = handler.formatter or logging.Formatter()
        inner = current.inner if isinstance(current, TaggedFormatter) else current
        handler.setFormatter(TaggedFormatter(inner, tag))


def _flush_logs() -> None:
    for handler in logging.getLogger().handlers:
        with contextlib.suppress(Exception):
            handler.flush()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()


# --- the launcher (parent) -------------------------------------------------------------------


@dataclass
class Slot:
    """One shard process: its shards, and the child now running them, if any."""

    index: int
    shards: tuple[int, ...]
    pid: int | None = None
    started_at: float = 0.0
    ready_at: float | None = None
    #: The launcher's ends of the child's pipes: its reports, and IDENTIFY grants to it.
    reports: int | None = None
    grants: int | None = None
    pending: bytes = b""
    last_error: str = ""
    start_failures: int = 0
    deaths: int = 0
    restart_at: float | None = None

    @property
    def name(self) -> str:
        return f"shard process {self.index} (shards {_ids(self.shards)})"

    @property
    def tag(self) -> str:
        return f"process {self.index}: shards {_ids(self.shards)}"

    def fds(self) -> list[int]:
        return [fd for fd in (self.reports, self.grants) if fd is not None]


@dataclass
class Launcher:
    """Forks, watches and restarts the shard processes; holds the release they start from."""

    settings: Settings
    token: str = field(repr=False)
    plan: list[tuple[int, ...]]
    one_line: OneLine
    serving: Serving | None
    store: Store | None
    slots: list[Slot] = field(default_factory=list)
    stopping: bool = False
    stop_deadline: float = 0.0
    failure: str = ""
    identify_queue: deque[Slot] = field(default_factory=deque)
    next_identify: float = 0.0
    pid: int = 0
    #: A stop signal received and not yet acted on (set by the handler, read by the loop).
    requested: int | None = None

    def run(self) -> None:
        """Start every child, then supervise until they stopped as asked or kept failing."""
        self.pid = os.getpid()
        self.slots = [Slot(i, shards) for i, shards in enumerate(self.plan)]
        previous = {sig: signal.signal(sig, self._on_signal) for sig in _STOP_SIGNALS}
        try:
            for slot in self.slots:
                self._start(slot)
            while any(slot.pid is not None for slot in self.slots) or not self.stopping:
                self._step()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if self.failure:
            raise ShardProcessesError(self.failure)
        log.info("all shard processes stopped")

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        """Note the request; the loop acts on it within POLL_SECONDS."""
        if os.getpid() != self.pid:  # a child between fork and its own handlers: just go
            os._exit(128 + signum)
        self.requested = signum

    def _stop(self, signum: int = signal.SIGTERM) -> None:
        self.stopping = True
        self.stop_deadline = time.monotonic() + STOP_SECONDS
        for slot in self.slots:
            slot.restart_at = None
            if slot.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(slot.pid, signum)

    def _step(self) -> None:
        """Read reports, reap the dead, restart and grant what is due, then wait a little."""
        now = time.monotonic()
        if self.requested is not None and not self.stopping:
            log.info("%s: stopping the shard processes", signal.Signals(self.requested).name)
            self._stop(self.requested)
        for slot in self.slots:
            self._read_reports(slot)
        self._reap(now)
        if self.stopping and now >= self.stop_deadline:
            for slot in self.slots:
                if slot.pid is not None:
                    log.warning("%s did not stop in %.0f s: killing it", slot.name, STOP_SECONDS)
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(slot.pid, signal.SIGKILL)
            self.stop_deadline = now + STOP_SECONDS
        for slot in self.slots:
            if slot.restart_at is not None and now >= slot.restart_at and not self.stopping:
                self._start(slot)
        self._grant_identify(now)
        self._wait(now)

    def _wait(self, now: float) -> None:
        due = [slot.restart_at for slot in self.slots if slot.restart_at is not None]
        if self.identify_queue:
            due.append(self.next_identify)
        timeout = min([POLL_SECONDS, *(max(0.0, when - now) for when in due)])
        readable = [slot.reports for slot in self.slots if slot.reports is not None]
        select.select(readable, [], [], timeout)

    # --- children ---------------------------------------------------------------------------

    def _start(self, slot: Slot) -> None:
        reports_r, reports_w = os.pipe()
        grants_r, grants_w = os.pipe()
        _flush_logs()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the launcher's code
            code = 1
            try:
                os.close(reports_r)
                os.close(grants_w)
                for other in self.slots:
                    for fd in other.fds():
                        os.close(fd)
                code = self._child(slot, reports_w, grants_r)
            except BaseException:
                log.exception("%s crashed", slot.name)
            finally:
                _flush_logs()
                os._exit(code)
        os.close(reports_w)
        os.close(grants_r)
        os.set_blocking(reports_r, False)
        slot.pid, slot.reports, slot.grants = pid, reports_r, grants_w
        slot.started_at, slot.ready_at, slot.restart_at = time.monotonic(), None, None
        slot.pending, slot.last_error = b"", ""
        log.info("started %s as pid %d", slot.name, pid)

    def _child(self, slot: Slot, reports: int, grants: int) -> int:
        """Run the bot for ``slot``'s shards in this (forked) process; its exit code."""
        for sig in _STOP_SIGNALS:
            signal.signal(sig, signal.SIG_DFL)
        tag_log_lines(slot.tag)
        serving, store = self.serving, self.store
        self.serving = self.store = None  # the bot holds the release from now on, alone
        settings = self.settings.model_copy(update={"shard_ids": list(slot.shards)})
        link = ParentLink(reports, grants)
        try:
            bot = create_bot(settings, serving=serving, store=store)
            del serving
            bot.before_identify_hook = link.before_identify  # type: ignore[method-assign]
            bot.add_listener(link.on_ready, "on_ready")
            with self.one_line():
                asyncio.run(link.serve(bot, self.token))
        except (DiscordUnavailableError, StoreUnavailableError, SettingsError) as exc:
            log.error("%s", exc)  # noqa: TRY400 - the message is the whole story
            link.report(f"error {exc}")
            return 1
        except Exception as exc:
            log.exception("%s stopped on an error", slot.name)
            link.report(f"error {type(exc).__name__}: {exc}")
            return 1
        return 0

    def _read_reports(self, slot: Slot) -> None:
        if slot.reports is None:
            return
        while True:
            try:
                chunk = os.read(slot.reports, 4096)
            except BlockingIOError:
                break
            if not chunk:
                os.close(slot.reports)  # the child is exiting; reaped below or next time
                slot.reports = None
                break
            slot.pending += chunk
        *lines, slot.pending = slot.pending.split(b"\n")
        for raw in lines:
            kind, _, text = raw.decode(errors="replace").partition(" ")
            if kind == "identify":
                self.identify_queue.append(slot)
            elif kind == "ready" and slot.ready_at is None:
                slot.ready_at = time.monotonic()
                slot.start_failures = 0
                log.info("%s is ready", slot.name)
            elif kind == "error":
                slot.last_error = " ".join(text.split())

    def _grant_identify(self, now: float) -> None:
        while self.identify_queue and now >= self.next_identify:
            slot = self.identify_queue.popleft()
            if slot.grants is None:
                continue  # it died while waiting
            with contextlib.suppress(OSError):
                os.write(slot.grants, b"g")
                self.next_identify = now + IDENTIFY_SECONDS

    def _reap(self, now: float) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            slot = next((s for s in self.slots if s.pid == pid), None)
            if slot is None:
                continue
            self._read_reports(slot)
            for fd in slot.fds():
                os.close(fd)
            slot.pid = slot.reports = slot.grants = None
            self.identify_queue = deque(s for s in self.identify_queue if s is not slot)
            if self.stopping:
                log.info("%s stopped (%s)", slot.name, _exit_reason(status))
            else:
                self._died(slot, status, now)

    def _died(self, slot: Slot, status: int, now: float) -> None:
        """A child exited unasked: restart it after a back-off, or give up on a failing start."""
        reason = _exit_reason(status)
        if slot.last_error:
            reason += f": {slot.last_error}"
        if slot.ready_at is None:
            slot.start_failures += 1
        elif now - slot.ready_at >= STABLE_SECONDS:
            slot.deaths = 0
        slot.deaths += 1
        if slot.start_failures >= MAX_START_FAILURES:
            self.failure = (
                f"{slot.name} failed {slot.start_failures} times before it was ready; "
                f"last time it {reason}"
            )
            log.error("%s: stopping the others", self.failure)
            self._stop()
            return
        delay = min(RESTART_SECONDS * 2 ** (slot.deaths - 1), RESTART_MAX_SECONDS)
        slot.restart_at = now + delay
        log.error(
            "%s %s after %.0f s; restarting it in %.0f s",
            slot.name,
            reason,
            now - slot.started_at,
            delay,
        )


_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _exit_reason(status: int) -> str:
    """``exited with status 1`` or ``was killed by SIGKILL``."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"was killed by {name}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"


# --- the child's side of its pipes -----------------------------------------------------------


class ParentLink:
    """A shard process's line to its launcher: reports out, IDENTIFY grants in.

    The grant pipe also tells the child when the launcher is gone: it reads end of file, and
    the child stops rather than run unsupervised.
    """

    def __init__(self, reports: int, grants: int) -> None:
        self.reports, self.grants = reports, grants
        self.waiting: deque[asyncio.Future[None]] = deque()
        self.stopping = False
        self._task: asyncio.Task[None] | None = None

    def report(self, line: str) -> None:
        """One line to the launcher ("identify", "ready", "error ...")."""
        with contextlib.suppress(OSError):
            os.write(self.reports, (" ".join(line.split()) + "\n").encode())

    async def serve(self, bot: discord.Client, token: str) -> None:
        """Run ``bot`` until SIGTERM or SIGINT (or the launcher's end): then close it."""
        loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        for sig in _STOP_SIGNALS:
            loop.add_signal_handler(sig, self.stop)
        os.set_blocking(self.grants, False)
        loop.add_reader(self.grants, self._on_grants)
        try:
            async with bot:
                await bot.start(token)
        except asyncio.CancelledError:
            if not self.stopping:
                raise
        finally:
            loop.remove_reader(self.grants)

    def stop(self) -> None:
        """Close the bot: cancelling its task leaves ``async with bot`` through bot.close()."""
        if not self.stopping and self._task is not None:
            self.stopping = True
            self._task.cancel()

    def _on_grants(self) -> None:
        try:
            granted = os.read(self.grants, 64)
        except BlockingIOError:
            return
        if not granted:
            asyncio.get_running_loop().remove_reader(self.grants)
            log.error("the launcher is gone: stopping")
            self.stop()
            return
        for _ in granted:
            while self.waiting:
                waiter = self.waiting.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    break

    async def before_identify(self, shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py's hook before each IDENTIFY: wait for the launcher's turn."""
        waiter = asyncio.get_running_loop().create_future()
        self.waiting.append(waiter)
        self.report(f"identify {shard_id}")
        await waiter

    async def on_ready(self) -> None:
        """Every shard of this process is connected and has its guilds."""
        self.report("ready")
