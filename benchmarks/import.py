"""Import speed: the whole `willai data import` of the full ESCO data vs the sqlite3 shell.

Both load the same CSV files into a fresh SQLite file, run after run in turn, so the ratio holds
on whatever machine runs it. Each willai run is a whole process (interpreter start, imports,
parsing, loading, scoring, commit, laying out the match index and the scores cache in a fresh
CACHE_DIR, as an import on a new host does), timed from outside; its report splits the time
by phase. The match index is laid out by a worker process while the import goes on
(`willai.index_worker`): its time is shown apart, with how long before the import needed it
the worker was done, and the phase in the sum is the wait for it.
Memory: the two run at once, so what the host needs is their sum, read from /proc every 20 ms
as the sum of their PSS (shared pages, such as the interpreter's, split between them); the
highest RSS of either alone is shown beside it (wait4 counts the children it waited for).
Run from the repository root: `python benchmarks/import.py [runs]`.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._data import FULL_SOURCES, REPO, require_shared_data
from db.bundle import Bundle, add_directory

RUNS = 5
TARGET_RATIO = 4.0  # the whole command, against the sqlite3 shell
TARGET_RSS_MB = 300
MEMORY_RUNS = 3  # more runs, not timed, reading the memory of the command and its worker
SAMPLE_SECONDS = 0.02  # how often they read it


@dataclass
class Run:
    """One whole process: its wall time, its memory, what it printed."""

    seconds: float
    peak_rss: float  # MB: the highest of the process and each child it waited for
    peak_pss: float  # MB: the highest sum of the PSS of the process and its children
    output: str


def _pss(pid: int) -> float:
    """PSS of one process in MB (0 once it is gone): shared pages split between their users."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def _run(
    command: list[str],
    scratch: Path,
    env: dict[str, str] | None = None,
    stdin: str = "",
    *,
    sample: bool = False,
) -> Run:
    """Run one child process to its end; with `sample`, read what it and its children hold.

    Reading a process's PSS walks its page tables (~5 ms for 200 MB), so the timed runs do
    not sample: sampling every 20 ms would take a core's worth of time from the two measured.
    """
    out_path = scratch / "stdout.txt"
    peak_pss = 0.0
    with out_path.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdin is not None
        process.stdin.write(stdin)
        process.stdin.close()
        while sample:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            together = _pss(process.pid) + sum(map(_pss, _children(process.pid)))
            peak_pss = max(peak_pss, together)
            time.sleep(SAMPLE_SECONDS)
        else:
            _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{command[0]} failed with exit code {process.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024, peak_pss, out_path.read_text())


#: The report's timings, grouped as the table shows them; the rest of the whole command is
#: interpreter start, imports, reading the sources and exiting.
PHASES = (
    ("parse, validate, insert", ("checksum", "load")),
    ("score every occupation", ("score",)),
    ("store the scores", ("store_scores",)),
    ("commit, remove older releases", ("commit", "purge")),
    ("wait for the match index, check it", ("match index",)),
    ("cache the scores", ("scores cache",)),
)
#: Work done beside the phases above, on the other core, not part of their sum.
BESIDE = (
    ("lay out the match index (worker process)", ("match index worker",)),
    ("  done this long before the import needed it", ("match index worker spare",)),
)


def _csv_files() -> list[Path]:
    files = []
    for source in FULL_SOURCES:
        bundle = Bundle()
        add_directory(bundle, source)
        files += [source / f.name for f in bundle.files]
    return files


def _import(scratch: Path, name: str, *, sample: bool = False) -> Run:
    """`willai data import` of the full data into a fresh store and a fresh CACHE_DIR."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{scratch / f'{name}.sqlite'}",
        # A cache of its own per run, as on a new host: a cache left by the run before (same
        # release id and checksum) would skip laying out the match index.
        "CACHE_DIR": str(scratch / f"cache-{name}"),
        "PYTHONPATH": str(REPO),
    }
    command = [sys.executable, "-m", "willai", "data", "import", "--json", *map(str, FULL_SOURCES)]
    return _run(command, scratch, env=env, sample=sample)


def main() -> None:
    require_shared_data()
    if shutil.which("sqlite3") is None:
        sys.exit("the sqlite3 command-line shell is needed for the baseline")
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    files = _csv_files()
    script = ".mode csv\n" + "".join(f".import '{p}' t{i}\n" for i, p in enumerate(files))
    wall: list[float] = []
    rss: list[float] = []
    baseline: list[float] = []
    phases: dict[str, list[float]] = {name: [] for name, _ in (*PHASES, *BESIDE)}
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        for run in range(runs):
            willai = _import(scratch, f"timed{run}")
            timings = json.loads(willai.output)["timings"]
            wall.append(willai.seconds)
            rss.append(willai.peak_rss)
            for name, keys in (*PHASES, *BESIDE):
                phases[name].append(sum(timings.get(key, 0.0) for key in keys))
            raw = _run(["sqlite3", str(scratch / f"raw{run}.sqlite")], scratch, stdin=script)
            baseline.append(raw.seconds)
        pss = [
            _import(scratch, f"sampled{run}", sample=True).peak_pss for run in range(MEMORY_RUNS)
        ]

    base = statistics.median(baseline)
    size = sum(p.stat().st_size for p in files) / 1e6
    print(f"input: {len(files)} CSV files, {size:.1f} MB; medians of {runs} whole runs")

    def line(name: str, values: list[float]) -> None:
        median = statistics.median(values)
        runs_shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:44s} {median:6.2f} s  {median / base:5.2f}x  ({runs_shown})")

    line("sqlite3 shell .import of the same files", baseline)
    print("  willai data import, by phase (its own report):")
    for name, _ in PHASES:
        line(f"  {name}", phases[name])
    print("  beside those, on the other core:")
    for name, _ in BESIDE:
        line(f"  {name}", phases[name])
    line("willai data import, the whole command", wall)
    ratio = statistics.median(wall) / base
    print(
        f"whole command vs sqlite3: {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x) "
        f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}"
    )
    print(
        f"peak RSS of one process (the command or its worker): median "
        f"{statistics.median(rss):.0f} MB, highest {max(rss):.0f} MB"
    )
    print(
        f"peak of the command and its worker together (sum of PSS, read every "
        f"{SAMPLE_SECONDS * 1000:.0f} ms in {MEMORY_RUNS} more runs, not timed): median "
        f"{statistics.median(pss):.0f} MB, highest "
        f"{max(pss):.0f} MB (target <= {TARGET_RSS_MB} MB) "
        f"{'OK' if max(pss) <= TARGET_RSS_MB else 'OVER TARGET'}"
    )


if __name__ == "__main__":
    main()
