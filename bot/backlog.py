"""Bursts: every /willai acknowledged within Discord's 3 s, answered first come, first served.

Answering costs CPU (matching, the embed, a first render of the score card), and discord.py runs
every handler on one event loop. When a thousand interactions arrive at once, handlers that do
their CPU work before their first await keep every reply waiting until the whole burst is
computed: in the probe, 999 of 1,000 missed the deadline.

So a /willai that finds more than ``defer_after`` others in flight first *defers* (a cheap
"thinking..." acknowledgement), then queues its CPU work on one worker that takes jobs in
arrival order and yields to the event loop between them, so acknowledgements and finished
answers keep leaving while the backlog is worked off. Below the threshold nothing changes: one
direct reply, one round trip. Beyond ``busy_after`` in flight, the newcomer is told, privately,
to try again in a few seconds, rather than wait in a queue it would time out of.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from scoring.messages import N_

T = TypeVar("T")

#: The reply to a /willai turned away because the backlog is full.
BUSY = N_("willai is answering a burst of questions right now: try again in a few seconds.")


class Backlog:
    """Counts /willai in flight, decides direct / deferred / busy, and runs the queued work."""

    def __init__(self, defer_after: int, busy_after: int) -> None:
        self.defer_after = defer_after
        self.busy_after = busy_after
        self.in_flight = 0
        self._jobs: asyncio.Queue[tuple[Callable[[], Any], asyncio.Future[Any]]] | None = None
        self._worker: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def entered(self) -> Iterator[int]:
        """Count one interaction in flight while the block runs; yields how many are."""
        self.in_flight += 1
        try:
            yield self.in_flight
        finally:
            self.in_flight -= 1

    def busy(self, position: int) -> bool:
        """Whether the interaction at ``position`` in flight should be turned away."""
        return position > self.busy_after

    def defer(self, position: int) -> bool:
        """Whether it should be acknowledged first and answered from the queue."""
        return position > self.defer_after

    async def run(self, job: Callable[[], T]) -> T:
        """``job()`` on the worker, after the jobs queued before it; its result or exception."""
        if self._jobs is None:
            self._jobs = asyncio.Queue()
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._work(self._jobs), name="willai-backlog")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._jobs.put_nowait((job, future))
        return await future

    @staticmethod
    async def _work(jobs: asyncio.Queue[tuple[Callable[[], Any], asyncio.Future[Any]]]) -> None:
        while True:
            job, future = await jobs.get()
            if not future.cancelled():
                try:
                    future.set_result(job())
                except Exception as exc:  # noqa: BLE001 - handed to the waiting handler
                    future.set_exception(exc)
            await asyncio.sleep(0)  # let acknowledgements and finished answers leave

    async def close(self) -> None:
        """Stop the worker (the bot is closing)."""
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
