"""How fast the terminal answers: whole `willai` processes, next to bare-interpreter baselines.

Every command runs as its own process, five times; the figure is the median wall time, and
the peak RSS of the process (its own `wait4` rusage). Each runs once unmeasured first, which
also writes willai's bytecode caches (PYTHONDONTWRITEBYTECODE is dropped for the commands).
Baselines run in the same loop, turn by turn with the commands, so a busy moment of a shared
machine slows both alike:

- `python -c pass`, `python -c "import typer"`: the floor of `willai --help`;
- a minimal two-command typer app's `--help`: what typer itself adds to any `--help` (it
  formats help with rich, which it imports only then), so the part that is willai's shows;
- `python -c "import sqlite3, numpy"`: the floor of an answer read from a SQLite store;
- `python -c "import willai.runtime, willai.service"`: the modules `willai ask` needs, to
  show how much of an answer is imports and how much is work.

`willai ask "nurse"` runs on the full data (en, fr, de, es) in `.bench-cache/full.sqlite`
with CACHE_DIR at `.bench-cache/`, where the match index is laid out before the run (a warm
store and a warm cache, as after `willai data import`).

    python -m benchmarks.cli_speed [--runs 5]

Targets (issue 14): ask <= 0.6 s and <= 3x `import sqlite3, numpy`, peak RSS <= 150 MB;
--help <= 0.25 s and <= 2x `import typer`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

ASK_TARGET_S = 0.6
ASK_RATIO = 3.0
ASK_RSS_MB = 150.0
HELP_TARGET_S = 0.25
HELP_RATIO = 2.0


@dataclass(frozen=True, slots=True)
class Run:
    """One process: wall seconds and peak RSS in MB."""

    seconds: float
    peak_mb: float


MINIMAL_TYPER_APP = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def ask(title: str) -> None:
    \"\"\"Ask.\"\"\"
@app.command()
def match(title: str, top: int = 5) -> None:
    \"\"\"Match.\"\"\"
app()
"""
"""The smallest typer program whose `--help` typer renders as it renders willai's."""

LAUNCHER = """
import os, sys, time
started = time.perf_counter()
quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=quiet)
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""
"""Starts one command and reports its wall time, peak RSS (kB) and exit status.

A small interpreter of its own (`python -S`): the peak RSS `wait4` reports includes the
memory of the process that started the command, and this benchmark's own is ~100 MB.
"""


def run_once(argv: list[str], env: dict[str, str]) -> Run:
    """Run `argv` through `LAUNCHER` and read what it measured."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: nothing blocks the child
        done = subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, *argv],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=errors,
            check=False,
            text=True,
        )
        seconds, peak_kb, status = done.stdout.split()
        if done.returncode or int(status) not in {0, 1}:  # 1: a did-you-mean, still an answer
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip()
            raise SystemExit(f"{' '.join(argv)} failed ({status}): {said}")
    return Run(float(seconds), int(peak_kb) / 1024)  # Linux reports kB


def measure(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, Run]:
    """Median wall time and median peak RSS per command, the commands taking turns."""
    samples: dict[str, list[Run]] = {name: [] for name in commands}
    for argv in commands.values():  # one unmeasured run each: page cache, .pyc files
        run_once(argv, env)
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(run_once(argv, env))
    return {
        name: Run(
            statistics.median(r.seconds for r in found), statistics.median(r.peak_mb for r in found)
        )
        for name, found in samples.items()
    }


def warm_cache(database_url: str, cache_dir: Path) -> None:
    """Lay out the match index and scores in CACHE_DIR, as `willai data import` does."""
    from db.store import Store
    from willai import caches

    caches.prepare(Store.from_url(database_url), cache_dir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from benchmarks._data import CACHE, full_store_url

    database_url = full_store_url()
    warm_cache(database_url, CACHE)
    python = sys.executable
    willai = str(Path(python).parent / "willai")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CACHE_DIR": str(CACHE),
        "NO_COLOR": "1",
        "PYTHONPATH": str(REPO),
    }
    env.pop("ESCO_SOURCE", None)
    # The unmeasured first run writes willai's .pyc files, as any installed program has them
    # (pip compiles site-packages when it installs, numpy's included); with this set, as some
    # shells and sandboxes do, every run would compile willai's sources afresh, ~30 ms of an
    # answer that no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "python -c 'import typer'": [python, "-c", "import typer"],
        "minimal typer app --help": [python, "-c", MINIMAL_TYPER_APP, "--help"],
        "python -c 'import sqlite3, numpy'": [python, "-c", "import sqlite3, numpy"],
        "python -c 'import willai.runtime, willai.service'": [
            python,
            "-c",
            "import willai.runtime, willai.service",
        ],
        "willai --help": [willai, "--help"],
        'willai ask "nurse"': [willai, "ask", "nurse"],
    }
    found = measure(commands, env, args.runs)
    print(f"median of {args.runs} runs, each a whole process")
    for name, run in found.items():
        print(f"  {name:<52} {run.seconds:6.3f} s   peak RSS {run.peak_mb:6.1f} MB")

    ask, floor = found['willai ask "nurse"'], found["python -c 'import sqlite3, numpy'"]
    helped, typer_floor = found["willai --help"], found["python -c 'import typer'"]
    typer_help = found["minimal typer app --help"]
    imports = found["python -c 'import willai.runtime, willai.service'"]
    print(
        f'willai ask "nurse": {ask.seconds:.3f} s (target <= {ASK_TARGET_S:g} s), '
        f"{ask.seconds / floor.seconds:.1f}x import sqlite3, numpy (target <= {ASK_RATIO:g}x), "
        f"peak RSS {ask.peak_mb:.0f} MB (target <= {ASK_RSS_MB:g} MB); of which importing "
        f"willai.runtime and willai.service alone takes {imports.seconds:.3f} s"
    )
    print(
        f"willai --help: {helped.seconds:.3f} s (target <= {HELP_TARGET_S:g} s), "
        f"{helped.seconds / typer_floor.seconds:.1f}x import typer (target <= {HELP_RATIO:g}x), "
        f"{helped.seconds / typer_help.seconds:.2f}x a minimal typer app's --help"
    )
    ok = (
        ask.seconds <= ASK_TARGET_S
        and ask.seconds <= ASK_RATIO * floor.seconds
        and ask.peak_mb <= ASK_RSS_MB
        and helped.seconds <= HELP_TARGET_S
        and helped.seconds <= HELP_RATIO * typer_floor.seconds
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
