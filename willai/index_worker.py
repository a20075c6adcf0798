"""The match index of a release being imported, laid out by a worker process meanwhile.

The index is built from the occupations and their labels alone. An import parses those first
(~1 s into the command, with the full data) and then spends ~3.5 s more on skills, relations,
scoring, storing and committing, after which it used to read them back and lay the index out
(~2 s, all Python). So it hands them to a worker process as soon as they are parsed
(`db.importer.LoadedLabels`), and the worker builds and writes the cache on the other core
while the import goes on.

The worker is a fresh interpreter (``python -m willai.index_worker``), not a fork: an import
may run inside the bot, beside its event loop, threads and sockets, and a fresh process starts
with none of them, holds only what it builds (a fork would be counted with all the parent's
pages) and works wherever Python does. The rows reach it through a private temporary file in
`marshal`'s format: the same interpreter writes and reads it, and it takes ~10 ms where pickle
takes ~80.

The worker writes the cache as any process would (`matching.stored.lay_out`: a lock, a
temporary folder renamed into place), under the identity the import computed for it. The
import then maps and checks it as every reader does (`willai.caches.lay_out_index`), and lays
the index out itself when the worker failed, so the worker can only save time, never give a
wrong index. An import that fails stops the worker; a cache it may already have written is
named by a release id and checksum that never served, and goes with the next prune. An import
killed outright (kill -9) takes its worker with it on Linux (``PR_SET_PDEATHSIG``): no orphan
goes on building for a release that will never serve.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import marshal
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from db.importer import LoadedLabels
    from matching.tables import Arrays

_ROOT = Path(__file__).resolve().parent.parent
"""Where this checkout's packages are: the worker imports the very code that started it."""
MIN_LABELS = 10_000
"""Fewer labels than this are laid out by the import itself, after the commit, as before.

Starting a worker costs ~0.25 s of CPU (an interpreter, numpy, the matcher's tables); the
build costs ~25 us a label (~2 s for the 85,000 of ESCO in four languages), so a worker pays
off from ~10,000 labels. ESCO in English alone has ~33,000.
"""
_STALE_INPUTS_SECONDS = 3600.0
"""Rows files older than this are left from a worker killed before it read them."""
_PR_SET_PDEATHSIG = 1
"""Linux's prctl option: the signal a process gets when the thread that started it ends."""
_WAIT_SECONDS = 300.0
"""Far longer than any build (~2 s on the full data): a worker past this is stuck, not slow."""


class WorkerTimes(NamedTuple):
    """How long a worker ran, and how long before the import needed it it was done.

    ``spare`` is 0 when the import had to wait for the worker. Both come from
    ``time.monotonic``, one clock for every process of a host, so the worker's own report of
    when it was done can be set against the import's record of when it started it.
    """

    seconds: float
    spare: float


