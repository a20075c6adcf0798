"""Handing freed memory back is safe to call anywhere, any number of times."""

from __future__ import annotations

from willai.memory import return_freed_memory


def test_returning_freed_memory_never_fails() -> None:
    junk = [bytes(1000) for _ in range(10_000)]
    del junk
    return_freed_memory()
    return_freed_memory()
