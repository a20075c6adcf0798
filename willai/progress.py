"""Import progress: a rich bar on a terminal, plain log lines everywhere else."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from db.importer import Progress as ProgressCallback

log = logging.getLogger("willai.import")
LOG_EVERY_SECONDS = 2.0


@contextmanager
def import_progress(*, interactive: bool | None = None) -> Iterator[ProgressCallback]:
    """Yield the callback the importer reports to, shown in the way that suits the output."""
    if interactive is None:
        interactive = sys.stderr.isatty()
    if not interactive:
        yield _LogProgress()
        return
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        # A share, not a count: steps count bytes, occupations, score rows or web pages, and a
        # step of unknown length (committing) shows its name alone.
        TextColumn("{task.fields[share]:>4}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("importing", total=None, share="")
    with bar:

        def update(phase: str, done: int, total: int) -> None:
            bar.update(
                task,
                description=_short(phase),
                completed=done if total else 0,
                total=total or 1,
                share=f"{done / total:.0%}" if total else "",
            )

        yield update


class _LogProgress:
    """Logs a line per phase and at most one every few seconds in between.

    A step of unknown length (total 0, e.g. committing) is logged by its name alone.
    """

    def __init__(self) -> None:
        self._phase = ""
        self._last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase != self._phase or now - self._last >= LOG_EVERY_SECONDS:
            self._phase, self._last = phase, now
            if total:
                log.info("import: %s (%s)", phase, f"{done / total:.0%}")
            else:
                log.info("import: %s", phase)


def _short(phase: str) -> str:
    return phase if len(phase) <= 40 else "…" + phase[-39:]
