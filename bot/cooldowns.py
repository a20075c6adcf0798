"""A per-user rate limit whose cost does not grow with the number of users.

discord.py's cooldown decorators sweep every user's bucket on each command, a cost that grows
with everyone who asked in the last window. Here every user gets the same window, so the
oldest entries are always first in the dict and expire from the front: each command costs a
dictionary lookup, however many people ask.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from discord import app_commands


class PerUserCooldown:
    """One use per user per ``seconds``; a refused use does not restart the wait."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._last_use: dict[int, float] = {}  # insertion order is time order

    def __len__(self) -> int:
        """Users still waiting: the memory this costs."""
        self._expire(self._clock())
        return len(self._last_use)

    def retry_after(self, user_id: int) -> float:
        """0.0 and the use is recorded, or the seconds this user still has to wait."""
        if self.seconds <= 0:
            return 0.0
        now = self._clock()
        self._expire(now)
        last = self._last_use.get(user_id)
        if last is not None:
            return self.seconds - (now - last)
        self._last_use[user_id] = now
        return 0.0

    def check(self, user_id: int) -> None:
        """Record a use, or refuse it the way discord.py's cooldowns do (one error handler)."""
        retry_after = self.retry_after(user_id)
        if retry_after > 0:
            raise app_commands.CommandOnCooldown(
                app_commands.Cooldown(1, self.seconds), retry_after
            )

    def _expire(self, now: float) -> None:
        last_use = self._last_use
        while last_use:
            user_id, used_at = next(iter(last_use.items()))
            if now - used_at < self.seconds:
                return
            del last_use[user_id]
