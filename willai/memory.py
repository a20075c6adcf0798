"""Giving memory back to the system between the phases of a long job.

Python frees what an import phase built, but glibc's allocator keeps most of it: once a large
block has been freed, it serves later large blocks (numpy arrays, SQLite's page cache) from
its heap, and a heap with one live block near its top cannot shrink. An import then lays out
the match index on top of ~130 MB that is free yet still counted in its RSS. ``malloc_trim``
hands every free page back (measured on the full data: 283 MB -> 148 MB between the load and
the index). Where there is no glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from functools import cache

log = logging.getLogger(__name__)


@cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        _ = libc.malloc_trim  # musl and others have no such function
    except (OSError, AttributeError):
        return None
    return libc


def return_freed_memory() -> None:
    """Hand the allocator's free pages back to the system (glibc only; otherwise a no-op)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
