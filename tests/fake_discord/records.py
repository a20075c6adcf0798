"""What the fake remembers about traffic, and how tests wait on it without sleeping.

Every wait here is driven by an :class:`asyncio.Event` that the server pulses when
something relevant changes, so tests block exactly as long as the bot needs and a
timeout only fires when the bot really did not answer.
"""

# ASYNC109: the public wait API takes `timeout=` by design (the brief's `wait_response(timeout=5)`).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .payloads import MESSAGE_FLAG_LOADING

if TYPE_CHECKING:
    from .server import FakeDiscord

# Interaction callback types (https://discord.com/developers/docs/interactions/receiving-and-responding).
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9


@dataclass(slots=True)
class UploadedFile:
    """One file part of a multipart request (``files[n]``)."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(slots=True)
class RequestRecord:
    """One HTTP request the bot made, kept so failures can show what happened."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[UploadedFile]
    at: float
    status: int = 0


class Changed:
    """A broadcast "something changed" signal that many waiters can share."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def pulse(self) -> None:
        """Wake every current waiter; later waiters wait for the next pulse."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        """Return once ``condition()`` holds, re-checking after each pulse."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
            event = self._event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                if condition():
                    return
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}") from None


@dataclass(eq=False)
class InteractionRecord:
    """One interaction the test dispatched and everything the bot did in reply.

    ``callback`` is the parsed body of ``POST /interactions/{id}/{token}/callback``;
    ``edits`` are the bodies of ``PATCH .../messages/@original``; ``followups`` the
    bodies of ``POST /webhooks/{app_id}/{token}``. ``dispatched_at``/``callback_at``
    are :func:`time.perf_counter` values taken when the INTERACTION_CREATE frame was
    written and when the callback request arrived, for latency benchmarks.
    """

    fake: FakeDiscord = field(repr=False)
    id: int
    token: str
    type: int
    payload: dict[str, Any] = field(repr=False)
    dispatched_at: float = 0.0
    callback_at: float | None = None
    callback: dict[str, Any] | None = None
    callback_files: list[UploadedFile] = field(default_factory=list, repr=False)
    edits: list[dict[str, Any]] = field(default_factory=list, repr=False)
    edit_files: list[list[UploadedFile]] = field(default_factory=list, repr=False)
    followups: list[dict[str, Any]] = field(default_factory=list, repr=False)
    followup_message_ids: list[int] = field(default_factory=list, repr=False)
    original_message_id: int | None = None
    original_deleted: bool = False
    final_at: float | None = None
    rejected: dict[str, Any] | None = field(default=None, repr=False)

    # -- derived views -------------------------------------------------------------

    @property
    def callback_type(self) -> int | None:
        """The interaction response type the bot chose (4, 5, 6, 7, 8, 9...)."""
        return None if self.callback is None else int(self.callback["type"])

    @property
    def callback_data(self) -> dict[str, Any]:
        """The ``data`` object of the callback (empty for plain defers)."""
        if self.callback is None:
            return {}
        return self.callback.get("data") or {}

    @property
    def latency(self) -> float | None:
        """Seconds from writing INTERACTION_CREATE to receiving the callback."""
        if self.callback_at is None:
            return None
        return self.callback_at - self.dispatched_at

    @property
    def message(self) -> dict[str, Any] | None:
        """Current state of the response message (after edits), if there is one."""
        if self.original_message_id is None:
            return None
        return self.fake.messages.get(self.original_message_id)

    @property
    def followup_messages(self) -> list[dict[str, Any]]:
        """Current state of each follow-up message, in send order."""
        return [self.fake.messages[mid] for mid in self.followup_message_ids]

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices (callback type 8)."""
        return list(self.callback_data.get("choices", []))

    def is_resolved(self) -> bool:
        """Whether the user would now see a final answer (not "thinking...")."""
        ctype = self.callback_type
        if ctype is None:
            return False
        if ctype == DEFERRED_CHANNEL_MESSAGE:
            msg = self.message
            return msg is not None and not (msg.get("flags", 0) & MESSAGE_FLAG_LOADING)
        if ctype == DEFERRED_UPDATE_MESSAGE:
            return bool(self.edits or self.followups)
        return True

    # -- waiting -------------------------------------------------------------------

    async def wait_response(self, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for the interaction callback and return its parsed body."""
        await self.fake.changed.wait_until(
            lambda: self.callback is not None,
            timeout,
            f"the callback for {self.describe()}{self.fake.describe_traffic()}",
        )
        assert self.callback is not None
        return self.callback

    async def wait_final(
        self,
        timeout: float = 5.0,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> dict[str, Any]:
        """Wait until the user-visible answer is settled and return that message.

        For type 4/7 that is the callback message; for a deferred type 5 it is the
        original message once an edit (or the first follow-up) replaced "thinking";
        for type 6 it is the component message after the first edit/follow-up. A
        handler that edits several times can pass ``predicate`` to wait for the edit
        it cares about. For autocomplete/modal callbacks the callback ``data`` is
        returned.
        """

        def ready() -> bool:
            if not self.is_resolved():
                return False
            if self.callback_type in (AUTOCOMPLETE_RESULT, MODAL):
                return True
            msg = self._final_message()
            return msg is not None and (predicate is None or predicate(msg))

        await self.fake.changed.wait_until(
            ready, timeout, f"the final answer to {self.describe()}{self.fake.describe_traffic()}"
        )
        if self.callback_type in (AUTOCOMPLETE_RESULT, MODAL):
            return self.callback_data
        msg = self._final_message()
        assert msg is not None
        return msg

    async def wait_edits(self, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until at least ``count`` PATCHes to @original arrived."""
        await self.fake.changed.wait_until(
            lambda: len(self.edits) >= count, timeout, f"{count} edit(s) of {self.describe()}"
        )
        return self.edits

    async def wait_followups(self, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until at least ``count`` follow-up messages were posted."""
        await self.fake.changed.wait_until(
            lambda: len(self.followups) >= count,
            timeout,
            f"{count} follow-up(s) to {self.describe()}",
        )
        return self.followup_messages

    def _final_message(self) -> dict[str, Any] | None:
        msg = self.message
        if msg is None and self.followup_message_ids:
            return self.followup_messages[-1]
        return msg

    def describe(self) -> str:
        """Short human description used in timeout messages."""
        data = self.payload.get("data", {})
        what = data.get("name") or data.get("custom_id") or "?"
        return f"interaction {self.id} (type {self.type}, {what!r})"
