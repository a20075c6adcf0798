"""Store faults end as one line and a non-zero exit, quickly; a read-only store still answers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.engine import (
    CONNECT_TIMEOUT_SECONDS,
    STATEMENT_TIMEOUT_MS,
    StoreUnavailableError,
    make_engine,
)
from db.importer import import_bundle
from db.sources import gather_bundle
from tests.bundle_factory import write_bundle
from tests.conftest import POSTGRES_URL, Cli, run_cli

#: The issue's bound: a fault is reported within this many seconds.
WITHIN_SECONDS = 15


def one_line_failure(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "url",
    ["mysql://root@127.0.0.1/test", "oracle://x@y/z", "postgresql+asyncpg://u@h/d"],
)
def test_an_unsupported_scheme_is_refused_with_what_works(
    cli: Cli, url: str, tmp_path: Path
) -> None:
    line = one_line_failure(cli("data", "status", env={"DATABASE_URL": url}, cwd=tmp_path))
    assert "postgresql://" in line
    assert "sqlite:///" in line


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_postgres_aliases_mean_psycopg(database_url: str, scheme: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    engine = make_engine(scheme + "://" + database_url.split("://", 1)[1])  # its own schema
    assert engine.dialect.driver == "psycopg"


@pytest.mark.parametrize(
    "path", ["/proc/willai/store.sqlite", "/proc/self/status/store.sqlite", "/dev/null/x.sqlite"]
)
def test_a_sqlite_path_that_cannot_be_created_is_one_line(
    cli: Cli, path: str, tmp_path: Path
) -> None:
    result = cli("data", "status", env={"DATABASE_URL": f"sqlite:///{path}"}, cwd=tmp_path)
    assert "cannot open the store" in one_line_failure(result)


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP port that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_the_default_connect_timeout_is_within_the_bound() -> None:
    assert CONNECT_TIMEOUT_SECONDS < WITHIN_SECONDS


@pytest.mark.parametrize("command", [("data", "status"), ("ask", "nurse")])
def test_a_server_that_never_answers_is_one_line_within_the_bound(
    silent_server: int, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A real process, so a hang ends in the subprocess timeout rather than a stuck suite."""
    env = {
        "DATABASE_URL": f"postgresql://willai@127.0.0.1:{silent_server}/willai",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    started = time.monotonic()
    result = run_cli(*command, env=env, cwd=tmp_path, timeout=WITHIN_SECONDS * 2)
    assert time.monotonic() - started < WITHIN_SECONDS
    assert "cannot open the store" in one_line_failure(result)


def test_make_engine_gives_up_on_a_silent_server(silent_server: int) -> None:
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError):
        make_engine(f"postgresql://u@127.0.0.1:{silent_server}/d", connect_timeout=1)
    assert time.monotonic() - started < WITHIN_SECONDS


@pytest.fixture
def imported_store() -> Iterator[Path]:
    """A store with the small bundle, in a folder any user may read.

    The writer's engine is disposed, as when an import process exits: its last connection
    folds the write-ahead log into the file, which a read-only (immutable) opening reads alone.
    """
    folder = Path(tempfile.mkdtemp(prefix="willai-ro-"))
    folder.chmod(0o755)
    store = folder / "store.sqlite"
    engine = make_engine(f"sqlite:///{store}")
    import_bundle(engine, gather_bundle([str(write_bundle(folder))], folder))
    engine.dispose()
    yield store
    shutil.rmtree(folder)


def test_a_store_opened_with_mode_ro_answers(cli: Cli, imported_store: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{imported_store}?mode=ro"}
    result = cli("ask", "roofer", "--json", env=env, cwd=imported_store.parent)
    assert result.returncode == 0, result.stderr


def test_a_read_only_store_refuses_imports_in_one_line(cli: Cli, imported_store: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{imported_store}?mode=ro"}
    bundle = imported_store.parent / "v1.1.1"
    result = cli("data", "import", str(bundle), "--force", env=env, cwd=imported_store.parent)
    assert "read-only" in one_line_failure(result)


def _make_unwritable(path: Path) -> None:
    """chmod for a normal user; for root (who may write any mode) the immutable attribute."""
    path.chmod(0o444)
    if os.geteuid() != 0:
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file unwritable")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i unsupported here: {done.stderr.decode().strip()}")


def test_a_store_file_this_user_cannot_write_still_answers(cli: Cli, imported_store: Path) -> None:
    _make_unwritable(imported_store)
    try:
        env = {"DATABASE_URL": f"sqlite:///{imported_store}"}
        result = cli("ask", "roofer", "--json", env=env, cwd=imported_store.parent)
    finally:
        subprocess.run(["chattr", "-i", str(imported_store)], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not POSTGRES_URL, reason="WILLAI_TEST_POSTGRES_URL is not set")
def test_the_statement_timeout_joins_the_urls_own_options(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    engine = make_engine(database_url)  # the fixture's URL sets a search_path in its options
    with engine.connect() as conn:
        search_path = conn.exec_driver_sql("SHOW search_path").scalar_one()
        timeout = conn.exec_driver_sql("SHOW statement_timeout").scalar_one()
    assert search_path.startswith("t_")
    assert (timeout, STATEMENT_TIMEOUT_MS) == ("1min", 60_000)
