"""Data refresh for a running bot: one at a time, off the event loop, switched atomically.

An import reads CSVs and scores thousands of occupations: seconds to minutes of CPU. It runs
in a worker thread (with its own database connection) while the event loop keeps answering
from the old release; only when the new release is committed is a fresh AnswerService built
(also off the loop) and swapped in with a single assignment. A failed import leaves both the
store and the serving AnswerService untouched.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from db.importer import ImportReport
from db.store import Store
from scoring.messages import N_
from willai import refresh_policy
from willai.importing import ImportFailedError, run_import
from willai.refresh_policy import LatestVersionFn
from willai.settings import Settings

if TYPE_CHECKING:
    from db.importer import Progress

log = logging.getLogger("willai.bot.refresh")

PROGRESS_EDIT_SECONDS = 1.5
"""At most one progress edit of the admin's reply per this many seconds (rate limits)."""

ImportFn = Callable[..., ImportReport]

#: The refusals, whole sentences so each language words them its own way.
BUSY = N_("Not now: a refresh is already running; wait for it to finish.")
TOO_RECENT = N_("Not now: the last refresh was too recent; try again in {seconds} s.")
#: How a refresh ended (``RefreshOutcome.message``); ``{error}`` is the importer's English.
NOW_SERVING = N_("ESCO {version} now serving, {count} occupations")
ALREADY_SERVING = N_("ESCO {version} is already serving: nothing to do")
IMPORT_FAILED = N_("{error}; the previous data keeps serving")
CRASHED = N_("unexpected error ({error}); the previous data keeps serving")
WAS_RUNNING = N_("a refresh was running")
#: The scheduled check's reason, in ``willai.refresh_policy``'s English words: shown as it is,
#: never looked up in a catalogue (it varies with versions and errors).
AS_GIVEN = "{reason}"