class IndexWorker:
    """At most one worker process laying out the index of the release being imported."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self._process: subprocess.Popen[bytes] | None = None
        self._inputs: Path | None = None
        self._started = 0.0  # time.monotonic(): the clock the worker reports its end on

    @property
    def started(self) -> bool:
        """Whether a worker is under way (and `wait` has something to wait for)."""
        return self._process is not None

    def start(self, loaded: LoadedLabels) -> None:
        """Start laying out `loaded`'s index (an `import_bundle` ``labels_loaded`` hook).

        Without a cache folder there is nothing for a worker to write; for a small release
        (`MIN_LABELS`), or where no process can be started, the import lays the index out
        itself afterwards. Either way nothing is raised into the import.
        """
        if (
            self.cache_dir is None
            or self._process is not None
            or len(loaded.labels) < MIN_LABELS
            or not sys.executable  # an embedded interpreter: no command starts another
        ):
            return
        # Here, not at the top: a small release, laid out by the import itself, needs none of it.
        from matching.stored import index_identity  # noqa: PLC0415
        from willai.caches import cache_root, identity_of  # noqa: PLC0415

        root = cache_root(self.cache_dir)
        if root is None:
            return
        identity = index_identity(identity_of(loaded.release_id, loaded.checksum))
        try:
            root.mkdir(parents=True, exist_ok=True)
            _discard_stale_inputs(root)
            handle, name = tempfile.mkstemp(prefix=".labels-", suffix=".marshal", dir=root)
            self._inputs = Path(name)
            with os.fdopen(handle, "wb") as out:
                marshal.dump((loaded.occupations, loaded.labels), out)
            command = [
                sys.executable,
                "-m",
                "willai.index_worker",
                str(root),
                json.dumps(identity),
                str(self._inputs),
                str(os.getpid()),
            ]
            path = os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")]))
            self._started = time.monotonic()
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": path},
            )
        except (OSError, ValueError):
            self._discard_inputs()

    def wait(self) -> tuple[WorkerTimes, str | None]:
        """Wait for the worker: how long it ran, and why it failed (None if it did not).

        Also (no times, reason) when no worker was started.
        """
        process = self._process
        if process is None:
            return WorkerTimes(0.0, 0.0), "no worker was started"
        asked = time.monotonic()
        try:
            written, errors = process.communicate(timeout=_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.stop()
            return self._times(asked, None), "the worker took too long and was stopped"
        finally:
            self._discard_inputs()
        self._process = None
        if process.returncode != 0:
            lines = errors.decode("utf-8", "replace").strip().splitlines()
            why = lines[-1] if lines else f"exit code {process.returncode}"
            return self._times(asked, None), why
        return self._times(asked, written), None

    def _times(self, asked: float, written: bytes | None) -> WorkerTimes:
        """Its run from start to its cache written (as it reports), else until now."""
        now = time.monotonic()
        try:
            finished = float(written or b"")
        except ValueError:
            finished = now
        finished = min(max(finished, self._started), now)
        return WorkerTimes(finished - self._started, max(0.0, asked - finished))

    def stop(self) -> None:
        """Stop a worker still running (the import failed); harmless when there is none."""
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()
            process.communicate()
        self._discard_inputs()

    def _discard_inputs(self) -> None:
        if self._inputs is not None:
            self._inputs.unlink(missing_ok=True)
            self._inputs = None

    def __enter__(self) -> IndexWorker:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _discard_stale_inputs(root: Path) -> None:
    """Remove rows files that workers killed before reading them left behind."""
    now = time.time()
    for stale in root.glob(".labels-*.marshal"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > _STALE_INPUTS_SECONDS:
                stale.unlink()


def end_with(parent: int) -> bool:
    """Have this process killed when `parent` dies (Linux); False if it is gone already.

    The signal comes when the thread that started this process ends, so the importing thread
    waits for its worker (`IndexWorker.wait`) before it returns. Elsewhere the worker of a
    killed import finishes its build alone, which is harmless.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    return os.getppid() == parent


def lay_out(root: Path, identity: Mapping[str, str], inputs: Path) -> None:
    """The worker's job: build the index of the rows in `inputs` and cache it under `root`.

    `identity` is the one the import will check the cache against. The rows file is removed
    once read: what a killed import cannot clean up, its worker does.
    """
    # Here, not at the top: the importing process needs only `IndexWorker`.
    from matching import stored  # noqa: PLC0415
    from matching.build import build_arrays  # noqa: PLC0415
    from matching.types import LabelRecord, OccupationRecord  # noqa: PLC0415

    with inputs.open("rb") as handle:
        occupations, labels = marshal.load(handle)  # noqa: S302 - our own file, just written
    inputs.unlink(missing_ok=True)
    rows = deque(labels)
    del labels

    def build() -> Arrays:
        # Each label row goes as its record is made: this process runs beside the import, and
        # the host holds both at once.
        return build_arrays(
            [OccupationRecord(*row) for row in occupations],
            (LabelRecord(*rows.popleft()) for _ in range(len(rows))),
        )

    stored.lay_out(root, identity, build)


def main(argv: list[str]) -> int:
    """``python -m willai.index_worker ROOT IDENTITY INPUTS PARENT_PID``; 0 once written."""
    if len(argv) != 4 or not argv[3].isdigit():
        sys.stderr.write("usage: python -m willai.index_worker ROOT IDENTITY INPUTS PARENT_PID\n")
        return 2
    root, identity, inputs, parent = argv
    if not end_with(int(parent)):
        sys.stderr.write("the importing process is gone\n")
        return 1
    try:
        lay_out(Path(root), json.loads(identity), Path(inputs))
    except Exception as exc:  # noqa: BLE001 - one line for the importing process to log
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return 1
    sys.stdout.write(f"{time.monotonic()}\n")  # when it was written: `IndexWorker.wait`
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
