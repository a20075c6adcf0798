"""Settling the heap: a release leaves the collector's passes, its garbage does not stay."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot.client import settle_heap  # the real one: tests/conftest.py swaps the module's name


class Node:
    """Something the collector tracks, that can be part of a reference cycle."""

    def __init__(self) -> None:
        self.other: Node | None = None


def _garbage_cycle() -> weakref.ref[Node]:
    """A reference cycle nothing else holds: only the cyclic collector can free it."""
    first, second = Node(), Node()
    first.other, second.other = second, first
    return weakref.ref(first)


@pytest.fixture
def thawed() -> Iterator[None]:
    """Start and end with nothing frozen, as a bot process starts, whatever ran before."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("thawed")
def test_settling_freezes_what_the_release_holds() -> None:
    release = [Node() for _ in range(100)]
    settle_heap()
    assert gc.get_freeze_count() >= len(release)


@pytest.mark.usefixtures("thawed")
def test_settling_frees_the_garbage_before_freezing() -> None:
    left_behind = _garbage_cycle()  # what a previous release leaves: cycles no one holds
    settle_heap()
    assert left_behind() is None


@pytest.mark.usefixtures("thawed")
def test_a_forked_process_keeps_its_inherited_heap_frozen() -> None:
    inherited = _garbage_cycle()
    gc.freeze()  # the launcher froze its heap before the fork (bot/processes.py)
    settle_heap(keep_frozen=True)
    # Not thawed: thawing would make the collector write to every inherited page. The price
    # is the few cycles frozen with it, which stay.
    assert inherited() is not None