class RefreshRefusedError(Exception):
    """A refresh cannot start now; ``message`` (an English catalogue id) says why.

    The exception's own text, for the log, is the English sentence.
    """

    def __init__(self, message: str, /, **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.message, self.values = message, values


class RefreshBusyError(RefreshRefusedError):
    """Another refresh is running."""

    def __init__(self) -> None:
        super().__init__(BUSY)


class RefreshCooldownError(RefreshRefusedError):
    """The last refresh finished too recently."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(TOO_RECENT, seconds=f"{retry_after:.0f}")


class Swapper(Protocol):
    """What the coordinator needs from the bot: build and switch to the new release."""

    async def reload_service(self) -> None: ...


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    """How one refresh or scheduled check ended, for the admin's reply and the status."""

    trigger: str  # "admin" | "scheduled"
    status: str  # "imported" | "unchanged" | "up to date" | "failed" | "skipped"
    #: What happened: an English catalogue id with ``{named}`` placeholders in ``values``.
    message: str
    at: datetime
    version: str | None = None
    seconds: float = 0.0
    values: Mapping[str, object] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        """What happened, in English: for the log."""
        return self.message.format(**self.values) if self.values else self.message


@dataclass(frozen=True, slots=True)
class ProgressStep:
    """The import's latest step: a phase (importer's English name) and how far it is."""

    phase: str
    done: int = 0
    total: int = 0


ProgressSink = Callable[[ProgressStep], Awaitable[None]]


@dataclass(slots=True)
class RefreshJob:
    """A reserved refresh slot: reserving is synchronous, so two admins cannot both start."""

    trigger: str
    sources: list[str]
    started: float
    done: bool = False


class EditThrottle:
    """Allows an edit at most every ``interval`` seconds, counting from the first reply."""

    def __init__(
        self, interval: float = PROGRESS_EDIT_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.interval, self.clock = interval, clock
        self.last = clock()

    def ready(self) -> bool:
        """Whether an edit may be sent now."""
        return self.clock() - self.last >= self.interval

    def wait_time(self) -> float:
        """Seconds until the next edit is allowed (0 when allowed now)."""
        return max(0.0, self.interval - (self.clock() - self.last))

    def mark(self) -> None:
        """Record that an edit was just sent."""
        self.last = self.clock()


@dataclass(slots=True)
class _ProgressState:
    """Latest progress reported by the import thread; the loop reads it when it may edit."""

    phase: str = "starting"
    done: int = 0
    total: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def update(self, phase: str, done: int, total: int) -> None:
        self.phase, self.done, self.total = phase, done, total
        self.changed.set()

    def step(self) -> ProgressStep:
        return ProgressStep(self.phase, self.done, self.total)


class RefreshCoordinator:
    """Runs admin refreshes and scheduled checks, one at a time, and remembers their outcome.

    ``import_fn`` and ``latest_version_fn`` are the two slow, external steps; tests replace
    them to make a refresh block or to pretend ESCO published a new version.
    """

    def __init__(
        self,
        store: Store,
        settings: Settings,
        swapper: Swapper,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store, self.settings, self.swapper, self.clock = store, settings, swapper, clock
        self.import_fn: ImportFn = run_import
        self.latest_version_fn: LatestVersionFn = refresh_policy.latest_version
        self.progress_interval = PROGRESS_EDIT_SECONDS
        self.job: RefreshJob | None = None
        self.last_outcome: RefreshOutcome | None = None
        self.last_check: RefreshOutcome | None = None
        self._last_finished: float | None = None
        self._last_edit: float | None = None

    def final_edit_delay(self) -> float:
        """Seconds to wait before the final edit so edits stay spaced (0 after no progress)."""
        if self._last_edit is None:
            return 0.0
        return max(0.0, self.progress_interval - (self.clock() - self._last_edit))

    @property
    def running(self) -> bool:
        """Whether a refresh is in progress."""
        return self.job is not None

    def reserve(
        self, trigger: str, sources: Sequence[str], *, respect_cooldown: bool = True
    ) -> RefreshJob:
        """Claim the single refresh slot or say why not; never awaits, so it cannot race."""
        if self.job is not None:
            raise RefreshBusyError()
        cooldown = self.settings.refresh_cooldown_seconds
        if respect_cooldown and self._last_finished is not None and cooldown > 0:
            left = cooldown - (self.clock() - self._last_finished)
            if left > 0:
                raise RefreshCooldownError(left)
        self.job = RefreshJob(trigger, list(sources), self.clock())
        return self.job

    async def reserve_shared(self, trigger: str, sources: Sequence[str]) -> RefreshJob:
        """:meth:`reserve`, with the cooldown shared by every process on the store.

        An import another shard (or the CLI) started within REFRESH_COOLDOWN_SECONDS counts as
        this process's own: one admin per server cannot bypass the cooldown by asking twice.
        """
        cooldown = self.settings.refresh_cooldown_seconds
        attempt = await asyncio.to_thread(self.store.last_attempt) if cooldown > 0 else None
        if attempt is not None:
            left = cooldown - (datetime.now(UTC) - attempt.imported_at).total_seconds()
            if left > 0:
                raise RefreshCooldownError(left)
        return self.reserve(trigger, sources)

    def release(self, job: RefreshJob) -> None:
        """Free the slot (idempotent); the cooldown counts from here."""
        if self.job is job:
            self.job = None
            self._last_finished = self.clock()
        job.done = True

    async def run(self, job: RefreshJob, progress: ProgressSink | None = None) -> RefreshOutcome:
        """Import in a worker thread, then switch the bot to the new release."""
        started = time.perf_counter()
        self._last_edit = None
        state = _ProgressState()
        loop = asyncio.get_running_loop()

        def report(phase: str, done: int, total: int) -> None:  # called from the worker
            loop.call_soon_threadsafe(state.update, phase, done, total)

        editor = asyncio.create_task(self._edit_progress(state, progress)) if progress else None
        source_text = " ".join(job.sources) or (self.settings.esco_source or "")
        try:
            report_ = await asyncio.to_thread(self._import, job.sources, report)
            if report_.status == "imported":
                await self.swapper.reload_service()
                count = report_.counts.get("occupations", 0)
                outcome = self._outcome(
                    job,
                    "imported",
                    report_.version,
                    started,
                    NOW_SERVING,
                    version=report_.version,
                    count=count,
                )
            else:
                outcome = self._outcome(
                    job,
                    "unchanged",
                    report_.version,
                    started,
                    ALREADY_SERVING,
                    version=report_.version,
                )
            log.info("refresh (%s) from %s: %s", job.trigger, source_text, outcome.detail)
        except ImportFailedError as exc:
            outcome = self._outcome(job, "failed", None, started, IMPORT_FAILED, error=str(exc))
            log.warning("refresh (%s) from %s failed: %s", job.trigger, source_text, exc)
        except Exception as exc:  # a bug must not take the serving data with it
            log.exception("refresh (%s) from %s crashed", job.trigger, source_text)
            outcome = self._outcome(job, "failed", None, started, CRASHED, error=type(exc).__name__)
        finally:
            if editor is not None:
                editor.cancel()
            self.release(job)
        self.last_outcome = outcome
        return outcome

    def _import(self, sources: list[str], report: Progress) -> ImportReport:
        """The worker-thread part: the importer opens its own connection from the engine."""
        return self.import_fn(self.store, self.settings, sources, progress=report)

    def _outcome(
        self,
        job: RefreshJob,
        status: str,
        version: str | None,
        started: float,
        message: str,
        /,
        **values: object,
    ) -> RefreshOutcome:
        seconds = time.perf_counter() - started
        return RefreshOutcome(
            job.trigger, status, message, datetime.now(UTC), version, seconds, values
        )

    async def _edit_progress(self, state: _ProgressState, sink: ProgressSink) -> None:
        """Edit the admin's reply with the latest phase, never more often than allowed."""
        throttle = EditThrottle(self.progress_interval, self.clock)
        while True:
            await state.changed.wait()
            state.changed.clear()
            await asyncio.sleep(throttle.wait_time())
            try:
                await sink(state.step())
            except Exception:  # an expired token must not stop the import
                log.warning("could not show refresh progress", exc_info=True)
            throttle.mark()
            self._last_edit = throttle.last

    async def scheduled_check(self) -> RefreshOutcome:
        """The periodic job: what `willai.refresh_policy` says to import, imported."""
        outcome = await self._check()
        self.last_check = outcome
        if outcome.status == "failed":
            log.warning("scheduled ESCO check: %s", outcome.detail)
        else:
            log.info("scheduled ESCO check: %s", outcome.detail)
        return outcome

    async def _check(self) -> RefreshOutcome:
        def skipped(status: str, message: str, **values: object) -> RefreshOutcome:
            return RefreshOutcome("scheduled", status, message, datetime.now(UTC), values=values)

        if self.running:
            return skipped("skipped", WAS_RUNNING)

        async def current_version() -> str | None:
            release = await asyncio.to_thread(self.store.release)
            return None if release is None else release.version

        plan = await refresh_policy.plan_refresh(
            self.settings, current_version, self.latest_version_fn
        )
        if plan.status != "import":
            return skipped(plan.status, AS_GIVEN, reason=plan.detail)
        sources = plan.sources
        try:
            job = self.reserve("scheduled", sources, respect_cooldown=False)
        except RefreshRefusedError as exc:
            return skipped("skipped", exc.message, **exc.values)
        return await self.run(job)
